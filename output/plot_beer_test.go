package output

import (
	"math"
	"scsim/stats"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"

	"scsim/model"
)

// TestChainXYs checks the series of [ChainOverTime] on a trace written by
// hand: orders summed per period with zeros for periods without one, and
// the net inventory as on hand − backorders, clipped to the window.
func TestChainXYs(t *testing.T) {
	tr := &model.Trace{
		Times:      []float64{0, 1.5, 3},
		OnHand:     []int64{12, 0, 5},
		Backorders: []int64{0, 4, 0},
		Orders:     []model.Mark{{T: 0, Qty: 4}, {T: 2, Qty: 6}, {T: 2, Qty: 1}, {T: 4, Qty: 9}},
	}
	orders, net := chainXYs(tr, 1, 0, 4)
	if want := (plotter.XYs{{X: 0, Y: 4}, {X: 1, Y: 0}, {X: 2, Y: 7}, {X: 3, Y: 0}}); !slices.Equal(orders, want) {
		t.Errorf("orders %v, want %v (the order at 4 is outside [0, 4))", orders, want)
	}
	if want := (plotter.XYs{{X: 0, Y: 12}, {X: 1.5, Y: -4}, {X: 3, Y: 5}, {X: 4, Y: 5}}); !slices.Equal(net, want) {
		t.Errorf("net inventory %v, want %v", net, want)
	}
}

// TestSerialChain checks which summaries are serial chains: one
// site-item per echelon, at least MinChainStages of them.
func TestSerialChain(t *testing.T) {
	s := &stats.Summary{SKUs: []stats.SKUSummary{{Site: "factory", Item: "beer"}, {Site: "retailer", Item: "beer"}, {Site: "wholesaler", Item: "beer"}},
		Echelons: []stats.Group{{Members: []string{"retailer/beer"}}, {Members: []string{"wholesaler/beer"}}, {Members: []string{"factory/beer"}}}}
	if got := SerialChain(s); !slices.Equal(got, []int{1, 2, 0}) {
		t.Errorf("SerialChain = %v, want [1 2 0]: retailer, wholesaler, factory", got)
	}
	s.Echelons[0].Members = append(s.Echelons[0].Members, "other/beer")
	if got := SerialChain(s); got != nil {
		t.Errorf("two site-items at echelon 1: SerialChain = %v, want nil", got)
	}
	s.Echelons = s.Echelons[1:]
	if got := SerialChain(s); got != nil {
		t.Errorf("two stages: SerialChain = %v, want nil", got)
	}
}

// TestAmplification checks the order variance of each echelon relative
// to echelon 1's demand on daily sums written by hand.
func TestAmplification(t *testing.T) {
	// echelon 1: demand 2, 4 (variance 2), orders 1, 5 (variance 8);
	// echelon 2: orders 0, 8 (variance 32)
	res := &model.Result{Echelons: []model.Counters{
		{Daily: model.DailyStats{Days: 2, DemandSum: 6, DemandSumSq: 20, OrderSum: 6, OrderSumSq: 26}},
		{Daily: model.DailyStats{Days: 2, DemandSum: 6, DemandSumSq: 26, OrderSum: 8, OrderSumSq: 64}},
	}}
	got := Amplification([]*model.Result{res, res})
	if want := []float64{4, 16}; !slices.Equal(got, want) {
		t.Errorf("Amplification = %v, want %v", got, want)
	}
	flat := &model.Result{Echelons: []model.Counters{{Daily: model.DailyStats{Days: 2, DemandSum: 4, DemandSumSq: 8}}}}
	if got := Amplification([]*model.Result{flat}); !math.IsNaN(got[0]) {
		t.Errorf("without demand variance: %v, want NaN", got)
	}
	// the plot takes NaN bars
	p := StageBars("t", "ratio", []string{"1 a", "2 b"}, []string{"base", "v"}, [][]float64{{4, 16}, {math.NaN(), 1}})
	if _, err := EncodePlot(p, "png"); err != nil {
		t.Error(err)
	}
}

// TestStepTicks checks the labels of the chain plot's y axis: whole
// multiples of the step, 0 written "0" (not "-0") when the axis starts
// below it, and no digits of float drift.
func TestStepTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{-5.3, 38, "0 10 20 30"},
		{-0.4, 0.9, "-0.4 -0.2 0.0 0.2 0.4 0.6 0.8"},
		{-80, 220, "-50 0 50 100 150 200"},
		{0, 1.4, "0.0 0.2 0.4 0.6 0.8 1.0 1.2 1.4"},
	} {
		var got []string
		for _, tk := range (stepTicks{}).Ticks(c.lo, c.hi) {
			got = append(got, tk.Label)
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("ticks of [%v, %v]: %q, want %q", c.lo, c.hi, s, c.want)
		}
	}
}
