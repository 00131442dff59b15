package model

import (
	"math"
	"testing"
)

// TestPeriodicNoDrift checks that periodic reviews and evenly spaced
// arrivals fall at start + n·period, not at the sum of n periods: ten
// reviews 0.1 days apart sum to 0.9999999999999999, which would fall in
// a window that ends at 1.0. A base-stock review every 0.1 days, with a
// customer order every 0.001 days, orders at every review but the first:
// 9 orders in [0, 1), not 10. With a progress count, the run ends at the
// horizon exactly (H·100/100 is not always H) and gives the same result.
func TestPeriodicNoDrift(t *testing.T) {
	for _, h := range []float64{1, 0.7, 2.3} {
		net := rqNet(t, 1000, Const(0.05), &BaseStock{S: 1000, Period: 0.1}, 1000, Backorder, h, 0)
		net.Sites[0].Stocks[0].Demand[0].Regular = true
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		res := Run(net, 1, 0)
		want := int64(math.Round(h/0.1)) - 1 // reviews at 0.1, 0.2, ... before h
		if got := res.SKUs[0].OrdersPlaced; got != want {
			t.Errorf("horizon %v: %d orders placed, want %d (one per review after the first)", h, got, want)
		}
		if got, want := res.SKUs[0].DemandOrders, int64(math.Round(h/0.001))-1; got != want {
			t.Errorf("horizon %v: %d customer orders, want %d (every 0.001 days before the horizon)", h, got, want)
		}
		prog := RunProgress(net, 1, 0, new(Progress))
		if a, b := prog.SKUs[0], res.SKUs[0]; a.OrdersPlaced != b.OrdersPlaced || a.DemandUnits != b.DemandUnits || a.OnHandArea != b.OnHandArea || a.Days != b.Days {
			t.Errorf("horizon %v: the run counted in slices differs from the plain run", h)
		}
	}
}
