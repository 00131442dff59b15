package model

import (
	"math"
	"testing"
)

// Checks of customer behaviour (see [Customers]): each feature's signature,
// exact where a hand calculation gives the answer.

// never is an (r, Q) policy that never orders.
var never = &RQ{R: -1 << 40, Q: 1}

// withCustomers returns net with the customers of its first demand stream
// set to cu.
func withCustomers(net *Network, cu Customers) *Network {
	net.Sites[0].Stocks[0].Demand[0].Customers = cu
	return net
}

// checkBalances fails unless every unit of every site-item of res is
// accounted for.
func checkBalances(tb testing.TB, res *Result) {
	tb.Helper()
	for i := range res.SKUs {
		c := &res.SKUs[i]
		if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
			tb.Errorf("site-item %d: balances demand %d stock %d order %d", i, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
		}
	}
}

// TestPatienceExact: no stock ever arrives; a customer every day from day
// 1 waits 2.5 days and cancels. Over 100.25 days the customers of days 1
// to 97 cancel; those of days 98 to 100 still wait, 2.25, 1.25 and 0.25
// days old.
func TestPatienceExact(t *testing.T) {
	patience := Const(2.5)
	net := withCustomers(rqNet(t, 1, Const(1), never, 0, Backorder, 100.25, 0), Customers{Patience: &patience})
	net.Sites[0].Stocks[0].Demand[0].Regular = true
	net.Items[0].CancelCost = 3
	res := Run(net, 1, 0)
	checkBalances(t, res)
	c := &res.SKUs[0]
	var m [NumMetrics]float64
	c.Metrics(m[:])
	for _, tt := range []struct {
		name      string
		got, want float64
	}{
		{"demand", m[MDemandUnits], 100},
		{"cancelled units", m[MCancelledUnits], 97},
		{"cancelled orders", m[MCancelledOrders], 97},
		{"cancel cost/day", m[MCancelCost], 97 * 3 / 100.25},
		{"backorders at end", float64(c.BackordersEnd), 3},
		{"age at end", m[MBackorderAgeEnd], 1.25},
		{"age at end max", m[MBackorderAgeEndMax], 2.25},
		{"backlog value", m[MBacklogValue], 3 * 20},
		{"revenue", m[MRevenue], 0},
		// 97 orders × 2.5 days + 2.25 + 1.25 + 0.25 unit-days
		{"avg backorders", m[MAvgBackorders], (97*2.5 + 3.75) / 100.25},
	} {
		if math.Abs(tt.got-tt.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if c.Waits.Count() != 0 {
		t.Errorf("%d waits recorded; cancelled orders have none", c.Waits.Count())
	}
}

// TestPatienceAndReceiptAtOnce: a customer every 10 days finds no stock,
// and base stock 0 orders its unit, which arrives 2 days later. Customers
// with a patience of exactly 2 days are served by it (receipts come before
// cancellations at one instant); with a hair less, every backordered
// customer cancels (and the unit serves the next customer at once).
func TestPatienceAndReceiptAtOnce(t *testing.T) {
	for _, tt := range []struct {
		patience  float64
		cancelled bool
	}{{2, false}, {2 - 1e-9, true}} {
		patience := Const(tt.patience)
		net := withCustomers(rqNet(t, 0.1, Const(2), &BaseStock{S: 0}, 0, Backorder, 1000, 0), Customers{Patience: &patience})
		net.Sites[0].Stocks[0].Demand[0].Regular = true
		res := Run(net, 1, 0)
		checkBalances(t, res)
		c := &res.SKUs[0]
		served := int64(c.Waits.Count())
		switch {
		case !tt.cancelled && (c.CancelledOrders != 0 || served != c.DemandOrders || math.Abs(c.WaitMax-2) > 1e-9 || math.Abs(c.WaitSum/float64(served)-2) > 1e-9):
			t.Errorf("patience %v: %d cancelled, %d of %d served, waits up to %v; want every customer served after 2 days", tt.patience, c.CancelledOrders, served, c.DemandOrders, c.WaitMax)
		case tt.cancelled && (served != 0 || c.CancelledOrders != c.BackorderedOrders-c.BackordersEnd || c.CancelledOrders < c.DemandOrders/2-1):
			t.Errorf("patience %v: %d served from backorder, %d cancelled of %d backordered; want every backordered customer to cancel", tt.patience, served, c.CancelledOrders, c.BackorderedOrders)
		}
	}
}

// TestDeclineShare: the share of customers short of stock who leave is
// the configured one, within a binomial 99.7% interval.
func TestDeclineShare(t *testing.T) {
	const decline = 0.3
	net := withCustomers(rqNet(t, 5, Const(3), &RQ{R: 5, Q: 10}, 15, Backorder, 5000, 0), Customers{Decline: decline})
	var lost, short int64
	for _, res := range RunAll(net, 1, 4, 1) {
		checkBalances(t, res)
		c := &res.SKUs[0]
		lost += c.LostOrders
		short += c.LostOrders + c.BackorderedOrders
	}
	p := float64(lost) / float64(short)
	sd := math.Sqrt(decline * (1 - decline) / float64(short))
	t.Logf("declined %d of %d short customers: %.4f (want %.2f ± %.4f)", lost, short, p, decline, 3*sd)
	if math.Abs(p-decline) > 3*sd {
		t.Errorf("share declining %.4f, want %.2f ± %.4f", p, decline, 3*sd)
	}
}

// TestCompleteShipments: complete-only customers of 3 units each get
// whole orders: at once, or later in full.
func TestCompleteShipments(t *testing.T) {
	net := withCustomers(rqNet(t, 2, Const(3), &RQ{R: 10, Q: 7}, 17, Backorder, 5000, 0), Customers{Complete: true})
	net.Sites[0].Stocks[0].Demand[0].Size = Const(3)
	res := Run(net, 1, 0)
	checkBalances(t, res)
	c := &res.SKUs[0]
	if c.AtOnceUnits != 3*c.AtOnceOrders || c.BackorderedUnits != 3*c.BackorderedOrders || c.BackorderedOrders == 0 {
		t.Errorf("at once %d units in %d orders, backordered %d units in %d orders: not whole orders",
			c.AtOnceUnits, c.AtOnceOrders, c.BackorderedUnits, c.BackorderedOrders)
	}
	partial := Run(rqNet(t, 2, Const(3), &RQ{R: 10, Q: 7}, 17, Backorder, 5000, 0), 1, 0)
	if partial.SKUs[0].AtOnceUnits <= c.AtOnceUnits {
		t.Errorf("partial shipments ship %d units at once, complete ones %d: want more", partial.SKUs[0].AtOnceUnits, c.AtOnceUnits)
	}
}

// substitutionNet returns a store whose widget never has stock, with a
// gadget substitute holding initial units and never reordering.
func substitutionNet(t *testing.T, share float64, initial int64) *Network {
	net := withCustomers(rqNet(t, 4, Const(1), never, 0, Backorder, 1000, 0),
		Customers{Substitute: &Substitute{Stock: 1, Share: share, Discount: 0.25}})
	net.Items = append(net.Items, Item{Name: "gadget", Price: 30})
	net.Sites[0].Stocks = append(net.Sites[0].Stocks, Stock{Item: 1, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: initial, Policy: never})
	return net
}

// TestSubstitution: with an ample substitute every short unit is
// substituted, earning the substitute's discounted price; with a share, the
// share of customers taking it is the configured one.
func TestSubstitution(t *testing.T) {
	res := Run(substitutionNet(t, 1, 1<<30), 1, 0)
	checkBalances(t, res)
	w, g := &res.SKUs[0], &res.SKUs[1]
	if w.SubstitutedUnits != w.DemandUnits || g.SubstituteOutUnits != w.SubstitutedUnits || w.BackorderedUnits != 0 || w.DemandUnits == 0 {
		t.Errorf("demand %d, substituted %d, shipped by the substitute %d, backordered %d", w.DemandUnits, w.SubstitutedUnits, g.SubstituteOutUnits, w.BackorderedUnits)
	}
	if want := 30 * 0.75 * float64(w.SubstitutedUnits); w.Revenue != want || g.Revenue != 0 {
		t.Errorf("revenue %v at widget, %v at gadget; want %v at widget", w.Revenue, g.Revenue, want)
	}

	const share = 0.4
	res = Run(substitutionNet(t, share, 1<<30), 1, 0)
	checkBalances(t, res)
	w = &res.SKUs[0]
	n := float64(w.DemandOrders)
	p := float64(w.DemandOrders-w.BackorderedOrders) / n
	if sd := math.Sqrt(share * (1 - share) / n); math.Abs(p-share) > 3*sd {
		t.Errorf("share substituting %.4f, want %.2f ± %.4f", p, share, 3*sd)
	}

	// a substitute of 10 units gives 10 and no more
	res = Run(substitutionNet(t, 1, 10), 1, 0)
	checkBalances(t, res)
	if w := &res.SKUs[0]; w.SubstitutedUnits != 10 || w.BackorderedUnits != w.DemandUnits-10 {
		t.Errorf("substituted %d of a substitute's 10 units, backordered %d of %d", w.SubstitutedUnits, w.BackorderedUnits, w.DemandUnits)
	}
}

// TestPromises: under base stock every backordered unit has its
// replenishment on the way, so with one class of customers every promise
// is kept. Customers of a higher class jump the queue: the promises made
// to the lower class are then sometimes broken, the higher class's never.
func TestPromises(t *testing.T) {
	gamma, err := NewGamma(3, 2)
	if err != nil {
		t.Fatal(err)
	}
	net := withCustomers(rqNet(t, 5, gamma, &BaseStock{S: 12}, 12, Backorder, 5000, 100), Customers{Quote: true})
	res := Run(net, 1, 0)
	checkBalances(t, res)
	c := &res.SKUs[0]
	// OTIF counts the orders of the window; promises kept, every order
	// completed in it, some ordered before the warm-up
	if early := c.AtOnceOrders + c.PromisesKept - c.OTIFOrders; c.PromisedOrders == 0 || c.PromisesKept != c.PromisedOrders || early < 0 || early > 50 || c.OTIFOrders > c.QuotedOrders {
		t.Errorf("one class: %d of %d promises kept, OTIF %d; want all kept", c.PromisesKept, c.PromisedOrders, c.OTIFOrders)
	}

	st := &net.Sites[0].Stocks[0]
	st.Demand = append(st.Demand, Demand{Name: "vip", Rate: 2, Size: Const(1), Priority: 1, Customers: Customers{Quote: true}})
	res = Run(net, 1, 0)
	checkBalances(t, res)
	low, high := &res.Streams[0], &res.Streams[1]
	t.Logf("promises kept: regular %d of %d, priority %d of %d", low.PromisesKept, low.PromisedOrders, high.PromisesKept, high.PromisedOrders)
	if low.PromisesKept >= low.PromisedOrders || high.PromisesKept != high.PromisedOrders || high.PromisedOrders == 0 {
		t.Errorf("two classes: regular customers kept %d of %d promises, priority ones %d of %d; want some of the regular ones broken, none of the priority ones",
			low.PromisesKept, low.PromisedOrders, high.PromisesKept, high.PromisedOrders)
	}
}

// TestQuote checks the promised date against a pipeline by hand.
func TestQuote(t *testing.T) {
	r := &runner{skus: make([]skuState, 1), cold: []skuCold{{owed: []int64{3, 4}, lane: &Lane{Transit: Const(5)}}}}
	k := &r.skus[0]
	for _, tr := range []transit{{12, 2}, {10, 4}, {11, 3}} { // out of order
		r.expect(k, tr.at, tr.qty)
	}
	for _, tt := range []struct {
		onHand, qty int64
		cls         int32
		want        float64
	}{
		{0, 1, 0, 10},  // 3 owed ahead + 1: the 4 arriving at 10
		{0, 2, 0, 11},  // 5 units: 10 brings 4, 11 the fifth
		{0, 1, 1, 12},  // class 1 waits behind class 0 too: 8 units
		{2, 1, 1, 11},  // 2 on hand held for the orders ahead: 6
		{0, 2, 1, 12},  // 9 units: all three
		{0, 4, 1, 17},  // 11 units, 9 in the pipeline: the last + 5
		{20, 1, 0, 7},  // enough on hand (a whole order waiting ahead): now
		{0, 9, 1, 17},  // beyond the pipeline
		{0, 0, 0, 10},  // the owed units alone
		{9, 0, 0, 7},   // nothing needed
		{3, 1, 0, 10},  // exactly the owed units on hand: 1 more
		{3, 0, 0, 7},   // exactly covered
		{0, 1, 0, 10},  // unchanged by the calls before
		{-1, 0, 0, 10}, // cannot happen; still a date
	} {
		k.onHand = tt.onHand
		if got := r.quoteAt(k, 7, tt.qty, tt.cls); got != tt.want {
			t.Errorf("quote(on hand %d, qty %d, class %d) = %v, want %v", tt.onHand, tt.qty, tt.cls, got, tt.want)
		}
	}
	r.received(k)
	if k.onHand = 0; r.quoteAt(k, 7, 1, 0) != 12 {
		t.Errorf("after the receipt at 10: quote %v, want 12", r.quoteAt(k, 7, 1, 0))
	}
}

// TestCustomerEventAllocs pins the hot path of customer behaviour:
// quotes, patience draws and cancellations allocate nothing once a run has
// reached its working size.
func TestCustomerEventAllocs(t *testing.T) {
	patience, err := NewExponential(2)
	if err != nil {
		t.Fatal(err)
	}
	net := withCustomers(rqNet(t, 8, Const(4), &RQ{R: 30, Q: 40}, 70, Backorder, 1e9, 0),
		Customers{Decline: 0.2, Patience: &patience, Balk: true, BalkWait: 6, Quote: true})
	_, s := start(net, 1, 0)
	for range 200000 {
		s.Step()
	}
	if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
		t.Errorf("an event allocates %v times, want 0", n)
	}
}
