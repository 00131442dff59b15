package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestRunAheadRandomNetworks checks, on a few hundred random networks (a
// supplier, a DC and stores, with random lanes, policies, demand, stockout
// rules, customers, warm-up and horizon), that handling quiet arrivals
// ahead gives the very results of queueing every arrival.
func TestRunAheadRandomNetworks(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 40
	}
	tried, ahead := checkAhead(t, n, rand.New(rand.NewPCG(5, 6)), randomNet, 1)
	if tried < n/2 || ahead < tried/3 {
		t.Fatalf("%d networks run of %d, %d with arrivals handled ahead: the generator should make more that run ahead", tried, n, ahead)
	}
	t.Logf("%d networks, %d with arrivals handled ahead", tried, ahead)
}

// checkAhead runs reps replications of n networks drawn by gen, those
// that are valid, with and without arrivals handled ahead and wants the
// same results, and the same again from [Plan.RunProgress] and, in the
// first replication, from [RunTraced] (whose traced site-item has all its
// arrivals queued). It returns the networks run and the runs that handled
// some arrival ahead.
func checkAhead(t *testing.T, n int, g *rand.Rand, gen func(*rand.Rand) *Network, reps int) (tried, ahead int) {
	t.Helper()
	for c := range n {
		net := gen(g)
		if err := net.Validate(); err != nil {
			continue
		}
		tried++
		seed := g.Uint64()
		for rep := range reps {
			got, k := RunAhead(net, seed, rep, true)
			want, _ := RunAhead(net, seed, rep, false)
			if k > 0 {
				ahead++
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("network %d (seed %d, rep %d): results differ with %d of %d arrivals handled ahead\nnetwork: %s", c, seed, rep, k, got.Events, describeNet(net))
			}
			if pr := Compile(net).RunProgress(seed, rep, &Progress{}); !reflect.DeepEqual(pr, got) {
				t.Fatalf("network %d (seed %d, rep %d): RunProgress differs from Run\nnetwork: %s", c, seed, rep, describeNet(net))
			}
			if sku := int(seed % uint64(len(net.SKUs()))); rep == 0 {
				if tr, _ := RunTraced(net, seed, rep, sku); !reflect.DeepEqual(tr, got) {
					t.Fatalf("network %d (seed %d, rep %d): RunTraced(%d) differs from Run\nnetwork: %s", c, seed, rep, sku, describeNet(net))
				}
			}
		}
	}
	return tried, ahead
}

// randomNet draws a network for TestRunAheadRandomNetworks.
func randomNet(g *rand.Rand) *Network {
	dist := func() Dist { return randomTransit(g) }
	policy := func(mean float64) Policy {
		r := int64(mean * (1 + 2*g.Float64()))
		switch g.IntN(10) {
		case 0:
			return &SS{Small: r, Big: r + 1 + int64(g.IntN(20))}
		case 1:
			return &BaseStock{S: r + 1, Period: float64(g.IntN(3))}
		case 2:
			return &JIT{Buffer: int64(g.IntN(3))}
		case 3:
			p, err := NewEOQ(mean, 5+10*g.Float64(), 0.1+g.Float64(), 1+g.Float64(), float64(g.IntN(5)))
			if err != nil {
				panic(err)
			}
			return p
		case 4:
			p, err := NewSafetyStock(SafetyTarget(g.IntN(2)), 0.8+0.15*g.Float64(), mean, math.Sqrt(mean), 1+g.Float64(), 0.5*g.Float64(), 0, 1+int64(g.IntN(int(mean*3)+1)))
			if err != nil {
				panic(err)
			}
			return p
		default:
			return &RQ{R: r - int64(g.IntN(3)), Q: 1 + int64(g.IntN(int(mean*4)+1))}
		}
	}
	nItems := 1 + g.IntN(2)
	net := &Network{Name: "random", Suppliers: []Supplier{{Name: "f"}}}
	if g.IntN(3) == 0 {
		net.Suppliers[0].Capacity = 5 + 20*g.Float64()
	}
	for i := range nItems {
		net.Items = append(net.Items, Item{Name: fmt.Sprint("item", i), HoldingCost: 1, BackorderCost: 2, LostSaleCost: 3, OrderCost: 4, Price: 10})
	}
	dc := Site{Name: "dc", Kind: Warehouse}
	for i := range nItems {
		dc.Stocks = append(dc.Stocks, Stock{Item: i, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: dist()},
			Initial: int64(g.IntN(60)), Policy: policy(20)})
	}
	net.Sites = append(net.Sites, dc)
	for s := range 1 + g.IntN(3) {
		st := Site{Name: fmt.Sprint("store", s), Kind: Store}
		for i := range nItems {
			rate := 0.2 + 6*g.Float64()
			lane := randomStoreLane(g)
			src := Node{SiteNode, 0}
			if g.IntN(5) == 0 {
				src = Node{SupplierNode, 0}
			}
			d := Demand{Name: "d", Rate: rate, Size: Const(1), Stockout: Stockout(g.IntN(2))}
			switch g.IntN(8) {
			case 0:
				d.Size, _ = NewUniform(1, 3)
			case 1:
				p := Const(1 + g.Float64())
				d.Customers.Patience = &p
			case 2:
				d.Regular = true
			}
			demand := []Demand{d}
			if g.IntN(6) == 0 {
				demand = append(demand, Demand{Name: "e", Rate: rate / 2, Size: Const(1), Priority: 1})
			}
			st.Stocks = append(st.Stocks, Stock{Item: i, Source: src, Lane: lane, Initial: int64(g.IntN(20)),
				Policy: policy(rate * 2), Demand: demand})
		}
		net.Sites = append(net.Sites, st)
	}
	net.Horizon = 20 + 200*g.Float64()
	if g.IntN(2) == 0 {
		net.Warmup = net.Horizon * g.Float64() / 2
	}
	return net
}

// randomTransit draws a transit time's distribution, from those that can
// be 0 and those that cannot.
func randomTransit(g *rand.Rand) Dist {
	switch g.IntN(7) {
	case 0:
		d, _ := NewUniform(0, 1+2*g.Float64())
		return d
	case 1:
		lo := 0.1 + g.Float64()
		d, _ := NewUniform(lo, lo+2*g.Float64())
		return d
	case 2:
		d, _ := NewGamma(1+2*g.Float64(), 0.5)
		return d
	case 3:
		d, _ := NewExponential(0.5 + g.Float64())
		return d
	case 4:
		d, _ := NewEmpirical([]float64{0.25 + float64(g.IntN(4)), 1 + float64(g.IntN(4))}, nil)
		return d
	default:
		return Const(float64(g.IntN(12)) / 4) // 0 to 2.75, 0 included
	}
}

// randomStoreLane draws the lane into a store: its transit time, partial
// or whole shipments, a priority, overtaking, and now and then an order
// delay.
func randomStoreLane(g *rand.Rand) Lane {
	lane := Lane{Transit: randomTransit(g), Partial: g.IntN(2) == 0, Priority: g.IntN(2), NoOvertaking: g.IntN(3) == 0}
	if g.IntN(4) == 0 {
		lane.OrderDelay = g.Float64()
	}
	return lane
}

// describeNet prints a network's sites for a failure message.
func describeNet(net *Network) string {
	s := fmt.Sprintf("horizon %v warmup %v suppliers %+v", net.Horizon, net.Warmup, net.Suppliers)
	for _, site := range net.Sites {
		for _, st := range site.Stocks {
			s += fmt.Sprintf("\n  %s item %d: source %v lane %+v initial %d policy %+v demand %+v", site.Name, st.Item, st.Source, st.Lane, st.Initial, st.Policy, st.Demand)
		}
	}
	return s
}
