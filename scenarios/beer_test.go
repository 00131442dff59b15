package scenarios

import (
	"math"
	"scsim/stats"
	"testing"

	"scsim/model"
)

// beerRun is one run of the bundled beer-game scenario: per stage
// (echelon 1, the retailer, first), the bullwhip ratio (variance of the
// orders it places ÷ variance of the orders it receives, week by week),
// the variance of its orders relative to the customers' demand, and its
// cost per week; and the chain's total cost per week.
type beerRun struct {
	bullwhip, amplification, cost []float64
	total                         float64
}

// runBeer runs the beer-game scenario, or its variant if not "".
func runBeer(tb testing.TB, variant string) beerRun {
	tb.Helper()
	s, _ := openBundled(tb, "beer-game")
	if variant != "" {
		var err error
		if s, err = s.Variant(variant); err != nil {
			tb.Fatal(err)
		}
	}
	net, err := s.Build()
	if err != nil {
		tb.Fatal(err)
	}
	results := model.RunAll(net, s.Seed, s.Replications, 0)
	sum := stats.Summarize(net, s.Seed, results)
	if sum.Conservation != 0 {
		tb.Errorf("%s: conservation off by %d units", variant, sum.Conservation)
	}
	var out beerRun
	for e := range sum.Echelons {
		out.bullwhip = append(out.bullwhip, sum.Echelons[e].Metrics[model.MBullwhip].Mean)
		out.cost = append(out.cost, sum.Echelons[e].Metrics[model.MTotalCost].Mean)
		// the variance of the stage's weekly orders ÷ that of the
		// customers' weekly demand, mean over replications
		amp := 0.0
		for _, res := range results {
			c, d := &res.Echelons[0].Daily, &res.Echelons[e].Daily
			n := float64(c.Days)
			vd := (c.DemandSumSq - c.DemandSum*c.DemandSum/n) / (n - 1)
			vo := (d.OrderSumSq - d.OrderSum*d.OrderSum/n) / (n - 1)
			amp += vo / vd
		}
		out.amplification = append(out.amplification, amp/float64(len(results)))
	}
	out.total = sum.Total[model.MTotalCost].Mean
	tb.Logf("%-20s bullwhip %.2f, from the customers %.1f, cost/week %.2f, total %.2f",
		variant, out.bullwhip, out.amplification, out.cost, out.total)
	return out
}

// TestBeerGameBullwhip checks the signature of the Beer Game (Sterman
// 1989): with the players' anchoring-and-adjustment rule every stage
// amplifies the orders it receives, so that the variance of orders grows
// stage by stage up the chain, and the chain costs several times what
// base-stock ordering costs; with base stock, or with every stage seeing
// the customers' demand, the amplification largely disappears.
func TestBeerGameBullwhip(t *testing.T) {
	human := runBeer(t, "")
	base := runBeer(t, "base-stock")
	shared := runBeer(t, "information-sharing")
	long := runBeer(t, "long-run")
	if len(human.bullwhip) != 4 {
		t.Fatalf("%d stages, want 4", len(human.bullwhip))
	}
	for _, r := range []struct {
		name string
		run  beerRun
	}{{"human", human}, {"long-run", long}} {
		for e, b := range r.run.bullwhip {
			if !(b > 1) {
				t.Errorf("%s: stage %d bullwhip %.2f, want > 1: every stage amplifies", r.name, e+1, b)
			}
		}
		for e := 1; e < 4; e++ {
			if !(r.run.amplification[e] > r.run.amplification[e-1]) {
				t.Errorf("%s: order variance at stage %d (%.1f × the customers') not above stage %d's (%.1f)",
					r.name, e+1, r.run.amplification[e], e, r.run.amplification[e-1])
			}
		}
	}
	// the factory's orders vary far more than the customers' demand
	if human.amplification[3] < 50 {
		t.Errorf("human: factory order variance %.1f × the customers', want > 50", human.amplification[3])
	}
	if human.total < 3*base.total {
		t.Errorf("human total cost %.2f a week, want several times base stock's %.2f", human.total, base.total)
	}
	for e := 1; e < 4; e++ {
		// beyond the retailer, whose only swing is filling its pipeline
		// for the new demand in week 1, base stock passes the orders on
		if b := base.bullwhip[e]; !(b > 0.7 && b < 1.3) {
			t.Errorf("base stock: stage %d bullwhip %.2f, want about 1", e+1, b)
		}
	}
	for _, r := range []struct {
		name string
		run  beerRun
	}{{"base stock", base}, {"information sharing", shared}} {
		// the growth from the retailer to the factory, and the factory's
		// amplification, are a small part of the human players'
		growth, humanGrowth := r.run.amplification[3]/r.run.amplification[0], human.amplification[3]/human.amplification[0]
		if !(growth < humanGrowth/3) {
			t.Errorf("%s: order variance grows %.1f× from retailer to factory, want well under the human players' %.1f×", r.name, growth, humanGrowth)
		}
		if !(r.run.amplification[3] < human.amplification[3]/5) {
			t.Errorf("%s: factory order variance %.1f × the customers', want a fraction of the human players' %.1f", r.name, r.run.amplification[3], human.amplification[3])
		}
		if !(r.run.total < human.total) {
			t.Errorf("%s: total cost %.2f, want below the human players' %.2f", r.name, r.run.total, human.total)
		}
	}
	if math.IsNaN(human.total) {
		t.Error("no total cost")
	}
}
