package model_test

import (
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// TestTheoryDomainsBundled checks which bundled site-items have an exact
// theory, by reading their settings: the ones below, and no other.
func TestTheoryDomainsBundled(t *testing.T) {
	want := map[string]map[string]string{
		"rq-single":  {"store/widget": model.FormulaHadleyWhitin},
		"lost-sales": {"shop/part": model.FormulaErlangB},
		"eoq":        {"store/widget": model.FormulaEOQ},
		// JIT is base stock S = 0 with backorders: Hadley–Whitin with
		// r = -1, Q = 1
		"jit": {"store-now/part": model.FormulaHadleyWhitin, "store-2d/part": model.FormulaHadleyWhitin, "store-5d/part": model.FormulaHadleyWhitin},
		// widget only: gadget orders 1 to 3 units, gizmo's demand is daily
		"starter": {"store/widget": model.FormulaHadleyWhitin},
		// the standard lane has no expedite mode; express/gadget's has
		"expedite": {"standard/gadget": model.FormulaHadleyWhitin},
	}
	for _, b := range scenarios.Bundled() {
		sc, err := scenarios.Open(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		net, err := sc.Build()
		if err != nil {
			t.Fatal(err)
		}
		refs := net.SKUs()
		got := map[string]string{}
		for _, th := range net.Theories() {
			got[refs[th.SKU].Name] = th.Formula
			t.Logf("%s %s: %s — %s", b.Name, refs[th.SKU].Name, th.Formula, th.Model)
		}
		w := want[b.Name]
		for k, f := range w {
			if got[k] != f {
				t.Errorf("%s %s: theory %q, want %q", b.Name, k, got[k], f)
			}
		}
		for k, f := range got {
			if _, ok := w[k]; !ok {
				t.Errorf("%s %s: theory %q, want none", b.Name, k, f)
			}
		}
	}
}
