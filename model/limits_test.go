package model

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
)

// TestBigOrders checks that replenishment orders beyond the 32 bits of an
// event's quantity are received whole (they panicked): a periodic
// base-stock policy under Poisson demand of 1e9 units a day orders about
// 7e9 units a week, and every unit is accounted for.
func TestBigOrders(t *testing.T) {
	daily, err := NewPoisson(1e9)
	if err != nil {
		t.Fatal(err)
	}
	net := &Network{
		Name:      "big",
		Items:     []Item{{Name: "widget", HoldingCost: 1}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{{Name: "store", Kind: Store, Stocks: []Stock{{
			Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(3)}, Initial: 0,
			Policy: &BaseStock{S: 12e9, Period: 7},
			Demand: []Demand{{Name: "d0", Daily: daily, Stockout: Backorder}},
		}}}},
		Horizon: 200,
	}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	res := Run(net, 1, 0)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	c := &res.SKUs[0]
	if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
		t.Errorf("balances %d %d %d, want 0", c.DemandBalance(), c.StockBalance(), c.OrderBalance())
	}
	// the first order is 12e9; later ones replace a week's demand, 7e9
	if c.OrdersPlaced < 28 || c.UnitsOrdered/c.OrdersPlaced <= math.MaxInt32 {
		t.Errorf("%d orders of %d units on average, want about 29 of about 7e9", c.OrdersPlaced, c.UnitsOrdered/max(1, c.OrdersPlaced))
	}
	if c.ReceivedUnits < 180e9 {
		t.Errorf("received %d units, want the orders of 28 weeks, about 2e11", c.ReceivedUnits)
	}
}

// TestOverflowReported checks that a replication whose counts go beyond
// 2^53 units (here from a Network built in Go, which scenario validation
// would refuse) reports an OverflowError naming the site-item, rather
// than wrapped counts.
func TestOverflowReported(t *testing.T) {
	for _, size := range []float64{1 << 52, 1e18} {
		net := rqNet(t, 8, Const(1), &RQ{R: 0, Q: 10}, 0, LostSale, 100, 0)
		net.Sites[0].Stocks[0].Demand[0].Size = Const(size)
		res := Run(net, 1, 0)
		var oe *OverflowError
		if !errors.As(res.Err, &oe) || oe.Where != "store/widget" || !strings.Contains(res.Err.Error(), "2^53") {
			t.Errorf("size %g: error %v, want an overflow at store/widget", size, res.Err)
		}
		if err := ResultsErr([]*Result{Run(rqNet(t, 8, Const(1), &RQ{R: 0, Q: 10}, 0, LostSale, 100, 0), 1, 0), res}); err != res.Err {
			t.Errorf("ResultsErr = %v, want the second result's", err)
		}
	}
	if res := Run(pb1(t, 1000), 1, 0); res.Err != nil {
		t.Errorf("PB1: %v, want no error", res.Err)
	}
}

// TestUnitsBeyondMaxCount checks that a draw beyond MaxCount units gives
// MaxCount+1 (then reported as an overflow), never the undefined
// conversion of a huge float to int64.
func TestUnitsBeyondMaxCount(t *testing.T) {
	for _, x := range []float64{1e19, 1e300, math.Inf(1), math.NaN()} {
		if got := units(x); got != MaxCount+1 {
			t.Errorf("units(%g) = %d, want MaxCount+1", x, got)
		}
	}
	if got := units(MaxCount); got != MaxCount {
		t.Errorf("units(2^53) = %d", got)
	}
}

// TestShortProfileNoPanic checks that a profile with too few weekly
// multipliers, built in Go, gets an error from DemandRate (which derived
// policies use) instead of a panic in Factor.
func TestShortProfileNoPanic(t *testing.T) {
	net := pb1(t, 100)
	net.Sites[0].Stocks[0].Demand[0].Profile = &Profile{Weekly: []float64{1, 2}}
	if _, _, err := net.DemandRate(); err == nil || !strings.Contains(err.Error(), "7 weekly multipliers") {
		t.Errorf("DemandRate: %v, want an error about the 7 weekly multipliers", err)
	}
	if err := net.Validate(); err == nil {
		t.Error("Validate accepts a profile with 2 weekly multipliers")
	}
}

// runMemory returns the bytes allocated by one replication of PB1 over
// horizon days.
func runMemory(tb testing.TB, horizon float64) uint64 {
	net := pb1(tb, horizon)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := Run(net, 1, 0)
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(res)
	return after.TotalAlloc - before.TotalAlloc
}

// TestMemoryFlatInHorizon checks that memory does not grow with the
// horizon: one replication of PB1 (rq-single) over 4e6 days allocates,
// in all, within 20% of what one over 1e4 days does (400 times fewer
// events). Every byte it holds at its peak was allocated, so the peak is
// bounded the same way. It used to keep every backordered order's wait,
// 8 bytes each, about 1.4 bytes a day.
func TestMemoryFlatInHorizon(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 4e6 days")
	}
	small, large := runMemory(t, 1e4), runMemory(t, 4e6)
	t.Logf("allocated: %d bytes over 1e4 days, %d over 4e6 days", small, large)
	if float64(large) > 1.2*float64(small) {
		t.Errorf("4e6 days allocate %d bytes, 1e4 days %d: more than 20%% more", large, small)
	}
}
