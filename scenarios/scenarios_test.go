package scenarios

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(tb testing.TB, path, got string) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s mismatch:\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines of want and got that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("-" + wl + "\n+" + gl + "\n")
		}
	}
	return b.String()
}

// mustBuild parses and builds a scenario or fails the test.
func mustBuild(tb testing.TB, file string, data []byte) (*Scenario, *model.Network) {
	tb.Helper()
	s, err := Parse(file, data)
	if err != nil {
		tb.Fatalf("parse %s:\n%v", file, err)
	}
	net, err := s.Build()
	if err != nil {
		tb.Fatalf("build %s:\n%v", file, err)
	}
	return s, net
}

func TestBadCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Errorf("bad corpus has %d files, want >= 20", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, err := Load(file)
			if err == nil {
				t.Fatalf("Load(%s) succeeded, want errors", file)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load(%s) error is %T, want ErrorList", file, err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".err.golden", err.Error()+"\n")
		})
	}
}

func TestBundled(t *testing.T) {
	got := Bundled()
	want := []string{"lost-sales", "rq-single", "starter"}
	if len(got) != len(want) {
		t.Fatalf("Bundled() = %v, want names %v", got, want)
	}
	for i, b := range got {
		if b.Name != want[i] {
			t.Errorf("Bundled()[%d].Name = %q, want %q", i, b.Name, want[i])
		}
		if b.Summary == "" || strings.Contains(b.Summary, "\n") {
			t.Errorf("Bundled()[%d].Summary = %q, want one non-empty line", i, b.Summary)
		}
		data, ok := BundledYAML(b.Name)
		if !ok {
			t.Fatalf("BundledYAML(%q) not found", b.Name)
		}
		s, net := mustBuild(t, b.Name+".yaml", data)
		if s.Name != b.Name {
			t.Errorf("%s: name = %q, want the file name", b.Name, s.Name)
		}
		if net.Name != b.Name || len(net.Sites) == 0 {
			t.Errorf("%s: network %q with %d sites", b.Name, net.Name, len(net.Sites))
		}
	}
}

// TestPB1 pins that rq-single is exactly benchmark model PB1.
func TestPB1(t *testing.T) {
	s, err := Open("rq-single")
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Replications != 10 || s.Seed != 1 {
		t.Errorf("replications, seed = %d, %d, want 10, 1", s.Replications, s.Seed)
	}
	if net.Horizon != 200000 || net.Warmup != 0 {
		t.Errorf("horizon, warmup = %v, %v, want 200000, 0", net.Horizon, net.Warmup)
	}
	if len(net.Items) != 1 || len(net.Sites) != 1 || len(net.Sites[0].Stocks) != 1 {
		t.Fatalf("want 1 item at 1 site, got %d items, %d sites", len(net.Items), len(net.Sites))
	}
	st := net.Sites[0].Stocks[0]
	if rq, ok := st.Policy.(*model.RQ); !ok || rq.R != 36 || rq.Q != 40 {
		t.Errorf("policy = %v, want rq(36, 40)", st.Policy.Describe())
	}
	if st.Initial != 76 {
		t.Errorf("initial = %d, want 76", st.Initial)
	}
	lt := st.Lane.Transit
	if !lt.IsConst() || lt.Mean() != 4 {
		t.Errorf("lead time = %v, want constant 4", lt)
	}
	if len(st.Demand) != 1 {
		t.Fatalf("%d demand streams, want 1", len(st.Demand))
	}
	d := st.Demand[0]
	if d.Rate != 8 || !d.Size.IsConst() || d.Size.Mean() != 1 || d.Stockout != model.Backorder {
		t.Errorf("demand = rate %v size %v stockout %v, want rate 8, size 1, backorder", d.Rate, d.Size, d.Stockout)
	}
}

func TestBuild(t *testing.T) {
	src := `
horizon: 100
items:
  - {name: a, unit_cost: 73, holding_rate: 0.5}
  - {name: b, holding_cost: 0.1}
suppliers: [{name: f, lead_time: {type: uniform, min: 1, max: 3}}]
sites:
  - name: dc
    type: warehouse
    stock:
      - item: b
        source: f
        policy: {type: sS, reorder_point: 5, order_up_to: 20, review: periodic, review_period: 7}
        demand: [{rate: 2}, {name: web, daily: {type: poisson, mean: 3}, stockout: lost_sale}]
      - item: a
        source: f
        policy: {type: base_stock, order_up_to: 9}
`
	s, net := mustBuild(t, "x.yaml", []byte(src))
	if s.Name != "x" || s.Seed != 1 || s.Replications != 10 {
		t.Errorf("name, seed, replications = %q, %d, %d, want x, 1, 10", s.Name, s.Seed, s.Replications)
	}
	if got, want := net.Items[0].HoldingCost, 0.5*73/365.0; got != want {
		t.Errorf("holding cost from rate = %v, want %v", got, want)
	}
	site := net.Sites[0]
	if site.Kind != model.Warehouse {
		t.Errorf("kind = %v, want warehouse", site.Kind)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"stock[0].item", site.Stocks[0].Item, 1},
		{"stock[0].initial", site.Stocks[0].Initial, int64(20)},
		{"stock[0].policy", site.Stocks[0].Policy.Describe().String(), "sS(reorder_point=5, order_up_to=20, review_period=7)"},
		{"stock[0].demand[0].name", site.Stocks[0].Demand[0].Name, "d0"},
		{"stock[0].demand[1].name", site.Stocks[0].Demand[1].Name, "web"},
		{"stock[0].demand[1].daily", site.Stocks[0].Demand[1].IsDaily(), true},
		{"stock[0].demand[1].stockout", site.Stocks[0].Demand[1].Stockout, model.LostSale},
		{"stock[1].initial", site.Stocks[1].Initial, int64(9)},
		{"stock[1].policy", site.Stocks[1].Policy.Describe().String(), "base_stock(order_up_to=9, review_period=0)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestValidateAfterOverride checks that changing fields after Parse, as the
// CLI does with --warmup, is caught by Validate and Build.
func TestValidateAfterOverride(t *testing.T) {
	s, err := Open("lost-sales")
	if err != nil {
		t.Fatal(err)
	}
	s.Warmup = 30000
	s.Replications = 0
	_, err = s.Build()
	want := "lost-sales.yaml:25:15: replications: must be >= 1, got 0\n" +
		"lost-sales.yaml:27:9: warmup: must be < horizon (20000 days), got 30000"
	if err == nil || err.Error() != want {
		t.Errorf("Build after override: got\n%v\nwant\n%s", err, want)
	}
}

func TestOpen(t *testing.T) {
	if _, err := Open("starter"); err != nil {
		t.Errorf("Open(starter): %v", err)
	}
	if _, err := Open("testdata/bad/../../rq-single.yaml"); err != nil {
		t.Errorf("Open(file path): %v", err)
	}
	_, err := Open("no-such")
	want := "open scenario no-such: no such file, and no bundled scenario of that name (bundled: lost-sales, rq-single, starter)"
	if err == nil || err.Error() != want {
		t.Errorf("Open(no-such) = %v, want %s", err, want)
	}
	_, err = Load("testdata/bad")
	if err == nil || !strings.HasPrefix(err.Error(), "load scenario testdata/bad: ") {
		t.Errorf("Load(directory) = %v, want a load scenario error", err)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"full", &Error{"a.yaml", 3, 7, "items[0].price", "must be >= 0, got -1"}, "a.yaml:3:7: items[0].price: must be >= 0, got -1"},
		{"no field", &Error{"a.yaml", 1, 1, "", "YAML syntax error: x"}, "a.yaml:1:1: YAML syntax error: x"},
		{"no position", &Error{"", 0, 0, "horizon", "must be > 0 days, got 0"}, "horizon: must be > 0 days, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	if ErrorList(nil).Err() != nil {
		t.Error("empty ErrorList.Err() != nil")
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		word string
		want string
	}{
		{"holdng_cost", "holding_cost"},
		{"rQ", "rq"},
		{"ss", "sS"},
		{"x", ""},
		{"zzzzzzzz", ""},
	}
	cands := []string{"holding_cost", "holding_rate", "rq", "sS", "base_stock"}
	for _, tt := range tests {
		if got := strings.Join(closest(tt.word, cands), ","); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestParseCorners(t *testing.T) {
	src := `
seed: 18446744073709551615
horizon: 1e3
items: [{name: a}, {name: b}]
suppliers: [{name: f, lead_time: {type: constant, value: 0}}]
sites:
  - name: s
    stock:
      - item: a
        source: f
        initial:
        policy: &p {type: rq, reorder_point: 5, order_quantity: 4e1}
      - item: b
        source: f
        policy: *p
`
	s, net := mustBuild(t, "corners.yaml", []byte(src))
	if s.Seed != 1<<64-1 {
		t.Errorf("seed = %d, want max uint64", s.Seed)
	}
	if got := net.Sites[0].Stocks[1].Policy.Describe().String(); got != "rq(reorder_point=5, order_quantity=40)" {
		t.Errorf("aliased policy = %s", got)
	}
	if got := net.Sites[0].Stocks[0].Initial; got != 45 {
		t.Errorf("initial with an empty value = %d, want the default 45", got)
	}
}

// TestAliasBomb checks that nested aliases cannot make decoding explode:
// 100 sites × 100 stock entries × 100 demands × 100 values is 10⁸ values
// from a file of a few kilobytes.
func TestAliasBomb(t *testing.T) {
	list := func(alias string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(alias+", ", 100), ", ") + "]"
	}
	src := "horizon: 10\nitems: [{name: a}]\nsuppliers: [{name: f, lead_time: 1}]\n" +
		"x: [&v " + list("1") + ", &d {rate: 1, size: {type: empirical, values: *v}}, " +
		"&st {item: a, source: f, policy: {type: base_stock, order_up_to: 1}, demand: " + list("*d") + "}, " +
		"&site {name: s, stock: " + list("*st") + "}]\n" +
		"sites: " + list("*site") + "\n"
	_, err := Parse("bomb.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "document too large") {
		t.Fatalf("Parse = %.300v, want a document too large error", err)
	}
}
