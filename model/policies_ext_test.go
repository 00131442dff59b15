package model_test

import (
	"fmt"
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// Signature behaviour of each policy.
// These are the ones that read estimates over replications (package
// stats); the others are in policies_test.go.

// TestEOQDeterministic runs EOQ on evenly spaced unit demand (D = 100 a day)
// with K = 50 and h = 0.01: Q = √(2KD/h) = 1000, and the cost per day
// (ordering K·D/Q plus holding h·Q/2) is √(2KDh) = 10. With unit demand the
// average on-hand is (Q − 1)/2, so the simulation may fall short of the
// formula by h/2 = 0.005 a day; the tolerance is 0.2%.
func TestEOQDeterministic(t *testing.T) {
	p, err := model.NewEOQ(100, 50, 0.01, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Q != 1000 || p.R != 300 {
		t.Fatalf("EOQ derived Q = %d, r = %d, want 1000, 300", p.Q, p.R)
	}
	net := model.OneItem(t, model.Demand{Rate: 100, Regular: true, Size: model.Const(1)}, p, model.Lane{Transit: model.Const(3)}, 1300, 0.01, 50, 10000, 1000)
	sum := stats.Summarize(net, 1, []*model.Result{model.Run(net, 1, 0)})
	cost := sum.Total[model.MTotalCost].Mean
	if want := math.Sqrt(2 * 50 * 100 * 0.01); math.Abs(cost-want) > 0.002*want {
		t.Errorf("cost per day = %.5f, want √(2KDh) = %.5f", cost, want)
	}
	if bo := sum.Total[model.MBackorderedUnits].Mean; bo != 0 {
		t.Errorf("%v units backordered under deterministic demand with r = D·L", bo)
	}
	t.Logf("EOQ cost/day %.5f: holding %.5f ordering %.5f", cost, sum.Total[model.MHoldingCost].Mean, sum.Total[model.MOrderingCost].Mean)
}

// TestSafetyStockServiceLevel checks that the achieved cycle service level
// of a periodic order-up-to policy set by the safety-stock formula is the
// target: daily demand normal(100, 30), lead time 3, review every day, so
// S = 4·100 + z·30·√4, and a cycle (one day) is short exactly when the
// demand over 4 days exceeds S.
func TestSafetyStockServiceLevel(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check")
	}
	daily, _ := model.NewNormal(100, 30)
	for _, target := range []float64{0.8, 0.95} {
		t.Run(fmt.Sprint(target), func(t *testing.T) {
			p, err := model.NewSafetyStock(model.CycleServiceLevel, target, 100, 30, 3, 0, 1, 0)
			if err != nil {
				t.Fatal(err)
			}
			net := model.OneItem(t, model.Demand{Daily: daily}, p, model.Lane{Transit: model.Const(3)}, p.Top, 0.1, 0, 5000, 50)
			sum := stats.Summarize(net, 1, model.RunAll(net, 1, theoryReps, 1))
			// the promise: P(N(400, 60²) <= S), S rounded up to a unit
			promised := normalCDF((float64(p.Top) - 400) / 60)
			checkCI(t, "cycle_service_level", sum.Total[model.MCycleServiceLevel], promised)
			if math.Abs(promised-target) > 0.01 {
				t.Errorf("the formula promises %.4f for target %v", promised, target)
			}
		})
	}
}

func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// TestJIT: with no lead time JIT holds no stock and no customer waits;
// with lead time L every unit waits L, so average backorders = λL (Little).
func TestJIT(t *testing.T) {
	for _, lead := range []float64{0, 1, 2, 4} {
		net := model.OneItem(t, model.Demand{Rate: 5, Size: model.Const(1)}, &model.JIT{}, model.Lane{Transit: model.Const(lead)}, 0, 1, 0, 2000, 10)
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, 5, 0))
		oh, bo := sum.Total[model.MAvgOnHand].Mean, sum.Total[model.MAvgBackorders]
		if oh != 0 {
			t.Errorf("L=%v: average on-hand %v, want 0", lead, oh)
		}
		if math.Abs(bo.Mean-5*lead) > bo.HalfWidth+1e-9 {
			t.Errorf("L=%v: average backorders %v ± %v, want λL = %v", lead, bo.Mean, bo.HalfWidth, 5*lead)
		}
	}
}

// dcNet returns supplier → DC → store for one item, the store under
// policy p and fed by the DC in 1 day, the DC under (r, Q) with lead time 5.
func dcNet(tb testing.TB, p model.Policy, dcPolicy model.Policy, dcLead float64) *model.Network {
	tb.Helper()
	net := &model.Network{
		Name:      "dc",
		Items:     []model.Item{{Name: "widget", HoldingCost: 0.1}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{
			{Name: "dc", Kind: model.Warehouse, Stocks: []model.Stock{{Item: 0, Source: model.Node{model.SupplierNode, 0}, Lane: model.Lane{Transit: model.Const(dcLead)}, Initial: 200, Policy: dcPolicy}}},
			{Name: "store", Kind: model.Store, Stocks: []model.Stock{{Item: 0, Source: model.Node{model.SiteNode, 0}, Lane: model.Lane{Transit: model.Const(1)}, Initial: 60, Policy: p,
				Demand: []model.Demand{{Name: "d0", Rate: 10, Size: model.Const(1)}}}}},
		},
		Horizon: 3000, Warmup: 100,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// TestVMIBullwhip: the same customer demand (common random numbers) under
// site-managed (s, S) and under VMI reviewing daily up to a max; VMI's
// orders upstream vary much less (bullwhip ratio near 1).
func TestVMIBullwhip(t *testing.T) {
	ssNet := dcNet(t, &model.SS{Small: 20, Big: 80}, &model.RQ{R: 60, Q: 100}, 5)
	ss := stats.Summarize(ssNet, 1, model.RunAll(ssNet, 1, 5, 0))
	vmiNet := dcNet(t, &model.VMI{Min: 44, Max: 45, Period: 1}, &model.RQ{R: 60, Q: 100}, 5)
	vmi := stats.Summarize(vmiNet, 1, model.RunAll(vmiNet, 1, 5, 0))
	bs, bv := ss.Echelons[0].Metrics[model.MBullwhip], vmi.Echelons[0].Metrics[model.MBullwhip]
	t.Logf("store bullwhip: (s,S) %.3f ± %.3f, VMI %.3f ± %.3f", bs.Mean, bs.HalfWidth, bv.Mean, bv.HalfWidth)
	if !(bv.Mean+bv.HalfWidth < bs.Mean-bs.HalfWidth) || bv.Mean > 1.5 {
		t.Errorf("VMI bullwhip %v not clearly below (s,S) %v", bv.Mean, bs.Mean)
	}
	if ss.SKUs[1].Metrics[model.MDemandUnits].Mean != vmi.SKUs[1].Metrics[model.MDemandUnits].Mean {
		t.Error("customer demand differs between policies: common random numbers broken")
	}
}

// TestUpstreamShortagePropagates: a DC that is often short makes the store
// wait longer than its own transit, and its orders wait in the DC's queue.
func TestUpstreamShortagePropagates(t *testing.T) {
	rich := dcNet(t, &model.RQ{R: 15, Q: 30}, &model.RQ{R: 80, Q: 100}, 5)
	poor := dcNet(t, &model.RQ{R: 15, Q: 30}, &model.RQ{R: 10, Q: 30}, 5)
	a := stats.Summarize(rich, 1, model.RunAll(rich, 1, 5, 0))
	b := stats.Summarize(poor, 1, model.RunAll(poor, 1, 5, 0))
	if !(b.SKUs[1].Metrics[model.MFillRate].Mean < a.SKUs[1].Metrics[model.MFillRate].Mean-0.05) {
		t.Errorf("store fill with a starved DC %.3f, with a stocked DC %.3f", b.SKUs[1].Metrics[model.MFillRate].Mean, a.SKUs[1].Metrics[model.MFillRate].Mean)
	}
	if b.SKUs[0].Metrics[model.MAvgBackorders].Mean <= 0 {
		t.Error("the starved DC never owed the store anything")
	}
	for _, sum := range []*stats.Summary{a, b} {
		if sum.Conservation != 0 {
			t.Errorf("conservation imbalance %d", sum.Conservation)
		}
	}
}

// TestPriorityAllocation: a DC short of stock serves the store whose lane
// has the higher priority first, so that store waits less; with equal
// priorities the two stores fare alike.
func TestPriorityAllocation(t *testing.T) {
	build := func(prioA, prioB int) *model.Network {
		d := model.Demand{Name: "d0", Rate: 10, Size: model.Const(1)}
		store := func(name string, prio int) model.Site {
			return model.Site{Name: name, Kind: model.Store, Stocks: []model.Stock{{Item: 0, Source: model.Node{model.SiteNode, 0},
				Lane: model.Lane{Transit: model.Const(1), Priority: prio}, Initial: 30, Policy: &model.RQ{R: 15, Q: 20}, Demand: []model.Demand{d}}}}
		}
		net := &model.Network{
			Name:      "prio",
			Items:     []model.Item{{Name: "widget"}},
			Suppliers: []model.Supplier{{Name: "factory"}},
			Sites: []model.Site{
				{Name: "dc", Kind: model.Warehouse, Stocks: []model.Stock{{Item: 0, Source: model.Node{model.SupplierNode, 0}, Lane: model.Lane{Transit: model.Const(6)}, Initial: 60, Policy: &model.RQ{R: 40, Q: 60}}}},
				store("a", prioA), store("b", prioB),
			},
			Horizon: 4000, Warmup: 100,
		}
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		return net
	}
	fill := func(net *model.Network) (a, b float64) {
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, 5, 0))
		if sum.Conservation != 0 {
			t.Errorf("conservation imbalance %d", sum.Conservation)
		}
		return sum.SKUs[1].Metrics[model.MFillRate].Mean, sum.SKUs[2].Metrics[model.MFillRate].Mean
	}
	ea, eb := fill(build(0, 0))
	pa, pb := fill(build(5, 0))
	t.Logf("equal priorities: fill a %.3f b %.3f; a first: a %.3f b %.3f", ea, eb, pa, pb)
	if math.Abs(ea-eb) > 0.03 {
		t.Errorf("equal priorities gave fill rates %.3f and %.3f", ea, eb)
	}
	if !(pa > ea+0.02 && pb < eb-0.02) {
		t.Errorf("priority to store a: fill a %.3f (was %.3f), b %.3f (was %.3f)", pa, ea, pb, eb)
	}
}
