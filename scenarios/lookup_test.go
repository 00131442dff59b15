package scenarios

import (
	"strconv"
	"testing"
)

func TestLookup(t *testing.T) {
	sc, err := Open("starter")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, want string
		ok         bool
	}{
		{"seed", strconv.FormatUint(sc.Seed, 10), true},
		{"horizon", "4015", true},
		{"sites[store].stock[widget].policy.reorder_point", "36", true},
		{"sites[0].stock[1].policy.review_period", "7", true},
		{"sites[store].stock[gadget].demand[walk-in].rate", "3", true},
		{"sites[store].stock[widget].demand[d0].rate", "8", true},
		{"sites[store].stock[widget].initial", "", false}, // a default
		{"sites[nowhere].name", "", false},
		{"sites[0]", "", false}, // a mapping
		{"bogus", "", false},
	} {
		got, ok := sc.Lookup(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	// a value set by an override is found
	v, err := sc.With(Override{Path: "sites[0].stock[0].initial", Value: "123"})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := v.Lookup("sites[0].stock[0].initial"); got != "123" || !ok {
		t.Errorf("after an override: %q, %v", got, ok)
	}
}
