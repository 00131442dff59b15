package model

import (
	"math"
	"slices"
	"testing"
)

// testHistory is 60 days of orders: a weekly pattern with a few days of
// two orders and some empty days.
func testHistory(tb testing.TB) *History {
	tb.Helper()
	var days, qty []int64
	for d := int64(0); d < 60; d++ {
		if d%7 == 6 {
			continue // closed on the seventh day
		}
		days = append(days, d)
		qty = append(qty, 5+(d*d)%11)
		if d%5 == 0 {
			days = append(days, d)
			qty = append(qty, 3)
		}
	}
	h, err := NewHistory(days, qty, 60)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func TestNewHistory(t *testing.T) {
	h, err := NewHistory([]int64{3, 0, 3, 1}, []int64{7, 2, 5, 0}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if h.Days() != 4 || h.Total() != 14 {
		t.Errorf("days, total = %d, %d, want 4, 14", h.Days(), h.Total())
	}
	want := [][]int64{{2}, {0}, nil, {7, 5}} // same-day orders keep their order
	for d, w := range want {
		if got := h.Orders(d); !slices.Equal(got, w) && !(len(got) == 0 && len(w) == 0) {
			t.Errorf("Orders(%d) = %v, want %v", d, got, w)
		}
	}
	if h.Mean() != 3.5 || h.Variance() != (4+0+0+144)/4.0-3.5*3.5 {
		t.Errorf("mean, variance = %v, %v", h.Mean(), h.Variance())
	}
	if _, err := NewHistory([]int64{-1}, []int64{1}, 0); err == nil {
		t.Error("a negative day gave no error")
	}
}

// TestHistoryReplay is the signature test of replay: every day's demand is
// the history's, exactly, and so is the total; after the history's end
// demand stops.
func TestHistoryReplay(t *testing.T) {
	h := testHistory(t)
	net := profileNet(Demand{Name: "d0", History: h}, 80)
	got := dayDemand(net, 0)
	for d := range got {
		want := int64(0)
		if d < h.Days() {
			for _, q := range h.Orders(d) {
				want += q
			}
		}
		if got[d] != want {
			t.Errorf("day %d: demand %d, want %d", d, got[d], want)
		}
	}
	res := Run(net, 1, 0)
	if c := res.SKUs[0]; c.DemandUnits != h.Total() || c.DemandOrders != int64(len(h.qty)) {
		t.Errorf("demand %d units in %d orders, want %d in %d", c.DemandUnits, c.DemandOrders, h.Total(), len(h.qty))
	}
	if other := Run(net, 1, 5).SKUs[0].DemandUnits; other != h.Total() {
		t.Errorf("replication 5 demand %d, want the same history %d", other, h.Total())
	}
}

// TestHistoryBootstrap is the signature test of the block bootstrap: its
// mean demand per day is the history's (a circular block bootstrap draws
// every history day with equal probability), within the 95% confidence
// interval over replications; replications differ; a replication is
// reproducible; and within a block, history days follow each other.
func TestHistoryBootstrap(t *testing.T) {
	const reps, horizon, block = 40, 364, 7
	h := testHistory(t)
	net := profileNet(Demand{Name: "d0", History: h, Block: block}, horizon)
	res := RunAll(net, 11, reps, 0)
	perDay := make([]float64, reps)
	for i, r := range res {
		perDay[i] = float64(r.SKUs[0].DemandUnits) / horizon
	}
	if mean, hw := estimate(perDay); math.Abs(mean-h.Mean()) > hw {
		t.Errorf("mean per day = %.6f ± %.6f, the history's %.6f lies outside the 95%% confidence interval", mean, hw, h.Mean())
	}
	a, b := dayDemand(net, 0), dayDemand(net, 1)
	if slices.Equal(a, b) {
		t.Error("replications 0 and 1 drew the same days")
	}
	if again := dayDemand(net, 0); !slices.Equal(a, again) {
		t.Error("replication 0 differs between two runs")
	}
	// every block of 7 days is 7 consecutive history days (mod 60)
	totals := make([]int64, h.Days())
	for d := range totals {
		for _, q := range h.Orders(d) {
			totals[d] += q
		}
	}
	for start := 0; start+block <= horizon; start += block {
		found := false
		for o := range h.Days() {
			ok := true
			for k := range block {
				if a[start+k] != totals[(o+k)%h.Days()] {
					ok = false
					break
				}
			}
			if ok {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("days %d-%d = %v are not a block of the history", start, start+block-1, a[start:start+block])
		}
	}
}

// estimate returns the mean and 95% half-width of 40 values xs.
func estimate(xs []float64) (mean, halfWidth float64) {
	n := float64(len(xs))
	m, ss := 0.0, 0.0
	for _, x := range xs {
		m += x
	}
	m /= n
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return m, 2.023 * math.Sqrt(ss/(n-1)/n) // t(0.975, 39)
}

func TestHistoryEventAllocs(t *testing.T) {
	net := profileNet(Demand{Name: "d0", History: testHistory(t), Block: 7}, 1e9)
	_, s := start(net, 1, 0)
	for range 10000 {
		s.Step()
	}
	if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
		t.Errorf("an event allocates %v times, want 0", n)
	}
}
