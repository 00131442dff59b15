package model

import (
	"fmt"
	"math"
	"unsafe"

	"scsim/internal/cache"

	"scsim/sim"
)

// Event kinds and their same-instant priorities, and the dispatch of
// events to their handlers.

// Event kinds. Their priorities fix the order of events at the same instant:
// the warm-up reset first, then the starts and ends of supplier and lane
// outages, then receipts, then cancellations by impatient customers, then
// customer demand (and replenishment orders reaching their source after an
// order delay), then policy reviews; events of one priority at one
// instant run in the order they were scheduled. So an order placed at the
// instant an outage starts is caught by it, and one placed at the instant
// it ends is not; a customer whose patience ends at the instant stock
// arrives is served.
const (
	evWarmup uint8 = iota
	evReceipt
	evArrival
	evDaily
	evReview
	evCancel
	evOutageStart
	evOutageEnd
	evOrder // a replenishment order reaching its source after the lane's order delay
)

// Hints in the kind of an arrival, set when it is scheduled (see
// [nextArrival]): they change nothing in how it is handled, only what
// [runner.Prefetch] fetches ahead of it.
const (
	hintOrder uint8 = 1 << 6 // the arrival is expected to place an order
	hintDay   uint8 = 1 << 7 // the arrival is expected to be its site-item's first flow of a day
	hints           = hintOrder | hintDay
)

// Same-instant priorities (lower runs first).
const (
	prioWarmup uint8 = iota
	prioOutage
	prioReceipt
	prioCancel
	prioDemand
	prioReview
)

// Handle implements [sim.Handler]: it gives each event kind its meaning.
func (r *runner) Handle(s *sim.Sim, ev sim.Event) {
	switch ev.Kind &^ hints {
	case evArrival: // Qty holds the site-item, so that its state loads with the stream's
		str := &r.streams[ev.ID]
		k := &r.skus[ev.Qty]
		q := int64(1)
		if str.flags&strUnit == 0 {
			q = str.units(&r.scoldOf(str).size)
		}
		if q > 0 {
			r.demandAt(s, str, k, q, float64(s.Now()))
		}
		switch {
		case str.flags&strProfiled != 0:
			r.profiled(s, str, ev)
		case str.flags&strRegular != 0: // at n·gap, not the sum of n gaps, which drifts
			r.scoldOf(str).ticks++
			s.At(sim.Time(float64(r.scoldOf(str).ticks+1)*str.gap), ev)
		default:
			t := s.Now() + sim.Time(str.gap*str.exp())
			if str.flags&strAhead != 0 {
				t = sim.Time(r.runAhead(s, str, k, float64(s.Now()), float64(t)))
			}
			if r.hints { // hints for the prefetch, which alone reads them
				ev.Kind = evArrival | nextArrival(k, float64(t))
			}
			s.At(t, ev)
		}
	case evDaily:
		str := &r.streams[ev.ID]
		if r.scoldOf(str).hist != nil {
			r.history(s, str, ev)
			return
		}
		var q int64
		if r.scoldOf(str).profile != nil {
			q = str.unitsScaled(&r.scoldOf(str).daily, r.scoldOf(str).profile.Factor(int64(s.Now())))
		} else {
			q = str.units(&r.scoldOf(str).daily)
		}
		if q > 0 {
			r.demand(s, str, q)
		}
		s.Schedule(1, ev)
	case evReceipt:
		r.receive(s, ev.ID, r.takeQty(ev.Qty))
	case evOrder:
		r.orderReaches(s, ev.ID, r.takeQty(ev.Qty))
	case evReview:
		k := &r.skus[ev.ID]
		r.review(s, ev.ID, k)
		if k.flags&skuContinuous == 0 && r.coldOf(k).period > 0 { // at n·period, not the sum of n periods, which drifts
			r.coldOf(k).reviews++
			s.At(sim.Time(float64(r.coldOf(k).reviews)*r.coldOf(k).period), ev)
		}
	case evCancel:
		r.cancel(s, ev.ID, uint32(ev.Qty))
	case evWarmup:
		if r.tr != nil {
			r.traceWarmup(s)
		}
		r.resetStats(float64(s.Now()))
		r.aheadEnd = r.net.Horizon
	case evOutageStart:
		r.outageStart(s, ev)
	case evOutageEnd:
		r.outageEnd(s, ev)
	default:
		panic(fmt.Sprintf("model: unknown event kind %d", ev.Kind))
	}
}

// Prefetch implements [sim.Prefetcher]: it asks for each cache line the
// next event will read first (an arrival's stream, its counters and the
// two lines of its site-item, and what an order or a new day's flows read
// when the arrival is expected to need them; a receipt's site-item and
// counters), so
// that their loads from memory overlap the current event's work rather
// than start when that event is handled. A run of a large network uses it
// (see [prefetchSKUs]).
func (r *runner) Prefetch(ev sim.Event) {
	switch ev.Kind &^ hints {
	case evArrival:
		k := &r.skus[ev.Qty]
		cache.Prefetch4(unsafe.Pointer(&r.streams[ev.ID]), unsafe.Pointer(&r.tally[ev.ID]),
			unsafe.Pointer(&k.onHand), unsafe.Pointer(&k.flags))
		if ev.Kind&hintOrder != 0 {
			r.prefetchOrder(ev.Qty)
		}
		if ev.Kind&hintDay != 0 {
			cache.Prefetch(unsafe.Pointer(&r.daily[ev.Qty]))
		}
	case evReceipt:
		k := &r.skus[ev.ID]
		c := &r.counters[ev.ID]
		cache.Prefetch4(unsafe.Pointer(&k.onHand), unsafe.Pointer(&k.flags),
			unsafe.Pointer(&c.ReceivedUnits), unsafe.Pointer(&c.Cycles))
		cache.Prefetch(unsafe.Pointer(&r.cold[ev.ID]))
	}
}

// prefetchOrder asks for the cold lines an order placed by site-item i
// reads: its cold state's first two lines, its lane and its counters of
// orders and costs, and the state of the upstream site-item that serves
// the order.
func (r *runner) prefetchOrder(i int32) {
	cold, lane, c := &r.cold[i], &r.plan.lanes[i], &r.counters[i]
	cache.Prefetch4(unsafe.Pointer(cold), unsafe.Pointer(&cold.item), unsafe.Pointer(lane), unsafe.Pointer(&lane.UnitCost))
	u := r.plan.up[i] // the upstream site-item the order goes to, if any
	if u < 0 {
		cache.Prefetch4(unsafe.Pointer(&c.OrdersPlaced), unsafe.Pointer(&c.OrderingCost), unsafe.Pointer(&c.TransportCost), unsafe.Pointer(&c.HoldingCost))
		return
	}
	k, uc := &r.skus[u], &r.counters[u]
	cache.Prefetch4(unsafe.Pointer(&c.OrdersPlaced), unsafe.Pointer(&c.OrderingCost), unsafe.Pointer(&c.TransportCost), unsafe.Pointer(&uc.DemandUnits))
	cache.Prefetch4(unsafe.Pointer(&k.onHand), unsafe.Pointer(&k.flags), unsafe.Pointer(&r.cold[u]), unsafe.Pointer(&uc.AtOnceOrders))
}

// nextArrival returns the hints for k's next arrival, of one unit at
// time t: hintOrder if it will bring k's (r, Q) policy to order, and
// hintDay if it will be k's first flow of a day, unless other events at k
// come first.
func nextArrival(k *skuState, t float64) uint8 {
	var h uint8
	if k.flags&(skuQuiet|skuContinuous) == skuQuiet|skuContinuous && k.onHand+k.onOrder-k.backlog-1 <= k.rqR {
		h = hintOrder
	}
	if int64(t) != k.today.day {
		h |= hintDay
	}
	return h
}

// history places the orders of the current day of str, a stream with a
// history, and schedules the next day unless a replay has ended.
func (r *runner) history(s *sim.Sim, str *stream, ev sim.Event) {
	hs := r.scoldOf(str).hist
	d, n := int64(s.Now()), int64(hs.h.Days())
	hd := d
	if hs.block > 0 {
		if d%hs.block == 0 {
			hs.off = hs.rng.Int64N(n) - d
		}
		if hd = d + hs.off; hd >= n {
			hd -= n // circular: a block may wrap from the last day to the first
		}
	} else if hd >= n {
		return // the replay has ended
	}
	for _, q := range hs.h.Orders(int(hd)) {
		if q > 0 {
			r.demand(s, str, q)
		}
	}
	s.Schedule(1, ev)
}

// profiled schedules the next arrival ev of str, a stream with a profile:
// one Exp(1) draw (or 1 for regular arrivals) of the integrated rate from
// now, inverted exactly day by day. Arrivals past the horizon are not
// scheduled.
func (r *runner) profiled(s *sim.Sim, str *stream, ev sim.Event) {
	e := 1.0
	if str.flags&strRegular == 0 {
		e = str.exp()
	}
	if t := r.scoldOf(str).profile.next(float64(s.Now()), e, r.scoldOf(str).rate, r.net.Horizon); t <= math.MaxFloat64 {
		s.At(sim.Time(t), ev)
	}
}
