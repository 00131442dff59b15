package model

import (
	"cmp"
	"slices"

	"scsim/sim"
)

// Plan is a network compiled for running: the structure every replication
// shares, computed once by [Compile] — the site-items and demand streams
// in order, their echelons, upstream and backup sources, the names of
// their random streams hashed to stream keys, and the priority classes of
// the orders that reach each site-item. A replication started from a plan
// allocates only its own mutable state.
//
// A plan reads its network when it runs (policies, horizon, warm-up), so
// the network must not change while a plan of it is in use. A Plan is
// safe for concurrent use by several replications.
type Plan struct {
	net      *Network
	refs     []SKURef
	streams  []StreamRef
	echelon  []int32 // 0-based, per site-item
	echelons int
	up       []int32 // upstream site-item, -1 for a supplier
	backup   []int32 // the backup source's site-item, -1 if none or a supplier
	lead     []uint64
	// lanes holds a copy of each site-item's lane, densely, so that an
	// order's lane can be fetched ahead by its index
	lanes []Lane
	// queues is the number of priority classes at each site-item;
	// sourceClass and altClass the class of its orders at its upstream
	// and backup site-items
	queues                []int32
	sourceClass, altClass []int32
	// per demand stream, in the order of streams
	demand []streamPlan
}

// streamPlan is the fixed part of a demand stream.
type streamPlan struct {
	d     *Demand
	class int32
	// stream keys: arrivals and sizes, the bootstrap of a history, and
	// the customers' traits
	key, bootstrap, accept, subst, patient uint64
}

// Compile builds the plan of net, which must be valid (see
// [Network.Validate]); it panics otherwise.
func Compile(net *Network) *Plan {
	p := &Plan{net: net, refs: net.SKUs()}
	p.streams = net.Streams()
	levels, err := net.Echelons()
	if err != nil {
		panic("model: " + err.Error() + " (call Network.Validate before Run)")
	}
	n := len(p.refs)
	up, backup := net.sources()
	p.echelon, p.up, p.backup, p.lead = make([]int32, n), make([]int32, n), make([]int32, n), make([]uint64, n)
	p.lanes = make([]Lane, n)
	for i, ref := range p.refs {
		p.lanes[i] = net.Sites[ref.Site].Stocks[ref.Stock].Lane
		p.echelon[i] = int32(levels[i] - 1)
		p.up[i], p.backup[i] = int32(up[i]), int32(backup[i])
		p.lead[i] = sim.StreamID(ref.Name + "/lead_time")
	}
	p.echelons = slices.Max(levels)
	p.demand = make([]streamPlan, len(p.streams))
	for i, sr := range p.streams {
		d := &net.Sites[sr.Site].Stocks[sr.Stock].Demand[sr.Demand]
		key := cmp.Or(d.Key, p.refs[sr.SKU].Name+"/demand/"+d.Name)
		p.demand[i] = streamPlan{d: d, key: sim.StreamID(key)}
		sp := &p.demand[i]
		if d.History != nil {
			sp.bootstrap = sim.StreamID(key + "/bootstrap")
		}
		if d.Customers.active() {
			sp.accept = sim.StreamID(key + "/customers/accept")
			sp.subst = sim.StreamID(key + "/customers/substitute")
			sp.patient = sim.StreamID(key + "/customers/patience")
		}
	}
	p.assignClasses()
	return p
}

// assignClasses gives every site-item one backorder queue per distinct
// priority among the orders that reach it (customers and downstream
// site-items), highest first, and every order source its class there.
func (p *Plan) assignClasses() {
	net := p.net
	n := len(p.refs)
	lane := func(i int) *Lane { return &net.Sites[p.refs[i].Site].Stocks[p.refs[i].Stock].Lane }
	altLane := func(i int) *Lane { return &net.Sites[p.refs[i].Site].Stocks[p.refs[i].Stock].Backup.Lane }
	prios := make([][]int, n)
	for i, sr := range p.streams {
		prios[sr.SKU] = append(prios[sr.SKU], p.demand[i].d.Priority)
	}
	for i := range n {
		if u := p.up[i]; u >= 0 {
			prios[u] = append(prios[u], lane(i).Priority)
		}
		if b := p.backup[i]; b >= 0 {
			prios[b] = append(prios[b], altLane(i).Priority)
		}
	}
	p.queues = make([]int32, n)
	for i := range prios {
		slices.Sort(prios[i])
		slices.Reverse(prios[i])
		prios[i] = slices.Compact(prios[i])
		p.queues[i] = int32(max(1, len(prios[i])))
	}
	class := func(sku int32, prio int) int32 { return int32(slices.Index(prios[sku], prio)) }
	for i, sr := range p.streams {
		p.demand[i].class = class(int32(sr.SKU), p.demand[i].d.Priority)
	}
	p.sourceClass, p.altClass = make([]int32, n), make([]int32, n)
	for i := range n {
		if u := p.up[i]; u >= 0 {
			p.sourceClass[i] = class(u, lane(i).Priority)
		}
		if b := p.backup[i]; b >= 0 {
			p.altClass[i] = class(b, altLane(i).Priority)
		}
	}
}

// Run simulates replication rep of the plan's network with the master
// seed: the same Result as [Run].
func (p *Plan) Run(seed uint64, rep int) *Result {
	r, s := p.start(seed, rep)
	s.RunUntil(sim.Time(p.net.Horizon))
	return r.finish(s)
}
