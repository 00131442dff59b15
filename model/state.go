package model

import (
	"math"
	"math/rand/v2"
	"scsim/sim"
)

// The live state of one replication: the hot and cold state of its
// site-items, its demand streams and suppliers, and [Plan.start], which sets
// it up from a compiled plan.

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
// its events read or write, in two cache lines (128 bytes: a large slice
// of them starts on a 128-byte boundary, so each element is one aligned
// pair of lines, which the processor fetches together). The first line
// holds the levels and their time integrals, which every level change
// updates; the second the day's flows, an (r, Q) policy's two numbers, the
// count of waiting orders, the flags word, the upstream site-item and the
// echelon. Everything else, counters included, is in its [skuCold], at
// the same index of runner.cold ([runner.coldOf]), which rarer events
// read: orders placed, receipts, periodic reviews, backorders. It holds
// no pointer, so that the garbage collector does not scan runner.skus.
type skuState struct {
	// line 1
	onHand, onOrder, backlog int64
	last                     float64 // time of the last level change
	// the time integrals of the levels and the time in stock since the
	// start of the window, moved into c by [runner.finish]
	onHandArea, onOrderArea, backorderArea, inStockDays float64
	// line 2: the current day's demand received and orders placed
	today dayBucket
	// an (r, Q) policy decided inline, when flags has skuRQ; with
	// skuQuiet, rqR is the position above which the policy orders nothing
	rqR, rqQ int64
	waiting  int32 // orders waiting in the queues
	flags    skuFlags
	// the upstream site-item it orders from, -1 for a supplier
	upstream int32
	echelon  int32 // 0-based
	// nextIn is the earliest time a receipt already scheduled may reach
	// it (+Inf when none is on its way): a bound for [runner.runAhead]
	nextIn float64
}

// skuFlags are the optional features of a site-item, and whether some
// demand was short in the current cycle: a flags word rather than nil
// checks of pointers into its cold state.
type skuFlags uint16

const (
	skuRQ         skuFlags = 1 << iota // the policy is an [RQ], decided inline
	skuContinuous                      // the policy reviews continuously (period 0)
	skuLearns                          // learner is set: the policy learns from demand
	skuTraced                          // trace is set
	skuHasExt                          // ext is set
	skuRecovery                        // ext.rec is set: recovery is watched
	skuBackup                          // ext.backup is set
	skuQuotes                          // customers are promised delivery dates
	skuDrop                            // drop-ship: customer orders pass to the source
	skuShortCycle                      // some demand was short in this cycle
	skuOrderDelay                      // the lane has an order delay
	skuShared                          // learner sees end-customer demand (information sharing)
	skuFeedShare                       // a policy with information sharing sees its customers' demand
	skuUnshipped                       // some units on order have no receipt scheduled yet
	skuQuiet                           // the policy orders nothing at positions above rqR ([quieter])
)

// skuCold is the state of a site-item that most events do not touch: its
// counters, the queues of waiting orders, the pipeline of promised
// deliveries, its item and lane, and the state of optional features.
type skuCold struct {
	// line 1: what an order reads ([runner.prefetchOrder] fetches it
	// ahead, and the item beginning line 2): the counters and the lane,
	// the latest receipt scheduled on the lane, the supplier it orders
	// from (-1 if none) and the class of its own orders at its upstream
	// site-item, the lane's random stream (its route's, with ext; the
	// PCG alone, drawn through an rng held for the draw), and the
	// receipts scheduled and not yet received
	c                     *Counters // in runner.counters, which becomes the Result's SKUs
	lane                  *Lane     // in Plan.lanes
	lastArrival           float64
	supplier, sourceClass int32
	laneRNG               rand.PCG
	inbound               int32
	inTransit             int64 // the units of those receipts
	item                  *Item
	policy                Policy
	period                float64
	// periodic reviews so far: the next is at reviews·period
	reviews int64
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
	trace    *Trace  // nil unless this site-item is traced
	learner  Learner // the policy, if it learns from demand; else nil
	// ext holds the state of backup sources, lane outages, expediting and
	// the recovery watch; nil when the site-item uses none of them
	ext *skuExt
	_   [16]byte // to 256 bytes: in a large slice, each starts a cache line
}

// supplierState is the live state of one supplier.
type supplierState struct {
	capacity float64 // units per day, 0 for unlimited
	busy     float64 // time the supplier finishes the orders it has
	outage   int32   // index into runner.outages, or -1
}

// stream is the live state of one customer demand stream: what every
// arrival reads, in one cache line of 64 bytes (a large slice of them
// starts on a page boundary, so each element is one line) — the mean gap,
// the random stream, the site-item, the class, its index (which locates
// its counters in runner.sc) and the flags. The rest is in its
// [streamCold], at the same index of runner.scold ([runner.scoldOf]). It
// holds no pointer, so that the garbage collector does not scan
// runner.streams.
type stream struct {
	gap float64 // mean days between orders (Poisson streams)
	// the stream's random numbers, drawn through [stream.exp] and the
	// others, which hold them in an [rng] for the draw: the PCG alone, so
	// that the stream holds no pointer
	pcg   rand.PCG
	sku   int32
	class int32 // priority class of its backorders
	id    int32 // its index in runner.streams and runner.sc
	flags streamFlags
	// lead, with strAhead, is the least time from now in which a receipt
	// not yet scheduled can reach its site-item (see [runner.runAhead])
	lead float64
	_    [16]byte
}

// exp draws an exponential variate of mean 1 from str's random numbers.
func (str *stream) exp() float64 {
	return expPCG(&str.pcg)
}

// units draws whole units from d with str's random numbers.
func (str *stream) units(d *Dist) int64 {
	g := rng{pcg: str.pcg}
	q := d.units(&g)
	str.pcg = g.pcg
	return q
}

// unitsScaled draws whole units from d with its mean scaled by m (see
// [Dist.UnitsScaled]) with str's random numbers.
func (str *stream) unitsScaled(d *Dist, m float64) int64 {
	g := rng{pcg: str.pcg}
	q := d.unitsScaled(&g, m)
	str.pcg = g.pcg
	return q
}

// streamCold is the part of a demand stream's state that unit-sized
// Poisson arrivals do not read.
type streamCold struct {
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

// streamFlags say what kind of demand stream a stream is.
type streamFlags uint8

const (
	strDaily    streamFlags = 1 << iota // a day's demand at once, not orders arriving
	strLost                             // demand not filled at once is lost
	strUnit                             // every order is of one unit
	strRegular                          // arrivals exactly every gap days
	strProfiled                         // the rate follows a profile
	strCust                             // cust is set: the customers behave
	strAhead                            // its quiet arrivals are handled ahead (see [runner.runAhead])
)

// flagIf returns f if on, else no flag.
func flagIf(on bool, f streamFlags) streamFlags {
	if on {
		return f
	}
	return 0
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
	// the cold state of the demand streams, by stream index (see [stream])
	scold []streamCold
	// the counters every customer order books, apart from sc (see
	// [tally]): one per stream, added into sc by [runner.finish]
	tally []tally
	// the cold state of the site-items (see [skuState]), and their
	// counters
	cold     []skuCold
	counters []Counters
	// the daily flows of each site-item, apart from its counters: dense,
	// so that the first flow of a day mostly finds them in cache; moved
	// into the counters by [runner.finish]
	daily []DailyStats
	// disrupted suppliers and lanes, and the site-items' extended state
	outages []outageState
	exts    []skuExt
	// receipts of more units than an event holds (see [runner.bigQty]),
	// and their free slots
	big     []int64
	bigFree []int32
	// hints says arrivals carry hints for the prefetch (see [nextArrival]):
	// when a large network has the next events' state fetched ahead
	hints bool
	// tr is the explained trace of a traced run (see [Plan.RunEvents]);
	// nil otherwise
	tr *tracer
	// aheadEnd is the time [runner.runAhead] stops before: the warm-up,
	// then the horizon; ahead counts the arrivals it has handled, which
	// are events of the run that never entered the queue
	aheadEnd float64
	ahead    uint64
	inAhead  bool // runAhead is handling arrivals: their days may not have begun
}

// prefetchSKUs is the number of site-items from which a run has the next
// event's state fetched ahead ([runner.Prefetch]): below it the state
// stays in the caches and fetching would only cost its calls.
const prefetchSKUs = 512

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
	r.counters = make([]Counters, n)
	r.daily = make([]DailyStats, n)
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
		k, kc := &r.skus[i], &r.cold[i]
		kc.c = &r.counters[i]
		k.onHand = st.Initial
		k.nextIn = math.Inf(1)
		kc.policy = st.Policy
		if l, ok := st.Policy.(Learner); ok {
			l = l.Fresh() // this replication's own copy
			kc.policy, kc.learner = l, l
			k.flags |= skuLearns
		} else if p, ok := st.Policy.(*RQ); ok {
			k.rqR, k.rqQ = p.R, p.Q
			k.flags |= skuRQ
		} else if p, ok := st.Policy.(replicated); ok {
			kc.policy = p.fresh() // state of its own, as a learner's
		}
		if q, ok := kc.policy.(quieter); ok && k.flags&skuLearns == 0 {
			if bound, ok := q.quietAbove(); ok {
				k.rqR = bound
				k.flags |= skuQuiet
			}
		}
		kc.period = st.Policy.ReviewPeriod()
		if kc.period == 0 {
			k.flags |= skuContinuous
		}
		switch p := st.Policy.(type) {
		case *DropShip:
			k.flags |= skuDrop
			kc.dropFee = p.Fee
		case *VMI:
			kc.consign = p.Consignment
		}
		kc.item = &net.Items[st.Item]
		kc.supplier, k.upstream = -1, p.up[i]
		if st.Source.Kind == SupplierNode {
			kc.supplier = int32(st.Source.Index)
		}
		kc.lane = &p.lanes[i]
		kc.laneRNG = s.Source(p.lead[i])
		k.echelon = p.echelon[i]
		kc.sourceClass = p.sourceClass[i]
		q := int(p.queues[i])
		kc.queues, queues = queues[:q:q], queues[q:]
		kc.owed, owed = owed[:q:q], owed[q:]
		kc.c.OnHandStart = k.onHand
	}
	r.streams = make([]stream, len(p.streams))
	r.scold = make([]streamCold, len(p.streams))
	scold := r.scold
	r.sc = make([]Counters, len(p.streams))
	r.tally = make([]tally, len(p.streams))
	r.boStart = make([]int64, len(p.streams))
	for i, sr := range p.streams {
		sp := &p.demand[i]
		d := sp.d
		str := &r.streams[i]
		scold[i] = streamCold{size: d.Size, daily: d.Daily, prio: d.Priority, rate: d.Rate, profile: d.Profile}
		*str = stream{
			sku:   int32(sr.SKU),
			class: sp.class,
			id:    int32(i),
			pcg:   s.Source(sp.key),
		}
		if cu := &d.Customers; cu.active() {
			r.scoldOf(str).cust = r.customers(s, cu, sp, p.refs[sr.SKU], sr.SKU)
			if r.scoldOf(str).cust.quote {
				r.skus[sr.SKU].flags |= skuQuotes
			}
		}
		str.flags = flagIf(d.IsDaily(), strDaily) | flagIf(d.Stockout == LostSale, strLost) |
			flagIf(d.Size.IsConst() && d.Size.a == 1, strUnit) | flagIf(d.Regular, strRegular) |
			flagIf(d.Profile != nil, strProfiled) | flagIf(r.scoldOf(str).cust != nil, strCust)
		if str.flags&strDaily == 0 {
			str.gap = 1 / d.Rate
		}
		if d.History != nil {
			r.scoldOf(str).hist = &histState{h: d.History, block: int64(d.Block), rng: rng{pcg: s.Source(sp.bootstrap)}}
		}
	}
	r.setupSupply(s)
	r.setupDelays(s)
	if n >= prefetchSKUs {
		s.SetPrefetcher(r)
		r.hints = true
	}
	r.aheadEnd = net.Horizon
	if net.Warmup > 0 {
		r.aheadEnd = net.Warmup
	}
	r.setAhead()
	for i := range r.skus {
		if x := r.coldOf(&r.skus[i]).ext; x != nil && x.altUpstream >= 0 {
			x.altClass = p.altClass[i]
		}
	}
	if net.Warmup > 0 {
		s.At(sim.Time(net.Warmup), sim.Event{Kind: evWarmup, Prio: prioWarmup})
	}
	for i := range r.streams {
		str := &r.streams[i]
		switch {
		case str.flags&strDaily != 0:
			s.At(0.5, sim.Event{Kind: evDaily, Prio: prioDemand, ID: int32(i)})
		case r.scoldOf(str).profile != nil:
			r.profiled(s, str, sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i), Qty: str.sku})
		case str.flags&strRegular != 0:
			s.At(sim.Time(str.gap), sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i), Qty: str.sku})
		default:
			s.At(sim.Time(str.gap*str.exp()), sim.Event{Kind: evArrival, Prio: prioDemand, ID: int32(i), Qty: str.sku})
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
