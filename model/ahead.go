package model

import (
	"math"
	"unsafe"

	"scsim/internal/cache"
	"scsim/sim"
)

// Handling quiet arrivals ahead.
//
// Most events of a large network are customers arriving at a site-item
// and taking a unit from its shelf, and most of those change nothing but
// that site-item's own levels and counters: no order is placed, and no
// other site-item reads them. Such an arrival need not wait in the event
// queue with every other: once a stream's arrival has been handled, the
// arrivals that follow it can be handled at once, each at its own time,
// for as long as nothing else can happen to the site-item before them.
// That is [runner.runAhead]. It changes no result: every arrival is
// handled by the same code, at the same simulated time, with the same
// random numbers, in the same order relative to every event that reads
// or writes what it does; only their interleaving with events elsewhere
// in the network, which touch other state, differs. The run's event count
// includes them.
//
// An arrival is handled ahead only when all of these hold (see
// [runner.setAhead] and [runner.runAhead]):
//   - the stream is a Poisson stream of one-unit orders whose customers
//     do not behave (no patience, declining, quotes or substitutes), and
//     the site-item has no other stream, is no stream's substitute and no
//     site-item's source (primary or backup), so that nothing else
//     changes its levels;
//   - no other stream shares the stream's random key (common random
//     numbers): their arrivals come at the very same instants, where
//     events of one priority run in the order they were scheduled, and
//     the order of two site-items' orders at one supplier or upstream
//     site-item matters;
//   - the site-item reviews continuously with a policy that says above
//     which inventory position it orders nothing ([quieter]: (r, Q),
//     (s, S), base stock, JIT, EOQ and safety stock, but for a level that
//     follows a profile), and the arrival leaves its position above it, so
//     that it places no order (the arrival that does waits in the queue
//     and places it at its time, as ever);
//   - the site-item has none of the features whose state other events
//     or other site-items share: learning policies, information sharing,
//     quotes, drop-ship, backup sources, lane outages, expediting, the
//     recovery watch, a trace;
//   - it comes before the next receipt already on its way;
//   - while some units the site-item has on order are not yet shipped, it
//     comes before a receipt of those could arrive: now plus the least
//     transit time of its lane (a lane whose transit can be 0 runs nothing
//     ahead then). With every unit on order shipped, no receipt can be
//     scheduled before the site-item orders again;
//   - it comes within aheadDays days, the current one included (an
//     echelon keeps the demand handled ahead for later days apart, by
//     day, until the day begins for all its site-items), and before the
//     warm-up and the horizon.
//
// Same-instant ties cannot change: an arrival exactly at one of the bounds
// is not handled ahead but queued.

// aheadDays bounds how many days, counting the current one, arrivals are
// handled ahead into: an echelon keeps the demand of each of those days
// apart until the day begins for all its site-items (see [echelonDaily]).
const aheadDays = 16

// noAhead are the site-item features that keep its arrivals in the queue.
const noAhead = skuLearns | skuTraced | skuHasExt | skuRecovery | skuBackup | skuQuotes | skuDrop | skuShared | skuFeedShare

// setAhead marks the streams whose quiet arrivals are handled ahead, with
// the least lead time of a receipt into their site-item; a run with an
// explained trace, which reports event by event, has none.
func (r *runner) setAhead() {
	streams := make([]int32, len(r.skus)) // streams per site-item; negative: some stream's substitute or some site-item's source
	for i := range r.streams {
		str := &r.streams[i]
		streams[str.sku]++
		if cu := r.scoldOf(str).cust; cu != nil && cu.sub >= 0 {
			streams[cu.sub] = math.MinInt32
		}
	}
	for i := range r.skus {
		// a source's levels change with its downstream site-items' orders,
		// which reach it at their own times
		for _, u := range [2]int32{r.plan.up[i], r.plan.backup[i]} {
			if u >= 0 {
				streams[u] = math.MinInt32
			}
		}
	}
	// streams by random key: streams sharing one arrive at the very same
	// instants, where events of one priority run in the order they were
	// scheduled, which handling one ahead would change
	keys := make(map[uint64]int, len(r.streams))
	for i := range r.plan.demand {
		keys[r.plan.demand[i].key]++
	}
	for i := range r.skus {
		r.unshipped(&r.skus[i], &r.cold[i])
	}
	for i := range r.streams {
		str := &r.streams[i]
		str.flags &^= strAhead
		str.lead = 0
		k := &r.skus[str.sku]
		kc := r.coldOf(k)
		if r.tr != nil || streams[str.sku] != 1 || keys[r.plan.demand[i].key] != 1 ||
			str.flags&(strDaily|strRegular|strProfiled|strCust) != 0 || str.flags&strUnit == 0 ||
			r.scoldOf(str).hist != nil ||
			k.flags&(skuQuiet|skuContinuous) != skuQuiet|skuContinuous || k.flags&noAhead != 0 {
			continue
		}
		// (an order already placed may be shipped at any moment from now:
		// the lane's order delay does not add to the bound)
		if lead := kc.lane.Transit.low(); lead > 0 {
			str.flags |= strAhead
			str.lead = lead
		}
	}
}

// runAhead handles the quiet arrivals of stream str at site-item k that
// follow the one just handled at now, the next of them at t, and returns
// the time of the first it leaves to the queue (see the comment above).
func (r *runner) runAhead(s *sim.Sim, str *stream, k *skuState, now, t float64) float64 {
	end := min(float64(int64(now)+aheadDays), k.nextIn, r.aheadEnd)
	if k.flags&skuUnshipped != 0 {
		// an order of k not yet shipped may be shipped at any moment from now
		end = min(end, now+str.lead)
	}
	// the arrival at now has booked its flow, so the echelon gathers day
	// int64(now) and the days booked ahead stay within aheadDays of it
	if r.hints && t < end && int64(end) != k.today.day {
		// a day of k will end: fetch its daily statistics while the
		// arrivals before it are handled
		cache.Prefetch(unsafe.Pointer(&r.daily[str.sku]))
	}
	r.inAhead = true
	var filled, n int64 // arrivals filled from the shelf by the short way, and all
	for t < end {
		// quiet: after one unit more demanded, the position is still above
		// the policy's bound (the first test keeps ip-1 from wrapping)
		if ip := k.onHand + k.onOrder - k.backlog; ip <= k.rqR || ip-1 <= k.rqR {
			break
		}
		if k.waiting == 0 && k.onHand > 0 {
			// what demandAt does for a unit taken from the shelf when no
			// order waits, the policy places no order and no feature of
			// noAhead is on: the levels, the day's flow and the tally
			r.touch(k, t)
			r.flow(k, t, 1, 0)
			k.onHand--
			filled++
		} else {
			r.demandAt(s, str, k, 1, t)
		}
		n++
		t += str.gap * str.exp()
	}
	r.inAhead = false
	tl := &r.tally[str.id]
	tl.units += filled
	tl.orders += filled
	tl.atOnceUnits += filled
	tl.atOnceOrders += filled
	r.ahead += uint64(n)
	return t
}

// receiptAt schedules the receipt of q units (qty in an event) at
// site-item dest at time at, keeping the bound on its next receipt that
// [runner.runAhead] reads and whether some units on order are yet to be
// shipped.
func (r *runner) receiptAt(s *sim.Sim, dest int32, at float64, q int64, qty int32) {
	k, kc := &r.skus[dest], &r.cold[dest]
	k.nextIn = min(k.nextIn, at)
	kc.inbound++
	kc.inTransit += q
	r.unshipped(k, kc)
	s.At(sim.Time(at), sim.Event{Kind: evReceipt, Prio: prioReceipt, ID: dest, Qty: qty})
}

// receipted books that a receipt of q units has reached k at now (its
// units on order already down by q): with none left on the way, the next
// can only be one not yet scheduled; else it may come at any moment from
// now.
func (r *runner) receipted(k *skuState, now float64, q int64) {
	kc := r.coldOf(k)
	kc.inTransit -= q
	if kc.inbound--; kc.inbound == 0 {
		k.nextIn = math.Inf(1)
	} else {
		k.nextIn = now
	}
	r.unshipped(k, kc)
}

// unshipped sets the flag of k that says some of its units on order have
// no receipt scheduled yet: while it is off, no receipt can be scheduled
// before k orders again.
func (r *runner) unshipped(k *skuState, kc *skuCold) {
	if k.onOrder > kc.inTransit {
		k.flags |= skuUnshipped
	} else {
		k.flags &^= skuUnshipped
	}
}
