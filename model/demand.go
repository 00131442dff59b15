package model

import (
	"math"

	"scsim/sim"
)

// Customer demand: orders arriving at a site-item, served from stock,
// backordered, lost, substituted, cancelled or passed on (drop-ship).

// demand serves one customer order of q units from stream str: what is on
// hand ships at once, unless earlier orders are still waiting; the rest is
// backordered or lost. At a drop-ship site-item the order passes to its
// source ([runner.dropShip]).
//
// When the stream's customers behave (str.cust, see [Customers]), the
// customer's traits are drawn first, each from its own stream, all of
// them, needed or not; with Complete only a whole order ships at once;
// the customer may take a substitute for the rest; what is still short is
// lost if the customer declines to wait or balks at the quoted wait, and
// backordered otherwise, with a promised date and, for an impatient
// customer, a cancellation scheduled at the end of their patience.
func (r *runner) demand(s *sim.Sim, str *stream, q int64) {
	r.demandAt(s, str, &r.skus[str.sku], q, float64(s.Now()))
}

// demandAt is [runner.demand] at k, str's site-item, at time now (later
// than the clock's for an arrival handled ahead).
//
// runner.runAhead does what it does for a unit taken from the shelf in a
// short way of its own: a feature added here that other state shares must
// keep arrivals from being handled ahead (noAhead, runner.setAhead).
func (r *runner) demandAt(s *sim.Sim, str *stream, k *skuState, q int64, now float64) {
	var cu *custState
	var declines, substitutes bool
	patience := math.Inf(1)
	if str.flags&strCust != 0 {
		cu = r.scoldOf(str).cust
		declines = cu.decline > 0 && cu.accept.Float64() < cu.decline
		substitutes = cu.sub >= 0 && cu.subst.Float64() < cu.subShare
		if cu.hasPatience {
			patience = cu.patience.sample(&cu.patient)
		}
	}
	if r.tr != nil {
		r.traceOpen(s, TraceDemand, str.sku)
	}
	r.arriveAt(k, now, q, true)
	t := &r.tally[str.id]
	t.units += q
	t.orders++
	// the stream's counters: read only when the order is not filled at once
	c := &r.sc[str.id]
	if k.flags&skuDrop != 0 { // customers of a drop-ship site-item do not behave (validation)
		r.dropShip(s, str, q)
		if r.tr != nil {
			r.traceDrop(str, q)
		}
		return
	}
	quote := cu != nil && cu.quote
	complete := cu != nil && cu.complete
	if quote {
		c.QuotedOrders++
	}
	fill := int64(0)
	if r.free(k, str.class) {
		fill = min(q, k.onHand)
		if complete && fill < q {
			fill = 0
		}
	}
	k.onHand -= fill
	t.atOnceUnits += fill
	if k.flags&skuRecovery != 0 {
		r.cold[str.sku].ext.rec.served(r.cold[str.sku].c, now, q, fill)
	}
	short := q - fill
	if short == 0 {
		t.atOnceOrders++
		if quote {
			c.OTIFOrders++
		}
	} else {
		k.flags |= skuShortCycle
		if substitutes {
			short -= r.substitute(s, cu, k, c, short)
		}
	}
	promise := math.NaN()
	switch {
	case short == 0:
	case str.flags&strLost != 0 || declines:
		c.lose(r.cold[str.sku].item, short)
	default:
		if quote {
			promise = r.quoteAt(k, now, short, str.class)
		}
		if cu != nil && cu.balk && promise-now > cu.balkWait {
			c.BalkedOrders++
			c.lose(r.cold[str.sku].item, short)
			break
		}
		b := r.backorder(k, now, short, -1, complete, str.class, str.id, c)
		b.promise = promise
		if cu != nil && cu.hasPatience {
			s.At(sim.Time(now+patience), sim.Event{Kind: evCancel, Prio: prioCancel, ID: str.sku, Qty: int32(b.serial)})
		}
	}
	if r.tr != nil {
		if cu != nil {
			r.traceCustomer(str, k, q, fill, short, declines, promise, patience)
		} else {
			r.traceDemand(str, q, fill, short)
		}
	}
	if k.flags&skuContinuous != 0 {
		r.review(s, str.sku, k)
	}
}

// lose books short units of a customer order for item as lost.
func (c *Counters) lose(item *Item, short int64) {
	c.LostUnits += short
	c.LostOrders++
	c.LostValue += float64(short) * item.Price
	c.LostSaleCost += float64(short) * item.LostSaleCost
}

// substitute ships up to short units of a customer order at k (booked in
// c) from the substitute site-item of cu, from its stock on hand when none
// of its own orders wait (with Complete, all of short or nothing), and
// returns the units it shipped.
func (r *runner) substitute(s *sim.Sim, cu *custState, k *skuState, c *Counters, short int64) int64 {
	sub := &r.skus[cu.sub]
	if sub.waiting > 0 {
		return 0
	}
	take := min(short, sub.onHand)
	if cu.complete && take < short {
		take = 0
	}
	if take == 0 {
		return 0
	}
	r.touch(sub, float64(s.Now()))
	sub.onHand -= take
	r.coldOf(sub).c.SubstituteOutUnits += take
	c.SubstitutedUnits += take
	if r.tr != nil {
		r.traceSubstitute(s, cu.sub, k, take)
	}
	if sub.flags&skuContinuous != 0 {
		r.review(s, cu.sub, sub)
	}
	return take
}

// quote returns the delivery date promised at now to a customer order of
// class cls short of qty units at k: the arrival, among the
// replenishments on their way in order of arrival, that brings the units
// owed to the orders of its class and higher ones, its own included,
// beyond what is on hand; if they do not suffice, the last of them (or
// now) plus the lane's mean transit time.
func (r *runner) quoteAt(k *skuState, now float64, qty int64, cls int32) float64 {
	kc := r.coldOf(k)
	need := qty - k.onHand
	for i := int32(0); i <= cls; i++ {
		need += kc.owed[i]
	}
	if need <= 0 {
		return now
	}
	last := now
	for _, t := range kc.pipe[kc.pipeHead:] {
		need -= t.qty
		last = t.at
		if need <= 0 {
			return max(t.at, now)
		}
	}
	return max(last, now) + kc.lane.Transit.Mean()
}

// cancel cancels what is still owed to the customer order numbered serial
// at site-item id, if it is still waiting, and serves the orders it may
// have blocked.
func (r *runner) cancel(s *sim.Sim, id int32, serial uint32) {
	k := &r.skus[id]
	for cls := range r.coldOf(k).queues {
		q := &r.coldOf(k).queues[cls]
		i, ok := searchSerial(q, serial)
		if !ok {
			continue
		}
		now := float64(s.Now())
		r.touch(k, now)
		b := q.at(i)
		if r.tr != nil {
			r.traceCancelOpen(s, id, b)
		}
		r.owed(b.stream, b.qty, b.since, now)
		c := &r.sc[b.stream]
		c.CancelledUnits += b.qty
		c.CancelledOrders++
		c.CancelCost += float64(b.qty) * r.coldOf(k).item.CancelCost
		k.backlog -= b.qty
		r.coldOf(k).owed[cls] -= b.qty
		k.waiting--
		q.remove(i)
		if k.onHand > 0 {
			r.serveWaiting(s, k)
		}
		if r.tr != nil {
			r.traceClose()
		}
		return
	}
}

// owed books in the counters of customer stream cs the unit-days that f
// units, owed to a customer since the order's arrival at since and no
// longer owed at now, spent backordered within the window: so a stream's
// BackorderArea is the time integral of the units owed to its customers,
// exactly, without a level kept per stream.
func (r *runner) owed(cs int32, f int64, since, now float64) {
	if now > r.warmup {
		r.sc[cs].BackorderArea += float64(f) * (now - max(since, r.warmup))
	}
}

// dropShip passes a customer order of q units at drop-ship site-item id to
// its source, which ships to the customer: a supplier at once (after its
// capacity queue), an upstream site-item from stock or its backorder queue.
// Every customer's wait, from order to delivery, is recorded.
func (r *runner) dropShip(s *sim.Sim, str *stream, q int64) {
	id := str.sku
	k := &r.skus[id]
	now := float64(s.Now())
	r.coldOf(k).c.OrderingCost += r.coldOf(k).dropFee
	// the units are on order from the source until it ships them
	r.coldOf(k).c.UnitsOrdered += q
	k.onOrder += q
	r.flow(k, now, 0, q)
	if k.upstream >= 0 {
		r.requestFor(s, k.upstream, id, q, str.id, false)
		return
	}
	at := r.dropFilled(id, str.id, q, r.supplierReady(r.coldOf(k).supplier, q, now), now, true)
	if r.tr != nil {
		r.traceDeliver(id, q, at)
	}
}

// dropFilled books q units of an order placed at now by a customer of
// stream cs at drop-ship site-item id, filled at once by its source: they
// leave the source at ready for the customer. complete says the order is
// now whole, and its wait is recorded. It returns when they arrive.
func (r *runner) dropFilled(id, cs int32, q int64, ready, now float64, complete bool) float64 {
	k := &r.skus[id]
	at := r.arrival(id, q, ready, false)
	k.onOrder -= q
	r.coldOf(k).c.ReceivedUnits += q
	c := &r.sc[cs]
	c.AtOnceUnits += q
	if complete {
		c.AtOnceOrders++
		c.recordWait(at - now)
	}
	return at
}

// dropShipped books q units shipped by the source of drop-ship site-item id
// to a customer of stream cs who ordered at since, from the source's
// backorder queue (immediate shipments are booked by requestFor); complete
// says the customer's order is now whole.
func (r *runner) dropShipped(s *sim.Sim, id, cs int32, q int64, since float64, complete bool) {
	k := &r.skus[id]
	now := float64(s.Now())
	r.touch(k, now)
	at := r.arrival(id, q, now, false)
	k.backlog -= q
	k.onOrder -= q
	r.coldOf(k).c.ReceivedUnits += q
	c := &r.sc[cs]
	c.FromBackorderUnits += q
	if complete {
		c.recordWait(at - since)
	}
}

// arrive books an order of q units reaching k at now from a downstream
// site-item, and returns k's counters.
func (r *runner) arrive(k *skuState, now float64, q int64) *Counters {
	r.arriveAt(k, now, q, false)
	c := r.coldOf(k).c
	c.DemandUnits += q
	c.DemandOrders++
	return c
}

// arriveAt books an order of q units reaching k at now, from a customer
// or a downstream site-item, in k's levels and daily flows and for a
// policy that learns from demand.
func (r *runner) arriveAt(k *skuState, now float64, q int64, customer bool) {
	r.touch(k, now)
	r.flow(k, now, q, 0)
	if k.flags&(skuLearns|skuFeedShare) != 0 {
		r.learn(k, customer, now, q)
	}
}

// tally is the part of a customer stream's counters that every order
// books: its units and orders, and those filled at once from stock. It is
// kept apart from the stream's Counters, two to a cache line, and added to
// them by [runner.finish].
type tally struct {
	units, orders             int64
	atOnceUnits, atOnceOrders int64
}

// add adds t to c.
func (t *tally) add(c *Counters) {
	c.DemandUnits += t.units
	c.DemandOrders += t.orders
	c.AtOnceUnits += t.atOnceUnits
	c.AtOnceOrders += t.atOnceOrders
}

// observe shows the policy that learns from demand q units demanded at
// now; apart, so that arriveAt stays small enough to inline.
//
//go:noinline
func (r *runner) observe(k *skuState, now float64, q int64) { r.coldOf(k).learner.Observe(now, q) }

// backorder queues an order's unfilled rest in priority class cls, for
// customer stream cs (-1 for a site's order), booked in c, and returns it.
func (r *runner) backorder(k *skuState, now float64, qty int64, dest int32, whole bool, cls, cs int32, c *Counters) *backorder {
	kc := r.coldOf(k)
	k.backlog += qty
	c.BackorderedUnits += qty
	c.BackorderedOrders++
	k.waiting++
	kc.owed[cls] += qty
	kc.serial++
	q := &kc.queues[cls]
	q.push(backorder{since: now, promise: math.NaN(), qty: qty, dest: dest, whole: whole, serial: kc.serial, stream: cs})
	return q.back()
}

// free reports whether an order of class cls may take stock at once: no
// order of the same or a higher priority is waiting.
func (r *runner) free(k *skuState, cls int32) bool {
	if k.waiting == 0 {
		return true
	}
	for i := int32(0); i <= cls; i++ {
		if r.coldOf(k).queues[i].len() > 0 {
			return false
		}
	}
	return true
}
