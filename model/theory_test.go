package model

import (
	"fmt"
	"math"
	"testing"

	"scsim/internal/theory"
)

// Checks against inventory theory where it is exact. Each case runs a fixed
// number of replications with a fixed seed and asserts that the exact value
// lies inside the simulation's own 95% confidence interval, as a user
// would check it. The z-scores are logged with -v.

// rqPoisson and erlangB are the exact results of package theory:
// [theory.RQPoisson] (Hadley and Whitin 1963) and [theory.ErlangB].
var (
	rqPoisson = theory.RQPoisson
	erlangB   = theory.ErlangB
)

// checkCI asserts that want lies within the confidence interval of got.
func checkCI(tb testing.TB, name string, got Estimate, want float64) {
	tb.Helper()
	z := (got.Mean - want) / (got.HalfWidth / 1.96)
	tb.Logf("%-16s sim %.6f ± %.6f  theory %.6f  z %+.2f", name, got.Mean, got.HalfWidth, want, z)
	if math.IsNaN(got.HalfWidth) || math.Abs(got.Mean-want) > got.HalfWidth {
		tb.Errorf("%s = %.6f ± %.6f, theory %.6f lies outside the 95%% confidence interval", name, got.Mean, got.HalfWidth, want)
	}
}

// theoryReps and theoryWarmup are the replications and warm-up (days) of the
// theory checks: 20 replications give a t-interval within a few percent of
// the normal one, and 100 days is many lead times, enough to forget the
// starting stock.
const (
	theoryReps   = 20
	theoryWarmup = 100
)

func TestRQAgainstTheory(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	tests := []struct {
		lambda, lead float64
		r, q         int
		horizon      float64
	}{
		{8, 4, 36, 40, 20000},  // PB1: fill 0.979
		{5, 2, 10, 1, 20000},   // base stock S = 11: fill 0.58
		{10, 1, 10, 5, 20000},  // fill 0.77
		{2, 5, 12, 10, 50000},  // fill 0.95
		{4, 3, 20, 1, 50000},   // base stock S = 21: fill 0.99
		{1, 10, 15, 20, 50000}, // long lead time, large Q
		// a negative reorder point: an order only once 2 units are
		// backordered (position -2), the textbook case of cheap
		// backorders: fill 0.016, 5.02 units backordered on average
		{2, 3, -2, 5, 50000},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("lambda=%g,L=%g,r=%d,Q=%d", tt.lambda, tt.lead, tt.r, tt.q), func(t *testing.T) {
			t.Parallel()
			var p Policy = &RQ{R: int64(tt.r), Q: int64(tt.q)}
			if tt.q == 1 {
				p = &BaseStock{S: int64(tt.r + 1)} // the same policy, written as base stock
			}
			net := rqNet(t, tt.lambda, Const(tt.lead), p, int64(tt.r+tt.q), Backorder, tt.horizon, theoryWarmup)
			sum := Summarize(net, 1, RunAll(net, 1, theoryReps, 1))
			fill, onHand, bo := rqPoisson(tt.lambda*tt.lead, tt.r, tt.q)
			checkCI(t, "fill_rate", sum.Total[MFillRate], fill)
			checkCI(t, "avg_on_hand", sum.Total[MAvgOnHand], onHand)
			checkCI(t, "avg_backorders", sum.Total[MAvgBackorders], bo)
			// Little's law: average backorders = rate of backordered units
			// × mean wait per backordered unit (unit demand: per order).
			checkLittle(t, sum)
		})
	}
}

// checkLittle asserts Little's law for the backorder queue, L = λW, within
// a 2% tolerance that covers the edge effects of a finite window.
func checkLittle(tb testing.TB, sum *Summary) {
	tb.Helper()
	days := sum.Horizon - sum.Warmup
	lw := sum.Total[MBackorderedUnits].Mean / days * sum.Total[MWaitMean].Mean
	if l := sum.Total[MAvgBackorders].Mean; math.Abs(l-lw) > 0.02*l {
		tb.Errorf("Little's law: avg backorders %.6f, backorder rate × mean wait %.6f", l, lw)
	}
}

func TestLostSalesErlang(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	gammaLead, err := NewGamma(2, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	expLead, err := NewExponential(2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		lambda float64
		lead   Dist
		s      int
	}{
		{"constant L=2 S=12", 5, Const(2), 12},
		{"gamma L=2 S=12", 5, gammaLead, 12},
		{"exponential L=2 S=12", 5, expLead, 12},
		{"constant L=3 S=5", 2, Const(3), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			net := rqNet(t, tt.lambda, tt.lead, &BaseStock{S: int64(tt.s)}, int64(tt.s), LostSale, 20000, theoryWarmup)
			sum := Summarize(net, 1, RunAll(net, 1, theoryReps, 1))
			checkCI(t, "lost_rate", sum.Total[MLostRate], erlangB(tt.s, tt.lambda*tt.lead.Mean()))
			if sum.Total[MBackorderedUnits].Mean != 0 {
				t.Errorf("lost-sale stream backordered %v units", sum.Total[MBackorderedUnits].Mean)
			}
		})
	}
}

func TestTheoryFormulas(t *testing.T) {
	// Figures from the peer benchmark's own derivation of PB1.
	fill, oh, bo := rqPoisson(32, 36, 40)
	fill1, oh1, bo1 := rqPoisson(6, -1, 1)
	_, _, bo2 := rqPoisson(6, -2, 2)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"fill", fill, 0.979252}, {"on-hand", oh, 24.552959}, {"backorders", bo, 0.052959},
		{"erlang B(1,1)", erlangB(1, 1), 0.5}, {"erlang B(2,1)", erlangB(2, 1), 0.2},
		// r = -1, Q = 1: the position is 0, so nothing is ever on hand and
		// the lead-time demand, mean 6, is all backordered
		{"fill r=-1", fill1, 0}, {"on-hand r=-1", oh1, 0}, {"backorders r=-1", bo1, 6},
		// r = -2, Q = 2: positions -1 and 0, backorders m + 1/2
		{"backorders r=-2,Q=2", bo2, 6.5},
	} {
		if math.Abs(c.got-c.want) > 5e-7 {
			t.Errorf("%s = %.7f, want %.7f", c.name, c.got, c.want)
		}
	}
}
