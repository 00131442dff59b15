package model

import (
	"fmt"
	"math"

	"scsim/sim"
)

// Order (information) delays on lanes, the lanes' pipelines at time 0,
// and information sharing: the end customers' demand shown to upstream
// policies. A site-item that uses none of them costs nothing here.

// validateDelays checks the order delay and the initial pipeline of st.
func (st *Stock) validateDelays() error {
	d := st.Lane.OrderDelay
	switch {
	case !(d >= 0) || math.IsInf(d, 0):
		return fmt.Errorf("order delay must be >= 0 days, got %v", d)
	case st.Backup != nil && (d > 0 || st.Backup.Lane.OrderDelay != 0):
		return fmt.Errorf("an order delay is not supported with a backup source")
	case st.Pipeline < 0 || st.Pipeline > maxLevel:
		return fmt.Errorf("pipeline must be in [0, 1e9] units, got %d", st.Pipeline)
	}
	if _, ok := st.Policy.(*DropShip); ok && d > 0 {
		return fmt.Errorf("a drop-ship site-item cannot have an order delay")
	}
	if st.Pipeline > 0 {
		if st.Policy == nil || !(st.Policy.ReviewPeriod() > 0) {
			return fmt.Errorf("a pipeline needs a policy that reviews periodically")
		}
		if st.Backup != nil {
			return fmt.Errorf("a pipeline is not supported with a backup source")
		}
	}
	return nil
}

// pipelineSlots calls f for each order of a pipeline at time 0 with order
// delay d, mean transit t and review period p: reach > 0 when the order
// reaches its source then, else the time it arrives (> 0). Orders are
// given latest first.
func pipelineSlots(d, t, p float64, f func(reach, arrive float64)) {
	for j := 1; ; j++ {
		reach := d - float64(j)*p
		switch {
		case reach > 0:
			f(reach, 0)
		case reach+t > 0:
			f(0, reach+t)
		default:
			return
		}
	}
}

// setupDelays sets the flags of the site-items with an order delay or
// sharing their customers' demand, and fills the pipelines at time 0.
func (r *runner) setupDelays(s *sim.Sim) {
	for i := range r.skus {
		k := &r.skus[i]
		if r.coldOf(k).lane.OrderDelay > 0 {
			k.flags |= skuOrderDelay
		}
		if p, ok := r.coldOf(k).learner.(*Sterman); ok && p.Shared {
			k.flags = k.flags&^skuLearns | skuShared
		}
	}
	for i := range r.skus {
		// a site-item whose customers' demand some policy up its chain
		// wants to see
		for u := int32(i); u >= 0; u = r.skus[u].upstream {
			if r.skus[u].flags&skuShared != 0 {
				r.skus[i].flags |= skuFeedShare
				break
			}
		}
	}
	for i, ref := range r.plan.refs {
		st := &r.net.Sites[ref.Site].Stocks[ref.Stock]
		if st.Pipeline <= 0 {
			continue
		}
		k := &r.skus[i]
		q := st.Pipeline
		pipelineSlots(st.Lane.OrderDelay, st.Lane.Transit.Mean(), r.coldOf(k).period, func(reach, arrive float64) {
			k.onOrder += q
			if reach > 0 {
				s.At(sim.Time(reach), sim.Event{Kind: evOrder, Prio: prioDemand, ID: int32(i), Qty: int32(q)})
				return
			}
			if k.flags&skuQuotes != 0 {
				r.expect(k, arrive, q)
			}
			r.coldOf(k).lastArrival = max(r.coldOf(k).lastArrival, arrive)
			r.receiptAt(s, int32(i), arrive, q, int32(q))
		})
		r.coldOf(k).c.OnOrderStart = k.onOrder
	}
}

// delayOrder sends an order of q units placed now by site-item id on its
// way to the source, which sees it after the lane's order delay.
func (r *runner) delayOrder(s *sim.Sim, id int32, k *skuState, q int64) {
	qty := int32(q)
	if q > math.MaxInt32 {
		qty = r.bigQty(q)
	}
	s.Schedule(sim.Time(r.coldOf(k).lane.OrderDelay), sim.Event{Kind: evOrder, Prio: prioDemand, ID: id, Qty: qty})
}

// orderReaches passes an order of q units of site-item id, at the end of
// its order delay, to its source.
func (r *runner) orderReaches(s *sim.Sim, id int32, q int64) {
	k := &r.skus[id]
	if k.upstream >= 0 {
		r.request(s, k.upstream, id, q)
		return
	}
	r.deliver(s, id, q, r.supplierReady(r.coldOf(k).supplier, q, float64(s.Now())), false)
}

// learn shows an order of q units reaching k at now, booked in c (k's
// own counters for a downstream site-item's order, a stream's for a
// customer's), to the policies that learn from it: k's own, and, for a
// customer's order, those with information sharing at k and up its chain.
// Apart, so that arriveAt stays small enough to inline.
//
//go:noinline
func (r *runner) learn(k *skuState, customer bool, now float64, q int64) {
	if k.flags&skuLearns != 0 {
		r.observe(k, now, q)
	}
	if k.flags&skuFeedShare != 0 && customer {
		r.shareDemand(k, now, q)
	}
}

// shareDemand shows q units of customer demand at k at now to the
// policies with information sharing at k and up its chain.
func (r *runner) shareDemand(k *skuState, now float64, q int64) {
	if k.flags&skuShared != 0 {
		r.coldOf(k).learner.Observe(now, q)
	}
	for u := k.upstream; u >= 0; u = r.skus[u].upstream {
		if c := &r.skus[u]; c.flags&skuShared != 0 {
			r.coldOf(c).learner.Observe(now, q)
		}
	}
}
