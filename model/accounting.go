package model

import (
	"unsafe"

	"scsim/sim"
)

// Accounting: the time integrals of levels, daily flows, the reset at the
// end of the warm-up, and the counters of a replication at its end.

// touch integrates the levels of k up to now.
func (r *runner) touch(k *skuState, now float64) {
	dt := now - k.last
	if dt <= 0 {
		return
	}
	if k.flags&skuTraced != 0 {
		kc := r.coldOf(k)
		kc.trace.Times = append(kc.trace.Times, k.last)
		kc.trace.OnHand = append(kc.trace.OnHand, k.onHand)
		kc.trace.Backorders = append(kc.trace.Backorders, k.backlog)
	}
	k.onHandArea += float64(k.onHand) * dt
	k.onOrderArea += float64(k.onOrder) * dt
	k.backorderArea += float64(k.backlog) * dt
	if k.onHand > 0 {
		k.inStockDays += dt
	}
	k.last = now
}

// echelonDaily gathers the daily flows of an echelon as a whole: the
// day being gathered, and the demand of the days after it that arrivals
// handled ahead ([runner.runAhead]) have booked, by day modulo aheadDays,
// in later of which queued are not zero.
type echelonDaily struct {
	today  dayBucket
	stats  DailyStats
	later  [aheadDays]int64
	queued int
}

// add books flows on day d (>= the day being gathered), closing the days
// before it first.
func (e *echelonDaily) add(d, demand, orders int64) {
	if d != e.today.day {
		e.advance(d)
	}
	e.today.demand += demand
	e.today.orders += orders
}

// addLater books demand on day d, later than the day being gathered and
// before it plus aheadDays, for when that day is gathered. Only demand is
// booked ahead: an arrival handled ahead places no order.
func (e *echelonDaily) addLater(d, demand int64) {
	i := d % aheadDays
	if e.later[i] == 0 {
		e.queued++
	}
	e.later[i] += demand
}

// advance closes the day being gathered and the days after it up to day d
// (exclusive), each with the demand booked for it ahead, and starts
// gathering day d with its own: the statistics of the days in order, as
// if every flow had been booked at its time.
func (e *echelonDaily) advance(d int64) {
	for e.queued > 0 && e.today.day < d {
		next := e.today.day + 1
		e.today.close(&e.stats, next)
		if i := next % aheadDays; e.later[i] != 0 {
			e.today.demand, e.later[i] = e.later[i], 0
			e.queued--
		}
	}
	if e.today.day < d {
		e.today.close(&e.stats, d)
	}
}

// dayBucket gathers one whole day's units of demand received and orders
// placed, for the variance of daily flows. Buckets are closed lazily, when
// the first flow of a later day arrives (days without any flow count as
// zeros), so statistics by day cost no event of their own.
type dayBucket struct {
	day            int64 // the day [day, day+1) being gathered
	demand, orders int64
}

// close adds the day being gathered and the empty days after it, up to
// day d (exclusive), to st, and starts gathering day d.
func (b *dayBucket) close(st *DailyStats, d int64) {
	st.add(b.demand, b.orders)
	st.Days += d - b.day - 1
	b.day, b.demand, b.orders = d, 0, 0
}

// flow books units of demand received and of orders placed at k at time
// now, for the daily statistics of k and of its echelon.
func (r *runner) flow(k *skuState, now float64, demand, orders int64) {
	d := int64(now)
	if d != k.today.day { // only then reach for the day's statistics
		k.today.close(&r.daily[r.skuIndex(k)], d)
	}
	k.today.demand += demand
	k.today.orders += orders
	e := &r.echelonDaily[k.echelon]
	if r.inAhead && d != e.today.day { // a later day's, which has not begun for the others
		e.addLater(d, demand)
		return
	}
	e.add(d, demand, orders)
}

// coldOf returns the cold state of k, which points into r.skus: the
// element of r.cold at k's index (the hot state holds no pointer, so that
// the garbage collector does not scan it).
func (r *runner) coldOf(k *skuState) *skuCold { return &r.cold[r.skuIndex(k)] }

// scoldOf returns the cold state of demand stream str.
func (r *runner) scoldOf(str *stream) *streamCold { return &r.scold[str.id] }

// skuIndex returns the index of k, which points into r.skus.
func (r *runner) skuIndex(k *skuState) int {
	return int((uintptr(unsafe.Pointer(k)) - uintptr(unsafe.Pointer(unsafe.SliceData(r.skus)))) / unsafe.Sizeof(skuState{}))
}

// resetStats starts the measurement window at now: counters are cleared,
// state is kept, and the levels at the start are recorded.
func (r *runner) resetStats(now float64) {
	for i := range r.skus {
		k := &r.skus[i]
		r.touch(k, now)
		waits := r.coldOf(k).c.Waits
		waits.Reset()
		*r.coldOf(k).c = Counters{
			Waits:           waits,
			OnHandStart:     k.onHand,
			OnOrderStart:    k.onOrder,
			BackordersStart: k.backlog,
		}
		k.onHandArea, k.onOrderArea, k.backorderArea, k.inStockDays = 0, 0, 0, 0
		k.flags &^= skuShortCycle
		if k.flags&skuRecovery != 0 && r.coldOf(k).ext.rec.active > 0 {
			r.coldOf(k).ext.rec.downSince = now
		}
	}
	for i := range r.sc {
		waits := r.sc[i].Waits
		waits.Reset()
		r.sc[i] = Counters{Waits: waits}
		r.tally[i] = tally{}
		r.boStart[i] = 0
	}
	for i := range r.skus {
		for _, q := range r.coldOf(&r.skus[i]).queues {
			for j := range q.len() {
				if b := q.at(j); b.stream >= 0 {
					r.boStart[b.stream] += b.qty
				}
			}
		}
	}
	day := int64(now)
	for i := range r.skus {
		r.skus[i].today = dayBucket{day: day}
		r.daily[i] = DailyStats{}
	}
	for i := range r.echelonDaily {
		r.echelonDaily[i] = echelonDaily{today: dayBucket{day: day}}
	}
}

// finish closes the measurement window at the horizon and returns the
// replication's result.
func (r *runner) finish(s *sim.Sim) *Result {
	net := r.net
	// close the daily buckets at the last whole day before the horizon
	last := int64(net.Horizon)
	for i := range r.skus {
		if k := &r.skus[i]; last > k.today.day {
			k.today.close(&r.daily[i], last)
		}
		r.counters[i].Daily = r.daily[i]
	}
	for i := range r.echelonDaily {
		if e := &r.echelonDaily[i]; last > e.today.day {
			e.advance(last)
		}
	}
	for i := range r.skus {
		r.age(&r.skus[i], net.Horizon)
	}
	res := &Result{Replication: r.rep, Seed: r.seed, Events: s.Processed() + r.ahead,
		// the counters themselves, not copies: the run is over
		SKUs: r.counters, Echelons: make([]Counters, len(r.echelonDaily)), Streams: r.sc}
	for i := range r.sc {
		c := &r.sc[i]
		r.tally[i].add(c)
		str := &r.streams[i]
		// revenue is recognised as units ship: at once or from backorder,
		// at the item's price, or as a substitute at its discounted price
		c.Revenue = r.coldOf(&r.skus[str.sku]).item.Price * float64(c.AtOnceUnits+c.FromBackorderUnits)
		if r.scoldOf(str).cust != nil && r.scoldOf(str).cust.sub >= 0 {
			c.Revenue += r.scoldOf(str).cust.subPrice * float64(c.SubstitutedUnits)
		}
		// its customers' part of the site-item's counters; the units owed
		// are the site-item's own level already (touch)
		k := r.coldOf(&r.skus[str.sku]).c
		area := c.BackorderArea
		c.BackorderArea = 0
		k.Add(c)
		c.BackorderArea = area
		c.Days = net.Horizon - net.Warmup
		c.SKUDays = c.Days
		c.BackordersStart = r.boStart[i]
	}
	for i := range r.skus {
		k := &r.skus[i]
		r.touch(k, net.Horizon)
		c := r.coldOf(k).c
		c.OnHandArea += k.onHandArea
		c.OnOrderArea += k.onOrderArea
		c.BackorderArea += k.backorderArea
		c.InStockDays += k.inStockDays
		if k.flags&skuRecovery != 0 {
			r.coldOf(k).ext.rec.close(c, net.Horizon)
		}
		c.Days = net.Horizon - net.Warmup
		c.SKUDays = c.Days
		c.OnHandEnd, c.OnOrderEnd, c.BackordersEnd = k.onHand, k.onOrder, k.backlog
		c.HoldingCost = r.coldOf(k).item.HoldingCost * c.OnHandArea
		if r.coldOf(k).consign {
			c.HoldingCost, c.SupplierHoldingCost = 0, c.HoldingCost
		}
		c.BackorderCost = r.coldOf(k).item.BackorderCost * c.BackorderArea
		res.Echelons[k.echelon].Add(c)
	}
	for e := range res.Echelons {
		res.Echelons[e].Daily = r.echelonDaily[e].stats
	}
	for i := range r.skus {
		if l := r.coldOf(&r.skus[i]).learner; l != nil {
			if res.PolicyEnd == nil {
				res.PolicyEnd = make([][]Param, len(r.skus))
			}
			l.Observe(net.Horizon, 0)
			res.PolicyEnd[i] = l.Describe().Params
		}
	}
	r.checkOverflow(res)
	return res
}

// age books the customer orders still waiting at k at the end, now, in
// their streams' counters: their ages, the units still owed and the
// revenue they will bring.
func (r *runner) age(k *skuState, now float64) {
	kc := r.coldOf(k)
	for cls := range kc.queues {
		q := &kc.queues[cls]
		for i := range q.len() {
			b := q.at(i)
			if b.stream < 0 {
				continue
			}
			r.owed(b.stream, b.qty, b.since, now)
			c := &r.sc[b.stream]
			c.BackordersEnd += b.qty
			a := now - b.since
			c.AgedOrders++
			c.AgeSum += a
			c.AgeMax = max(c.AgeMax, a)
			c.BacklogValue += float64(b.qty) * kc.item.Price
		}
	}
}

// recordWait adds one customer's wait in days.
func (c *Counters) recordWait(w float64) {
	c.Waits.Record(w)
	c.WaitSum += w
	c.WaitMax = max(c.WaitMax, w)
}

// checkOverflow sets res.Err if a counter of a site-item or of a demand
// stream went beyond what a run counts exactly. It runs once per
// replication, not per event: a count grows by one order, receipt or
// day's demand at a time, each at most 1e9 units when validation bounds
// it and at most MaxCount+1 when drawn at random ([Dist.Units]), so a
// count beyond MaxCount at the end is caught unless it grew past 2^63
// and wrapped all the way back, which takes over a thousand draws
// beyond 2^53 units in one replication.
func (r *runner) checkOverflow(res *Result) {
	refs := r.plan.refs
	for i := range res.SKUs {
		if f, x := res.SKUs[i].overflow(); f != "" {
			res.Err = &OverflowError{Replication: r.rep, Where: refs[i].Name, Field: f, Value: x}
			return
		}
	}
	streams := r.plan.streams
	for i := range res.Streams {
		if f, x := res.Streams[i].overflow(); f != "" {
			res.Err = &OverflowError{Replication: r.rep, Where: streams[i].Name, Field: f, Value: x}
			return
		}
	}
}
