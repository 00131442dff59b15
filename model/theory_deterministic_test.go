package model_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestDeterministicAgainstSimulation runs regular demand under JIT, base
// stock and (r, Q), some of it short, and checks the simulation against
// the deterministic sawtooth's values shown beside it. The simulation is
// deterministic: the only difference is the part of a cycle at the
// window's ends, below 1/1000 of the cycle's swing here.
func TestDeterministicAgainstSimulation(t *testing.T) {
	cases := []struct {
		name         string
		lambda, lead float64
		policy       model.Policy
		metrics      int // the values the theory gives
	}{
		{"JIT 30, λL = 36 (jit-by-hand's line-short)", 24, 1.5, &model.JIT{Buffer: 30}, 5},
		{"JIT 40, λL = 36 (jit-by-hand's line)", 24, 1.5, &model.JIT{Buffer: 40}, 4},
		{"(r, Q) = (0, 4), λL = 2.5", 2, 1.25, &model.RQ{R: 0, Q: 4}, 5},
		{"(r, Q) = (5, 10), λL = 12.4", 4, 3.1, &model.RQ{R: 5, Q: 10}, 5},
		{"base stock 3, λL = 7.5", 3, 2.5, &model.BaseStock{S: 3}, 5},
		{"(r, Q) = (-4, 3), λL = 6", 2, 3, &model.RQ{R: -4, Q: 3}, 5},
	}
	for _, c := range cases {
		net := model.RQNet(t, c.lambda, model.Const(c.lead), c.policy, 0, model.Backorder, 3100, 100)
		net.Sites[0].Stocks[0].Demand[0].Regular = true
		ths := net.Theories()
		if len(ths) != 1 || ths[0].Formula != model.FormulaDeterministic || len(ths[0].Values) != c.metrics {
			t.Errorf("%s: theories %+v, want %s with %d values", c.name, ths, model.FormulaDeterministic, c.metrics)
			continue
		}
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, 1, 1))
		for _, v := range ths[0].Values {
			got := sum.SKUs[0].Metrics[v.Metric].Mean
			t.Logf("%s %s: theory %.6g, simulated %.6g", c.name, model.Metrics[v.Metric].Key, v.Value, got)
			if math.Abs(got-v.Value) > 1e-3*max(1, math.Abs(v.Value)) {
				t.Errorf("%s %s: simulated %v, theory %v", c.name, model.Metrics[v.Metric].Key, got, v.Value)
			}
		}
	}
}
