package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
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
      sites[store].stock[widget].policy.reorder_point: 30
      suppliers[factory].capacity: 100
  - name: b
    set:
      sites[0].stock[0].policy: {type: eoq, safety_stock: 5}
      sites[0].stock[0].demand[web].rate: 3
      suppliers[0].lead_time: {type: gamma, mean: 4, sd: 1}
  - name: c
    set:
      sites[store].stock[widget].lane: {transit: 2, unit_cost: 1}
      sites[store].stock[widget].policy: *p
`
