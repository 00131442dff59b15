package model

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"scsim/sim"
)

// Event kinds. Their priorities fix the order of events at the same instant:
// the warm-up reset first, then the starts and ends of supplier and lane
// outages, then receipts, then cancellations by impatient customers, then
// customer demand, then policy reviews; events of one priority at one
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

// Result is the outcome of one replication.
type Result struct {
	Replication int
	Seed        uint64 // the replication's own seed
	Events      uint64 // events processed
	// SKUs holds the counters of every site-item, in the order of
	// [Network.SKUs].
	SKUs []Counters
	// Echelons holds the summed counters of the site-items of each echelon
	// (index 0 is echelon 1), with daily statistics of the echelon as a
	// whole (see [Network.Echelons]).
	Echelons []Counters
	// Streams holds the counters of the customers of each demand stream,
	// in the order of [Network.Streams]: their demand and what became of
	// it (filled at once or later, backordered, lost, cancelled,
	// substituted, their waits, promises and revenue). Levels and costs
	// of stock belong to site-items and are zero here. A site-item's
	// counters include its streams'.
	Streams []Counters
	// PolicyEnd holds, for every site-item whose policy learns from demand
	// (a [Learner]), its parameters at the horizon; nil for the others.
	PolicyEnd [][]Param
	// Err is an [*OverflowError] when some counter went beyond what a run
	// counts exactly; the counters are then not to be reported. See
	// [ResultsErr].
	Err error
}

// ResultsErr returns the error of the first result, in replication
// order, that has one, or nil.
func ResultsErr(results []*Result) error {
	for _, r := range results {
		if r != nil && r.Err != nil {
			return r.Err
		}
	}
	return nil
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

// SKURef locates a site-item in a Network.
type SKURef struct {
	Site, Stock int
	Name        string // "site/item"
}

// SKUs lists every site-item in a fixed order: sites in order, and each
// site's stock entries in order.
func (n *Network) SKUs() []SKURef {
	var refs []SKURef
	for i := range n.Sites {
		for j := range n.Sites[i].Stocks {
			refs = append(refs, SKURef{Site: i, Stock: j, Name: n.SKU(i, j)})
		}
	}
	return refs
}

// StreamRef locates a demand stream in a Network.
type StreamRef struct {
	Site, Stock, Demand int
	SKU                 int    // the site-item's index in [Network.SKUs]
	Name                string // "site/item/name"
}

// Streams lists every demand stream in a fixed order: by site-item in the
// order of [Network.SKUs], and each site-item's streams in order.
func (n *Network) Streams() []StreamRef {
	var refs []StreamRef
	for k, ref := range n.SKUs() {
		for d, dm := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			refs = append(refs, StreamRef{Site: ref.Site, Stock: ref.Stock, Demand: d, SKU: k, Name: ref.Name + "/" + dm.Name})
		}
	}
	return refs
}

// backorder is a customer order, or a downstream site's replenishment
// order, or its unfilled rest, waiting in a site-item's queue.
type backorder struct {
	since   float64 // arrival time of the order
	promise float64 // the delivery date promised to a customer; NaN if none
	qty     int64   // units still owed
	dest    int32   // the site-item to ship to, or -1 for a customer
	serial  uint32  // numbers the site-item's backorders in queueing order
	stream  int32   // the customer's demand stream, or -1 for a site's order
	whole   bool    // ship only all of qty at once
	alt     bool    // ship along dest's backup lane: this is its backup source
	drop    bool    // ship to dest's customer (drop-ship), not to dest
}

// transit is a replenishment on its way to a site-item: when it arrives
// and how many units.
type transit struct {
	at  float64
	qty int64
}

// skuState is the hot state of one site-item during a run: what most of
// its events read or write, in three cache lines (192 bytes; a large
// slice of them starts on a line boundary, so each element does too).
// The first line holds the levels and their time integrals, which every
// level change updates; the second the day's flows, the review period, an
// (r, Q) policy's two numbers, the count of waiting orders and the flags
// word; the third the links to its source and the lane's random stream.
// Everything else, counters included, is in its [skuCold], reached
// through the embedded pointer only by rarer events.
type skuState struct {
	// line 1
	onHand, onOrder, backlog int64
	last                     float64 // time of the last level change
	// the time integrals of the levels and the time in stock since the
	// start of the window, moved into c by [runner.finish]
	onHandArea, onOrderArea, backorderArea, inStockDays float64
	// line 2: the current day's demand received and orders placed
	today  dayBucket
	period float64
	// an (r, Q) policy decided inline, when flags has skuRQ
	rqR, rqQ int64
	waiting  int32 // orders waiting in the queues
	flags    skuFlags
	// the class of this site-item's own orders at its upstream source
	sourceClass int32
	// where it orders from: an upstream site-item or a supplier (-1 if
	// none)
	upstream int32
	// line 3
	supplier    int32
	echelon     int32   // 0-based
	reviews     int64   // periodic reviews so far: the next is at reviews·period
	lastArrival float64 // latest receipt scheduled on the lane
	laneRNG     rng     // the lane's transit times (its route's, with ext)
	*skuCold
}

// skuFlags are the optional features of a site-item, and whether some
// demand was short in the current cycle: a flags word rather than nil
// checks of pointers into its cold state.
type skuFlags uint16

const (
	skuRQ         skuFlags = 1 << iota // the policy is an [RQ], decided inline
	skuLearns                          // learner is set: the policy learns from demand
	skuTraced                          // trace is set
	skuHasExt                          // ext is set
	skuRecovery                        // ext.rec is set: recovery is watched
	skuBackup                          // ext.backup is set
	skuQuotes                          // customers are promised delivery dates
	skuDrop                            // drop-ship: customer orders pass to the source
	skuShortCycle                      // some demand was short in this cycle
)

// skuCold is the state of a site-item that most events do not touch: its
// counters, the queues of waiting orders, the pipeline of promised
// deliveries, its item and lane, and the state of optional features.
type skuCold struct {
	c      Counters
	policy Policy
	// waiting orders by priority class (0 = served first), the units owed
	// to each class, and the serial of the last one queued
	queues []ring[backorder]
	owed   []int64
	serial uint32
	// with quotes, the replenishments on their way in order of arrival
	// from pipeHead
	pipe     []transit
	pipeHead int
	consign  bool // VMI on consignment: the supplier pays holding
	dropFee  float64
	item     *Item
	lane     *Lane
	trace    *Trace  // nil unless this site-item is traced
	learner  Learner // the policy, if it learns from demand; else nil
	// ext holds the state of backup sources, lane outages, expediting and
	// the recovery watch; nil when the site-item uses none of them
	ext *skuExt
}

// supplierState is the live state of one supplier.
type supplierState struct {
	capacity float64 // units per day, 0 for unlimited
	busy     float64 // time the supplier finishes the orders it has
	outage   int32   // index into runner.outages, or -1
}

// stream is the live state of one customer demand stream. What every
// arrival reads comes first, in one cache line: the mean gap, the
// site-item, the class, the flags, the random stream and the counters.
type stream struct {
	gap     float64 // mean days between orders (Poisson streams)
	sku     int32
	class   int32 // priority class of its backorders
	id      int32 // its index in runner.streams
	isDaily bool
	lost    bool
	unit    bool // every order is of one unit
	regular bool // arrivals exactly every gap days
	rng     rng
	c       *Counters // its customers' counters, in runner.sc
	// nil unless the customers behave (see [Customers]), the rate follows
	// a profile, or the stream replays a history
	cust    *custState
	profile *Profile
	hist    *histState
	ticks   int64 // regular arrivals so far: the next is at (ticks+1)·gap
	size    Dist
	daily   Dist
	prio    int // priority as given; class is its rank
	// rate and profile, when profile is not nil: the day's rate (or daily
	// mean) is rate (or daily's) × profile.Factor(day)
	rate float64
}

// custState is how the customers of a stream behave (see [Customers]),
// with a random stream for each trait, so that a trait's draws stay the
// same whatever the others are set to.
type custState struct {
	decline     float64
	patience    Dist
	hasPatience bool
	balk        bool
	balkWait    float64
	complete    bool
	quote       bool
	sub         int32 // the substitute site-item, or -1
	subShare    float64
	subPrice    float64 // revenue per substituted unit
	accept      rng
	subst       rng
	patient     rng
}

// histState is the live state of a stream replaying or bootstrapping a
// [History].
type histState struct {
	h     *History
	block int64 // 0: replay; else the bootstrap's block length in days
	off   int64 // the history day of day d is d + off (mod the history's days)
	rng   rng
}

// runner is the event handler of one replication.
type runner struct {
	net       *Network
	plan      *Plan
	skus      []skuState
	suppliers []supplierState
	streams   []stream
	warmup    float64
	rep       int
	seed      uint64 // the replication's seed
	// daily statistics of each echelon as a whole
	echelonDaily []echelonDaily
	// the counters of each demand stream's customers: demand and what
	// became of it (see [Result.Streams]); added to their site-item's at
	// the end. boStart holds each stream's backorders at the warm-up.
	sc      []Counters
	boStart []int64
	// the cold state of the site-items (see [skuState])
	cold []skuCold
	// disrupted suppliers and lanes, and the site-items' extended state
	outages []outageState
	exts    []skuExt
	// receipts of more units than an event holds (see [runner.bigQty]),
	// and their free slots
	big     []int64
	bigFree []int32
}

// echelonDaily gathers the daily flows of an echelon as a whole.
type echelonDaily struct {
	today dayBucket
	stats DailyStats
}

// dayBucket gathers one whole day's units of demand received and orders
// placed, for the variance of daily flows. Buckets are closed lazily, when
// the first flow of a later day arrives (days without any flow count as
// zeros), so statistics by day cost no event of their own.
type dayBucket struct {
	day            int64 // the day [day, day+1) being gathered
	demand, orders int64
}

// add books flows on day d (>= b.day), closing earlier days into st first.
func (b *dayBucket) add(st *DailyStats, d, demand, orders int64) {
	if d != b.day {
		b.close(st, d)
	}
	b.demand += demand
	b.orders += orders
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
	k.today.add(&k.c.Daily, d, demand, orders)
	e := &r.echelonDaily[k.echelon]
	e.today.add(&e.stats, d, demand, orders)
}

// Run simulates replication rep of net with the scenario's master seed and
// returns its counters. Runs are independent: the same (net, seed, rep)
// always gives the same Result, whatever else runs at the same time.
//
// Random streams are keyed by name, so changing one site-item's policy never
// changes another's draws, nor any customer demand: "SITE/ITEM/demand/NAME"
// for each demand stream and "SITE/ITEM/lead_time" for the transit times of
// its replenishments.
//
// Run compiles net for this one run; to run many replications, compile it
// once with [Compile] and use [Plan.Run], or use [RunAll].
func Run(net *Network, seed uint64, rep int) *Result {
	return Compile(net).Run(seed, rep)
}

// Trace is the history of one site-item in one replication, from time 0
// (warm-up included) to the horizon: its levels as steps, and its
// replenishment orders and receipts.
type Trace struct {
	SKU string // "site/item"
	// Level i holds from Times[i] until Times[i+1] (the last until the
	// horizon).
	Times              []float64
	OnHand, Backorders []int64
	Orders, Receipts   []Mark
}

// Mark is a replenishment order or receipt: when, and how many units.
type Mark struct {
	T   float64
	Qty int64
}

// RunTraced is [Run] that also records the [Trace] of site-item sku (an
// index into [Network.SKUs]). The result is the same as Run's.
func RunTraced(net *Network, seed uint64, rep, sku int) (*Result, *Trace) {
	r, s := start(net, seed, rep)
	tr := &Trace{SKU: r.plan.refs[sku].Name}
	r.skus[sku].trace = tr
	r.skus[sku].flags |= skuTraced
	s.RunUntil(sim.Time(net.Horizon))
	res := r.finish(s)
	return res, tr
}

// start sets up replication rep of net from a plan compiled for it.
func start(net *Network, seed uint64, rep int) (*runner, *sim.Sim) {
	return Compile(net).start(seed, rep)
}

// start sets up replication rep: its state, its random streams and the
// first events. The structure comes from the plan; only state is
// allocated.
func (p *Plan) start(seed uint64, rep int) (*runner, *sim.Sim) {
	net := p.net
	r := &runner{net: net, plan: p, warmup: net.Warmup, rep: rep}
	r.seed = sim.ReplicationSeed(seed, rep)
	s := sim.New(r.seed, r)
	n := len(p.refs)
	r.skus = make([]skuState, n)
	r.cold = make([]skuCold, n)
	r.suppliers = make([]supplierState, len(net.Suppliers))
	for i := range net.Suppliers {
		r.suppliers[i].capacity = net.Suppliers[i].Capacity
		r.suppliers[i].outage = -1
	}
	r.echelonDaily = make([]echelonDaily, p.echelons)
	// the queues of all site-items, and the units owed to each class, in
	// two allocations
	nq := 0
	for _, q := range p.queues {
		nq += int(q)
	}
	queues, owed := make([]ring[backorder], nq), make([]int64, nq)
	for i, ref := range p.refs {
		st := &net.Sites[ref.Site].Stocks[ref.Stock]
		k := &r.skus[i]
		k.skuCold = &r.cold[i]
		k.onHand = st.Initial
		k.policy = st.Policy
		if l, ok := st.Policy.(Learner); ok {
			l = l.Fresh() // this replication's own copy
			k.policy, k.learner = l, l
			k.flags |= skuLearns
		} else if p, ok := st.Policy.(*RQ); ok {
			k.rqR, k.rqQ = p.R, p.Q
			k.flags |= skuRQ
		} else if p, ok := st.Policy.(replicated); ok {
			k.policy = p.fresh() // state of its own, as a learner's
		}
		k.period = st.Policy.ReviewPeriod()
		switch p := st.Policy.(type) {
		case *DropShip:
			k.flags |= skuDrop
			k.dropFee = p.Fee
		case *VMI:
			k.consign = p.Consignment
		}
		k.item = &net.Items[st.Item]
		k.supplier, k.upstream = -1, p.up[i]
		if st.Source.Kind == SupplierNode {
			k.supplier = int32(st.Source.Index)
		}
		k.lane = &st.Lane
		k.laneRNG = rng{pcg: s.Source(p.lead[i])}
		k.echelon = p.echelon[i]
		k.sourceClass = p.sourceClass[i]
		q := int(p.queues[i])
		k.queues, queues = queues[:q:q], queues[q:]
		k.owed, owed = owed[:q:q], owed[q:]
		k.c.OnHandStart = k.onHand
	}
	r.streams = make([]stream, len(p.streams))
	r.sc = make([]Counters, len(p.streams))
	r.boStart = make([]int64, len(p.streams))
	for i, sr := range p.streams {
		sp := &p.demand[i]
		d := sp.d
		str := &r.streams[i]
		*str = stream{
			sku:     int32(sr.SKU),
			class:   sp.class,
			id:      int32(i),
			c:       &r.sc[i],
			size:    d.Size,
			daily:   d.Daily,
			isDaily: d.IsDaily(),
			lost:    d.Stockout == LostSale,
			unit:    d.Size.IsConst() && d.Size.a == 1,
			regular: d.Regular,
			prio:    d.Priority,
			rng:     rng{pcg: s.Source(sp.key)},
			rate:    d.Rate,
			profile: d.Profile,
		}
		if cu := &d.Customers; cu.active() {
			str.cust = r.customers(s, cu, sp, p.refs[sr.SKU], sr.SKU)
			if str.cust.quote {
				r.skus[sr.SKU].flags |= skuQuotes
			}
		}
		if !str.isDaily {
			str.gap = 1 / d.Rate
		}
		if d.History != nil {
			str.hist = &histState{h: d.History, block: int64(d.Block), rng: rng{pcg: s.Source(sp.bootstrap)}}
		}
	}
	r.setupSupply(s)
	for i := range r.skus {
		if x := r.skus[i].ext; x != nil && x.altUpstream >= 0 {
			x.altClass = p.altClass[i]
		}
	}
	if net.Warmup > 0 {
		s.At(sim.Time(net.Warmup), sim.Event{Kind: evWarmup, Prio: prioWarmup})
	}
	for i := range r.streams {
		str := &r.streams[i]
		switch {
		case str.isDaily:
			s.At(0.5, sim.Event{Kind: evDaily, Prio: prioDemand, ID: int32(i)})
		case str.profile != nil:
			r.profiled(s, str, sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i)})
		case str.regular:
			s.At(sim.Time(str.gap), sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i)})
		default:
			s.At(sim.Time(str.gap*str.rng.ExpFloat64()), sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i)})
		}
	}
	for i := range r.skus {
		s.At(0, sim.Event{Kind: evReview, Prio: prioReview, ID: int32(i)})
	}
	for i := range r.outages {
		if o := &r.outages[i]; o.known(0) {
			s.At(sim.Time(o.starts[0]), sim.Event{Kind: evOutageStart, Prio: prioOutage, ID: int32(i)})
		}
	}
	return r, s
}

// customers returns the live state of the customers cu of demand stream
// sp of site-item sku (at ref).
func (r *runner) customers(s *sim.Sim, cu *Customers, sp *streamPlan, ref SKURef, sku int) *custState {
	st := &custState{
		decline:  cu.Decline,
		balk:     cu.Balk,
		balkWait: cu.BalkWait,
		complete: cu.Complete,
		quote:    cu.Quote || cu.Balk,
		sub:      -1,
	}
	st.accept = rng{pcg: s.Source(sp.accept)}
	st.subst = rng{pcg: s.Source(sp.subst)}
	st.patient = rng{pcg: s.Source(sp.patient)}
	if cu.Patience != nil {
		st.patience, st.hasPatience = *cu.Patience, true
	}
	if sb := cu.Substitute; sb != nil {
		st.sub = int32(sku - ref.Stock + sb.Stock) // site-items of a site are consecutive
		st.subShare = sb.Share
		site := &r.net.Sites[ref.Site]
		st.subPrice = r.net.Items[site.Stocks[sb.Stock].Item].Price * (1 - sb.Discount)
	}
	return st
}

// free reports whether an order of class cls may take stock at once: no
// order of the same or a higher priority is waiting.
func (k *skuState) free(cls int32) bool {
	if k.waiting == 0 {
		return true
	}
	for i := int32(0); i <= cls; i++ {
		if k.queues[i].len() > 0 {
			return false
		}
	}
	return true
}

// finish closes the measurement window at the horizon and returns the
// replication's result.
func (r *runner) finish(s *sim.Sim) *Result {
	net := r.net
	// close the daily buckets at the last whole day before the horizon
	last := int64(net.Horizon)
	for i := range r.skus {
		if k := &r.skus[i]; last > k.today.day {
			k.today.close(&k.c.Daily, last)
		}
	}
	for i := range r.echelonDaily {
		if e := &r.echelonDaily[i]; last > e.today.day {
			e.today.close(&e.stats, last)
		}
	}
	for i := range r.skus {
		r.age(&r.skus[i], net.Horizon)
	}
	res := &Result{Replication: r.rep, Seed: r.seed, Events: s.Processed(),
		SKUs: make([]Counters, len(r.skus)), Echelons: make([]Counters, len(r.echelonDaily)),
		Streams: make([]Counters, len(r.sc))}
	for i := range r.sc {
		c := &r.sc[i]
		str := &r.streams[i]
		// revenue is recognised as units ship: at once or from backorder,
		// at the item's price, or as a substitute at its discounted price
		c.Revenue = r.skus[str.sku].item.Price * float64(c.AtOnceUnits+c.FromBackorderUnits)
		if str.cust != nil && str.cust.sub >= 0 {
			c.Revenue += str.cust.subPrice * float64(c.SubstitutedUnits)
		}
		// its customers' part of the site-item's counters; the units owed
		// are the site-item's own level already (touch)
		k := &r.skus[str.sku].c
		area := c.BackorderArea
		c.BackorderArea = 0
		k.Add(c)
		c.BackorderArea = area
		c.Days = net.Horizon - net.Warmup
		c.SKUDays = c.Days
		c.BackordersStart = r.boStart[i]
		res.Streams[i] = *c
	}
	for i := range r.skus {
		k := &r.skus[i]
		k.touch(net.Horizon)
		c := &k.c
		c.OnHandArea += k.onHandArea
		c.OnOrderArea += k.onOrderArea
		c.BackorderArea += k.backorderArea
		c.InStockDays += k.inStockDays
		if k.flags&skuRecovery != 0 {
			k.ext.rec.close(c, net.Horizon)
		}
		c.Days = net.Horizon - net.Warmup
		c.SKUDays = c.Days
		c.OnHandEnd, c.OnOrderEnd, c.BackordersEnd = k.onHand, k.onOrder, k.backlog
		c.HoldingCost = k.item.HoldingCost * c.OnHandArea
		if k.consign {
			c.HoldingCost, c.SupplierHoldingCost = 0, c.HoldingCost
		}
		c.BackorderCost = k.item.BackorderCost * c.BackorderArea
		res.SKUs[i] = *c
		res.Echelons[k.echelon].Add(c)
	}
	for e := range res.Echelons {
		res.Echelons[e].Daily = r.echelonDaily[e].stats
	}
	for i := range r.skus {
		if l := r.skus[i].learner; l != nil {
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

// Handle implements [sim.Handler]: it gives each event kind its meaning.
func (r *runner) Handle(s *sim.Sim, ev sim.Event) {
	switch ev.Kind {
	case evArrival:
		str := &r.streams[ev.ID]
		q := int64(1)
		if !str.unit {
			q = str.size.units(&str.rng)
		}
		if q > 0 {
			r.demand(s, str, q)
		}
		switch {
		case str.profile != nil:
			r.profiled(s, str, ev)
		case str.regular: // at n·gap, not the sum of n gaps, which drifts
			str.ticks++
			s.At(sim.Time(float64(str.ticks+1)*str.gap), ev)
		default:
			s.Schedule(sim.Time(str.gap*str.rng.ExpFloat64()), ev)
		}
	case evDaily:
		str := &r.streams[ev.ID]
		if str.hist != nil {
			r.history(s, str, ev)
			return
		}
		var q int64
		if str.profile != nil {
			q = str.daily.unitsScaled(&str.rng, str.profile.Factor(int64(s.Now())))
		} else {
			q = str.daily.units(&str.rng)
		}
		if q > 0 {
			r.demand(s, str, q)
		}
		s.Schedule(1, ev)
	case evReceipt:
		r.receive(s, ev.ID, r.takeQty(ev.Qty))
	case evReview:
		k := &r.skus[ev.ID]
		r.review(s, ev.ID, k)
		if k.period > 0 { // at n·period, not the sum of n periods, which drifts
			k.reviews++
			s.At(sim.Time(float64(k.reviews)*k.period), ev)
		}
	case evCancel:
		r.cancel(s, ev.ID, uint32(ev.Qty))
	case evWarmup:
		r.resetStats(float64(s.Now()))
	case evOutageStart:
		r.outageStart(s, ev)
	case evOutageEnd:
		r.outageEnd(s, ev)
	default:
		panic(fmt.Sprintf("model: unknown event kind %d", ev.Kind))
	}
}

// history places the orders of the current day of str, a stream with a
// history, and schedules the next day unless a replay has ended.
func (r *runner) history(s *sim.Sim, str *stream, ev sim.Event) {
	hs := str.hist
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
	if !str.regular {
		e = str.rng.ExpFloat64()
	}
	if t := str.profile.next(float64(s.Now()), e, str.rate, r.net.Horizon); t <= math.MaxFloat64 {
		s.At(sim.Time(t), ev)
	}
}

// demand serves one customer order of q units from stream str: what is on
// hand ships at once, unless earlier orders are still waiting; the rest is
// backordered or lost.
func (r *runner) demand(s *sim.Sim, str *stream, q int64) {
	if str.cust != nil {
		r.customerDemand(s, str, q)
		return
	}
	k := &r.skus[str.sku]
	now := float64(s.Now())
	c := r.arriveCustomer(k, str, now, q)
	if k.flags&skuDrop != 0 {
		r.dropShip(s, str, q)
		return
	}
	fill := int64(0)
	if k.free(str.class) {
		fill = min(q, k.onHand)
	}
	k.onHand -= fill
	c.AtOnceUnits += fill
	if k.flags&skuRecovery != 0 {
		k.ext.rec.served(&k.c, now, q, fill)
	}
	if short := q - fill; short == 0 {
		c.AtOnceOrders++
	} else {
		k.flags |= skuShortCycle
		if str.lost {
			c.lose(k.item, short)
		} else {
			k.backorder(now, short, -1, false, str.class, str.id, c)
		}
	}
	if k.period == 0 {
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

// customerDemand serves one order of q units from stream str, whose
// customers behave as str.cust says: the customer's traits are drawn
// first, each from its own stream, all of them, needed or not; then what is on hand ships (with
// Complete, only a whole order); the customer may take a substitute for
// the rest; what is still short is lost if the customer declines to wait
// or balks at the quoted wait, and backordered otherwise, with a promised
// date and, for an impatient customer, a cancellation scheduled at the end
// of their patience.
func (r *runner) customerDemand(s *sim.Sim, str *stream, q int64) {
	cu := str.cust
	declines := cu.decline > 0 && cu.accept.Float64() < cu.decline
	substitutes := cu.sub >= 0 && cu.subst.Float64() < cu.subShare
	patience := math.Inf(1)
	if cu.hasPatience {
		patience = cu.patience.sample(&cu.patient)
	}

	k := &r.skus[str.sku]
	now := float64(s.Now())
	c := r.arriveCustomer(k, str, now, q)
	if cu.quote {
		c.QuotedOrders++
	}
	fill := int64(0)
	if k.free(str.class) {
		fill = min(q, k.onHand)
		if cu.complete && fill < q {
			fill = 0
		}
	}
	k.onHand -= fill
	c.AtOnceUnits += fill
	if k.flags&skuRecovery != 0 {
		k.ext.rec.served(&k.c, now, q, fill)
	}
	short := q - fill
	if short == 0 {
		c.AtOnceOrders++
		if cu.quote {
			c.OTIFOrders++
		}
	} else {
		k.flags |= skuShortCycle
		if substitutes {
			short -= r.substitute(s, cu, k, c, short)
		}
	}
	switch {
	case short == 0:
	case str.lost || declines:
		c.lose(k.item, short)
	default:
		promise := math.NaN()
		if cu.quote {
			promise = k.quote(now, short, str.class)
		}
		if cu.balk && promise-now > cu.balkWait {
			c.BalkedOrders++
			c.lose(k.item, short)
			break
		}
		b := k.backorder(now, short, -1, cu.complete, str.class, str.id, c)
		b.promise = promise
		if cu.hasPatience {
			s.At(sim.Time(now+patience), sim.Event{Kind: evCancel, Prio: prioCancel, ID: str.sku, Qty: int32(b.serial)})
		}
	}
	if k.period == 0 {
		r.review(s, str.sku, k)
	}
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
	sub.touch(float64(s.Now()))
	sub.onHand -= take
	sub.c.SubstituteOutUnits += take
	c.SubstitutedUnits += take
	if sub.period == 0 {
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
func (k *skuState) quote(now float64, qty int64, cls int32) float64 {
	need := qty - k.onHand
	for i := int32(0); i <= cls; i++ {
		need += k.owed[i]
	}
	if need <= 0 {
		return now
	}
	last := now
	for _, t := range k.pipe[k.pipeHead:] {
		need -= t.qty
		last = t.at
		if need <= 0 {
			return max(t.at, now)
		}
	}
	return max(last, now) + k.lane.Transit.Mean()
}

// cancel cancels what is still owed to the customer order numbered serial
// at site-item id, if it is still waiting, and serves the orders it may
// have blocked.
func (r *runner) cancel(s *sim.Sim, id int32, serial uint32) {
	k := &r.skus[id]
	for cls := range k.queues {
		q := &k.queues[cls]
		i, ok := searchSerial(q, serial)
		if !ok {
			continue
		}
		now := float64(s.Now())
		k.touch(now)
		b := q.at(i)
		r.owed(b.stream, b.qty, b.since, now)
		c := &r.sc[b.stream]
		c.CancelledUnits += b.qty
		c.CancelledOrders++
		c.CancelCost += float64(b.qty) * k.item.CancelCost
		k.backlog -= b.qty
		k.owed[cls] -= b.qty
		k.waiting--
		q.remove(i)
		if k.onHand > 0 {
			r.serveWaiting(s, k)
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

// age books the customer orders still waiting at k at the end, now, in
// their streams' counters: their ages, the units still owed and the
// revenue they will bring.
func (r *runner) age(k *skuState, now float64) {
	for cls := range k.queues {
		q := &k.queues[cls]
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
			c.BacklogValue += float64(b.qty) * k.item.Price
		}
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
	k.c.OrderingCost += k.dropFee
	// the units are on order from the source until it ships them
	k.c.UnitsOrdered += q
	k.onOrder += q
	r.flow(k, now, 0, q)
	if k.upstream >= 0 {
		r.requestFor(s, k.upstream, id, q, str.id, false)
		return
	}
	at := r.arrival(id, q, r.supplierReady(k.supplier, q, now), false)
	k.onOrder -= q
	k.c.ReceivedUnits += q
	c := str.c
	c.AtOnceUnits += q
	c.AtOnceOrders++
	c.recordWait(at - now)
}

// dropShipped books q units shipped by the source of drop-ship site-item id
// to a customer of stream cs who ordered at since, from the source's
// backorder queue (immediate shipments are booked by requestFor); complete
// says the customer's order is now whole.
func (r *runner) dropShipped(s *sim.Sim, id, cs int32, q int64, since float64, complete bool) {
	k := &r.skus[id]
	now := float64(s.Now())
	k.touch(now)
	at := r.arrival(id, q, now, false)
	k.backlog -= q
	k.onOrder -= q
	k.c.ReceivedUnits += q
	c := &r.sc[cs]
	c.FromBackorderUnits += q
	if complete {
		c.recordWait(at - since)
	}
}

// recordWait adds one customer's wait in days.
func (c *Counters) recordWait(w float64) {
	c.Waits.Record(w)
	c.WaitSum += w
	c.WaitMax = max(c.WaitMax, w)
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
	c := r.arrive(k, now, q)
	whole := !r.skus[dest].lane.Partial
	cls := r.skus[dest].sourceClass
	if alt {
		x := r.skus[dest].ext
		whole, cls = !x.alt.lane.Partial, x.altClass
	}
	fill := int64(0)
	if k.free(cls) && (k.onHand >= q || !whole) {
		fill = min(q, k.onHand)
	}
	if k.flags&skuRecovery != 0 {
		k.ext.rec.served(c, now, q, fill)
	}
	if fill > 0 {
		k.onHand -= fill
		c.AtOnceUnits += fill
		if drop {
			d := &r.skus[dest]
			at := r.arrival(dest, fill, now, false)
			d.onOrder -= fill
			d.c.ReceivedUnits += fill
			dc := &r.sc[cs]
			dc.AtOnceUnits += fill
			if fill == q {
				dc.AtOnceOrders++
				dc.recordWait(at - now)
			}
		} else {
			r.ship(s, dest, fill, alt)
		}
	}
	if short := q - fill; short == 0 {
		c.AtOnceOrders++
	} else {
		k.flags |= skuShortCycle
		b := k.backorder(now, short, dest, whole, cls, cs, c)
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
	if k.period == 0 {
		r.review(s, u, k)
	}
}

// arrive books an order of q units reaching k at now from a downstream
// site-item, and returns k's counters.
func (r *runner) arrive(k *skuState, now float64, q int64) *Counters {
	return r.arriveAt(k, &k.c, now, q)
}

// arriveCustomer books a customer order of q units from stream str
// reaching k at now, and returns the stream's counters.
func (r *runner) arriveCustomer(k *skuState, str *stream, now float64, q int64) *Counters {
	return r.arriveAt(k, str.c, now, q)
}

// arriveAt books an order of q units reaching k at now in counters c (the
// site-item's or a customer stream's), in k's daily flows and for a policy
// that learns from demand, and returns c.
func (r *runner) arriveAt(k *skuState, c *Counters, now float64, q int64) *Counters {
	k.touch(now)
	c.DemandUnits += q
	c.DemandOrders++
	r.flow(k, now, q, 0)
	if k.flags&skuLearns != 0 {
		k.observe(now, q)
	}
	return c
}

// observe shows the policy that learns from demand q units demanded at
// now; apart, so that arriveAt stays small enough to inline.
//
//go:noinline
func (k *skuState) observe(now float64, q int64) { k.learner.Observe(now, q) }

// backorder queues an order's unfilled rest in priority class cls, for
// customer stream cs (-1 for a site's order), booked in c, and returns it.
func (k *skuState) backorder(now float64, qty int64, dest int32, whole bool, cls, cs int32, c *Counters) *backorder {
	k.backlog += qty
	c.BackorderedUnits += qty
	c.BackorderedOrders++
	k.waiting++
	k.owed[cls] += qty
	k.serial++
	q := &k.queues[cls]
	q.push(backorder{since: now, promise: math.NaN(), qty: qty, dest: dest, whole: whole, serial: k.serial, stream: cs})
	return q.back()
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
	if k := &r.skus[dest]; k.flags&skuQuotes != 0 {
		k.expect(at, q)
	}
	qty := int32(q)
	if q > math.MaxInt32 {
		qty = r.bigQty(q)
	}
	s.At(sim.Time(at), sim.Event{Kind: evReceipt, Prio: prioReceipt, ID: dest, Qty: qty})
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
	at := ready + k.lane.Transit.sample(&k.laneRNG)
	if k.lane.NoOvertaking {
		at = max(at, k.lastArrival)
	}
	if !(at <= math.MaxFloat64) {
		at = math.MaxFloat64 // an overflowing transit time: never arrives
	}
	k.lastArrival = max(k.lastArrival, at)
	k.c.TransportCost += k.lane.UnitCost*float64(q) + k.lane.ShipmentCost
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
	k.touch(now)
	c := &k.c
	k.onOrder -= q
	k.onHand += q
	c.ReceivedUnits += q
	if k.flags&skuQuotes != 0 {
		k.received()
	}
	if k.flags&skuTraced != 0 {
		k.trace.Receipts = append(k.trace.Receipts, Mark{now, q})
	}
	r.serveWaiting(s, k)
	c.Cycles++
	if k.flags&skuShortCycle != 0 {
		c.StockoutCycles++
	}
	k.flags &^= skuShortCycle
}

// serveWaiting ships to waiting orders from stock on hand: higher priority
// classes first, first come first served within a class. A whole-shipment
// order that does not fit stops the serving: later and lower orders wait
// behind it rather than overtake it.
func (r *runner) serveWaiting(s *sim.Sim, k *skuState) {
	now := float64(s.Now())
	c := &k.c
	for cls := range k.queues {
		queue := &k.queues[cls]
		for queue.len() > 0 && k.onHand > 0 {
			b := queue.front()
			if b.whole && k.onHand < b.qty {
				return
			}
			f := min(b.qty, k.onHand)
			b.qty -= f
			k.onHand -= f
			k.backlog -= f
			k.owed[cls] -= f
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
			if b.qty == 0 {
				queue.pop()
				k.waiting--
			}
		}
	}
}

// review asks the policy whether to order, and places the order with the
// site-item's source.
func (r *runner) review(s *sim.Sim, id int32, k *skuState) {
	if k.flags&skuLearns != 0 {
		k.learner.Observe(float64(s.Now()), 0)
	}
	var q int64
	if k.flags&skuRQ != 0 {
		q = rqOrder(k.onHand+k.onOrder-k.backlog, k.rqR, k.rqQ)
	} else {
		q = k.policy.Order(Position{OnHand: k.onHand, OnOrder: k.onOrder, Backorders: k.backlog, Now: float64(s.Now())})
	}
	if q <= 0 {
		return
	}
	now := float64(s.Now())
	k.touch(now)
	k.onOrder += q
	r.flow(k, now, 0, q)
	if k.flags&skuTraced != 0 {
		k.trace.Orders = append(k.trace.Orders, Mark{now, q})
	}
	c := &k.c
	c.OrdersPlaced++
	c.UnitsOrdered += q
	c.OrderingCost += k.item.OrderCost
	if k.flags&skuBackup != 0 {
		r.placeSourced(s, id, k, q, now)
		return
	}
	if k.upstream >= 0 {
		r.request(s, k.upstream, id, q)
		return
	}
	r.deliver(s, id, q, r.supplierReady(k.supplier, q, now), false)
}

// expect adds a replenishment of q units arriving at to the pipeline of
// k, kept in order of arrival (equal times in the order shipped).
func (k *skuState) expect(at float64, q int64) {
	k.pipe = append(k.pipe, transit{at, q})
	for i := len(k.pipe) - 1; i > k.pipeHead && k.pipe[i-1].at > at; i-- {
		k.pipe[i-1], k.pipe[i] = k.pipe[i], k.pipe[i-1]
	}
}

// received takes the earliest replenishment, the one just received, off
// the pipeline of k.
func (k *skuState) received() {
	k.pipeHead++
	if k.pipeHead == len(k.pipe) {
		k.pipe, k.pipeHead = k.pipe[:0], 0
	} else if k.pipeHead >= 64 && 2*k.pipeHead >= len(k.pipe) {
		n := copy(k.pipe, k.pipe[k.pipeHead:])
		k.pipe, k.pipeHead = k.pipe[:n], 0
	}
}

// touch integrates the levels of k up to now.
func (k *skuState) touch(now float64) {
	dt := now - k.last
	if dt <= 0 {
		return
	}
	if k.flags&skuTraced != 0 {
		k.trace.Times = append(k.trace.Times, k.last)
		k.trace.OnHand = append(k.trace.OnHand, k.onHand)
		k.trace.Backorders = append(k.trace.Backorders, k.backlog)
	}
	k.onHandArea += float64(k.onHand) * dt
	k.onOrderArea += float64(k.onOrder) * dt
	k.backorderArea += float64(k.backlog) * dt
	if k.onHand > 0 {
		k.inStockDays += dt
	}
	k.last = now
}

// resetStats starts the measurement window at now: counters are cleared,
// state is kept, and the levels at the start are recorded.
func (r *runner) resetStats(now float64) {
	for i := range r.skus {
		k := &r.skus[i]
		k.touch(now)
		waits := k.c.Waits
		waits.Reset()
		k.c = Counters{
			Waits:           waits,
			OnHandStart:     k.onHand,
			OnOrderStart:    k.onOrder,
			BackordersStart: k.backlog,
		}
		k.onHandArea, k.onOrderArea, k.backorderArea, k.inStockDays = 0, 0, 0, 0
		k.flags &^= skuShortCycle
		if k.flags&skuRecovery != 0 && k.ext.rec.active > 0 {
			k.ext.rec.downSince = now
		}
	}
	for i := range r.sc {
		waits := r.sc[i].Waits
		waits.Reset()
		r.sc[i] = Counters{Waits: waits}
		r.boStart[i] = 0
	}
	for i := range r.skus {
		for _, q := range r.skus[i].queues {
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
	}
	for i := range r.echelonDaily {
		r.echelonDaily[i] = echelonDaily{today: dayBucket{day: day}}
	}
}

// Progress counts how far running replications have got, for a progress
// display: each replication runs in [ProgressSteps] equal slices of its
// horizon and counts one step per slice. Running in slices changes no
// result. It is safe for concurrent use.
type Progress struct {
	steps atomic.Int64
}

// ProgressSteps is the number of steps one replication counts.
const ProgressSteps = 100

// Steps returns the steps completed so far.
func (p *Progress) Steps() int64 { return p.steps.Load() }

// RunAll simulates replications 0..n-1 of net on up to workers goroutines
// (0 means GOMAXPROCS) and returns their results in replication order. The
// results do not depend on the number of workers.
func RunAll(net *Network, seed uint64, n, workers int) []*Result {
	return RunAllProgress(net, seed, n, workers, nil)
}

// RunProgress is [Run] counting its slices in p (which may be nil).
func RunProgress(net *Network, seed uint64, rep int, p *Progress) *Result {
	return Compile(net).RunProgress(seed, rep, p)
}

// RunProgress is [Plan.Run] counting its slices in p (which may be nil).
func (pl *Plan) RunProgress(seed uint64, rep int, p *Progress) *Result {
	net := pl.net
	if p == nil {
		return pl.Run(seed, rep)
	}
	r, s := pl.start(seed, rep)
	for i := 1; i <= ProgressSteps; i++ {
		end := net.Horizon * float64(i) / ProgressSteps
		if i == ProgressSteps {
			end = net.Horizon // exactly: H·100/100 may differ from H in the last bit
		}
		s.RunUntil(sim.Time(end))
		p.steps.Add(1)
	}
	return r.finish(s)
}

// RunAllProgress is [RunAll] counting progress in p (which may be nil).
func RunAllProgress(net *Network, seed uint64, n, workers int, p *Progress) []*Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	out := make([]*Result, n)
	if n == 0 {
		return out
	}
	plan := Compile(net) // once, for every replication
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := range next {
				out[rep] = plan.RunProgress(seed, rep, p)
			}
		}()
	}
	for rep := 0; rep < n; rep++ {
		next <- rep
	}
	close(next)
	wg.Wait()
	return out
}
