package model

import (
	"fmt"
	"math"
	"strings"

	"scsim/sim"
)

// The explained event trace: every event of one replication, with the
// levels of the site-item it changes before and after and, for each
// decision, the rule that made it in words and numbers. A run that is not
// traced pays one nil check per hook and allocates nothing for it.

// TraceKind is what a [TraceRecord] reports.
type TraceKind uint8

// The kinds of trace records.
const (
	// TraceDemand: a customer order reaches a site-item and is shipped,
	// backordered, lost or (partly) substituted.
	TraceDemand TraceKind = iota
	// TraceRequest: a downstream site-item's replenishment order reaches
	// its upstream site-item, which ships it or backorders it.
	TraceRequest
	// TraceReview: a policy review; Qty is the order placed (0: none).
	// Continuous reviews that order nothing are not reported.
	TraceReview
	// TraceReceipt: a replenishment arrives and serves waiting orders.
	TraceReceipt
	// TraceCancel: an impatient customer cancels what is still owed.
	TraceCancel
	// TraceSubstitute: units taken from a site-item for another
	// site-item's customers, as a substitute.
	TraceSubstitute
	// TraceDropShip: a customer order at a drop-ship site-item passed to
	// its source.
	TraceDropShip
	// TraceOutageStart and TraceOutageEnd: a supplier or lane goes down
	// or comes back.
	TraceOutageStart
	TraceOutageEnd
	// TraceWarmup: the end of the warm-up; statistics restart.
	TraceWarmup
)

var traceKindNames = [...]string{"demand", "request", "review", "receipt", "cancel", "substitute", "dropship", "outage_start", "outage_end", "warmup"}

// MarshalText implements [encoding.TextMarshaler]: the kind's name.
func (k TraceKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// String returns the kind as written in trace output, e.g. "review".
func (k TraceKind) String() string {
	if int(k) < len(traceKindNames) {
		return traceKindNames[k]
	}
	return fmt.Sprintf("kind%d", k)
}

// TraceKinds lists the kinds in order, for documentation and parsing.
func TraceKinds() []TraceKind {
	out := make([]TraceKind, len(traceKindNames))
	for i := range out {
		out[i] = TraceKind(i)
	}
	return out
}

// TraceLevels are a site-item's levels at one moment, in units.
type TraceLevels struct {
	OnHand, Backorders, OnOrder int64
}

// Position returns the inventory position: on hand + on order − backorders.
func (l TraceLevels) Position() int64 { return l.OnHand + l.OnOrder - l.Backorders }

// TraceRecord is one step of one event of a traced replication (an event
// may give several records, e.g. a customer order and the review it
// triggers), in the order they happened.
type TraceRecord struct {
	Event uint64  // the number of the event in the run, from 1
	T     float64 // days
	Kind  TraceKind
	// SKU is the site-item's index into [Network.SKUs], -1 for a record
	// of no site-item (warm-up, outages); Where its name "site/item", or
	// the supplier or lane for an outage.
	SKU   int
	Where string
	// Stream is the customers' demand stream, "site/item/name", for a
	// demand, cancel or drop-ship record; else "". Other is the
	// site-item ordering (request), ordered from (review) or substituted
	// for (substitute), or the supplier ordered from; else "".
	Stream, Other string
	// Before and After are the site-item's levels around the step.
	Before, After TraceLevels
	// Qty is the units wanted (demand, request, dropship), ordered
	// (review), received (receipt), cancelled (cancel) or taken
	// (substitute).
	Qty int64
	// Shipped is the units shipped at once (demand, request) or to
	// waiting orders (receipt, cancel); Backordered, Lost and Substituted
	// what became of the rest of a customer order or request.
	Shipped, Backordered, Lost, Substituted int64
	// Due is when the (first) shipment of an order arrives and DueQty its
	// units; both 0 when none was shipped in the event.
	Due    float64
	DueQty int64
	// Rule is the decision in words and numbers, e.g. "position 27 ≤ r =
	// 28, order Q = 40 from factory, due 16.40".
	Rule string

	served []servedOrder // receipt, cancel: the orders served, for Rule
	note   string        // review: how the policy's levels were derived
	aux    float64       // kind-specific: a promise, patience or backup share
	aux2   float64
	flag   uint8
}

// servedOrder is one waiting order served from stock.
type servedOrder struct {
	to     string // a customer stream or downstream site-item
	qty    int64
	waited float64
	due    float64
	done   bool
}

// tracer is the trace of a traced run: records of the current event are
// gathered, completed and handed to fn when the next event starts.
type tracer struct {
	fn     func(TraceRecord) bool
	stop   bool
	event  uint64
	buf    []TraceRecord
	open   []int // records begun and not yet closed
	last   float64
	names  []string // site-item names
	supply []string // supplier names
	d      string   // the abbreviation of the time unit: "d" for days
}

// timeAbbrev abbreviates a [Network.TimeUnit] for a trace's rules.
func timeAbbrev(unit string) string {
	switch unit {
	case "minute":
		return "min"
	case "hour":
		return "h"
	case "week":
		return "wk"
	case "month":
		return "mo"
	}
	return "d"
}

// RunEvents is [Plan.Run] that hands every step of replication rep to fn,
// in order, as a [TraceRecord]; the result is the same as Run's. If fn
// returns false the run stops there and RunEvents returns nil. It reads
// no files, so it runs anywhere the model does (WebAssembly included).
func (p *Plan) RunEvents(seed uint64, rep int, fn func(TraceRecord) bool) *Result {
	r, s := p.start(seed, rep)
	names := make([]string, len(p.refs))
	for i, ref := range p.refs {
		names[i] = ref.Name
	}
	sup := make([]string, len(p.net.Suppliers))
	for i := range p.net.Suppliers {
		sup[i] = p.net.Suppliers[i].Name
	}
	r.tr = &tracer{fn: fn, names: names, supply: sup, last: math.NaN(), d: timeAbbrev(p.net.TimeUnit)}
	r.setAhead() // none: the trace reports event by event
	end := sim.Time(p.net.Horizon)
	for !r.tr.stop {
		t, ok := s.Peek()
		if !ok || t >= end {
			break
		}
		s.Step()
	}
	r.tr.flush(r)
	if r.tr.stop {
		return nil
	}
	s.RunUntil(end)
	return r.finish(s)
}

// levels returns the levels of site-item k.
func levels(k *skuState) TraceLevels {
	return TraceLevels{OnHand: k.onHand, Backorders: k.backlog, OnOrder: k.onOrder}
}

// add starts a record of kind at site-item id (-1 for none) at the
// current event, flushing the records of an earlier event, and returns
// it. Its levels before and after are k's now.
func (r *runner) traceAdd(s *sim.Sim, kind TraceKind, id int32) *TraceRecord {
	tr := r.tr
	if ev := s.Processed(); ev != tr.event {
		tr.flush(r)
		tr.event = ev
	}
	rec := TraceRecord{Event: tr.event, T: float64(s.Now()), Kind: kind, SKU: int(id), Due: math.NaN()}
	if id >= 0 {
		rec.Where = tr.names[id]
		rec.Before = levels(&r.skus[id])
		rec.After = rec.Before
	}
	tr.buf = append(tr.buf, rec)
	return &tr.buf[len(tr.buf)-1]
}

// traceOpen begins a record whose step is not over: [runner.traceTop]
// finds it, [runner.traceClose] ends it.
//
//go:noinline
func (r *runner) traceOpen(s *sim.Sim, kind TraceKind, id int32) {
	r.traceAdd(s, kind, id)
	r.tr.open = append(r.tr.open, len(r.tr.buf)-1)
}

// traceTop returns the innermost open record.
func (r *runner) traceTop() *TraceRecord {
	return &r.tr.buf[r.tr.open[len(r.tr.open)-1]]
}

// traceClose ends the innermost open record with its site-item's levels
// now.
//
//go:noinline
func (r *runner) traceClose() *TraceRecord {
	rec := r.traceTop()
	r.tr.open = r.tr.open[:len(r.tr.open)-1]
	rec.After = levels(&r.skus[rec.SKU])
	return rec
}

// flush completes the records gathered and hands them to fn.
func (t *tracer) flush(r *runner) {
	for i := range t.buf {
		rec := &t.buf[i]
		if t.stop {
			break
		}
		r.explain(rec)
		rec.served, rec.note = nil, ""
		if rec.Due != rec.Due || rec.DueQty == 0 {
			rec.Due, rec.DueQty = 0, 0 // nothing shipped: no NaN, which JSON cannot hold
		}
		if !t.fn(*rec) {
			t.stop = true
		}
	}
	t.buf, t.open = t.buf[:0], t.open[:0]
	t.last = math.NaN()
}

// traceDemand closes the record of a plain customer order of q units from
// str: fill shipped, short the rest, lost or backordered.
//
//go:noinline
func (r *runner) traceDemand(str *stream, q, fill, short int64) {
	rec := r.traceClose()
	rec.Stream = r.plan.streams[str.id].Name
	rec.Qty, rec.Shipped = q, fill
	if str.flags&strLost != 0 {
		rec.Lost = short
	} else {
		rec.Backordered = short
	}
}

// Flags of a customer order's record.
const (
	tfDeclined uint8 = 1 << iota
	tfBalked
	tfComplete
	tfPatience
	tfQuoted
	tfLostRule
)

// traceCustomer closes the record of a customer order of q units from
// str, whose customers behave (see [Customers]): fill shipped at once,
// short the rest after substitutes, declines says the customer would not
// wait, promise the quoted date (NaN if none), patience the customer's.
//
//go:noinline
func (r *runner) traceCustomer(str *stream, k *skuState, q, fill, short int64, declines bool, promise, patience float64) {
	rec := r.traceClose()
	cu := r.scoldOf(str).cust
	rec.Stream = r.plan.streams[str.id].Name
	rec.Qty, rec.Shipped = q, fill
	rec.Substituted = q - fill - short
	if cu.sub >= 0 && rec.Substituted > 0 {
		rec.Other = r.tr.names[cu.sub]
	}
	if cu.complete {
		rec.flag |= tfComplete
	}
	if cu.quote {
		rec.flag |= tfQuoted
		rec.aux = promise
	}
	switch {
	case short == 0:
	case str.flags&strLost != 0:
		rec.Lost = short
		rec.flag |= tfLostRule
	case declines:
		rec.Lost = short
		rec.flag |= tfDeclined
	case cu.balk && promise-rec.T > cu.balkWait:
		rec.Lost = short
		rec.flag |= tfBalked
		rec.aux2 = cu.balkWait
	default:
		rec.Backordered = short
		if cu.hasPatience {
			rec.flag |= tfPatience
			rec.aux2 = patience
		}
	}
}

// traceRequest closes the record of a replenishment order of q units from
// site-item dest (alt: as its backup source) at the site-item of the
// record, fill of them shipped at once. cs >= 0 is a drop-ship
// customer's stream.
//
//go:noinline
func (r *runner) traceRequest(dest int32, q, fill int64, cs int32) {
	rec := r.traceClose()
	rec.Other = r.tr.names[dest]
	if cs >= 0 {
		rec.Stream = r.plan.streams[cs].Name
	}
	rec.Qty, rec.Shipped, rec.Backordered = q, fill, q-fill
	if fill > 0 && cs < 0 {
		rec.Due, rec.DueQty = r.tr.last, fill
	}
	if !r.coldOf(&r.skus[dest]).lane.Partial {
		rec.flag |= tfComplete
	}
}

// traceReview reports the review of site-item id at which its policy
// orders q units (<= 0: none, reported only for a periodic review).
//
//go:noinline
func (r *runner) traceReview(s *sim.Sim, id int32, k *skuState, q int64) {
	kc := r.coldOf(k)
	if q <= 0 && k.flags&skuContinuous != 0 {
		return
	}
	rec := r.traceAdd(s, TraceReview, id)
	rec.Qty = max(q, 0)
	rec.After.OnOrder += rec.Qty
	rec.Rule, rec.note = r.policyRule(k, rec.Before.Position(), rec.Qty)
	if p, ok := kc.policy.(*Sterman); ok {
		rec.Rule = stermanRule(p, rec.Before, rec.Qty)
	}
	switch {
	case k.upstream >= 0:
		rec.Other = r.tr.names[k.upstream]
	case kc.supplier >= 0:
		rec.Other = r.tr.supply[kc.supplier]
	}
	if rec.Qty > 0 {
		r.outageNote(rec, k)
	}
	if k.flags&skuBackup != 0 {
		rec.flag = 1
		rec.aux = float64(kc.c.BackupUnits) // the backup's share is the difference at the end
	}
}

// outageNote adds to the note of rec, an order placed by k, the outage
// of its supplier or lane under way, which holds the order back.
func (r *runner) outageNote(rec *TraceRecord, k *skuState) {
	kc := r.coldOf(k)
	add := func(what string, o int32) {
		if o < 0 || !r.outages[o].active {
			return
		}
		if rec.note != "" {
			rec.note += "; "
		}
		rec.note += fmt.Sprintf("%s down until %.2f", what, r.outages[o].ends[r.outages[o].next])
	}
	if k.upstream < 0 && kc.supplier >= 0 {
		add(r.tr.supply[kc.supplier], r.suppliers[kc.supplier].outage)
	}
	if k.flags&skuHasExt != 0 {
		add("the lane", kc.ext.primary.outage)
	}
}

// traceDeliver notes a shipment of q units to site-item dest arriving at
// at: the due date of the order a review placed in this event, and of
// whatever record next asks.
//
//go:noinline
func (r *runner) traceDeliver(dest int32, q int64, at float64) {
	tr := r.tr
	tr.last = at
	for i := len(tr.buf) - 1; i >= 0; i-- {
		rec := &tr.buf[i]
		if rec.Kind == TraceReview && rec.SKU == int(dest) && rec.Qty > 0 && rec.Due != rec.Due {
			rec.Due, rec.DueQty = at, q
			return
		}
	}
}

// traceServe notes f units shipped from stock to the waiting order b of
// the site-item of the innermost open record.
//
//go:noinline
func (r *runner) traceServe(b *backorder, f int64) {
	rec := r.traceTop()
	so := servedOrder{qty: f, waited: rec.T - b.since, due: math.NaN(), done: b.qty == 0}
	switch {
	case b.stream >= 0:
		so.to = r.plan.streams[b.stream].Name
	case b.dest >= 0:
		so.to = r.tr.names[b.dest]
		so.due = r.tr.last
	}
	r.tr.last = math.NaN()
	rec.Shipped += f
	rec.served = append(rec.served, so)
}

// traceReceipt closes the record of a receipt of q units.
//
//go:noinline
func (r *runner) traceReceipt(q int64) {
	rec := r.traceClose()
	rec.Qty = q
}

// traceCancelOpen begins the record of the cancellation by the customer
// of waiting order b at site-item id; [runner.traceClose] ends it.
//
//go:noinline
func (r *runner) traceCancelOpen(s *sim.Sim, id int32, b *backorder) {
	r.traceOpen(s, TraceCancel, id)
	rec := r.traceTop()
	rec.Stream = r.plan.streams[b.stream].Name
	rec.Qty = b.qty
	rec.aux = rec.T - b.since
}

// traceSubstitute reports take units taken at site-item sub for the
// customers of site-item of, its levels already lowered.
//
//go:noinline
func (r *runner) traceSubstitute(s *sim.Sim, sub int32, of *skuState, take int64) {
	rec := r.traceAdd(s, TraceSubstitute, sub)
	rec.Before.OnHand += take
	rec.Qty = take
	for i := range r.skus {
		if &r.skus[i] == of {
			rec.Other = r.tr.names[i]
		}
	}
}

// traceDrop closes the record of a drop-ship customer order of q units
// from str, passed to the source.
//
//go:noinline
func (r *runner) traceDrop(str *stream, q int64) {
	rec := r.traceClose()
	rec.Kind = TraceDropShip
	rec.Stream = r.plan.streams[str.id].Name
	rec.Qty = q
	k := &r.skus[str.sku]
	if k.upstream >= 0 {
		rec.Other = r.tr.names[k.upstream]
	} else {
		rec.Other = r.tr.supply[r.coldOf(k).supplier]
		rec.Shipped = q
		rec.Due, rec.DueQty = r.tr.last, q
	}
}

// traceOutage reports the start (or, with !start, the end) of outage o.
//
//go:noinline
func (r *runner) traceOutage(s *sim.Sim, o *outageState, start bool) {
	kind := TraceOutageEnd
	if start {
		kind = TraceOutageStart
	}
	rec := r.traceAdd(s, kind, -1)
	rec.Where = r.outageName(o)
	if start {
		rec.aux = o.ends[o.next]
		rec.aux2 = o.factor
	}
	rec.Qty = int64(len(o.skus))
}

// outageName names the supplier or lane of outage o.
func (r *runner) outageName(o *outageState) string {
	for i := range r.suppliers {
		if st := r.suppliers[i].outage; st >= 0 && &r.outages[st] == o {
			return r.tr.supply[i]
		}
	}
	for i := range r.exts {
		x := &r.exts[i]
		if x.primary.outage >= 0 && &r.outages[x.primary.outage] == o {
			return "lane into " + r.tr.names[i]
		}
		if x.backup != nil && x.alt.outage >= 0 && &r.outages[x.alt.outage] == o {
			return "backup lane into " + r.tr.names[i]
		}
	}
	return "?"
}

// traceWarmup reports the end of the warm-up.
//
//go:noinline
func (r *runner) traceWarmup(s *sim.Sim) {
	r.traceAdd(s, TraceWarmup, -1)
}

// policyRule explains the decision of k's policy at inventory position
// ip: its rule with the numbers it used, and the order q (0: none); and,
// for a policy with derived levels, how they were derived.
func (r *runner) policyRule(k *skuState, ip, q int64) (rule, note string) {
	kc := r.coldOf(k)
	rq := func(label string, rp, bq int64) string {
		if q == 0 {
			return fmt.Sprintf("position %d > %s = %d, no order", ip, label, rp)
		}
		if n := q / bq; n > 1 {
			return fmt.Sprintf("position %d ≤ %s = %d, order %d × Q = %d", ip, label, rp, n, q)
		}
		return fmt.Sprintf("position %d ≤ %s = %d, order Q = %d", ip, label, rp, q)
	}
	upto := func(label string, top int64) string {
		if q == 0 {
			return fmt.Sprintf("position %d ≥ %s = %d, no order", ip, label, top)
		}
		return fmt.Sprintf("position %d < %s = %d, order %s − position = %d", ip, label, top, label, q)
	}
	if k.flags&skuRQ != 0 {
		return rq("r", k.rqR, k.rqQ), ""
	}
	switch p := kc.policy.(type) {
	case *RQ:
		return rq("r", p.R, p.Q), ""
	case *SS:
		if q == 0 {
			return fmt.Sprintf("position %d > s = %d, no order", ip, p.Small), ""
		}
		return fmt.Sprintf("position %d ≤ s = %d, order up to S = %d: %d", ip, p.Small, p.Big, q), ""
	case *BaseStock:
		return upto("S", p.S), ""
	case *JIT:
		return upto("buffer", p.Buffer), ""
	case *EOQ:
		rp := p.R
		if p.Seasonal != nil {
			rp = p.cached
		}
		return rq("r", rp, p.Q), fmt.Sprintf("Q = EOQ √(2KD/h) = %.1f rounded", p.Exact)
	case *SafetyStock:
		switch {
		case p.Seasonal != nil && p.Period > 0:
			return upto("S", p.cached), "S of the demand expected over the protection window"
		case p.Seasonal != nil:
			return rq("r", p.cached, p.Q), "r of the demand expected over the lead time"
		case p.Period > 0:
			return upto("S", p.Top), fmt.Sprintf("S = demand over lead time and period %.1f + z·σ = %.2f × %.2f", p.ProtectionDemand, p.Z, p.Sigma)
		}
		return rq("r", p.ReorderPoint, p.Q), fmt.Sprintf("r = demand over lead time %.1f + z·σ = %.2f × %.2f", p.ProtectionDemand, p.Z, p.Sigma)
	case *Forecast:
		lv := p.CurrentLevel()
		if p.Period > 0 {
			return upto("S", lv), fmt.Sprintf("S from the forecast %.2f/day", p.f)
		}
		return rq("r", lv, p.Q), fmt.Sprintf("r from the forecast %.2f/day", p.f)
	case *VMI:
		if q == 0 {
			return fmt.Sprintf("supplier's review: position %d > min %d, no shipment", ip, p.Min), ""
		}
		return fmt.Sprintf("supplier's review: position %d ≤ min %d, ship up to max %d: %d", ip, p.Min, p.Max, q), ""
	}
	if q == 0 {
		return fmt.Sprintf("position %d, %s orders nothing", ip, kc.policy.Describe().Type), ""
	}
	return fmt.Sprintf("position %d, %s orders %d", ip, kc.policy.Describe().Type, q), ""
}

// stermanRule explains the order q of Sterman's anchoring-and-adjustment
// rule at the levels lv before the review, with the numbers it used
// (p.Order has already updated the expected demand L̂):
// L̂ + α_S·(S′ − net − β·SL), rounded, at least 0.
func stermanRule(p *Sterman, lv TraceLevels, q int64) string {
	net := lv.OnHand - lv.Backorders
	adj := p.AlphaS * (p.DesiredStock - float64(net) - p.Beta*float64(lv.OnOrder))
	return fmt.Sprintf("expected demand %.2f + α_S %g·(S′ %g − net %d − β %g·on order %d) = %.2f, order %d",
		p.Expected(), p.AlphaS, p.DesiredStock, net, p.Beta, lv.OnOrder, p.Expected()+adj, q)
}

// explain completes rec.Rule.
func (r *runner) explain(rec *TraceRecord) {
	var b strings.Builder
	switch rec.Kind {
	case TraceDemand:
		r.explainDemand(&b, rec)
	case TraceRequest:
		fmt.Fprintf(&b, "%s orders %d, %d on hand", rec.Other, rec.Qty, rec.Before.OnHand)
		switch {
		case rec.Backordered == 0:
			fmt.Fprintf(&b, ": ship %d", rec.Shipped)
		case rec.Shipped == 0 && rec.Before.OnHand >= rec.Qty:
			fmt.Fprintf(&b, " but orders wait ahead: backorder %d", rec.Backordered)
		case rec.Shipped == 0 && rec.flag&tfComplete != 0 && rec.Before.OnHand > 0:
			fmt.Fprintf(&b, ", whole shipments only: backorder %d", rec.Backordered)
		case rec.Shipped == 0:
			fmt.Fprintf(&b, ": backorder %d", rec.Backordered)
		default:
			fmt.Fprintf(&b, ": ship %d, backorder %d", rec.Shipped, rec.Backordered)
		}
		if rec.Due == rec.Due {
			fmt.Fprintf(&b, ", due %.2f", rec.Due)
		}
		if rec.Backordered > 0 {
			fmt.Fprintf(&b, " (queue %d)", rec.After.Backorders)
		}
	case TraceReview:
		b.WriteString(rec.Rule)
		if rec.Qty > 0 && rec.Other != "" {
			fmt.Fprintf(&b, " from %s", rec.Other)
		}
		if rec.flag == 1 && rec.Qty > 0 {
			sku := &r.skus[rec.SKU]
			if alt := float64(r.coldOf(sku).c.BackupUnits) - rec.aux; alt > 0 {
				x := r.coldOf(sku).ext
				name := ""
				if x.altSupplier >= 0 {
					name = r.tr.supply[x.altSupplier]
				} else if x.altUpstream >= 0 {
					name = r.tr.names[x.altUpstream]
				}
				fmt.Fprintf(&b, " (%v of it from the backup %s by the %s rule)", alt, name, x.backup.Rule)
			}
		}
		switch {
		case rec.Qty == 0:
		case rec.Due == rec.Due && rec.DueQty == rec.Qty:
			fmt.Fprintf(&b, ", due %.2f", rec.Due)
		case rec.Due == rec.Due:
			fmt.Fprintf(&b, ", %d due %.2f", rec.DueQty, rec.Due)
		case rec.Other != "" && r.skus[rec.SKU].flags&skuOrderDelay != 0:
			// the order is still on its way to the source (the lane's
			// order delay): the source's request record comes then
			fmt.Fprintf(&b, ", reaching it at %.2f", rec.T+r.coldOf(&r.skus[rec.SKU]).lane.OrderDelay)
		case rec.Other != "" && r.skus[rec.SKU].upstream >= 0:
			b.WriteString(", backordered there")
		}
		if rec.note != "" {
			fmt.Fprintf(&b, " (%s)", rec.note)
		}
	case TraceReceipt:
		fmt.Fprintf(&b, "receipt %d", rec.Qty)
		explainServed(&b, rec.served, r.tr.d)
		fmt.Fprintf(&b, ", on hand %d", rec.After.OnHand)
	case TraceCancel:
		fmt.Fprintf(&b, "customer cancels after waiting %.2f %s: %d owed cancelled (queue %d)", rec.aux, r.tr.d, rec.Qty, rec.After.Backorders)
		if len(rec.served) > 0 {
			b.WriteString(", then")
			explainServed(&b, rec.served, r.tr.d)
		}
	case TraceSubstitute:
		fmt.Fprintf(&b, "%d taken as a substitute for %s, on hand %d", rec.Qty, rec.Other, rec.After.OnHand)
	case TraceDropShip:
		if rec.Shipped > 0 {
			fmt.Fprintf(&b, "customer wants %d: drop-ship, %s ships it, arrives %.2f", rec.Qty, rec.Other, rec.Due)
		} else {
			fmt.Fprintf(&b, "customer wants %d: drop-ship, passed to %s", rec.Qty, rec.Other)
		}
	case TraceOutageStart:
		fmt.Fprintf(&b, "outage: %s down until %.2f", rec.Where, rec.aux)
		if rec.aux2 > 0 {
			fmt.Fprintf(&b, " at %.0f%% of capacity", 100*rec.aux2)
		}
	case TraceOutageEnd:
		fmt.Fprintf(&b, "outage over: %s back", rec.Where)
	case TraceWarmup:
		b.WriteString("end of warm-up: statistics restart, stock kept")
	}
	rec.Rule = b.String()
}

// explainDemand writes the rule of a customer order.
func (r *runner) explainDemand(b *strings.Builder, rec *TraceRecord) {
	oh := rec.Before.OnHand
	fmt.Fprintf(b, "customer wants %d, %d on hand", rec.Qty, oh)
	var parts []string
	short := rec.Qty - rec.Shipped
	switch {
	case short == 0:
	case rec.Shipped == 0 && oh > 0 && rec.flag&tfComplete != 0 && oh < rec.Qty:
		b.WriteString(", wants all or nothing")
	case rec.Shipped < min(rec.Qty, oh):
		b.WriteString(" but orders wait ahead")
	}
	if rec.Shipped > 0 || short == 0 {
		parts = append(parts, fmt.Sprintf("ship %d", rec.Shipped))
	}
	if rec.Substituted > 0 {
		parts = append(parts, fmt.Sprintf("%d substituted from %s", rec.Substituted, rec.Other))
	}
	switch {
	case rec.Lost == 0:
	case rec.flag&tfDeclined != 0:
		parts = append(parts, fmt.Sprintf("customer will not wait: lose %d", rec.Lost))
	case rec.flag&tfBalked != 0:
		parts = append(parts, fmt.Sprintf("quoted wait %.2f %s > %.2f %s: customer balks, lose %d", rec.aux-rec.T, r.tr.d, rec.aux2, r.tr.d, rec.Lost))
	default:
		parts = append(parts, fmt.Sprintf("lose %d (lost sales)", rec.Lost))
	}
	if rec.Backordered > 0 {
		s := fmt.Sprintf("backorder %d (queue %d)", rec.Backordered, rec.After.Backorders)
		if rec.flag&tfQuoted != 0 && rec.aux == rec.aux {
			s += fmt.Sprintf(", promised %.2f", rec.aux)
		}
		if rec.flag&tfPatience != 0 {
			s += fmt.Sprintf(", cancels at %.2f unless served", rec.T+rec.aux2)
		}
		parts = append(parts, s)
	}
	b.WriteString(": ")
	b.WriteString(strings.Join(parts, ", "))
}

// explainServed writes the waiting orders a receipt served.
// d abbreviates the time unit.
func explainServed(b *strings.Builder, served []servedOrder, d string) {
	if len(served) == 0 {
		return
	}
	var units int64
	longest := 0.0
	for _, s := range served {
		units += s.qty
		longest = max(longest, s.waited)
	}
	if len(served) > 3 {
		fmt.Fprintf(b, ": serve %d backordered to %d waiting orders (longest waited %.2f %s)", units, len(served), longest, d)
		return
	}
	b.WriteString(": serve ")
	for i, s := range served {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%d backordered", s.qty)
		if s.to != "" && strings.Count(s.to, "/") == 1 {
			fmt.Fprintf(b, " to %s", s.to)
		}
		if s.done {
			fmt.Fprintf(b, " (waited %.2f %s", s.waited, d)
		} else {
			fmt.Fprintf(b, " (in part, waiting %.2f %s", s.waited, d)
		}
		if s.due == s.due {
			fmt.Fprintf(b, ", due %.2f", s.due)
		}
		b.WriteString(")")
	}
}
