package model

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// Signature behaviour of each policy.

// oneItem returns a one-site, one-item network with the given demand and
// policy, costs h (per unit-day) and K (per order), and a supplier lane.
func oneItem(tb testing.TB, d Demand, p Policy, lane Lane, initial int64, h, k, horizon, warmup float64) *Network {
	tb.Helper()
	d.Name = "d0"
	net := &Network{
		Name:      "policy",
		Items:     []Item{{Name: "widget", HoldingCost: h, OrderCost: k, BackorderCost: 1}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{{Name: "store", Kind: Store, Stocks: []Stock{{
			Item: 0, Source: Node{SupplierNode, 0}, Lane: lane, Initial: initial, Policy: p, Demand: []Demand{d},
		}}}},
		Horizon: horizon, Warmup: warmup,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// TestEOQDeterministic runs EOQ on evenly spaced unit demand (D = 100 a day)
// with K = 50 and h = 0.01: Q = √(2KD/h) = 1000, and the cost per day
// (ordering K·D/Q plus holding h·Q/2) is √(2KDh) = 10. With unit demand the
// average on-hand is (Q − 1)/2, so the simulation may fall short of the
// formula by h/2 = 0.005 a day; the tolerance is 0.2%.
func TestEOQDeterministic(t *testing.T) {
	p, err := NewEOQ(100, 50, 0.01, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Q != 1000 || p.R != 300 {
		t.Fatalf("EOQ derived Q = %d, r = %d, want 1000, 300", p.Q, p.R)
	}
	net := oneItem(t, Demand{Rate: 100, Regular: true, Size: Const(1)}, p, Lane{Transit: Const(3)}, 1300, 0.01, 50, 10000, 1000)
	sum := Summarize(net, 1, []*Result{Run(net, 1, 0)})
	cost := sum.Total[MTotalCost].Mean
	if want := math.Sqrt(2 * 50 * 100 * 0.01); math.Abs(cost-want) > 0.002*want {
		t.Errorf("cost per day = %.5f, want √(2KDh) = %.5f", cost, want)
	}
	if bo := sum.Total[MBackorderedUnits].Mean; bo != 0 {
		t.Errorf("%v units backordered under deterministic demand with r = D·L", bo)
	}
	t.Logf("EOQ cost/day %.5f: holding %.5f ordering %.5f", cost, sum.Total[MHoldingCost].Mean, sum.Total[MOrderingCost].Mean)
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
	daily, _ := NewNormal(100, 30)
	for _, target := range []float64{0.8, 0.95} {
		t.Run(fmt.Sprint(target), func(t *testing.T) {
			p, err := NewSafetyStock(CycleServiceLevel, target, 100, 30, 3, 0, 1, 0)
			if err != nil {
				t.Fatal(err)
			}
			net := oneItem(t, Demand{Daily: daily}, p, Lane{Transit: Const(3)}, p.Top, 0.1, 0, 5000, 50)
			sum := Summarize(net, 1, RunAll(net, 1, theoryReps, 1))
			// the promise: P(N(400, 60²) <= S), S rounded up to a unit
			promised := normalCDF((float64(p.Top) - 400) / 60)
			checkCI(t, "cycle_service_level", sum.Total[MCycleServiceLevel], promised)
			if math.Abs(promised-target) > 0.01 {
				t.Errorf("the formula promises %.4f for target %v", promised, target)
			}
		})
	}
}

func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// TestSafetyStockDerivation checks the derived values against hand
// calculation: d = 20, σd = 5, L = 4, σL = 1, continuous review, Q = 50,
// CSL 0.95: σ = √(4·25 + 400·1) = √500, r = ceil(80 + 1.6449·√500) = 117.
func TestSafetyStockDerivation(t *testing.T) {
	p, err := NewSafetyStock(CycleServiceLevel, 0.95, 20, 5, 4, 1, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Sigma-math.Sqrt(500)) > 1e-12 || math.Abs(p.Z-1.6448536) > 1e-6 || p.ReorderPoint != 117 {
		t.Errorf("sigma %v z %v r %d, want %v 1.6448536 117", p.Sigma, p.Z, p.ReorderPoint, math.Sqrt(500))
	}
	// fill-rate target: G(z) = (1 − 0.99)·50 / σ
	f, err := NewSafetyStock(FillRate, 0.99, 20, 5, 4, 1, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if g := normalLoss(f.Z); math.Abs(g-0.01*50/math.Sqrt(500)) > 1e-9 {
		t.Errorf("G(z) = %v, want %v", g, 0.01*50/math.Sqrt(500))
	}
}

// TestJIT: with no lead time JIT holds no stock and no customer waits;
// with lead time L every unit waits L, so average backorders = λL (Little).
func TestJIT(t *testing.T) {
	for _, lead := range []float64{0, 1, 2, 4} {
		net := oneItem(t, Demand{Rate: 5, Size: Const(1)}, &JIT{}, Lane{Transit: Const(lead)}, 0, 1, 0, 2000, 10)
		sum := Summarize(net, 1, RunAll(net, 1, 5, 0))
		oh, bo := sum.Total[MAvgOnHand].Mean, sum.Total[MAvgBackorders]
		if oh != 0 {
			t.Errorf("L=%v: average on-hand %v, want 0", lead, oh)
		}
		if math.Abs(bo.Mean-5*lead) > bo.HalfWidth+1e-9 {
			t.Errorf("L=%v: average backorders %v ± %v, want λL = %v", lead, bo.Mean, bo.HalfWidth, 5*lead)
		}
	}
}

// TestDropShip: the site holds nothing and, the supplier having stock,
// every customer waits exactly the supplier's lead time.
func TestDropShip(t *testing.T) {
	net := oneItem(t, Demand{Rate: 3, Size: Const(2)}, &DropShip{Fee: 1.5}, Lane{Transit: Const(3)}, 0, 1, 0, 500, 0)
	res := Run(net, 1, 0)
	c := res.SKUs[0]
	var v [NumMetrics]float64
	c.Metrics(v[:])
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if v[MAvgOnHand] != 0 || !near(v[MWaitMean], 3) || !near(v[MWaitMax], 3) || v[MFillRate] != 1 {
		t.Errorf("on-hand %v, wait mean %v max %v, fill %v; want 0, 3, 3, 1", v[MAvgOnHand], v[MWaitMean], v[MWaitMax], v[MFillRate])
	}
	if b := c.Daily.Bullwhip(); math.Abs(b-1) > 1e-9 {
		t.Errorf("bullwhip %v, want 1: a drop-ship site passes demand on as it comes", b)
	}
	if c.OrderingCost != 1.5*float64(c.DemandOrders) || c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
		t.Errorf("fees %v for %d orders, balances %d %d %d", c.OrderingCost, c.DemandOrders, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
	}
}

// dcNet returns supplier → DC → store for one item, the store under
// policy p and fed by the DC in 1 day, the DC under (r, Q) with lead time 5.
func dcNet(tb testing.TB, p Policy, dcPolicy Policy, dcLead float64) *Network {
	tb.Helper()
	net := &Network{
		Name:      "dc",
		Items:     []Item{{Name: "widget", HoldingCost: 0.1}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{
			{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(dcLead)}, Initial: 200, Policy: dcPolicy}}},
			{Name: "store", Kind: Store, Stocks: []Stock{{Item: 0, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: 60, Policy: p,
				Demand: []Demand{{Name: "d0", Rate: 10, Size: Const(1)}}}}},
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
	ssNet := dcNet(t, &SS{Small: 20, Big: 80}, &RQ{R: 60, Q: 100}, 5)
	ss := Summarize(ssNet, 1, RunAll(ssNet, 1, 5, 0))
	vmiNet := dcNet(t, &VMI{Min: 44, Max: 45, Period: 1}, &RQ{R: 60, Q: 100}, 5)
	vmi := Summarize(vmiNet, 1, RunAll(vmiNet, 1, 5, 0))
	bs, bv := ss.Echelons[0].Metrics[MBullwhip], vmi.Echelons[0].Metrics[MBullwhip]
	t.Logf("store bullwhip: (s,S) %.3f ± %.3f, VMI %.3f ± %.3f", bs.Mean, bs.HalfWidth, bv.Mean, bv.HalfWidth)
	if !(bv.Mean+bv.HalfWidth < bs.Mean-bs.HalfWidth) || bv.Mean > 1.5 {
		t.Errorf("VMI bullwhip %v not clearly below (s,S) %v", bv.Mean, bs.Mean)
	}
	if ss.SKUs[1].Metrics[MDemandUnits].Mean != vmi.SKUs[1].Metrics[MDemandUnits].Mean {
		t.Error("customer demand differs between policies: common random numbers broken")
	}
}

// TestUpstreamShortagePropagates: a DC that is often short makes the store
// wait longer than its own transit, and its orders wait in the DC's queue.
func TestUpstreamShortagePropagates(t *testing.T) {
	rich := dcNet(t, &RQ{R: 15, Q: 30}, &RQ{R: 80, Q: 100}, 5)
	poor := dcNet(t, &RQ{R: 15, Q: 30}, &RQ{R: 10, Q: 30}, 5)
	a := Summarize(rich, 1, RunAll(rich, 1, 5, 0))
	b := Summarize(poor, 1, RunAll(poor, 1, 5, 0))
	if !(b.SKUs[1].Metrics[MFillRate].Mean < a.SKUs[1].Metrics[MFillRate].Mean-0.05) {
		t.Errorf("store fill with a starved DC %.3f, with a stocked DC %.3f", b.SKUs[1].Metrics[MFillRate].Mean, a.SKUs[1].Metrics[MFillRate].Mean)
	}
	if b.SKUs[0].Metrics[MAvgBackorders].Mean <= 0 {
		t.Error("the starved DC never owed the store anything")
	}
	for _, sum := range []*Summary{a, b} {
		if sum.Conservation != 0 {
			t.Errorf("conservation imbalance %d", sum.Conservation)
		}
	}
}

// TestSharedDemandKey: two stores whose demand streams share a key see the
// same customer orders, whatever their policies.
func TestSharedDemandKey(t *testing.T) {
	size, _ := NewUniform(1, 4)
	d := Demand{Name: "d0", Key: "shared", Rate: 6, Size: size}
	net := &Network{
		Name:      "shared",
		Items:     []Item{{Name: "widget"}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{
			{Name: "a", Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2)}, Policy: &RQ{R: 20, Q: 30}, Demand: []Demand{d}}}},
			{Name: "b", Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2)}, Policy: &JIT{}, Demand: []Demand{d}}}},
		},
		Horizon: 300,
	}
	res := Run(net, 1, 0)
	a, b := res.SKUs[0], res.SKUs[1]
	if a.DemandUnits != b.DemandUnits || a.DemandOrders != b.DemandOrders || a.DemandUnits == 0 {
		t.Errorf("demand %d units in %d orders vs %d in %d", a.DemandUnits, a.DemandOrders, b.DemandUnits, b.DemandOrders)
	}
	if a.AtOnceUnits == b.AtOnceUnits {
		t.Error("the policies behaved alike; the test proves nothing")
	}
}

// TestPriorityAllocation: a DC short of stock serves the store whose lane
// has the higher priority first, so that store waits less; with equal
// priorities the two stores fare alike.
func TestPriorityAllocation(t *testing.T) {
	build := func(prioA, prioB int) *Network {
		d := Demand{Name: "d0", Rate: 10, Size: Const(1)}
		store := func(name string, prio int) Site {
			return Site{Name: name, Kind: Store, Stocks: []Stock{{Item: 0, Source: Node{SiteNode, 0},
				Lane: Lane{Transit: Const(1), Priority: prio}, Initial: 30, Policy: &RQ{R: 15, Q: 20}, Demand: []Demand{d}}}}
		}
		net := &Network{
			Name:      "prio",
			Items:     []Item{{Name: "widget"}},
			Suppliers: []Supplier{{Name: "factory"}},
			Sites: []Site{
				{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(6)}, Initial: 60, Policy: &RQ{R: 40, Q: 60}}}},
				store("a", prioA), store("b", prioB),
			},
			Horizon: 4000, Warmup: 100,
		}
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		return net
	}
	fill := func(net *Network) (a, b float64) {
		sum := Summarize(net, 1, RunAll(net, 1, 5, 0))
		if sum.Conservation != 0 {
			t.Errorf("conservation imbalance %d", sum.Conservation)
		}
		return sum.SKUs[1].Metrics[MFillRate].Mean, sum.SKUs[2].Metrics[MFillRate].Mean
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

// TestCustomerPriority: at one store, backordered customers of the higher
// priority are served first, so they wait less than the others, who face
// the same demand.
func TestCustomerPriority(t *testing.T) {
	net := oneItem(t, Demand{Rate: 5, Size: Const(1)}, &RQ{R: 5, Q: 20}, Lane{Transit: Const(3)}, 25, 1, 0, 3000, 50)
	st := &net.Sites[0].Stocks[0]
	st.Demand = append(st.Demand, Demand{Name: "vip", Rate: 5, Size: Const(1), Priority: 1})
	res := Run(net, 1, 0)
	c := res.SKUs[0]
	if c.DemandBalance() != 0 || c.StockBalance() != 0 {
		t.Fatalf("balances %d %d", c.DemandBalance(), c.StockBalance())
	}
	// waits are pooled per site-item; split them by comparing with a run
	// where the second stream has no priority
	st.Demand[1].Priority = 0
	flat := Run(net, 1, 0).SKUs[0]
	if c.DemandUnits != flat.DemandUnits || c.BackorderedUnits == 0 {
		t.Fatalf("demand %d vs %d, backordered %d", c.DemandUnits, flat.DemandUnits, c.BackorderedUnits)
	}
	// priorities reorder who waits, not how much is owed: the time-average
	// backorders are identical, the spread of waits is larger
	if math.Abs(c.BackorderArea-flat.BackorderArea) > 1e-6*flat.BackorderArea {
		t.Errorf("backorder area %v with priorities, %v without", c.BackorderArea, flat.BackorderArea)
	}
	if !(c.WaitMax > flat.WaitMax) {
		t.Errorf("max wait %v with priorities, %v without: low-priority customers should wait longer", c.WaitMax, flat.WaitMax)
	}
	// each class's own service: the priority class waits less and is
	// filled more often from its queue than the regular one
	regular, vip := &res.Streams[0], &res.Streams[1]
	wait := func(c *Counters) float64 { return c.WaitSum / float64(c.Waits.Count()) }
	t.Logf("mean wait: regular %.3f days, priority %.3f days", wait(regular), wait(vip))
	if !(wait(vip) < wait(regular)) || vip.DemandUnits+regular.DemandUnits != c.DemandUnits {
		t.Errorf("mean wait: priority %v, regular %v; want the priority class to wait less", wait(vip), wait(regular))
	}
}

// TestNoOvertaking: with random transit times, shipments on a lane that
// forbids overtaking arrive in the order sent, and the inventory position
// stays exact either way (conservation and the (r, Q) order count).
func TestNoOvertaking(t *testing.T) {
	transit, _ := NewGamma(4, 3)
	for _, noOvertaking := range []bool{false, true} {
		net := oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 30, Q: 10}, Lane{Transit: transit, NoOvertaking: noOvertaking}, 40, 1, 0, 3000, 100)
		r, _ := start(net, 1, 0)
		prev, crossed := 0.0, 0
		for i := 0; i < 2000; i++ {
			at := r.arrival(0, 1, float64(i)*0.1, false)
			if at < prev {
				crossed++
			}
			prev = max(prev, at)
		}
		if noOvertaking && crossed > 0 {
			t.Errorf("%d shipments overtook an earlier one on a lane without overtaking", crossed)
		}
		if !noOvertaking && crossed == 0 {
			t.Error("no shipment overtook another with gamma transit times; the test proves nothing")
		}
		res := Run(net, 1, 0)
		c := res.SKUs[0]
		if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
			t.Errorf("overtaking %v: balances %d %d %d", !noOvertaking, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
		}
		// the position is exact: (r, Q) orders exactly the units demanded
		// (give or take the last Q), whatever the order of arrivals
		if d := c.UnitsOrdered - c.DemandUnits; d < -10 || d > 10 {
			t.Errorf("overtaking %v: ordered %d units for %d demanded", !noOvertaking, c.UnitsOrdered, c.DemandUnits)
		}
	}
}

// TestSupplierCapacity: a supplier preparing 10 units a day ships an
// order of 40 after 4 days of work, and orders queue behind each other.
func TestSupplierCapacity(t *testing.T) {
	net := oneItem(t, Demand{Rate: 1, Size: Const(1)}, &RQ{R: 0, Q: 40}, Lane{Transit: Const(2)}, 0, 1, 0, 100, 0)
	net.Suppliers[0].Capacity = 10
	r, _ := start(net, 1, 0)
	got := []float64{r.supplierReady(0, 40, 0), r.supplierReady(0, 40, 1), r.supplierReady(0, 10, 20)}
	if want := []float64{4, 8, 21}; !slices.Equal(got, want) {
		t.Errorf("ready times %v, want %v", got, want)
	}
	// in a run, the first order (placed at time 0, IP 0 <= r) arrives after
	// 4 days of work and 2 of transit
	net.Suppliers[0].Capacity = 10
	res := Run(net, 1, 0)
	if c := res.SKUs[0]; c.ReceivedUnits == 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
		t.Errorf("received %d, balances %d %d", c.ReceivedUnits, c.StockBalance(), c.OrderBalance())
	}
	noCap := oneItem(t, Demand{Rate: 1, Size: Const(1)}, &RQ{R: 0, Q: 40}, Lane{Transit: Const(2)}, 0, 1, 0, 100, 0)
	fast, slow := Run(noCap, 1, 0).SKUs[0], res.SKUs[0]
	if !(slow.BackorderArea > fast.BackorderArea) {
		t.Errorf("backorder area %v with capacity, %v without: capacity should delay replenishment", slow.BackorderArea, fast.BackorderArea)
	}
}

// TestDescribeReview checks that the policies that review either way say
// which, and list review_period only under periodic review.
func TestDescribeReview(t *testing.T) {
	hasPeriod := func(pi PolicyInfo) (float64, bool) {
		for _, p := range pi.Params {
			if p.Name == "review_period" {
				return p.Value, true
			}
		}
		return 0, false
	}
	for _, tc := range []struct {
		pol    Policy
		review string
		period float64
	}{
		{&SS{Small: 2, Big: 9}, Continuous, 0},
		{&SS{Small: 2, Big: 9, Period: 7}, Periodic, 7},
		{&BaseStock{S: 5}, Continuous, 0},
		{&BaseStock{S: 5, Period: 3}, Periodic, 3},
		{&SafetyStock{Q: 4}, Continuous, 0},
		{&SafetyStock{Period: 2}, Periodic, 2},
		{&Forecast{Alpha: 0.2, Q: 4}, Continuous, 0},
		{&Forecast{Alpha: 0.2, Period: 5}, Periodic, 5},
	} {
		pi := tc.pol.Describe()
		period, ok := hasPeriod(pi)
		if pi.Review != tc.review || ok != (tc.review == Periodic) || period != tc.period {
			t.Errorf("%s: review %q, review_period %v (listed %v); want review %q, review_period %v listed only if periodic",
				pi, pi.Review, period, ok, tc.review, tc.period)
		}
	}
	if pi := (&RQ{R: 1, Q: 2}).Describe(); pi.Review != "" {
		t.Errorf("rq: review %q, want none (rq always reviews continuously)", pi.Review)
	}
}

// TestRQNegativeReorderPoint checks (r, Q) with r < 0: no order until the
// position falls to r, which takes backorders, then enough multiples of
// Q to lift it above r.
func TestRQNegativeReorderPoint(t *testing.T) {
	p := &RQ{R: -2, Q: 5}
	for _, tc := range []struct {
		pos  Position
		want int64
	}{
		{Position{OnHand: 0}, 0},
		{Position{Backorders: 1}, 0},             // position -1 > r
		{Position{Backorders: 2}, 5},             // position -2 = r: to 3
		{Position{OnOrder: 5, Backorders: 7}, 5}, // -2 again
		{Position{Backorders: 8}, 10},            // -8: two batches, to 2
		{Position{OnOrder: 5, Backorders: 6}, 0}, // -1
	} {
		if got := p.Order(tc.pos); got != tc.want {
			t.Errorf("Order(%+v) = %d, want %d", tc.pos, got, tc.want)
		}
	}
	s := &SS{Small: -3, Big: -1}
	if got := s.Order(Position{Backorders: 3}); got != 2 {
		t.Errorf("sS(-3, -1) at position -3: order %d, want 2 (up to -1)", got)
	}
	if got := s.Order(Position{Backorders: 2}); got != 0 {
		t.Errorf("sS(-3, -1) at position -2: order %d, want 0", got)
	}
}
