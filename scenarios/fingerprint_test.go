package scenarios

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// shopReformatted is shopYAML with its keys reordered, comments, flow
// mappings written as blocks, the alias expanded, defaults written out,
// another name and another seed and replications: the same simulation.
const shopReformatted = `# the shop, written differently
sites:
  - stock:
      - source: factory   # the only supplier
        item: widget
        demand:
          - rate: 8.0
            size: 1
            stockout: backorder
          - {rate: 2, name: web}
        policy:
          order_quantity: 40
          reorder_point: 36
          type: rq
      - item: gadget
        policy: {type: rq, order_quantity: 40, reorder_point: 36}
        source: factory
        demand: [{rate: 3, arrivals: poisson}]
    name: store
    type: store
suppliers: [{lead_time: {type: constant, value: 4}, name: factory}]
items:
  - name: widget
    order_cost: 10
    holding_cost: 0.010
  - {holding_cost: 2e-2, name: gadget}
horizon: 365
seed: 99
replications: 3
name: another-name
description: not part of the fingerprint
`

var fingerprintForm = regexp.MustCompile(`^[0-9a-f]{16}$`)

func TestFingerprintIgnoresLayout(t *testing.T) {
	a := mustParse(t, "shop.yaml", shopYAML)
	b := mustParse(t, "elsewhere/other.yaml", shopReformatted)
	fa, fb := a.Fingerprint(), b.Fingerprint()
	if !fingerprintForm.MatchString(fa) {
		t.Fatalf("Fingerprint() = %q, want %d hex digits", fa, FingerprintLen)
	}
	if fa != fb {
		t.Errorf("reformatted scenario: fingerprint %s, want %s (the same as the original)", fb, fa)
	}
	// seed and replications changed by the CLI after parsing: no change
	a.Seed, a.Replications = 7, 50
	if got := a.Fingerprint(); got != fa {
		t.Errorf("after changing seed and replications: %s, want %s", got, fa)
	}
}

func TestFingerprintChangesWithValues(t *testing.T) {
	s := mustParse(t, "shop.yaml", shopYAML)
	base := s.Fingerprint()
	seen := map[string]string{base: "base"}
	for _, set := range []string{
		"sites[store].stock[widget].policy.reorder_point=37",
		"sites[store].stock[gadget].policy.reorder_point=37", // one of the alias's uses
		"suppliers[factory].lead_time=4.5",
		"horizon=366",
		"warmup=10",
		"items[widget].holding_cost=0.011",
		"sites[store].stock[widget].demand[web].stockout=lost_sale",
		"sites[store].stock[widget].initial=0", // given, though 0
	} {
		n := mustWith(t, s, set)
		f := n.Fingerprint()
		if other, dup := seen[f]; dup {
			t.Errorf("--set %s: fingerprint %s, the same as %s", set, f, other)
		}
		seen[f] = set
	}
	// horizon changed by --horizon after parsing counts too
	h := mustParse(t, "shop.yaml", shopYAML)
	h.Horizon = 400
	if h.Fingerprint() == base {
		t.Errorf("horizon 400: fingerprint unchanged")
	}
	// setting a value to what it was changes nothing
	if f := mustWith(t, s, "sites[store].stock[widget].policy.reorder_point=36").Fingerprint(); f != base {
		t.Errorf("reorder_point set to its own value: fingerprint %s, want %s", f, base)
	}
}

func TestFingerprintVariant(t *testing.T) {
	s := mustParse(t, "what-if.yaml", mustBundled(t, "what-if"))
	base := s.Fingerprint()
	for _, v := range s.Variants {
		vs, err := s.Variant(v.Name)
		if err != nil {
			t.Fatal(err)
		}
		if vs.Fingerprint() == base {
			t.Errorf("variant %s: fingerprint %s, the same as the base", v.Name, base)
		}
		// the variant is its overrides applied to the base
		w, err := s.with(v.Set, true, "")
		if err != nil {
			t.Fatal(err)
		}
		if w.Fingerprint() != vs.Fingerprint() {
			t.Errorf("variant %s: %s, but its overrides applied with With give %s", v.Name, vs.Fingerprint(), w.Fingerprint())
		}
	}
}

// TestFingerprintBundledAndCopy checks that a bundled scenario and a copy
// of it on disk (with its demand history beside it) have one fingerprint,
// and that the history's content, not its name, counts.
func TestFingerprintBundledAndCopy(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"rq-single", "history"} {
		b, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(file, []byte(mustBundled(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
		if data, ok := BundledData("history.csv"); ok {
			if err := os.WriteFile(filepath.Join(dir, "history.csv"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		c, err := Open(file)
		if err != nil {
			t.Fatal(err)
		}
		if b.Fingerprint() != c.Fingerprint() {
			t.Errorf("%s: bundled %s, copy on disk %s", name, b.Fingerprint(), c.Fingerprint())
		}
	}
	// one day's quantity changed in the history: another fingerprint
	before, err := Open(filepath.Join(dir, "history.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fp := before.Fingerprint()
	data, _ := BundledData("history.csv")
	changed := strings.Replace(string(data), "2024-01-01,coffee,38", "2024-01-01,coffee,39", 1)
	if changed == string(data) {
		t.Fatal("history.csv does not start with the row changed here")
	}
	if err := os.WriteFile(filepath.Join(dir, "history.csv"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := Open(filepath.Join(dir, "history.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if before.Fingerprint() != fp {
		t.Errorf("a scenario's fingerprint changed with its history file after it was read: %s, then %s", fp, before.Fingerprint())
	}
	if fp == after.Fingerprint() {
		t.Errorf("history.csv changed, fingerprint unchanged (%s)", after.Fingerprint())
	}
}

func mustBundled(t *testing.T, name string) string {
	t.Helper()
	data, ok := BundledYAML(name)
	if !ok {
		t.Fatalf("no bundled scenario %s", name)
	}
	return string(data)
}

// BenchmarkFingerprintPB2 times the fingerprint of benchmark PB2's 5100
// site-items: the canonical form is hashed without an allocation per leaf.
func BenchmarkFingerprintPB2(b *testing.B) {
	sc, err := Open("rq-network")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sc.Fingerprint()
	}
}
