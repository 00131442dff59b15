package model

import (
	"math"

	"scsim/sim"
)

// This file holds the supply-side options of a run: supplier and lane
// outages, backup sources and expedited shipping. A site-item that uses
// none of them has no [skuExt], and its events take the plain paths of
// run.go.

// route is the live state of one lane into a site-item.
type route struct {
	lane *Lane
	rng  rng      // transit times
	last *float64 // latest receipt scheduled on the lane (no overtaking)
	// outage is the lane's index into runner.outages, or -1
	outage int32
	// the expedite mode's transit times
	expRNG rng
}

// skuExt is the extended state of a site-item that has a backup source, a
// disrupted or expedited lane, or depends on a disrupted supplier or lane.
type skuExt struct {
	primary route
	// the backup source: nil if none
	backup *Backup
	alt    route
	// the backup's supplier, or its upstream site-item, -1 if not
	altSupplier, altUpstream int32
	altClass                 int32 // class of the orders at altUpstream
	altLast                  float64
	// split: units ordered in all, and sent to the backup
	ordered, toBackup int64
	// rec watches the site-item's recovery; nil unless it depends on a
	// disrupted supplier or lane
	rec *recovery
}

// Feature is a set of optional model features. Metrics of features a
// network does not use are left out of output (see stats.ShownMetrics), so
// output of networks without them stays as it was.
type Feature uint8

// The optional features.
const (
	// FeatureDisruption: some supplier or lane has outages.
	FeatureDisruption Feature = 1 << iota
	// FeatureBackup: some site-item has a backup source.
	FeatureBackup
	// FeatureExpedite: some lane has an expedite mode.
	FeatureExpedite
	// FeatureCancel: some customers have a patience.
	FeatureCancel
	// FeatureBalk: some customers balk at the wait they are quoted.
	FeatureBalk
	// FeatureSubstitute: some customers are offered a substitute.
	FeatureSubstitute
	// FeaturePromise: some customers are promised delivery dates.
	FeaturePromise
)

// supplyFeatures are the features of supply risk, which need state of
// their own in a run.
const supplyFeatures = FeatureDisruption | FeatureBackup | FeatureExpedite

// Features returns the optional features the network uses.
func (n *Network) Features() Feature {
	var f Feature
	for i := range n.Suppliers {
		if n.Suppliers[i].Disruption != nil {
			f |= FeatureDisruption
		}
	}
	lane := func(l *Lane) {
		if l.Disruption != nil {
			f |= FeatureDisruption
		}
		if l.Expedite != nil {
			f |= FeatureExpedite
		}
	}
	for i := range n.Sites {
		for j := range n.Sites[i].Stocks {
			st := &n.Sites[i].Stocks[j]
			lane(&st.Lane)
			for k := range st.Demand {
				cu := &st.Demand[k].Customers
				if cu.Patience != nil {
					f |= FeatureCancel
				}
				if cu.Balk {
					f |= FeatureBalk | FeaturePromise
				}
				if cu.Substitute != nil {
					f |= FeatureSubstitute
				}
				if cu.Quote {
					f |= FeaturePromise
				}
			}
			if st.Backup != nil {
				f |= FeatureBackup
				lane(&st.Backup.Lane)
			}
		}
	}
	return f
}

// MetricFeature returns the feature metric m (an index into [Metrics])
// belongs to, or 0 for a metric every network reports.
func MetricFeature(m int) Feature {
	switch m {
	case MDisruptions, MRecoveryTime, MDisruptedShare:
		return FeatureDisruption
	case MBackupShare:
		return FeatureBackup
	case MExpedited, MExpediteCost:
		return FeatureExpedite
	case MCancelledUnits, MCancelledOrders, MCancelRate, MCancelCost:
		return FeatureCancel
	case MBalkedOrders:
		return FeatureBalk
	case MSubstitutedUnits, MSubstitutionRate:
		return FeatureSubstitute
	case MPromiseAccuracy, MOTIF:
		return FeaturePromise
	}
	return 0
}

// setupSupply builds the state of outages, backup sources and expediting.
// It allocates nothing for a network that uses none of them.
func (r *runner) setupSupply(s *sim.Sim) {
	net := r.net
	if net.Features()&supplyFeatures == 0 {
		return
	}
	refs := r.plan.refs
	up, backup := r.plan.up, r.plan.backup
	r.exts = make([]skuExt, len(refs))
	need := make([]bool, len(refs))
	for i, ref := range refs {
		st := &net.Sites[ref.Site].Stocks[ref.Stock]
		x := &r.exts[i]
		k := &r.skus[i]
		// the primary route draws the lane's stream: a site-item with
		// a skuExt takes its transit times from the route only
		x.primary = route{lane: &st.Lane, rng: rng{pcg: r.coldOf(k).laneRNG}, last: &r.coldOf(k).lastArrival, outage: -1}
		x.altSupplier, x.altUpstream = -1, -1
		if st.Lane.Expedite != nil {
			x.primary.expRNG = newRNG(s, ref.Name+"/expedite")
			need[i] = true
		}
		if b := st.Backup; b != nil {
			x.backup = b
			x.alt = route{lane: &b.Lane, rng: newRNG(s, ref.Name+"/backup/lead_time"), last: &x.altLast, outage: -1}
			if b.Source.Kind == SupplierNode {
				x.altSupplier = int32(b.Source.Index)
			}
			x.altUpstream = int32(backup[i])
			if b.Lane.Expedite != nil {
				x.alt.expRNG = newRNG(s, ref.Name+"/backup/expedite")
			}
			need[i] = true
		}
	}
	// outages: suppliers first, then lanes in site-item order
	add := func(d *Disruption, name string, capacity bool, direct []bool) int32 {
		o := outageState{dis: d, window: d.RecoveryWindow}
		if capacity {
			o.factor = d.Capacity
		}
		if o.window == 0 {
			o.window = DefaultRecoveryWindow
		}
		if d.Random {
			o.rng = newRNG(s, name+"/disruption")
		} else {
			for _, w := range d.Outages {
				o.starts = append(o.starts, w.Start)
				o.ends = append(o.ends, w.Start+w.Duration)
			}
		}
		// the site-items ordering from it, and every one downstream
		for changed := true; changed; {
			changed = false
			for i := range direct {
				for _, u := range [2]int32{up[i], backup[i]} {
					if u >= 0 && direct[u] && !direct[i] {
						direct[i], changed = true, true
					}
				}
			}
		}
		for i, dep := range direct {
			if dep {
				o.skus = append(o.skus, int32(i))
				need[i] = true
			}
		}
		r.outages = append(r.outages, o)
		return int32(len(r.outages) - 1)
	}
	for sp := range net.Suppliers {
		d := net.Suppliers[sp].Disruption
		if d == nil {
			continue
		}
		direct := make([]bool, len(refs))
		for i, ref := range refs {
			st := &net.Sites[ref.Site].Stocks[ref.Stock]
			direct[i] = st.Source == (Node{SupplierNode, sp}) || st.Backup != nil && st.Backup.Source == (Node{SupplierNode, sp})
		}
		r.suppliers[sp].outage = add(d, net.Suppliers[sp].Name, net.Suppliers[sp].Capacity > 0, direct)
	}
	for i, ref := range refs {
		st := &net.Sites[ref.Site].Stocks[ref.Stock]
		if d := st.Lane.Disruption; d != nil {
			direct := make([]bool, len(refs))
			direct[i] = true
			r.exts[i].primary.outage = add(d, ref.Name+"/lane", false, direct)
		}
		if st.Backup != nil && st.Backup.Lane.Disruption != nil {
			direct := make([]bool, len(refs))
			direct[i] = true
			r.exts[i].alt.outage = add(st.Backup.Lane.Disruption, ref.Name+"/backup", false, direct)
		}
	}
	for i := range r.exts {
		if need[i] {
			k := &r.skus[i]
			r.coldOf(k).ext = &r.exts[i]
			k.flags |= skuHasExt
			if r.coldOf(k).ext.backup != nil {
				k.flags |= skuBackup
			}
		}
	}
	for _, o := range r.outages {
		for _, i := range o.skus {
			if r.exts[i].rec == nil {
				r.exts[i].rec = &recovery{}
				r.skus[i].flags |= skuRecovery
			}
		}
	}
}

// outageStart begins the current outage of entity ev.ID.
func (r *runner) outageStart(s *sim.Sim, ev sim.Event) {
	o := &r.outages[ev.ID]
	now := float64(s.Now())
	o.active = true
	if r.tr != nil {
		r.traceOutage(s, o, true)
	}
	for _, i := range o.skus {
		k := &r.skus[i]
		r.coldOf(k).ext.rec.begin(r.coldOf(k).c, now, o.window)
	}
	ev.Kind = evOutageEnd
	s.At(sim.Time(o.ends[o.next]), ev)
}

// outageEnd ends the current outage of entity ev.ID and schedules the
// next one, if any.
func (r *runner) outageEnd(s *sim.Sim, ev sim.Event) {
	o := &r.outages[ev.ID]
	now := float64(s.Now())
	o.active = false
	if r.tr != nil {
		r.traceOutage(s, o, false)
	}
	for _, i := range o.skus {
		k := &r.skus[i]
		r.coldOf(k).ext.rec.finish(r.coldOf(k).c, now)
	}
	o.next++
	if o.known(o.next) && o.starts[o.next] <= math.MaxFloat64 {
		ev.Kind = evOutageStart
		s.At(sim.Time(o.starts[o.next]), ev)
	}
}

// supplierReadyOut is [runner.supplierReady] for a supplier with outages:
// without a capacity an order placed during an outage is ready at its end;
// with one, the work goes on at the reduced capacity, or stops.
func (r *runner) supplierReadyOut(st *supplierState, q int64, now float64) float64 {
	o := &r.outages[st.outage]
	if st.capacity <= 0 {
		return o.departure(now)
	}
	st.busy = o.workDone(max(st.busy, now), float64(q)/st.capacity)
	return st.busy
}

// arrivalExt is [runner.arrival] for a site-item with a skuExt: the lane
// (primary or, with alt, backup) may hold the shipment back during an
// outage, and may expedite it.
func (r *runner) arrivalExt(k *skuState, q int64, ready float64, alt bool) float64 {
	kc := r.coldOf(k)
	rt := &kc.ext.primary
	if alt {
		rt = &kc.ext.alt
	}
	if rt.outage >= 0 {
		ready = r.outages[rt.outage].departure(ready)
	}
	ln := rt.lane
	kc.c.TransportCost += ln.UnitCost*float64(q) + ln.ShipmentCost
	var at float64
	if e := ln.Expedite; e != nil && k.backlog >= e.Backorders {
		at = ready + e.Transit.sample(&rt.expRNG)
		extra := e.UnitCost*float64(q) + e.ShipmentCost
		kc.c.TransportCost += extra
		kc.c.ExpediteCost += extra
		kc.c.Expedited++
	} else {
		at = ready + ln.Transit.sample(&rt.rng)
		if ln.NoOvertaking {
			at = max(at, *rt.last)
		}
	}
	if !(at <= math.MaxFloat64) {
		at = math.MaxFloat64 // an overflowing transit time: never arrives
	}
	*rt.last = max(*rt.last, at)
	return at
}

// placeSourced places an order of q units of site-item id, which has a
// backup source, with its sources by the backup's rule.
func (r *runner) placeSourced(s *sim.Sim, id int32, k *skuState, q int64, now float64) {
	kc := r.coldOf(k)
	x := kc.ext
	b := x.backup
	alt := int64(0)
	switch b.Rule {
	case Switch:
		if r.primaryDown(k) || b.MaxLeadTime > 0 && r.quote(k, q, now) > b.MaxLeadTime {
			alt = q
		}
	case Split:
		x.ordered += q
		// the epsilon keeps floor(0.29 × 100) at 29 despite rounding
		alt = int64(math.Floor(b.Share*float64(x.ordered)+splitEpsilon)) - x.toBackup
		alt = max(0, min(alt, q))
		x.toBackup += alt
	}
	if q-alt > 0 {
		if k.upstream >= 0 {
			r.request(s, k.upstream, id, q-alt)
		} else {
			r.deliver(s, id, q-alt, r.supplierReady(kc.supplier, q-alt, now), false)
		}
	}
	if alt > 0 {
		kc.c.BackupUnits += alt
		if x.altUpstream >= 0 {
			r.requestFor(s, x.altUpstream, id, alt, -1, true)
		} else {
			r.deliver(s, id, alt, r.supplierReady(x.altSupplier, alt, now), true)
		}
	}
}

// splitEpsilon absorbs the rounding of Share × units in the split rule.
const splitEpsilon = 1e-9

// primaryDown reports whether site-item k's primary source is down: its
// supplier or its lane is in an outage.
func (r *runner) primaryDown(k *skuState) bool {
	kc := r.coldOf(k)
	if o := kc.ext.primary.outage; o >= 0 && r.outages[o].active {
		return true
	}
	if kc.supplier >= 0 {
		if o := r.suppliers[kc.supplier].outage; o >= 0 && r.outages[o].active {
			return true
		}
	}
	return false
}

// quote returns the lead time in days that site-item k's primary source
// quotes at now for an order of q units (see [Backup.MaxLeadTime]).
func (r *runner) quote(k *skuState, q int64, now float64) float64 {
	kc := r.coldOf(k)
	lane := kc.ext.primary.lane.Transit.Mean()
	if o := kc.ext.primary.outage; o >= 0 {
		lane += r.outages[o].rest(now)
	}
	if k.upstream >= 0 {
		u := &r.skus[k.upstream]
		if !r.free(u, kc.sourceClass) || u.onHand < q {
			return math.Inf(1)
		}
		return lane
	}
	st := &r.suppliers[kc.supplier]
	wait := 0.0
	if st.capacity > 0 {
		wait = max(st.busy, now) - now + float64(q)/st.capacity
	}
	if st.outage >= 0 {
		wait += r.outages[st.outage].rest(now)
	}
	return wait + lane
}
