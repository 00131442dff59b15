package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// traceAll runs replication 0 of net with the trace on and returns its
// records and result.
func traceAll(t *testing.T, net *Network) ([]TraceRecord, *Result) {
	t.Helper()
	var recs []TraceRecord
	res := Compile(net).RunEvents(1, 0, func(r TraceRecord) bool {
		recs = append(recs, r)
		return true
	})
	return recs, res
}

type wantRec struct {
	t             float64
	kind          TraceKind
	before, after TraceLevels
	rule          string
}

func checkTrace(t *testing.T, got []TraceRecord, want []wantRec) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("record %d missing: want t=%.2f %v %q", i, want[i].t, want[i].kind, want[i].rule)
			continue
		case i >= len(want):
			t.Errorf("record %d extra: t=%.2f %v %q", i, got[i].T, got[i].Kind, got[i].Rule)
			continue
		}
		g, w := got[i], want[i]
		if g.T != w.t || g.Kind != w.kind || g.Before != w.before || g.After != w.after || g.Rule != w.rule {
			t.Errorf("record %d:\n got t=%.2f %v %+v → %+v %q\nwant t=%.2f %v %+v → %+v %q",
				i, g.T, g.Kind, g.Before, g.After, g.Rule, w.t, w.kind, w.before, w.after, w.rule)
		}
	}
}

// lv builds levels: on hand, backorders, on order.
func lv(oh, bo, oo int64) TraceLevels { return TraceLevels{OnHand: oh, Backorders: bo, OnOrder: oo} }

// TestTraceHandRQ checks every record of a deterministic (r, Q) run worked
// out by hand: a customer wants 2 units every day (t = 1, 2, ...), r = 1,
// Q = 4, 3 units at the start, lead time 2.5 days, backorders. At t = 1
// the position falls to 1 ≤ r: one batch of 4, due 3.5. At t = 2, 1 on
// hand: ship 1, backorder 1; at t = 3 nothing on hand: backorder 2 (3
// owed), the position 0 + 4 − 3 = 1 ≤ r orders again, due 5.5. The
// receipt at 3.5 serves the two waiting orders, from t = 2 (waited 1.5)
// and t = 3 (waited 0.5), leaving 1; and the cycle repeats every 2 days.
func TestTraceHandRQ(t *testing.T) {
	net := rqNet(t, 1, Const(2.5), &RQ{R: 1, Q: 4}, 3, Backorder, 8, 0)
	d := &net.Sites[0].Stocks[0].Demand[0]
	d.Regular, d.Size = true, Const(2)
	recs, res := traceAll(t, net)
	want := []wantRec{
		{1, TraceDemand, lv(3, 0, 0), lv(1, 0, 0), "customer wants 2, 3 on hand: ship 2"},
		{1, TraceReview, lv(1, 0, 0), lv(1, 0, 4), "position 1 ≤ r = 1, order Q = 4 from factory, due 3.50"},
		{2, TraceDemand, lv(1, 0, 4), lv(0, 1, 4), "customer wants 2, 1 on hand: ship 1, backorder 1 (queue 1)"},
		{3, TraceDemand, lv(0, 1, 4), lv(0, 3, 4), "customer wants 2, 0 on hand: backorder 2 (queue 3)"},
		{3, TraceReview, lv(0, 3, 4), lv(0, 3, 8), "position 1 ≤ r = 1, order Q = 4 from factory, due 5.50"},
		{3.5, TraceReceipt, lv(0, 3, 8), lv(1, 0, 4), "receipt 4: serve 1 backordered (waited 1.50 d), 2 backordered (waited 0.50 d), on hand 1"},
		{4, TraceDemand, lv(1, 0, 4), lv(0, 1, 4), "customer wants 2, 1 on hand: ship 1, backorder 1 (queue 1)"},
		{5, TraceDemand, lv(0, 1, 4), lv(0, 3, 4), "customer wants 2, 0 on hand: backorder 2 (queue 3)"},
		{5, TraceReview, lv(0, 3, 4), lv(0, 3, 8), "position 1 ≤ r = 1, order Q = 4 from factory, due 7.50"},
		{5.5, TraceReceipt, lv(0, 3, 8), lv(1, 0, 4), "receipt 4: serve 1 backordered (waited 1.50 d), 2 backordered (waited 0.50 d), on hand 1"},
		{6, TraceDemand, lv(1, 0, 4), lv(0, 1, 4), "customer wants 2, 1 on hand: ship 1, backorder 1 (queue 1)"},
		{7, TraceDemand, lv(0, 1, 4), lv(0, 3, 4), "customer wants 2, 0 on hand: backorder 2 (queue 3)"},
		{7, TraceReview, lv(0, 3, 4), lv(0, 3, 8), "position 1 ≤ r = 1, order Q = 4 from factory, due 9.50"},
		{7.5, TraceReceipt, lv(0, 3, 8), lv(1, 0, 4), "receipt 4: serve 1 backordered (waited 1.50 d), 2 backordered (waited 0.50 d), on hand 1"},
	}
	checkTrace(t, recs, want)
	// and the run is the plain run's
	plain := Compile(net).Run(1, 0)
	if res.SKUs[0].DemandUnits != plain.SKUs[0].DemandUnits || res.SKUs[0].OnHandArea != plain.SKUs[0].OnHandArea || res.Events != plain.Events {
		t.Errorf("traced run differs from the plain run: %+v vs %+v", res.SKUs[0], plain.SKUs[0])
	}
}

// TestTraceHandLostPeriodic checks a periodic base-stock run with lost
// sales by hand: S = 4 reviewed every 2 days, lead time 1, 4 units at the
// start, a customer wanting 3 every day, lost when short. t = 0: position
// 4 ≥ S, no order. t = 1: ship 3 (1 left). t = 2: ship 1, lose 2; the
// review orders 4 − 0 = 4, due 3. t = 3: the receipt (before the day's
// customer) brings 4, the customer takes 3. t = 4: ship 1, lose 2, order
// 4 due 5 (the horizon, not reached).
func TestTraceHandLostPeriodic(t *testing.T) {
	net := rqNet(t, 1, Const(1), &BaseStock{S: 4, Period: 2}, 4, LostSale, 5, 0)
	d := &net.Sites[0].Stocks[0].Demand[0]
	d.Regular, d.Size = true, Const(3)
	recs, res := traceAll(t, net)
	want := []wantRec{
		{0, TraceReview, lv(4, 0, 0), lv(4, 0, 0), "position 4 ≥ S = 4, no order"},
		{1, TraceDemand, lv(4, 0, 0), lv(1, 0, 0), "customer wants 3, 4 on hand: ship 3"},
		{2, TraceDemand, lv(1, 0, 0), lv(0, 0, 0), "customer wants 3, 1 on hand: ship 1, lose 2 (lost sales)"},
		{2, TraceReview, lv(0, 0, 0), lv(0, 0, 4), "position 0 < S = 4, order S − position = 4 from factory, due 3.00"},
		{3, TraceReceipt, lv(0, 0, 4), lv(4, 0, 0), "receipt 4, on hand 4"},
		{3, TraceDemand, lv(4, 0, 0), lv(1, 0, 0), "customer wants 3, 4 on hand: ship 3"},
		{4, TraceDemand, lv(1, 0, 0), lv(0, 0, 0), "customer wants 3, 1 on hand: ship 1, lose 2 (lost sales)"},
		{4, TraceReview, lv(0, 0, 0), lv(0, 0, 4), "position 0 < S = 4, order S − position = 4 from factory, due 5.00"},
	}
	checkTrace(t, recs, want)
	if got := res.SKUs[0].LostUnits; got != 4 {
		t.Errorf("lost %d units, want 4", got)
	}
}

// TestTraceStops checks that a tracer returning false ends the run.
func TestTraceStops(t *testing.T) {
	net := pb1(t, 100)
	n := 0
	res := Compile(net).RunEvents(1, 0, func(TraceRecord) bool { n++; return n < 5 })
	if res != nil || n != 5 {
		t.Errorf("stopped run returned %v after %d records, want nil after 5", res, n)
	}
}

// TestTraceOffAllocs checks that the hooks cost no allocation when the
// trace is off.
func TestTraceOffAllocs(t *testing.T) {
	net := pb1(t, 1e9)
	if a, steps := EventAllocs(net, 50_000, 20_000); a != 0 || steps == 0 {
		t.Errorf("%v allocations per event over %d events", a, steps)
	}
	_ = math.NaN
}

// TestTraceRecordJSON checks that a record encodes as JSON as it is (for
// a page that runs the model in the browser): no NaN, the kind by name.
func TestTraceRecordJSON(t *testing.T) {
	recs, _ := traceAll(t, rqNet(t, 1, Const(1), &BaseStock{S: 4, Period: 2}, 4, LostSale, 5, 0))
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if !strings.Contains(string(b), `"Kind":"`+r.Kind.String()+`"`) {
			t.Errorf("%s", b)
		}
	}
}

// TestTraceHandTwoEchelon checks by hand a store ordering from a DC that
// ships what it has (a partial lane): the store (3 units, r = 2, Q = 8,
// one day from the DC) sells 2 units every day; the DC (5 units, r = 0,
// Q = 10, three days from the factory) reviews continuously. t = 1: the
// store's position falls to 1 ≤ 2 and it orders 8; the DC ships its 5
// (due 2), owes 3, and its position 0 − 3 = −3 ≤ 0 orders 10 (due 4).
// t = 2: the store receives 5 before the day's customer. t = 4: the DC's
// 10 arrive before the store's customer and serve the 3 owed since t = 1
// (waited 3 d, due at the store at 5). t = 5: the store receives 3, sells
// 2, orders 8 again; the DC ships its 7, owes 1 and orders 10 (due 8).
func TestTraceHandTwoEchelon(t *testing.T) {
	net := &Network{
		Name:      "two",
		Items:     []Item{{Name: "widget", HoldingCost: 1, BackorderCost: 1, OrderCost: 1}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{
			{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(3)},
				Initial: 5, Policy: &RQ{R: 0, Q: 10}}}},
			{Name: "store", Kind: Store, Stocks: []Stock{{Item: 0, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1), Partial: true},
				Initial: 3, Policy: &RQ{R: 2, Q: 8},
				Demand: []Demand{{Name: "d0", Rate: 1, Regular: true, Size: Const(2), Stockout: Backorder}}}}},
		},
		Horizon: 5.5,
	}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	recs, _ := traceAll(t, net)
	want := []wantRec{
		{1, TraceDemand, lv(3, 0, 0), lv(1, 0, 0), "customer wants 2, 3 on hand: ship 2"},
		{1, TraceReview, lv(1, 0, 0), lv(1, 0, 8), "position 1 ≤ r = 2, order Q = 8 from dc/widget, 5 due 2.00"},
		{1, TraceRequest, lv(5, 0, 0), lv(0, 3, 0), "store/widget orders 8, 5 on hand: ship 5, backorder 3, due 2.00 (queue 3)"},
		{1, TraceReview, lv(0, 3, 0), lv(0, 3, 10), "position -3 ≤ r = 0, order Q = 10 from factory, due 4.00"},
		{2, TraceReceipt, lv(1, 0, 8), lv(6, 0, 3), "receipt 5, on hand 6"},
		{2, TraceDemand, lv(6, 0, 3), lv(4, 0, 3), "customer wants 2, 6 on hand: ship 2"},
		{3, TraceDemand, lv(4, 0, 3), lv(2, 0, 3), "customer wants 2, 4 on hand: ship 2"},
		{4, TraceReceipt, lv(0, 3, 10), lv(7, 0, 0), "receipt 10: serve 3 backordered to store/widget (waited 3.00 d, due 5.00), on hand 7"},
		{4, TraceDemand, lv(2, 0, 3), lv(0, 0, 3), "customer wants 2, 2 on hand: ship 2"},
		{5, TraceReceipt, lv(0, 0, 3), lv(3, 0, 0), "receipt 3, on hand 3"},
		{5, TraceDemand, lv(3, 0, 0), lv(1, 0, 0), "customer wants 2, 3 on hand: ship 2"},
		{5, TraceReview, lv(1, 0, 0), lv(1, 0, 8), "position 1 ≤ r = 2, order Q = 8 from dc/widget, 7 due 6.00"},
		{5, TraceRequest, lv(7, 0, 0), lv(0, 1, 0), "store/widget orders 8, 7 on hand: ship 7, backorder 1, due 6.00 (queue 1)"},
		{5, TraceReview, lv(0, 1, 0), lv(0, 1, 10), "position -1 ≤ r = 0, order Q = 10 from factory, due 8.00"},
	}
	checkTrace(t, recs, want)
}

// TestTraceHandCancel checks by hand customers who wait at most 1.5 days:
// one unit every day, 1 unit at the start, r = 0, Q = 2, lead time 3.
// t = 1 ships the last unit and orders 2 (due 4); the customers of t = 2
// and 3 wait, and t = 3's position 0 + 2 − 2 = 0 orders again (due 6).
// At 3.5 the customer of t = 2 gives up; the receipt at 4 serves the one
// of t = 3 (waited 1 d), whose cancellation at 4.5 then finds nothing to
// cancel and is no record. t = 5 waits, served at 6 by the receipt, and
// t = 6's customer takes the unit left, which orders 2 (due 9).
func TestTraceHandCancel(t *testing.T) {
	net := rqNet(t, 1, Const(3), &RQ{R: 0, Q: 2}, 1, Backorder, 6.5, 0)
	d := &net.Sites[0].Stocks[0].Demand[0]
	p := Const(1.5)
	d.Regular, d.Customers.Patience = true, &p
	recs, _ := traceAll(t, net)
	want := []wantRec{
		{1, TraceDemand, lv(1, 0, 0), lv(0, 0, 0), "customer wants 1, 1 on hand: ship 1"},
		{1, TraceReview, lv(0, 0, 0), lv(0, 0, 2), "position 0 ≤ r = 0, order Q = 2 from factory, due 4.00"},
		{2, TraceDemand, lv(0, 0, 2), lv(0, 1, 2), "customer wants 1, 0 on hand: backorder 1 (queue 1), cancels at 3.50 unless served"},
		{3, TraceDemand, lv(0, 1, 2), lv(0, 2, 2), "customer wants 1, 0 on hand: backorder 1 (queue 2), cancels at 4.50 unless served"},
		{3, TraceReview, lv(0, 2, 2), lv(0, 2, 4), "position 0 ≤ r = 0, order Q = 2 from factory, due 6.00"},
		{3.5, TraceCancel, lv(0, 2, 4), lv(0, 1, 4), "customer cancels after waiting 1.50 d: 1 owed cancelled (queue 1)"},
		{4, TraceReceipt, lv(0, 1, 4), lv(1, 0, 2), "receipt 2: serve 1 backordered (waited 1.00 d), on hand 1"},
		{4, TraceDemand, lv(1, 0, 2), lv(0, 0, 2), "customer wants 1, 1 on hand: ship 1"},
		{5, TraceDemand, lv(0, 0, 2), lv(0, 1, 2), "customer wants 1, 0 on hand: backorder 1 (queue 1), cancels at 6.50 unless served"},
		{6, TraceReceipt, lv(0, 1, 2), lv(1, 0, 0), "receipt 2: serve 1 backordered (waited 1.00 d), on hand 1"},
		{6, TraceDemand, lv(1, 0, 0), lv(0, 0, 0), "customer wants 1, 1 on hand: ship 1"},
		{6, TraceReview, lv(0, 0, 0), lv(0, 0, 2), "position 0 ≤ r = 0, order Q = 2 from factory, due 9.00"},
	}
	checkTrace(t, recs, want)
}

// TestTraceKindNames checks that every kind has its documented name.
func TestTraceKindNames(t *testing.T) {
	want := "demand request review receipt cancel substitute dropship outage_start outage_end warmup"
	var got []string
	for _, k := range TraceKinds() {
		got = append(got, k.String())
	}
	if strings.Join(got, " ") != want {
		t.Errorf("kinds %v, want %s", got, want)
	}
}
