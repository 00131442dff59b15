package model

import (
	"runtime"
	"sync"
	"sync/atomic"

	"scsim/sim"
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
