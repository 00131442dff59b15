package model_test

import (
	"fmt"
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// Checks against inventory theory where it is exact. Each case runs a fixed
// number of replications with a fixed seed and asserts that the exact value
// lies inside the simulation's own 95% confidence interval, as a user
// would check it. The z-scores are logged with -v.
// These are the ones that read estimates over replications (package
// stats); the others are in theory_test.go.

// checkCI asserts that want lies within the confidence interval of got.
func checkCI(tb testing.TB, name string, got stats.Estimate, want float64) {
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
			var p model.Policy = &model.RQ{R: int64(tt.r), Q: int64(tt.q)}
			if tt.q == 1 {
				p = &model.BaseStock{S: int64(tt.r + 1)} // the same policy, written as base stock
			}
			net := model.RQNet(t, tt.lambda, model.Const(tt.lead), p, int64(tt.r+tt.q), model.Backorder, tt.horizon, theoryWarmup)
			sum := stats.Summarize(net, 1, model.RunAll(net, 1, theoryReps, 1))
			fill, onHand, bo := model.RQPoisson(tt.lambda*tt.lead, tt.r, tt.q)
			checkCI(t, "fill_rate", sum.Total[model.MFillRate], fill)
			checkCI(t, "avg_on_hand", sum.Total[model.MAvgOnHand], onHand)
			checkCI(t, "avg_backorders", sum.Total[model.MAvgBackorders], bo)
			// Little's law: average backorders = rate of backordered units
			// × mean wait per backordered unit (unit demand: per order).
			checkLittle(t, sum)
		})
	}
}

// checkLittle asserts Little's law for the backorder queue, L = λW, within
// a 2% tolerance that covers the edge effects of a finite window.
func checkLittle(tb testing.TB, sum *stats.Summary) {
	tb.Helper()
	days := sum.Horizon - sum.Warmup
	lw := sum.Total[model.MBackorderedUnits].Mean / days * sum.Total[model.MWaitMean].Mean
	if l := sum.Total[model.MAvgBackorders].Mean; math.Abs(l-lw) > 0.02*l {
		tb.Errorf("Little's law: avg backorders %.6f, backorder rate × mean wait %.6f", l, lw)
	}
}

func TestLostSalesErlang(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	gammaLead, err := model.NewGamma(2, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	expLead, err := model.NewExponential(2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		lambda float64
		lead   model.Dist
		s      int
	}{
		{"constant L=2 S=12", 5, model.Const(2), 12},
		{"gamma L=2 S=12", 5, gammaLead, 12},
		{"exponential L=2 S=12", 5, expLead, 12},
		{"constant L=3 S=5", 2, model.Const(3), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			net := model.RQNet(t, tt.lambda, tt.lead, &model.BaseStock{S: int64(tt.s)}, int64(tt.s), model.LostSale, 20000, theoryWarmup)
			sum := stats.Summarize(net, 1, model.RunAll(net, 1, theoryReps, 1))
			checkCI(t, "lost_rate", sum.Total[model.MLostRate], model.ErlangB(tt.s, tt.lambda*tt.lead.Mean()))
			if sum.Total[model.MBackorderedUnits].Mean != 0 {
				t.Errorf("lost-sale stream backordered %v units", sum.Total[model.MBackorderedUnits].Mean)
			}
		})
	}
}

// TestPeriodicAgainstTheory checks the simulation of periodic order-up-to
// with Poisson demand against the exact formulas: the theory lies inside
// the simulation's 95% interval.
func TestPeriodicAgainstTheory(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	for _, tt := range []struct {
		lambda, lead, period float64
		s                    int64
	}{
		{5, 2, 3, 30}, // fill 0.970
		{2, 1, 7, 20}, // a week between reviews: fill 0.974
		{8, 0, 1, 10}, // no lead time: fill 0.947
	} {
		net := model.RQNet(t, tt.lambda, model.Const(tt.lead), &model.BaseStock{S: tt.s, Period: tt.period}, tt.s, model.Backorder, 20000, theoryWarmup)
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, theoryReps, 1))
		ths := net.Theories()
		if len(ths) != 1 || ths[0].Formula != model.FormulaPeriodic {
			t.Fatalf("theories %v", ths)
		}
		for _, v := range ths[0].Values {
			checkCI(t, model.Metrics[v.Metric].Key, sum.SKUs[0].Metrics[v.Metric], v.Value)
		}
	}
}
