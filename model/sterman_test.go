package model

import (
	"math"
	"slices"
	"testing"
)

// TestStermanByHand follows the anchoring-and-adjustment rule over four
// reviews worked out by hand with θ = 0.36, α_S = 0.26, β = 0.34, S′ = 17
// and an expected demand of 4 at the start.
func TestStermanByHand(t *testing.T) {
	p, err := NewSterman(StermanTheta, StermanAlphaS, StermanBeta, StermanDesiredStock, 4, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	l := p.Fresh().(*Sterman)
	steps := []struct {
		name     string
		demand   []int64 // observed since the previous review
		pos      Position
		expected float64 // L̂ after the update
		order    int64
	}{
		// no period has ended: L̂ stays 4; 4 + 0.26·(17 − 12 − 0.34·12) = 4.2392
		{"first review", nil, Position{OnHand: 12, OnOrder: 12}, 4, 4},
		// L̂ = 0.36·8 + 0.64·4 = 5.44; 5.44 + 0.26·(17 − 8 − 0.34·16) = 6.3656
		{"demand 8", []int64{8}, Position{OnHand: 8, OnOrder: 16}, 5.44, 6},
		// L̂ = 0.36·8 + 0.64·5.44 = 6.3616; net inventory 0 − 6:
		// 6.3616 + 0.26·(17 + 6 − 0.34·20) = 10.5736
		{"backorders", []int64{5, 3}, Position{OnHand: 0, OnOrder: 20, Backorders: 6}, 6.3616, 11},
		// L̂ = 0.64·6.3616 = 4.071424; 4.071424 + 0.26·(17 − 60 − 0.34·30) < 0
		{"too much stock", nil, Position{OnHand: 60, OnOrder: 30}, 4.071424, 0},
	}
	for _, st := range steps {
		for _, q := range st.demand {
			l.Observe(0, q)
		}
		if got := l.Order(st.pos); got != st.order {
			t.Errorf("%s: order %d, want %d", st.name, got, st.order)
		}
		if got := l.Expected(); math.Abs(got-st.expected) > 1e-12 {
			t.Errorf("%s: expected demand %v, want %v", st.name, got, st.expected)
		}
	}
	// a fresh copy starts over; the network's policy is untouched
	if f := p.Fresh().(*Sterman); f.Expected() != 4 || f.started || f.pending != 0 || p.started {
		t.Errorf("fresh copy %+v, network policy %+v: want the initial state", f, p)
	}
	if _, err := NewSterman(1.5, 0.26, 0.34, 17, 4, 1, false); err == nil {
		t.Error("theta 1.5 accepted")
	}
	if _, err := NewSterman(0.36, 0.26, 0.34, 17, 4, 0, false); err == nil {
		t.Error("review period 0 accepted")
	}
}

// delayNet returns a network with a DC (supplied by a factory with no
// lead time of its own) and two stores that order once, at time 0:
// "store" 5 units from the DC along a lane with an order delay of 3 days
// and a transit of 2, "shop" 3 units from the factory with an order delay
// of 1.5 days and a transit of 2.
func delayNet(horizon float64) *Network {
	never := &BaseStock{S: 0, Period: 1000}
	return &Network{
		Name:      "delays",
		Items:     []Item{{Name: "widget", HoldingCost: 1}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{
			{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: 100, Policy: never}}},
			{Name: "store", Stocks: []Stock{{Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(2), OrderDelay: 3}, Policy: &BaseStock{S: 5, Period: 10}}}},
			{Name: "shop", Stocks: []Stock{{Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2), OrderDelay: 1.5}, Policy: &BaseStock{S: 3, Period: 10}}}},
		},
		Horizon: horizon,
	}
}

// TestOrderDelay checks that an order placed at t is seen by its source
// at t + order delay, and arrives after the transit time from then, its
// units on order all along.
func TestOrderDelay(t *testing.T) {
	net := delayNet(20)
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	_, dc := RunTraced(net, 1, 0, 0)
	// the DC ships the store's 5 units when the order reaches it, at 3
	if !slices.Equal(dc.Times, []float64{0, 3}) || !slices.Equal(dc.OnHand, []int64{100, 95}) {
		t.Errorf("dc levels at %v: %v, want 100 from 0 and 95 from 3", dc.Times, dc.OnHand)
	}
	res, store := RunTraced(net, 1, 0, 1)
	if want := []Mark{{0, 5}}; !slices.Equal(store.Orders, want) {
		t.Errorf("store orders %v, want %v", store.Orders, want)
	}
	if want := []Mark{{5, 5}}; !slices.Equal(store.Receipts, want) {
		t.Errorf("store receipts %v, want %v (0 + delay 3 + transit 2)", store.Receipts, want)
	}
	_, shop := RunTraced(net, 1, 0, 2)
	if want := []Mark{{3.5, 3}}; !slices.Equal(shop.Receipts, want) {
		t.Errorf("shop receipts %v, want %v (0 + delay 1.5 + transit 2)", shop.Receipts, want)
	}
	if c := res.SKUs[0]; c.DemandUnits != 5 || c.DemandOrders != 1 {
		t.Errorf("dc demand %d units in %d orders, want 5 in 1", c.DemandUnits, c.DemandOrders)
	}
	// the store's on-order averages 5 units over [0, 5) in 20 days
	if c := res.SKUs[1]; c.OnOrderArea != 25 || c.OrderBalance() != 0 {
		t.Errorf("store on-order area %v, balance %d, want 25 and 0", c.OnOrderArea, c.OrderBalance())
	}
	// before the order reaches it, the DC has seen no demand, and the
	// store's units are on order
	early := Run(delayNet(2.9), 1, 0)
	if d, o := early.SKUs[0].DemandUnits, early.SKUs[1].OnOrderEnd; d != 0 || o != 5 {
		t.Errorf("at 2.9: dc demand %d, store on order %d, want 0 and 5", d, o)
	}
	bad := delayNet(20)
	bad.Sites[1].Stocks[0].Lane.OrderDelay = -1
	if bad.Validate() == nil {
		t.Error("a negative order delay is accepted")
	}
}

// TestPipeline checks the lanes filled at time 0: with an order delay of
// 2, a transit of 2 and weekly reviews, 4 units arrive at 1 and 2 and an
// order of 4 reaches the source at 1 (and so arrives at 3); from a
// supplier with an order delay of 1 and a transit of 2, 4 units arrive at
// 1 and 2.
func TestPipeline(t *testing.T) {
	never := &BaseStock{S: 0, Period: 1}
	net := &Network{
		Name:      "pipeline",
		Items:     []Item{{Name: "beer", HoldingCost: 0.5}},
		Suppliers: []Supplier{{Name: "brewery"}},
		Sites: []Site{
			{Name: "retailer", Stocks: []Stock{{Source: Node{SiteNode, 1}, Lane: Lane{Transit: Const(2), OrderDelay: 2}, Initial: 12, Pipeline: 4, Policy: never}}},
			{Name: "factory", Kind: Warehouse, Stocks: []Stock{{Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2), OrderDelay: 1}, Initial: 50, Pipeline: 4, Policy: never}}},
		},
		Horizon: 10,
	}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	res, retailer := RunTraced(net, 1, 0, 0)
	if want := []Mark{{1, 4}, {2, 4}, {3, 4}}; !slices.Equal(retailer.Receipts, want) {
		t.Errorf("retailer receipts %v, want %v", retailer.Receipts, want)
	}
	_, factory := RunTraced(net, 1, 0, 1)
	if want := []Mark{{1, 4}, {2, 4}}; !slices.Equal(factory.Receipts, want) {
		t.Errorf("factory receipts %v, want %v", factory.Receipts, want)
	}
	r, f := res.SKUs[0], res.SKUs[1]
	if r.OnOrderStart != 12 || r.OnHandEnd != 24 || f.OnOrderStart != 8 || f.DemandUnits != 4 || f.OnHandEnd != 54 {
		t.Errorf("retailer on order at 0 %d, on hand at the end %d; factory on order at 0 %d, demand %d, on hand %d; want 12, 24, 8, 4, 54",
			r.OnOrderStart, r.OnHandEnd, f.OnOrderStart, f.DemandUnits, f.OnHandEnd)
	}
	for i, c := range res.SKUs {
		if c.OrderBalance() != 0 || c.StockBalance() != 0 {
			t.Errorf("site-item %d: order balance %d, stock balance %d, want 0", i, c.OrderBalance(), c.StockBalance())
		}
	}
	bad := *net
	bad.Sites = slices.Clone(net.Sites)
	bad.Sites[0].Stocks = []Stock{net.Sites[0].Stocks[0]}
	bad.Sites[0].Stocks[0].Policy = &BaseStock{S: 0} // continuous review: no periods
	if bad.Validate() == nil {
		t.Error("a pipeline under continuous review is accepted")
	}
}

// TestInformationSharing checks that with information sharing an
// upstream stage's expected demand follows the customers' demand: the
// wholesaler's equals the retailer's at the end, which it does not
// without sharing, where it follows the retailer's orders.
func TestInformationSharing(t *testing.T) {
	expected := func(shared bool) (retailer, wholesaler float64) {
		rule := func() Policy {
			p, err := NewSterman(StermanTheta, StermanAlphaS, StermanBeta, StermanDesiredStock, 4, 1, shared)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		step := &Profile{Promotions: []Promotion{{Start: 4, Days: 1000, Multiplier: 2}}}
		net := &Network{
			Name:      "sharing",
			Items:     []Item{{Name: "beer", HoldingCost: 0.5, BackorderCost: 1}},
			Suppliers: []Supplier{{Name: "brewery"}},
			Sites: []Site{
				{Name: "retailer", Stocks: []Stock{{Source: Node{SiteNode, 1}, Lane: Lane{Transit: Const(2), OrderDelay: 2}, Initial: 12, Pipeline: 4, Policy: rule(),
					Demand: []Demand{{Name: "customers", Daily: Const(4), Profile: step}}}}},
				{Name: "wholesaler", Kind: Warehouse, Stocks: []Stock{{Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2), OrderDelay: 2}, Initial: 12, Pipeline: 4, Policy: rule()}}},
			},
			Horizon: 20,
		}
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		res := Run(net, 1, 0)
		value := func(ps []Param) float64 {
			for _, p := range ps {
				if p.Name == "expected_demand" {
					return p.Value
				}
			}
			t.Fatal("no expected_demand")
			return 0
		}
		return value(res.PolicyEnd[0]), value(res.PolicyEnd[1])
	}
	r0, w0 := expected(false)
	r1, w1 := expected(true)
	if r0 != r1 {
		t.Errorf("retailer's expected demand %v without sharing, %v with: want equal (its orders are the customers')", r0, r1)
	}
	if w1 != r1 {
		t.Errorf("with sharing, wholesaler expects %v, retailer %v: want equal", w1, r1)
	}
	if w0 == r0 {
		t.Errorf("without sharing, the wholesaler expects the retailer's %v: want its own orders' smoothing", r0)
	}
	// 16 weeks of 8 after 4 weeks of 4 (closed at the reviews 1 to 19):
	// L̂ = 8 − 4·0.64^15
	if want := 8 - 4*math.Pow(1-StermanTheta, 15); math.Abs(r1-want) > 1e-9 {
		t.Errorf("retailer's expected demand %v, want %v", r1, want)
	}
}
