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
