package model_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestForecastCSL is the first signature test of the forecast policy: under
// stationary Poisson demand it learns the demand and its achieved cycle
// service level approaches its target.
//
// With demand known, r = ceil(λL + z√(λL)) for λ = 8, L = 4 (mean 32)
// gives 38 at 0.85 (P(D ≤ 38) = 0.874) and 42 at 0.95 (0.959): rounding up
// and the Poisson's shape put the achieved CSL 0.01-0.03 above the
// target. The forecast adds its own error: exponential smoothing with
// α = 0.05 has a standard deviation of √(α/(2−α)) = 0.16 of the daily
// demand's, so the lead-time forecast varies by about 0.16·√8·4 ≈ 1.8 units,
// which lowers the CSL by about as much as rounding raises it. So the test
// asks for the target within ±0.03, against a 95% half-width of about 0.01.
// Starting from a wrong forecast (6 a day, sd 1), 500 days of warm-up
// forget it.
func TestForecastCSL(t *testing.T) {
	if testing.Short() {
		t.Skip("long-run statistical check")
	}
	for _, target := range []float64{0.85, 0.95} {
		p := model.MustForecast(t, 0.05, 0, target, 6, 1, 4, 0, 40)
		net := model.ForecastNet(t, p, 8, nil, 80, 20500, 500)
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, theoryReps, 0))
		got := sum.SKUs[0].Metrics[model.MCycleServiceLevel]
		t.Logf("target %.2f: CSL %.4f ± %.4f; at the horizon %v", target, got.Mean, got.HalfWidth, sum.SKUs[0].PolicyEnd)
		if math.Abs(got.Mean-target) > 0.03 {
			t.Errorf("target %.2f: CSL = %.4f ± %.4f, want within 0.03", target, got.Mean, got.HalfWidth)
		}
		end := sum.SKUs[0].PolicyEnd
		if f := end[4].Value; end[4].Name != "forecast" || math.Abs(f-8) > 0.5 {
			t.Errorf("forecast at the horizon = %v %v, want about 8", end[4].Name, f)
		}
	}
}

// TestForecastAdapts is the second signature test: when demand doubles on
// day 400 (a promotion that lasts), the forecast policy's reorder point
// rises and its service recovers, while a fixed (r, Q) with the same
// starting reorder point keeps it and fails its customers.
func TestForecastAdapts(t *testing.T) {
	step := &model.Profile{Promotions: []model.Promotion{{Start: 400, Days: 1 << 40, Multiplier: 2}}}
	fc := model.MustForecast(t, 0.05, 0, 0.95, 8, math.Sqrt(8), 4, 0, 40)
	r0 := fc.CurrentLevel()
	fixed := &model.RQ{R: r0, Q: 40}
	// measure from day 500, 100 days after the step
	const reps, horizon, warmup = 10, 2500, 500
	fnet := model.ForecastNet(t, fc, 8, step, r0+40, horizon, warmup)
	rnet := model.ForecastNet(t, fixed, 8, step, r0+40, horizon, warmup)
	fs := stats.Summarize(fnet, 1, model.RunAll(fnet, 1, reps, 0)).SKUs[0]
	rs := stats.Summarize(rnet, 1, model.RunAll(rnet, 1, reps, 0)).SKUs[0]
	rEnd := fs.PolicyEnd[2]
	t.Logf("reorder point %d at the start, %.1f at the horizon (demand 16 a day: 64 + 1.645 sqrt(64) = 77.2)", r0, rEnd.Value)
	t.Logf("CSL forecast %.3f ± %.3f, fixed (r, Q) %.3f ± %.3f", fs.Metrics[model.MCycleServiceLevel].Mean, fs.Metrics[model.MCycleServiceLevel].HalfWidth,
		rs.Metrics[model.MCycleServiceLevel].Mean, rs.Metrics[model.MCycleServiceLevel].HalfWidth)
	t.Logf("fill rate forecast %.3f, fixed %.3f", fs.Metrics[model.MFillRate].Mean, rs.Metrics[model.MFillRate].Mean)
	if rEnd.Name != "reorder_point" || rEnd.Value < 70 || rEnd.Value > 85 {
		t.Errorf("reorder point at the horizon = %s %v, want about 78 (from %d)", rEnd.Name, rEnd.Value, r0)
	}
	if csl := fs.Metrics[model.MCycleServiceLevel].Mean; csl < 0.9 {
		t.Errorf("forecast CSL after the step = %.3f, want >= 0.9", csl)
	}
	if csl := rs.Metrics[model.MCycleServiceLevel].Mean; csl > 0.2 {
		t.Errorf("fixed (r, Q) CSL after the step = %.3f, want <= 0.2: it should not adapt", csl)
	}
}
