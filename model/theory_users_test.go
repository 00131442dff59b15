package model_test

import (
	"fmt"
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestTheoryUserCases runs settings users write that lie in a theory's
// domain — other rates, lead times, batches and reorder points than the
// bundled scenarios, a negative reorder point, base stock S = 0, lost
// sales with many servers and random lead times, a lead-time demand of
// mean 500 — and checks every value the theory gives (the values shown
// beside the simulation, from [model.Network.Theories]) against the
// simulation's 95% interval.
//
// Each interval misses the true value with probability 0.05, so over n
// values some misses are chance: the test allows the k misses that
// Binomial(n, 0.05) exceeds with probability below 0.001, each within 1.5
// half-widths (|z| ≤ 2.94, which a right formula passes with probability
// 0.997); a wrong formula is off by more, in every replication.
func TestTheoryUserCases(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	gamma, _ := model.NewGamma(3, 1)   // mean 3
	expo, _ := model.NewExponential(2) // mean 2
	uniform, err := model.NewUniform(1, 5)
	if err != nil {
		t.Fatal(err)
	}
	type tc struct {
		name    string
		lambda  float64
		lead    model.Dist
		policy  model.Policy
		out     model.Stockout
		horizon float64
		formula string
		delay   float64 // the lane's order delay
	}
	cases := []tc{
		{"rq λ=3 L=2.5 (5, 3)", 3, model.Const(2.5), &model.RQ{R: 5, Q: 3}, model.Backorder, 20000, model.FormulaHadleyWhitin, 0},
		{"rq λ=0.5 L=7 (2, 4)", 0.5, model.Const(7), &model.RQ{R: 2, Q: 4}, model.Backorder, 60000, model.FormulaHadleyWhitin, 0},
		{"rq r=-3 Q=4", 2, model.Const(1.5), &model.RQ{R: -3, Q: 4}, model.Backorder, 20000, model.FormulaHadleyWhitin, 0},
		{"base stock S=0", 1, model.Const(3), &model.BaseStock{S: 0}, model.Backorder, 20000, model.FormulaHadleyWhitin, 0},
		{"sS (4, 9)", 2, model.Const(2), &model.SS{Small: 4, Big: 9}, model.Backorder, 20000, model.FormulaHadleyWhitin, 0},
		// lead-time demand of mean 500: on-hand 36, fill 0.93
		{"rq mean 500 (520, 30)", 100, model.Const(5), &model.RQ{R: 520, Q: 30}, model.Backorder, 2000, model.FormulaHadleyWhitin, 0},
		{"lost S=10 a=12", 4, model.Const(3), &model.BaseStock{S: 10}, model.LostSale, 20000, model.FormulaErlangB, 0},
		{"lost S=20 gamma a=15", 5, gamma, &model.BaseStock{S: 20}, model.LostSale, 20000, model.FormulaErlangB, 0},
		{"lost S=3 exp a=4", 2, expo, &model.JIT{Buffer: 3}, model.LostSale, 20000, model.FormulaErlangB, 0},
		{"lost S=6 uniform a=3, (r,Q)=(5,1)", 1, uniform, &model.RQ{R: 5, Q: 1}, model.LostSale, 40000, model.FormulaErlangB, 0},
		{"lost S=0", 1, model.Const(2), &model.BaseStock{S: 0}, model.LostSale, 2000, model.FormulaErlangB, 0},
		{"periodic λ=20 L=3 R=2 S=120", 20, model.Const(3), &model.BaseStock{S: 120, Period: 2}, model.Backorder, 5000, model.FormulaPeriodic, 0},
		{"periodic λ=1 L=0.5 R=4 S=6", 1, model.Const(0.5), &model.SS{Small: 5, Big: 6, Period: 4}, model.Backorder, 40000, model.FormulaPeriodic, 0},
		// periodic (s, S) with a gap: the position after a review varies
		{"periodic (s, S) = (10, 40) λ=4 L=2 R=2", 4, model.Const(2), &model.SS{Small: 10, Big: 40, Period: 2}, model.Backorder, 20000, model.FormulaPeriodicSS, 0},
		{"periodic (s, S) = (0, 6) λ=1 L=1 R=1", 1, model.Const(1), &model.SS{Small: 0, Big: 6, Period: 1}, model.Backorder, 20000, model.FormulaPeriodicSS, 0},
		// an order delay of 2 days before a transit of 2: lead time 4
		{"rq order delay 2 + transit 2", 3, model.Const(2), &model.RQ{R: 10, Q: 5}, model.Backorder, 20000, model.FormulaHadleyWhitin, 2},
		{"lost order delay 1 + gamma 3", 4, gamma, &model.BaseStock{S: 18}, model.LostSale, 20000, model.FormulaErlangB, 1},
		{"periodic order delay 1.5 + transit 1", 4, model.Const(1), &model.BaseStock{S: 30, Period: 3}, model.Backorder, 20000, model.FormulaPeriodic, 1.5},
	}
	type miss struct {
		where string
		z     float64
	}
	var misses []miss
	n := 0
	for _, c := range cases {
		initial := int64(0)
		net := model.RQNet(t, c.lambda, c.lead, c.policy, initial, c.out, c.horizon, theoryWarmup)
		net.Sites[0].Stocks[0].Lane.OrderDelay = c.delay
		ths := net.Theories()
		if len(ths) != 1 || ths[0].Formula != c.formula {
			t.Errorf("%s: theories %+v, want %s", c.name, ths, c.formula)
			continue
		}
		sum := stats.Summarize(net, 7, model.RunAll(net, 7, theoryReps, 1))
		for _, v := range ths[0].Values {
			e := sum.SKUs[0].Metrics[v.Metric]
			where := fmt.Sprintf("%s %s", c.name, model.Metrics[v.Metric].Key)
			in, known := stats.TheoryInside(e, v.Value)
			n++
			z := (e.Mean - v.Value) / (e.HalfWidth / 1.96)
			t.Logf("%-44s theory %.6g, simulated %.6g ± %.3g (z %+.2f)", where, v.Value, e.Mean, e.HalfWidth, z)
			switch {
			case !known:
				t.Errorf("%s: no interval", where)
			case in:
			case math.Abs(e.Mean-v.Value) <= 1.5*e.HalfWidth:
				misses = append(misses, miss{where, z})
			default:
				t.Errorf("%s: theory %v far outside %v ± %v (z %+.2f)", where, v.Value, e.Mean, e.HalfWidth, z)
			}
		}
	}
	allowed := binomialAllowance(n, 0.05, 0.001)
	if len(misses) > allowed {
		t.Errorf("%d of %d values outside the 95%% interval (%v); chance allows %d", len(misses), n, misses, allowed)
	}
	t.Logf("%d values, %d outside the 95%% interval, %d allowed", n, len(misses), allowed)
}

// binomialAllowance returns the least k with P(Binomial(n, p) > k) < alpha.
func binomialAllowance(n int, p, alpha float64) int {
	cdf, term := 0.0, math.Pow(1-p, float64(n))
	for k := 0; k <= n; k++ {
		cdf += term
		if 1-cdf < alpha {
			return k
		}
		term *= float64(n-k) / float64(k+1) * p / (1 - p)
	}
	return n
}
