package model

import (
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
