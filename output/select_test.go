package output

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// handSelectSummary is a DC feeding three stores by hand: store-b has two
// customer classes, store-c's customers had no demand, and the dc serves
// no customers of its own.
//
//	site-item   stream  demand  fill   customer fill rate
//	dc/x        -       -       0.50   NaN (no customers)
//	store-a/x   walk-in 100     0.90   0.90
//	store-b/x   gold    10      1.00   (10·1 + 30·0.8)/40 = 0.85
//	store-b/x   walk-in 30      0.80
//	store-c/x   walk-in 0       NaN    NaN (no demand)
//	store-d/x   walk-in 50      0.85   0.85 (ties store-b: file order)
func handSelectSummary() *stats.Summary {
	est := func(v float64) stats.Estimate { return stats.Estimate{Mean: v, HalfWidth: 0.01, N: 3} }
	sku := func(site string, fill float64) stats.SKUSummary {
		k := stats.SKUSummary{Site: site, Item: "x"}
		k.Metrics[model.MFillRate] = est(fill)
		return k
	}
	stream := func(site, name string, demand, fill float64) stats.StreamSummary {
		st := stats.StreamSummary{Site: site, Item: "x", Name: name, Metrics: new([model.NumMetrics]stats.Estimate)}
		st.Metrics[model.MDemandUnits] = est(demand)
		st.Metrics[model.MFillRate] = est(fill)
		return st
	}
	return &stats.Summary{
		Scenario: "hand",
		SKUs:     []stats.SKUSummary{sku("dc", 0.5), sku("store-a", 0.9), sku("store-b", 0.85), sku("store-c", math.NaN()), sku("store-d", 0.85)},
		Streams: []stats.StreamSummary{
			stream("store-a", "walk-in", 100, 0.9),
			stream("store-b", "gold", 10, 1),
			stream("store-b", "walk-in", 30, 0.8),
			stream("store-c", "walk-in", 0, math.NaN()),
			stream("store-d", "walk-in", 50, 0.85),
		},
	}
}

func TestCustomerFillRate(t *testing.T) {
	got := CustomerFillRate(handSelectSummary())
	want := []float64{math.NaN(), 0.9, 0.85, math.NaN(), 0.85}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || !math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("customer fill rate of site-item %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestSelectSKUs(t *testing.T) {
	s := handSelectSummary()
	tests := []struct {
		name  string
		items []string
		want  []int
		err   string
	}{
		// worst first; the dc has no customers; store-c, undefined, last
		{"default", nil, []int{2, 4, 1, 3}, ""},
		{"given, in their order, each once", []string{"store-d/x", "dc/x", "store-d/x"}, []int{4, 0}, ""},
		{"unknown", []string{"store-a/x", "store-z/x"}, nil,
			`unknown site-item "store-z/x" in hand (valid: dc/x, store-a/x, store-b/x, store-c/x, store-d/x)`},
		{"two unknown", []string{"x", "store-a"}, nil, `unknown site-items "x", "store-a" in hand`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SelectSKUs(s, tt.items)
			switch {
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error = %v, want one containing %q", err, tt.err)
			case tt.err == "" && err != nil:
				t.Fatalf("error = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SelectSKUs(%q) = %v, want %v", tt.items, got, tt.want)
			}
		})
	}
}

func TestSelectSKUsListsAFewOfMany(t *testing.T) {
	s := &stats.Summary{Scenario: "big"}
	for i := range 25 {
		s.SKUs = append(s.SKUs, stats.SKUSummary{Site: "s" + string(rune('a'+i)), Item: "x"})
	}
	_, err := SelectSKUs(s, []string{"nope/x"})
	if err == nil || !strings.Contains(err.Error(), "st/x and 5 more") || strings.Contains(err.Error(), "su/x") {
		t.Errorf("error = %v, want the first 20 site-items and \"and 5 more\"", err)
	}
}
