package model

import (
	"fmt"
	"math"

	"scsim/internal/theory"
)

// Theory beside the simulation: for a site-item whose setting is exactly
// one of inventory theory's classic models, the long-run values the theory
// gives for its metrics. Where no theory is exact nothing is given: no
// approximation is passed off as exact.

// Theory is what an exact result of inventory theory says of one
// site-item.
type Theory struct {
	SKU int // the site-item's index into [Network.SKUs]
	// Model describes the setting in words and numbers, e.g. "(r, Q) =
	// (36, 40), Poisson demand 8/day, constant lead time 4 d, backorders".
	Model string
	// Formula names the result, Source cites it.
	Formula, Source string
	// Values are the theory's values of metrics (indices into [Metrics]),
	// in the order of Metrics.
	Values []TheoryValue
}

// TheoryValue is the theory's long-run value of one metric.
type TheoryValue struct {
	Metric int
	Value  float64
}

// The formulas.
const (
	FormulaHadleyWhitin = "Hadley–Whitin"
	FormulaErlangB      = "Erlang B (Palm)"
	// FormulaDeterministic is the sawtooth of regular demand under any
	// continuous-review policy with a reorder point and a batch (JIT and
	// base stock included), with or without backorders.
	FormulaDeterministic = "deterministic demand, continuous review"
	FormulaPeriodic      = "periodic order-up-to, Poisson"
	FormulaPeriodicSS    = "periodic (s, S), Poisson"
)

// Theories returns the exact theory of every site-item of n that lies in
// the domain of one, in the order of [Network.SKUs]. A site-item is in a
// domain only when everything the theory assumes holds: it is supplied by
// a supplier of unlimited capacity without outages, along a lane without
// outages, expediting or a backup source; it supplies no other site-item;
// it is no other site-item's substitute; its customers order one unit at a time and behave classically
// (no patience, balking, substitutes, quotes or all-or-nothing orders),
// with the same stockout rule, as a Poisson process (or, deterministic, one
// regular stream) without a profile or history; its policy's levels are
// fixed (no seasonal levels, no forecast); the lead time is the lane's
// order delay and its transit time together; and then:
//
//   - backorders, constant lead time, continuous review with a reorder
//     point and a batch ((r, Q), base stock, JIT, (s, S) — which with unit
//     demand is (s, S−s) —, eoq and safety_stock under continuous review):
//     Hadley–Whitin;
//   - lost sales, continuous-review base stock (one for one: base stock,
//     JIT, (r, Q) with Q = 1), any lead-time distribution with independent
//     draws (shipments may overtake): Erlang B;
//   - one regular stream of demand, constant lead time, continuous review
//     with a reorder point and a batch (as for Hadley–Whitin), backorders
//     or no demand ever short, and no demand meeting its receipt at the
//     same instant: the deterministic sawtooth (EOQ's, in unit steps);
//   - backorders, constant lead time, periodic order-up-to (base stock,
//     safety_stock, (s, S) with s = S−1 under periodic review): the
//     periodic order-up-to formulas;
//   - backorders, constant lead time, periodic (s, S) with s < S−1: the
//     periodic (s, S) formulas.
//
// The values are of the fill rate, average on-hand, average backorders,
// the lost share (lost sales) and the total cost per day (holding,
// backorder, ordering, lost-sale and the lane's transport cost).
func (n *Network) Theories() []Theory {
	refs := n.SKUs()
	up, backup := n.sources()
	feeds := make([]bool, len(refs))
	for i, ref := range refs {
		for _, u := range [2]int{up[i], backup[i]} {
			if u >= 0 {
				feeds[u] = true
			}
		}
		// a substitute's stock also goes to another site-item's customers
		for _, d := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			if sb := d.Customers.Substitute; sb != nil {
				feeds[i-ref.Stock+sb.Stock] = true // a site's site-items are consecutive
			}
		}
	}
	var out []Theory
	for i, ref := range refs {
		if feeds[i] {
			continue
		}
		if th, ok := n.theoryOf(&n.Sites[ref.Site].Stocks[ref.Stock]); ok {
			th.SKU = i
			out = append(out, th)
		}
	}
	return out
}

// maxTheoryLevel bounds the levels the formulas are worked out for (their
// sums run over every level up to it).
const maxTheoryLevel = 1_000_000

// setting is a site-item's policy reduced to the form the theories know.
type setting struct {
	periodic bool
	r, q     int64   // continuous review: reorder point and batch
	s        int64   // periodic review: order-up-to level
	small    int64   // periodic review: the level at or below which a review orders (S − 1 for order-up-to)
	period   float64 // periodic review: days between reviews
	name     string  // the policy in words
}

// settingOf reduces policy p to a setting, or reports that no theory
// takes it; d abbreviates the time unit in its name.
func settingOf(p Policy, d string) (setting, bool) {
	switch p := p.(type) {
	case *RQ:
		return setting{r: p.R, q: p.Q, name: fmt.Sprintf("(r, Q) = (%d, %d)", p.R, p.Q)}, true
	case *BaseStock:
		if p.Period > 0 {
			return setting{periodic: true, s: p.S, small: p.S - 1, period: p.Period, name: fmt.Sprintf("base stock S = %d every %s %s", p.S, trimFloat(p.Period), d)}, true
		}
		return setting{r: p.S - 1, q: 1, name: fmt.Sprintf("base stock S = %d", p.S)}, true
	case *JIT:
		return setting{r: p.Buffer - 1, q: 1, name: fmt.Sprintf("JIT, buffer %d (base stock S = %d)", p.Buffer, p.Buffer)}, true
	case *SS:
		if p.Period > 0 {
			if p.Small >= p.Big {
				return setting{}, false
			}
			name := fmt.Sprintf("(s, S) = (%d, %d) every %s %s", p.Small, p.Big, trimFloat(p.Period), d)
			if p.Small == p.Big-1 {
				name += " (order-up-to)"
			}
			return setting{periodic: true, s: p.Big, small: p.Small, period: p.Period, name: name}, true
		}
		return setting{r: p.Small, q: p.Big - p.Small, name: fmt.Sprintf("(s, S) = (%d, %d), with unit demand (r, Q) = (%d, %d)", p.Small, p.Big, p.Small, p.Big-p.Small)}, true
	case *EOQ:
		if p.Seasonal != nil {
			return setting{}, false
		}
		return setting{r: p.R, q: p.Q, name: fmt.Sprintf("eoq (r, Q) = (%d, %d)", p.R, p.Q)}, true
	case *SafetyStock:
		switch {
		case p.Seasonal != nil:
			return setting{}, false
		case p.Period > 0:
			return setting{periodic: true, s: p.Top, small: p.Top - 1, period: p.Period, name: fmt.Sprintf("safety stock, order up to S = %d every %s %s", p.Top, trimFloat(p.Period), d)}, true
		}
		return setting{r: p.ReorderPoint, q: p.Q, name: fmt.Sprintf("safety stock (r, Q) = (%d, %d)", p.ReorderPoint, p.Q)}, true
	}
	return setting{}, false
}

// theoryOf returns the theory of the site-item st, which supplies no other
// site-item, if one is exact for it.
func (n *Network) theoryOf(st *Stock) (Theory, bool) {
	var no Theory
	if st.Source.Kind != SupplierNode || st.Backup != nil || len(st.Demand) == 0 {
		return no, false
	}
	sup := &n.Suppliers[st.Source.Index]
	ln := &st.Lane
	if sup.Capacity > 0 || sup.Disruption != nil || ln.Disruption != nil || ln.Expedite != nil {
		return no, false
	}
	d := timeAbbrev(n.TimeUnit) // the time unit in the words: "d", "wk"
	set, ok := settingOf(st.Policy, d)
	if !ok || set.q < 1 && !set.periodic || set.r+set.q > maxTheoryLevel || set.s > maxTheoryLevel {
		return no, false
	}
	// the customers: unit orders, classic behaviour, one stockout rule,
	// Poisson (or one regular stream)
	lambda, regular := 0.0, false
	rule := st.Demand[0].Stockout
	for i := range st.Demand {
		d := &st.Demand[i]
		if d.IsDaily() || d.History != nil || d.Profile != nil || d.Customers.active() ||
			!d.Size.IsConst() || d.Size.Mean() != 1 || d.Stockout != rule || !(d.Rate > 0) || math.IsInf(d.Rate, 0) {
			return no, false
		}
		regular = regular || d.Regular
		lambda += d.Rate
	}
	if regular && len(st.Demand) > 1 {
		return no, false // regular streams together are not regular
	}
	it := &n.Items[st.Item]
	// an order reaches the source OrderDelay days after it is placed, and
	// is on order, in the inventory position, all the while: the lead time
	// of the theories is the delay and the transit time
	delay := ln.OrderDelay
	lead := delay + ln.Transit.Mean()
	constLead := ln.Transit.IsConst()
	if !(lead >= 0) || math.IsInf(lead, 0) || !(delay >= 0) {
		return no, false
	}
	h, b, k, lost := it.HoldingCost, it.BackorderCost, it.OrderCost, it.LostSaleCost
	ship := ln.ShipmentCost // per order: each order is one shipment from a supplier
	unit := ln.UnitCost
	demand := fmt.Sprintf("Poisson demand %s/%s", trimFloat(lambda), TimeUnitName(n.TimeUnit))
	if regular {
		demand = fmt.Sprintf("one unit every %s %s", trimFloat(1/lambda), d)
	}
	leadText := fmt.Sprintf("constant lead time %s %s", trimFloat(lead), d)
	switch {
	case !constLead && delay > 0:
		leadText = fmt.Sprintf("lead time %s %s order delay + %s %s", trimFloat(delay), d, ln.Transit, d)
	case !constLead:
		leadText = fmt.Sprintf("lead time %s %s", ln.Transit, d)
	case delay > 0:
		leadText = fmt.Sprintf("constant lead time %s %s (order delay %s + transit %s)", trimFloat(lead), d, trimFloat(delay), trimFloat(ln.Transit.Mean()))
	}
	th := Theory{}
	val := func(m int, v float64) { th.Values = append(th.Values, TheoryValue{m, v}) }
	switch {
	case regular:
		if set.periodic || !constLead {
			return no, false
		}
		res, ok := theory.Deterministic(lambda, lead, int(set.r), int(set.q))
		if !ok || res.Short > 0 && rule == LostSale {
			return no, false // a demand ties with its receipt, or lost sales
		}
		th.Formula = FormulaDeterministic
		orders := lambda / float64(set.q)
		val(MFillRate, res.Fill)
		val(MAvgOnHand, res.OnHand)
		val(MAvgBackorders, res.Backorders)
		if res.Short > 0 {
			th.Model = fmt.Sprintf("%s, %s, %s, backorders", set.name, demand, leadText)
			th.Source = "the sawtooth in unit steps: on-hand mean of (y − λL)⁺, backorders of (λL − y)⁺ over the positions y = r+1..r+Q; Hadley and Whitin 1963, ch. 2; Little's law for the wait"
			val(MWaitMean, res.WaitMean)
		} else {
			th.Model = fmt.Sprintf("%s, %s, %s: no demand ever short", set.name, demand, leadText)
			th.Source = "Harris 1913; on-hand r + (Q+1)/2 − λL with unit steps"
		}
		val(MTotalCost, h*res.OnHand+b*res.Backorders+(k+ship)*orders+unit*lambda)
	case rule == LostSale:
		if set.periodic || set.q != 1 || set.r+1 < 0 || !constLead && ln.NoOvertaking {
			return no, false
		}
		s := set.r + 1
		fill, lostShare, oh := theory.BaseStockLost(int(s), lambda, lead)
		th.Model = fmt.Sprintf("%s, %s, %s, lost sales", set.name, demand, leadText)
		th.Formula = FormulaErlangB
		th.Source = "Erlang loss B(S, λL), Palm 1938; Zipkin 2000, §7.3"
		orders := lambda * fill // one for one: every unit sold is reordered
		val(MFillRate, fill)
		val(MLostRate, lostShare)
		val(MAvgOnHand, oh)
		val(MAvgBackorders, 0)
		val(MTotalCost, h*oh+lost*lambda*lostShare+(k+ship+unit)*orders)
	case !constLead:
		return no, false
	case set.periodic && set.small < set.s-1:
		fill, oh, bo, orders := theory.PeriodicSSPoisson(lambda, lead, set.period, int(set.small), int(set.s))
		th.Model = fmt.Sprintf("%s, %s, %s, backorders", set.name, demand, leadText)
		th.Formula = FormulaPeriodicSS
		th.Source = "Markov chain of the position after a review, renewal-reward; Hadley and Whitin 1963, ch. 5; Zipkin 2000, §6.7"
		val(MFillRate, fill)
		val(MAvgOnHand, oh)
		val(MAvgBackorders, bo)
		val(MTotalCost, h*oh+b*bo+(k+ship)*orders+unit*lambda)
	case set.periodic:
		fill, oh, bo := theory.PeriodicPoisson(lambda, lead, set.period, int(set.s))
		th.Model = fmt.Sprintf("%s, %s, %s, backorders", set.name, demand, leadText)
		th.Formula = FormulaPeriodic
		th.Source = "Hadley and Whitin 1963, ch. 5; Zipkin 2000, §6.7"
		orders := theory.PeriodicOrders(lambda, set.period)
		val(MFillRate, fill)
		val(MAvgOnHand, oh)
		val(MAvgBackorders, bo)
		val(MTotalCost, h*oh+b*bo+(k+ship)*orders+unit*lambda)
	default:
		fill, oh, bo := theory.RQPoisson(lambda*lead, int(set.r), int(set.q))
		th.Model = fmt.Sprintf("%s, %s, %s, backorders", set.name, demand, leadText)
		th.Formula = FormulaHadleyWhitin
		th.Source = "Hadley and Whitin 1963, ch. 4; Zipkin 2000, §6.2"
		orders := lambda / float64(set.q)
		val(MFillRate, fill)
		val(MAvgOnHand, oh)
		val(MAvgBackorders, bo)
		val(MTotalCost, h*oh+b*bo+(k+ship)*orders+unit*lambda)
	}
	// a formula outside its numeric range (a lead-time demand that
	// overflows, say) gives NaN: then no theory rather than a wrong one
	for _, v := range th.Values {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			return no, false
		}
	}
	return th, true
}

// Value returns the theory's value of metric m, if it gives one.
func (t *Theory) Value(m int) (float64, bool) {
	for _, v := range t.Values {
		if v.Metric == m {
			return v.Value, true
		}
	}
	return math.NaN(), false
}
