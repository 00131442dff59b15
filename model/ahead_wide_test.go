package model

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"testing"
)

// TestRunAheadRandomWide checks handling arrivals ahead on random
// networks wider than TestRunAheadRandomNetworks draws: up to three
// echelons (a store may source from a DC served by another DC), customer
// streams at the DCs, supplier and lane outages, backup sources,
// substitutes, quotes, drop-ship, learning policies, order delays,
// pipelines, several streams of several priorities, lost sales,
// streams sharing a random key and fractional times.
func TestRunAheadRandomWide(t *testing.T) {
	n := 2000
	if s := os.Getenv("AHEAD_WIDE_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	if testing.Short() {
		n = 60
	}
	seed0 := uint64(11)
	if s := os.Getenv("AHEAD_WIDE_SEED"); s != "" {
		seed0, _ = strconv.ParseUint(s, 10, 64)
	}
	tried, ahead := checkAhead(t, n, rand.New(rand.NewPCG(seed0, 12)), randomWideNet, 2)
	if tried < n/2 || ahead < tried/4 {
		t.Fatalf("%d networks run of %d, %d runs with arrivals handled ahead", tried, n, ahead)
	}
	t.Logf("%d networks, %d runs with arrivals handled ahead", tried, ahead)
}

// randomWideNet draws a network for TestRunAheadRandomWide.
func randomWideNet(g *rand.Rand) *Network {
	dist := func() Dist { return randomTransit(g) }
	policy := func(mean float64, periodic bool) Policy {
		r := int64(mean * (1 + 2*g.Float64()))
		k := g.IntN(8)
		if periodic {
			k = g.IntN(2)
		}
		switch k {
		case 0:
			return &SS{Small: r, Big: r + 1 + int64(g.IntN(20)), Period: float64(g.IntN(2)) * (0.5 + g.Float64())}
		case 1:
			return &BaseStock{S: r + 1, Period: 0.5 + float64(g.IntN(3))}
		case 2:
			p, err := NewForecast(0.2, 0, 0.9, mean, mean/2, 2, 0, 0, int64(mean)+1)
			if err != nil {
				panic(err)
			}
			return p
		default:
			return &RQ{R: r - int64(g.IntN(3)), Q: 1 + int64(g.IntN(int(mean*4)+1))}
		}
	}
	disruption := func() *Disruption {
		if g.IntN(6) != 0 {
			return nil
		}
		if g.IntN(2) == 0 {
			up, _ := NewExponential(10 + 20*g.Float64())
			down, _ := NewExponential(1 + 3*g.Float64())
			return &Disruption{Random: true, Uptime: up, Downtime: down}
		}
		s := 5 + 50*g.Float64()
		return &Disruption{Outages: []Outage{{Start: s, Duration: 1 + 5*g.Float64()}}}
	}
	nItems := 1 + g.IntN(2)
	net := &Network{Name: "wide", Suppliers: []Supplier{{Name: "f"}, {Name: "g"}}}
	if g.IntN(3) == 0 {
		net.Suppliers[0].Capacity = 5 + 20*g.Float64()
	}
	net.Suppliers[0].Disruption = disruption()
	for i := range nItems {
		net.Items = append(net.Items, Item{Name: fmt.Sprint("item", i), HoldingCost: 1, BackorderCost: 2, LostSaleCost: 3, OrderCost: 4, Price: 10, CancelCost: 1})
	}
	demand := func(rate float64, nStocks int) []Demand {
		d := Demand{Name: "d", Rate: rate, Size: Const(1), Stockout: Stockout(g.IntN(2))}
		if g.IntN(5) == 0 { // common random numbers: the same customers as others
			d.Key, d.Rate = "crn", 3
			return []Demand{d}
		}
		switch g.IntN(12) {
		case 0:
			d.Size, _ = NewUniform(1, 3)
		case 1:
			p := Const(1 + g.Float64())
			d.Customers.Patience = &p
		case 2:
			d.Regular = true
		case 3:
			d.Customers.Quote = true
		case 4:
			if nStocks > 1 {
				d.Customers.Substitute = &Substitute{Stock: 1 - g.IntN(1), Share: 0.5}
			}
		case 5:
			d.Customers.Decline = 0.3
		}
		ds := []Demand{d}
		if g.IntN(6) == 0 {
			ds = append(ds, Demand{Name: "e", Rate: rate / 2, Size: Const(1), Priority: 1})
		}
		return ds
	}
	// echelon 1: dc0 from the suppliers; echelon 2: dc1 from dc0 (maybe)
	nDC := 1 + g.IntN(2)
	for d := range nDC {
		dc := Site{Name: fmt.Sprint("dc", d), Kind: Warehouse}
		for i := range nItems {
			src := Node{SupplierNode, 0}
			if d > 0 {
				src = Node{SiteNode, d - 1}
			}
			st := Stock{Item: i, Source: src, Lane: Lane{Transit: dist(), Partial: g.IntN(2) == 0}, Initial: int64(g.IntN(80)), Policy: policy(20, false)}
			if d > 0 && g.IntN(4) == 0 {
				st.Lane.OrderDelay = g.Float64()
			}
			if g.IntN(2) == 0 { // customers of the DC itself
				st.Demand = demand(0.5+4*g.Float64(), nItems)
			}
			if g.IntN(8) == 0 && st.Lane.OrderDelay == 0 {
				st.Backup = &Backup{Source: Node{SupplierNode, 1}, Lane: Lane{Transit: Const(1 + float64(g.IntN(4)))}, Rule: Split, Share: 0.3}
			}
			st.Lane.Disruption = disruption()
			dc.Stocks = append(dc.Stocks, st)
		}
		net.Sites = append(net.Sites, dc)
	}
	for s := range 1 + g.IntN(3) {
		st := Site{Name: fmt.Sprint("store", s), Kind: Store}
		for i := range nItems {
			rate := 0.2 + 6*g.Float64()
			lane := randomStoreLane(g)
			src := Node{SiteNode, g.IntN(nDC)}
			if g.IntN(6) == 0 {
				src = Node{SupplierNode, g.IntN(2)}
			}
			stock := Stock{Item: i, Source: src, Lane: lane, Initial: int64(g.IntN(20)),
				Policy: policy(rate*2, false), Demand: demand(rate, nItems)}
			switch g.IntN(10) {
			case 0:
				stock.Policy = &DropShip{Fee: 1}
				stock.Lane.OrderDelay = 0
			case 1:
				stock.Policy = policy(rate*2, true)
				stock.Pipeline = int64(g.IntN(10))
			case 2:
				if lane.OrderDelay == 0 {
					stock.Backup = &Backup{Source: Node{SiteNode, g.IntN(nDC)}, Lane: Lane{Transit: Const(0.5 + float64(g.IntN(3)))}, MaxLeadTime: 1 + 3*g.Float64()}
				}
			case 3:
				stock.Lane.Disruption = disruption()
			}
			st.Stocks = append(st.Stocks, stock)
		}
		net.Sites = append(net.Sites, st)
	}
	net.Horizon = 20 + 200*g.Float64()
	switch g.IntN(6) {
	case 0:
		net.Horizon = float64(20 + g.IntN(200))
	case 1: // shorter than aheadDays
		net.Horizon = 0.5 + 20*g.Float64()
	}
	if g.IntN(2) == 0 {
		net.Warmup = net.Horizon * g.Float64() / 2
	}
	return net
}

// TestRunAheadLargeWide runs wide random networks of over prefetchSKUs
// site-items, whose runs give the arrivals hints for the prefetch.
func TestRunAheadLargeWide(t *testing.T) {
	g := rand.New(rand.NewPCG(21, 22))
	n := 12
	if testing.Short() {
		n = 3 // the race detector's run
	}
	runs, ahead := 0, 0
	for c := 0; runs < n && c < 100; c++ {
		net := randomWideNet(g)
		// no outages, which keep every site-item downstream in the queue
		for i := range net.Suppliers {
			net.Suppliers[i].Disruption = nil
		}
		for i := range net.Sites {
			for j := range net.Sites[i].Stocks {
				net.Sites[i].Stocks[j].Lane.Disruption = nil
			}
		}
		// copy the stores until there are enough site-items
		var stores []Site
		for _, s := range net.Sites {
			if s.Kind == Store {
				stores = append(stores, s)
			}
		}
		for i := 0; len(net.SKUs()) < prefetchSKUs+10; i++ {
			s := stores[i%len(stores)]
			s.Name = fmt.Sprint("copy", i)
			net.Sites = append(net.Sites, s)
		}
		if err := net.Validate(); err != nil {
			continue
		}
		runs++
		seed := g.Uint64()
		got, k := RunAhead(net, seed, 0, true)
		want, _ := RunAhead(net, seed, 0, false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("network %d (seed %d): results differ with %d of %d arrivals handled ahead", c, seed, k, got.Events)
		}
		if k > 0 {
			ahead++
		}
		t.Logf("network %d: %d site-items, %d of %d arrivals ahead", c, len(net.SKUs()), k, got.Events)
	}
	if ahead == 0 {
		t.Fatalf("%d of %d runs with arrivals handled ahead", ahead, runs)
	}
}
