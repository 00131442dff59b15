package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/model"
)

// FuzzLoad checks that Parse never panics, that every error it reports is
// an ErrorList whose items all have a position, and that whatever it
// accepts also builds, in every variant. Seeds: the bundled scenarios but
// the largest, the bad corpus, and a scenario with variants.
// Crashers found by go test -fuzz are kept in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	const maxSeed = 16 << 10 // bytes
	for _, b := range Bundled() {
		data, _ := BundledYAML(b.Name)
		if len(data) > maxSeed {
			continue // rq-network: too slow to mutate; two-echelon covers its features
		}
		f.Add(data)
	}
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, file := range bad {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(fuzzVariants))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList: %v", err, err)
			}
			if len(list) == 0 {
				t.Fatal("empty ErrorList returned as an error")
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 || e.File != "fuzz.yaml" {
					t.Errorf("error without a position: %q", e.Error())
				}
			}
			return
		}
		if _, err := s.Build(); err != nil {
			t.Errorf("Parse accepted a scenario that Build rejects: %v", err)
		}
		for _, v := range s.Variants {
			vs, err := s.Variant(v.Name)
			if err != nil {
				t.Fatalf("Parse accepted variant %s, which does not apply: %v", v.Name, err)
			}
			if _, err := vs.Build(); err != nil {
				t.Errorf("Parse accepted variant %s, which Build rejects: %v", v.Name, err)
			}
		}
	})
}

// fuzzVariants seeds variants whose overrides use every kind of path.
const fuzzVariants = `name: fuzz-variants
horizon: 100
items:
  - {name: widget, holding_cost: 0.01, order_cost: 10}
suppliers:
  - {name: factory, lead_time: 4}
sites:
  - name: store
    stock:
      - item: widget
        source: factory
        policy: &p {type: rq, reorder_point: 36, order_quantity: 40}
        demand: [{rate: 8}, {name: web, rate: 2, stockout: lost_sale}]
variants:
  - name: a
    description: by name
    set:
      sites[store-a].stock[widget].policy.reorder_point: 30
      suppliers[factory].capacity: 100
  - name: b
    set:
      sites[0].stock[0].policy: {type: eoq, safety_stock: 5}
      sites[0].stock[0].demand[web].rate: 3
      suppliers[0].lead_time: {type: gamma, mean: 4, sd: 1}
  - name: c
    set:
      sites[store-a].stock[widget].lane: {transit: 2, unit_cost: 1}
      sites[store-a].stock[widget].policy: *p
`

// FuzzHistory checks the demand history reader: it never panics, every
// error is positioned in the CSV file and quotes at most a short excerpt
// of it, and what it accepts is a history package model takes, with days
// from 0 to the span. Crashers are kept in testdata/fuzz/FuzzHistory.
func FuzzHistory(f *testing.F) {
	for _, name := range BundledDataNames() {
		data, _ := BundledData(name)
		f.Add(data)
	}
	csvs, _ := filepath.Glob("testdata/bad/*.csv")
	for _, file := range csvs {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\ufeffdate,item,site,quantity\n1969-12-31,a,s,3\n1970-01-01,a,,0\n"))
	f.Add([]byte("quantity,date,item\n5,0,a\n2,999999,a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		df := &demandFile{path: "fuzz.csv"}
		df.parse(data)
		if len(df.errs) > 0 {
			if len(df.errs) > maxCSVErrors {
				t.Errorf("%d errors, want at most %d", len(df.errs), maxCSVErrors)
			}
			for _, e := range df.errs {
				if e.File != "fuzz.csv" || e.Line < 1 || e.Col < 1 {
					t.Errorf("error without a position: %q", e.Error())
				}
				if len(e.Msg) > 400 {
					t.Errorf("error of %d bytes quotes too much: %.400q", len(e.Msg), e.Msg)
				}
				if hasControl(e.Error()) {
					t.Errorf("error holds control characters: %q", e.Error())
				}
			}
			if len(df.rows) > 0 && len(df.errs) == 0 {
				t.Error("rows kept from a file with errors")
			}
			return
		}
		if len(df.rows) == 0 || df.span < 1 || df.span > maxDayNumber {
			t.Fatalf("accepted a file with %d rows and span %d", len(df.rows), df.span)
		}
		days, qty := make([]int64, len(df.rows)), make([]int64, len(df.rows))
		for i, r := range df.rows {
			if r.day < 0 || int64(r.day) >= df.span || r.qty < 0 || r.qty > maxQuantity {
				t.Fatalf("row %d: day %d (span %d), quantity %d", i, r.day, df.span, r.qty)
			}
			if r.item <= 0 || int(r.item) >= len(df.names) || r.site < 0 || int(r.site) >= len(df.names) {
				t.Fatalf("row %d: names %d, %d of %d", i, r.item, r.site, len(df.names))
			}
			days[i], qty[i] = int64(r.day), int64(r.qty)
		}
		if len(days) <= maxDayNumber {
			if _, err := model.NewHistory(days, qty, df.span); err != nil {
				t.Errorf("accepted a history that model rejects: %v", err)
			}
		}
	})
}

// FuzzOverride checks --set: ParseOverride never panics and its errors
// name --set; applying what it parses to a bundled scenario (with
// [Scenario.With]) never panics, its errors are positioned in the
// scenario's file and name --set, and what it accepts builds.
func FuzzOverride(f *testing.F) {
	data, _ := BundledYAML("what-if")
	base, err := parse("what-if.yaml", data, fsFiles(bundled))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"sites[store-a].stock[widget].policy.reorder_point=30,40",
		"sites[0].stock[0].policy={type: eoq, safety_stock: 5}",
		"suppliers[factory].lead_time={type: gamma, mean: 4, sd: 1}",
		"horizon=1e400",
		"sites[store-a].stock[widget].demand[0].rate=-1",
		`sites["store-b"].stock[widget].lane={transit: 2, unit_cost: 1}`,
		"sites[9].name=x",
		"variants[0].name=y",
		"items[widget].holding_cost=*a",
		"seed=18446744073709551615",
		"sites[store-a].stock[widget].initial=99999999999999999999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		ovs, err := ParseOverride(arg)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--set ") {
				t.Errorf("ParseOverride error does not name --set: %q", err)
			}
			if hasControl(err.Error()) || len(err.Error()) > 600 {
				t.Errorf("ParseOverride error holds control characters or is long: %.600q", err)
			}
			return
		}
		if len(ovs) == 0 {
			t.Fatal("ParseOverride returned no overrides and no error")
		}
		s, err := base.With(ovs...)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("With error is %T, want ErrorList: %v", err, err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 || e.File == "" {
					t.Errorf("error without a position: %q", e.Error())
				}
				if e.File == "what-if.yaml" && e.Field != "--set" {
					t.Errorf("error does not name --set: %q", e.Error())
				}
				if hasControl(e.Error()) {
					t.Errorf("error holds control characters: %q", e.Error())
				}
			}
			return
		}
		if _, err := s.Build(); err != nil {
			t.Errorf("With(%q) accepted a scenario that Build rejects: %v", arg, err)
		}
	})
}

// hasControl reports whether an error message holds control characters,
// which would reach a terminal raw.
func hasControl(msg string) bool {
	return strings.ContainsFunc(msg, func(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) })
}
