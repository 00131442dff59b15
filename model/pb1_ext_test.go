package model_test

import (
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestPB1 checks PB1, (r, Q) = (36, 40) with Poisson demand of 8 a day
// and a lead time of 4 days, against the exact (r, Q) theory of Hadley and
// Whitin: fill rate 0.979252, on hand 24.552959 and backorders 0.052959
// must lie in the simulation's 95% confidence intervals. PB1's 200,000
// days are run as 20 replications of 10,000 days after a warm-up of
// theoryWarmup days (PB1 itself starts with 76 on hand and nothing on
// order, a transient the warm-up removes). Every replication must also
// account for every unit, and PB1's own run (from time 0, no warm-up)
// place exactly the orders its demand implies: after D units of demand
// and n orders of 40 the position is 76 − D + 40n, kept in [37, 76], so
// n = floor(D/40).
func TestPB1(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	const reps, days = 20, 10000
	net := model.RQNet(t, 8, model.Const(4), &model.RQ{R: 36, Q: 40}, 76, model.Backorder, theoryWarmup+days, theoryWarmup)
	results := model.RunAll(net, 1, reps, 0)
	sum := stats.Summarize(net, 1, results)
	fill, onHand, bo := model.RQPoisson(8*4, 36, 40)
	checkCI(t, "fill_rate", sum.Total[model.MFillRate], fill)
	checkCI(t, "avg_on_hand", sum.Total[model.MAvgOnHand], onHand)
	checkCI(t, "avg_backorders", sum.Total[model.MAvgBackorders], bo)
	for _, res := range results {
		c := res.SKUs[0]
		if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
			t.Errorf("replication %d: balances %d %d %d", res.Replication, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
		}
	}
	c := model.Run(model.PB1(t, 2000), 1, 0).SKUs[0]
	if want := c.DemandUnits / 40; c.DemandUnits < 40 || c.OrdersPlaced != want || c.UnitsOrdered != 40*want {
		t.Errorf("%d units demanded, %d orders of %d units placed; want %d orders of 40", c.DemandUnits, c.OrdersPlaced, c.UnitsOrdered, want)
	}
}
