package model

import (
	"math"

	"scsim/sim"
)

// Replenishment: reviews and the orders they place, requests to upstream
// site-items and suppliers, shipping along lanes, receipts and the serving
// of waiting orders.

// review asks the policy whether to order, and places the order with the
// site-item's source.
func (r *runner) review(s *sim.Sim, id int32, k *skuState) {
	if k.flags&skuLearns != 0 {
		r.cold[id].learner.Observe(float64(s.Now()), 0)
	}
	var q int64
	if k.flags&skuRQ != 0 {
		q = rqOrder(k.onHand+k.onOrder-k.backlog, k.rqR, k.rqQ)
	} else {
		q = r.cold[id].policy.Order(Position{OnHand: k.onHand, OnOrder: k.onOrder, Backorders: k.backlog, Now: float64(s.Now())})
	}
	if r.tr != nil {
		r.traceReview(s, id, k, q)
	}
	if q <= 0 {
		return
	}
	kc := &r.cold[id]
	now := float64(s.Now())
	r.touch(k, now)
	k.onOrder += q
	r.flow(k, now, 0, q)
	if k.flags&skuTraced != 0 {
		kc.trace.Orders = append(kc.trace.Orders, Mark{now, q})
	}
	k.flags |= skuUnshipped // until a receipt for all of it is scheduled
	c := kc.c
	c.OrdersPlaced++
	c.UnitsOrdered += q
	c.OrderingCost += kc.item.OrderCost
	if k.flags&skuBackup != 0 {
		r.placeSourced(s, id, k, q, now)
		return
	}
	if k.flags&skuOrderDelay != 0 {
		r.delayOrder(s, id, k, q)
		return
	}
	if k.upstream >= 0 {
		r.request(s, k.upstream, id, q)
		return
	}
	r.deliver(s, id, q, r.supplierReady(kc.supplier, q, now), false)
}

// request serves a replenishment order of q units from site-item dest at
// its upstream site-item u: shipped at once when possible, whole or in
// part as dest's lane allows; the rest waits in u's backorder queue.
func (r *runner) request(s *sim.Sim, u int32, dest int32, q int64) {
	r.requestFor(s, u, dest, q, -1, false)
}

// requestFor serves an order of q units at u for site-item dest, or, when
// cs >= 0, for a customer of stream cs at drop-ship site-item dest; alt
// says u is dest's backup source.
func (r *runner) requestFor(s *sim.Sim, u int32, dest int32, q int64, cs int32, alt bool) {
	drop := cs >= 0
	k := &r.skus[u]
	now := float64(s.Now())
	if r.tr != nil {
		r.traceOpen(s, TraceRequest, u)
	}
	c := r.arrive(k, now, q)
	whole := !r.coldOf(&r.skus[dest]).lane.Partial
	cls := r.coldOf(&r.skus[dest]).sourceClass
	if alt {
		x := r.coldOf(&r.skus[dest]).ext
		whole, cls = !x.alt.lane.Partial, x.altClass
	}
	fill := int64(0)
	if r.free(k, cls) && (k.onHand >= q || !whole) {
		fill = min(q, k.onHand)
	}
	if k.flags&skuRecovery != 0 {
		r.coldOf(k).ext.rec.served(c, now, q, fill)
	}
	if fill > 0 {
		k.onHand -= fill
		c.AtOnceUnits += fill
		if drop {
			r.dropFilled(dest, cs, fill, now, now, fill == q)
		} else {
			r.ship(s, dest, fill, alt)
		}
	}
	if short := q - fill; short == 0 {
		c.AtOnceOrders++
	} else {
		k.flags |= skuShortCycle
		b := r.backorder(k, now, short, dest, whole, cls, cs, c)
		b.drop, b.alt = drop, alt
		if drop {
			d := &r.skus[dest]
			d.backlog += short
			dc := &r.sc[cs]
			dc.BackorderedUnits += short
			dc.BackorderedOrders++
			d.flags |= skuShortCycle
		}
	}
	if r.tr != nil {
		r.traceRequest(dest, q, fill, cs)
	}
	if k.flags&skuContinuous != 0 {
		r.review(s, u, k)
	}
}

// ship sends q units to site-item dest along its lane (with alt, its
// backup lane).
func (r *runner) ship(s *sim.Sim, dest int32, q int64, alt bool) {
	r.deliver(s, dest, q, float64(s.Now()), alt)
}

// deliver schedules the receipt at dest of q units that leave their source
// at time ready (>= now), after the lane's transit time (with alt, the
// backup lane's).
func (r *runner) deliver(s *sim.Sim, dest int32, q int64, ready float64, alt bool) {
	at := r.arrival(dest, q, ready, alt)
	if r.tr != nil {
		r.traceDeliver(dest, q, at)
	}
	if k := &r.skus[dest]; k.flags&skuQuotes != 0 {
		r.expect(k, at, q)
	}
	qty := int32(q)
	if q > math.MaxInt32 {
		qty = r.bigQty(q)
	}
	r.receiptAt(s, dest, at, q, qty)
}

// bigQty keeps a quantity too large for an event's 32 bits aside and
// returns the event quantity that stands for it: -1 - its slot, which
// [runner.takeQty] reads back. Slots are reused once their receipt has
// arrived, so the table holds at most the receipts in transit.
func (r *runner) bigQty(q int64) int32 {
	if n := len(r.bigFree); n > 0 {
		i := r.bigFree[n-1]
		r.bigFree = r.bigFree[:n-1]
		r.big[i] = q
		return -1 - i
	}
	r.big = append(r.big, q)
	return -int32(len(r.big))
}

// takeQty returns the units of a receipt event's quantity qty, freeing
// its slot if [runner.bigQty] made one.
func (r *runner) takeQty(qty int32) int64 {
	if qty >= 0 {
		return int64(qty)
	}
	i := -1 - qty
	r.bigFree = append(r.bigFree, i)
	return r.big[i]
}

// arrival returns when a shipment of q units ready to leave at time ready
// arrives along the lane into site-item dest (with alt, its backup lane),
// and books the lane's cost.
func (r *runner) arrival(dest int32, q int64, ready float64, alt bool) float64 {
	k := &r.skus[dest]
	if k.flags&skuHasExt != 0 {
		return r.arrivalExt(k, q, ready, alt)
	}
	kc := r.coldOf(k)
	g := rng{pcg: kc.laneRNG}
	at := ready + kc.lane.Transit.sample(&g)
	kc.laneRNG = g.pcg
	if r.coldOf(k).lane.NoOvertaking {
		at = max(at, r.coldOf(k).lastArrival)
	}
	if !(at <= math.MaxFloat64) {
		at = math.MaxFloat64 // an overflowing transit time: never arrives
	}
	r.coldOf(k).lastArrival = max(r.coldOf(k).lastArrival, at)
	r.coldOf(k).c.TransportCost += r.coldOf(k).lane.UnitCost*float64(q) + r.coldOf(k).lane.ShipmentCost
	return at
}

// supplierReady returns when supplier sp has an order of q units placed at
// now ready to ship: at once without a capacity, else after the orders
// before it and q / capacity days of work.
func (r *runner) supplierReady(sp int32, q int64, now float64) float64 {
	st := &r.suppliers[sp]
	if st.outage >= 0 {
		return r.supplierReadyOut(st, q, now)
	}
	if st.capacity <= 0 {
		return now
	}
	st.busy = max(st.busy, now) + float64(q)/st.capacity
	return st.busy
}

// receive books a replenishment of q units at site-item id and fills
// waiting orders first come first served: customers and downstream sites
// alike, a whole-shipment order only when all of it is on hand (later
// orders wait behind it). A receipt ends a replenishment cycle.
func (r *runner) receive(s *sim.Sim, id int32, q int64) {
	k := &r.skus[id]
	now := float64(s.Now())
	if r.tr != nil {
		r.traceOpen(s, TraceReceipt, id)
	}
	r.touch(k, now)
	c := r.coldOf(k).c
	k.onOrder -= q
	r.receipted(k, now, q)
	k.onHand += q
	c.ReceivedUnits += q
	if k.flags&skuQuotes != 0 {
		r.received(k)
	}
	if k.flags&skuTraced != 0 {
		r.coldOf(k).trace.Receipts = append(r.coldOf(k).trace.Receipts, Mark{now, q})
	}
	r.serveWaiting(s, k)
	c.Cycles++
	if k.flags&skuShortCycle != 0 {
		c.StockoutCycles++
	}
	k.flags &^= skuShortCycle
	if r.tr != nil {
		r.traceReceipt(q)
	}
}

// serveWaiting ships to waiting orders from stock on hand: higher priority
// classes first, first come first served within a class. A whole-shipment
// order that does not fit stops the serving: later and lower orders wait
// behind it rather than overtake it.
func (r *runner) serveWaiting(s *sim.Sim, k *skuState) {
	kc := r.coldOf(k)
	if k.waiting == 0 {
		return
	}
	now := float64(s.Now())
	c := kc.c
	for cls := range kc.queues {
		queue := &kc.queues[cls]
		for queue.len() > 0 && k.onHand > 0 {
			b := queue.front()
			if b.whole && k.onHand < b.qty {
				return
			}
			f := min(b.qty, k.onHand)
			b.qty -= f
			k.onHand -= f
			k.backlog -= f
			kc.owed[cls] -= f
			switch {
			case b.drop:
				c.FromBackorderUnits += f
				r.owed(b.stream, f, b.since, now)
				r.dropShipped(s, b.dest, b.stream, f, b.since, b.qty == 0)
			case b.dest >= 0:
				c.FromBackorderUnits += f
				if b.qty == 0 { // a downstream site's order, waited for
					c.recordWait(now - b.since)
				}
				r.ship(s, b.dest, f, b.alt)
			default:
				r.owed(b.stream, f, b.since, now)
				c := &r.sc[b.stream]
				c.FromBackorderUnits += f
				if b.qty == 0 {
					c.recordWait(now - b.since)
					if b.promise == b.promise { // promised
						c.PromisedOrders++
						if now <= b.promise {
							c.PromisesKept++
							if b.since >= r.warmup { // ordered in the window, as QuotedOrders
								c.OTIFOrders++
							}
						}
					}
				}
			}
			if r.tr != nil {
				r.traceServe(b, f)
			}
			if b.qty == 0 {
				queue.pop()
				k.waiting--
			}
		}
	}
}

// expect adds a replenishment of q units arriving at to the pipeline of
// k, kept in order of arrival (equal times in the order shipped).
func (r *runner) expect(k *skuState, at float64, q int64) {
	kc := r.coldOf(k)
	kc.pipe = append(kc.pipe, transit{at, q})
	for i := len(kc.pipe) - 1; i > kc.pipeHead && kc.pipe[i-1].at > at; i-- {
		kc.pipe[i-1], kc.pipe[i] = kc.pipe[i], kc.pipe[i-1]
	}
}

// received takes the earliest replenishment, the one just received, off
// the pipeline of k.
func (r *runner) received(k *skuState) {
	kc := r.coldOf(k)
	kc.pipeHead++
	if kc.pipeHead == len(kc.pipe) {
		kc.pipe, kc.pipeHead = kc.pipe[:0], 0
	} else if kc.pipeHead >= 64 && 2*kc.pipeHead >= len(kc.pipe) {
		n := copy(kc.pipe, kc.pipe[kc.pipeHead:])
		kc.pipe, kc.pipeHead = kc.pipe[:n], 0
	}
}
