package model

import (
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"scsim/sim"
)

// Result is the outcome of one replication.
type Result struct {
	Replication int
	Seed        uint64 // the replication's own seed
	Events      uint64 // events processed, the arrivals handled ahead of the queue included (see runner.runAhead)
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

// SKURef locates a site-item in a Network.
type SKURef struct {
	Site, Stock int
	Name        string // "site/item"
}

// SKUs lists every site-item in a fixed order: sites in order, and each
// site's stock entries in order.
//
// The names share one string: a list costs two allocations.
func (n *Network) SKUs() []SKURef {
	count, size := 0, 0
	for i := range n.Sites {
		s := &n.Sites[i]
		count += len(s.Stocks)
		for j := range s.Stocks {
			size += len(s.Name) + 1 + len(n.Items[s.Stocks[j].Item].Name)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for i := range n.Sites {
		s := &n.Sites[i]
		for j := range s.Stocks {
			b.WriteString(s.Name)
			b.WriteByte('/')
			b.WriteString(n.Items[s.Stocks[j].Item].Name)
		}
	}
	names := b.String()
	refs := make([]SKURef, 0, count)
	at := 0
	for i := range n.Sites {
		s := &n.Sites[i]
		for j := range s.Stocks {
			end := at + len(s.Name) + 1 + len(n.Items[s.Stocks[j].Item].Name)
			refs = append(refs, SKURef{Site: i, Stock: j, Name: names[at:end]})
			at = end
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
	skus := n.SKUs()
	count, size := 0, 0
	for _, ref := range skus {
		for _, dm := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			count++
			size += len(ref.Name) + 1 + len(dm.Name)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, ref := range skus {
		for _, dm := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			b.WriteString(ref.Name)
			b.WriteByte('/')
			b.WriteString(dm.Name)
		}
	}
	names := b.String()
	refs := make([]StreamRef, 0, count)
	at := 0
	for k, ref := range skus {
		for d, dm := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
			end := at + len(ref.Name) + 1 + len(dm.Name)
			refs = append(refs, StreamRef{Site: ref.Site, Stock: ref.Stock, Demand: d, SKU: k, Name: names[at:end]})
			at = end
		}
	}
	return refs
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
	r.coldOf(&r.skus[sku]).trace = tr
	r.skus[sku].flags |= skuTraced
	r.setAhead()
	s.RunUntil(sim.Time(net.Horizon))
	res := r.finish(s)
	return res, tr
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
	return RunBatches([]Batch{{Plan: Compile(net), Seed: seed, Replications: n}}, workers, p, nil)[0]
}

// Batch is the replications 0..Replications-1 of one compiled network
// under one master seed.
type Batch struct {
	Plan         *Plan
	Seed         uint64
	Replications int
}

// ReplicationPanic is a panic in a replication, raised again by
// [RunBatches] in the goroutine that called it: the value the
// replication panicked with, and the stack of its goroutine.
type ReplicationPanic struct {
	Value any
	Stack []byte
}

// RunBatches runs every replication of every batch on up to workers
// goroutines (0 means GOMAXPROCS), counting progress in p (which may be
// nil), and returns the results by batch and replication index: they do
// not depend on the number of workers. before, if not nil, is called in
// the worker before each replication.
//
// Replications are handed out one at a time in order, batch by batch. A
// panic in one is raised again here as a [ReplicationPanic] once the
// workers have stopped; the replications not yet started are skipped.
func RunBatches(batches []Batch, workers int, p *Progress, before func()) [][]*Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([][]*Result, len(batches))
	total := 0
	for b, bt := range batches {
		out[b] = make([]*Result, bt.Replications)
		total += bt.Replications
	}
	workers = min(workers, total)
	// the next replication to run, counted over all batches
	var next atomic.Int64
	var failed atomic.Pointer[ReplicationPanic]
	run := func(b, rep int) {
		defer func() {
			if v := recover(); v != nil {
				failed.CompareAndSwap(nil, &ReplicationPanic{v, debug.Stack()})
			}
		}()
		if before != nil {
			before()
		}
		bt := &batches[b]
		out[b][rep] = bt.Plan.RunProgress(bt.Seed, rep, p)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for failed.Load() == nil {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				b := 0
				for i >= batches[b].Replications {
					i -= batches[b].Replications
					b++
				}
				run(b, i)
			}
		}()
	}
	wg.Wait()
	if f := failed.Load(); f != nil {
		panic(*f)
	}
	return out
}
