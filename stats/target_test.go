package stats_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestTargetCheck checks the verdicts on a target of 0.95.
func TestTargetCheck(t *testing.T) {
	tg := model.Target{Metric: model.MCycleServiceLevel, Value: 0.95}
	for _, c := range []struct {
		e    stats.Estimate
		want stats.Verdict
	}{
		{stats.Estimate{0.951, 0.004, 10}, stats.TargetMet},
		{stats.Estimate{0.95, 0.1, 10}, stats.TargetMet},
		{stats.Estimate{0.94, 0.011, 10}, stats.TargetWithinNoise},
		{stats.Estimate{0.94, 0.01, 10}, stats.TargetWithinNoise}, // the interval reaches the target
		{stats.Estimate{0.94, 0.009, 10}, stats.TargetMissed},
		{stats.Estimate{0.73, 0.006, 10}, stats.TargetMissed},
		{stats.Estimate{0.96, math.NaN(), 1}, stats.TargetMet},
		{stats.Estimate{0.5, math.NaN(), 1}, stats.TargetUndetermined},
		{stats.Estimate{math.NaN(), math.NaN(), 0}, stats.TargetUndetermined},
	} {
		if got := stats.CheckTarget(tg, c.e); got != c.want {
			t.Errorf("CheckTarget(%+v) = %v, want %v", c.e, got, c.want)
		}
	}
	k := stats.SKUSummary{Policy: model.PolicyInfo{Type: "rq"}}
	if _, ok := k.TargetCheck(); ok {
		t.Error("an rq policy has a target")
	}
	p, _ := model.NewSafetyStock(model.FillRate, 0.98, 10, 3, 2, 0, 1, 0)
	k = stats.SKUSummary{Policy: p.Describe()}
	k.Metrics[model.MFillRate] = stats.Estimate{0.97, 0.005, 10}
	if tc, ok := k.TargetCheck(); !ok || tc.Metric != model.MFillRate || tc.Value != 0.98 || tc.Verdict != stats.TargetMissed {
		t.Errorf("TargetCheck = %+v, %v; want fill rate 0.98 missed", tc, ok)
	}
}
