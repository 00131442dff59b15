package model

import (
	"math"
	"unsafe"
)

// EstimateEvents returns an estimate of the events one replication of net
// processes, rather high than low, computed from the network alone without
// running it, in O(site-items + demand streams):
//
//   - one event per customer order of every stream with a rate (rate ×
//     horizon, times the mean of its [Profile]'s day factors), and one a
//     day for every daily stream and every stream with a history;
//   - one review per review period of every periodic policy (one at time
//     0 for a continuous one);
//   - one receipt per replenishment order, a site-item placing at most
//     one order per decision: per review for a periodic policy, per order
//     reaching it (its customers' and its downstream site-items') for a
//     continuous one;
//   - one cancellation per customer order of a stream whose customers
//     are impatient;
//   - two events per supplier or lane outage: the scheduled ones, or
//     horizon / (mean uptime + mean downtime) random ones.
//
// Random arrivals are counted by their mean, and most policies order less
// often than they decide, so real runs usually stay below the estimate
// (within a factor of about 4 on the bundled scenarios), never far above
// it. A period, rate or horizon that makes
// the count overflow gives +Inf, which exceeds any limit.
func EstimateEvents(net *Network) float64 {
	h := net.Horizon
	if !(h >= 0) {
		return math.Inf(1)
	}
	refs := net.SKUs()
	orders := make([]float64, len(refs)) // orders reaching each site-item
	events := 1.0                        // the warm-up reset, or nothing
	for i, ref := range refs {
		st := &net.Sites[ref.Site].Stocks[ref.Stock]
		for j := range st.Demand {
			d := &st.Demand[j]
			var n float64
			switch {
			case d.History != nil:
				// one event a day, placing that day's orders
				events += math.Ceil(h)
				if days := d.History.Days(); days > 0 {
					n = math.Ceil(h) * float64(len(d.History.qty)) / float64(days)
				}
			case d.IsDaily():
				n = math.Ceil(h) // one event, and one order, a day
			default:
				n = d.Rate * h * profileMean(d.Profile, h)
			}
			events += n
			if d.Customers.Patience != nil {
				events += n
			}
			orders[i] += n
		}
		if d := st.Lane.Disruption; d != nil {
			events += outageEvents(d, h)
		}
		if b := st.Backup; b != nil && b.Lane.Disruption != nil {
			events += outageEvents(b.Lane.Disruption, h)
		}
	}
	for i := range net.Suppliers {
		if d := net.Suppliers[i].Disruption; d != nil {
			events += outageEvents(d, h)
		}
	}
	// replenishment orders, from the customer-facing site-items up: a
	// site-item's orders reach its source (and its backup)
	up, backup := net.sources()
	placed := make([]float64, len(refs))
	done := make([]bool, len(refs))
	children := make([][]int, len(refs))
	for i := range refs {
		for _, u := range [2]int{up[i], backup[i]} {
			if u >= 0 {
				children[u] = append(children[u], i)
			}
		}
	}
	var place func(i, depth int) float64
	place = func(i, depth int) float64 {
		if done[i] || depth > len(refs) { // a cycle: Validate refuses it
			return placed[i]
		}
		in := orders[i]
		for _, c := range children[i] {
			in += place(c, depth+1)
		}
		st := &net.Sites[refs[i].Site].Stocks[refs[i].Stock]
		n := in
		if p := st.Policy.ReviewPeriod(); p > 0 {
			n = math.Ceil(h / p) // one review per period, at most one order each
			events += n
		} else {
			events++ // the review at time 0
		}
		if st.Lane.OrderDelay > 0 {
			events += n // each order reaches its source in an event of its own
		}
		if p := st.Policy.ReviewPeriod(); st.Pipeline > 0 && p > 0 {
			events += math.Ceil((st.Lane.OrderDelay + st.Lane.Transit.Mean()) / p) // the pipeline at time 0
		}
		placed[i], done[i] = n, true
		return n
	}
	for i := range refs {
		events += place(i, 0) // a receipt per order
	}
	if math.IsNaN(events) {
		return math.Inf(1)
	}
	return events
}

// outageEvents estimates the outage starts and ends of d over h days.
func outageEvents(d *Disruption, h float64) float64 {
	if !d.Random {
		return 2 * float64(len(d.Outages))
	}
	cycle := d.Uptime.Mean() + d.Downtime.Mean()
	if !(cycle > 0) {
		return math.Inf(1)
	}
	return 2 * math.Ceil(h/cycle)
}

// profileMean returns the mean day factor of p over h days (1 if p is
// nil): exact up to about 11 years, else estimated from 512 stretches of
// a year spread over the horizon, so that it costs O(1) whatever h.
func profileMean(p *Profile, h float64) float64 {
	if p == nil {
		return 1
	}
	const exact = 4096
	if h <= exact {
		m, _ := p.Moments(int64(math.Ceil(h)))
		return m
	}
	const strata, year = 512, 365
	sum, n := 0.0, 0
	for i := range strata {
		start := int64(float64(i) * (h - year) / strata)
		for d := start; d < start+year; d++ {
			sum += p.Factor(d)
			n++
		}
	}
	return sum / float64(n)
}

// EstimateBytes returns an estimate of the memory that keeping the
// results of reps replications of net takes: every replication's
// counters of each site-item, echelon and demand stream, which are kept
// until the run ends. What a replication holds while it runs (its event
// queue, backorders and waits) is not counted.
func EstimateBytes(net *Network, reps int) float64 {
	levels := 1
	if lv, err := net.Echelons(); err == nil {
		for _, l := range lv {
			levels = max(levels, l)
		}
	}
	parts := float64(len(net.SKUs()) + len(net.Streams()) + levels)
	perRep := parts*float64(unsafe.Sizeof(Counters{})) + float64(unsafe.Sizeof(Result{})) + 64
	return float64(reps) * perRep
}
