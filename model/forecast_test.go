package model

import (
	"math"
	"testing"
)

func mustForecast(tb testing.TB, alpha float64, window int, level, f0, sd0, lead, period float64, q int64) *Forecast {
	tb.Helper()
	p, err := NewForecast(alpha, window, level, f0, sd0, lead, 0, period, q)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestForecastUpdates checks the forecast arithmetic day by day.
func TestForecastUpdates(t *testing.T) {
	t.Run("exponential smoothing", func(t *testing.T) {
		p := mustForecast(t, 0.5, 0, 0.5, 10, 2, 4, 0, 5) // z = 0
		if p.level != 40 {
			t.Errorf("initial level = %d, want 10 x 4", p.level)
		}
		l := p.Fresh().(*Forecast)
		l.Observe(0.5, 14) // day 0: 14
		l.Observe(0.7, 2)  // day 0: 16 in all
		l.Observe(2.5, 0)  // closes day 0 (e = 6) and day 1 (0, e = -13)
		if want := 13 + 0.5*(0-13.0); math.Abs(l.f-want) > 1e-12 {
			t.Errorf("forecast = %v, want %v", l.f, want)
		}
		mse := 4 + 0.5*(36-4.0)
		mse += 0.5 * (169 - mse)
		if math.Abs(l.mse-mse) > 1e-12 || l.level != int64(math.Ceil(4*6.5)) {
			t.Errorf("mse, level = %v, %d, want %v, %d", l.mse, l.level, mse, int64(math.Ceil(26)))
		}
		if p.f != 10 || p.level != 40 {
			t.Errorf("Fresh's copy changed the original: forecast %v, level %d", p.f, p.level)
		}
	})
	t.Run("moving average", func(t *testing.T) {
		p := mustForecast(t, 0, 3, 0.95, 10, 0, 2, 1, 0).Fresh().(*Forecast)
		for d, x := range []int64{13, 16, 19, 7} {
			p.Observe(float64(d)+0.5, x)
		}
		p.Observe(4, 0)
		if want := (16 + 19 + 7) / 3.0; math.Abs(p.f-want) > 1e-12 {
			t.Errorf("forecast = %v, want %v", p.f, want)
		}
		// one-step errors: 13-10, 16-11, 19-13, 7-16
		if want := (25 + 36 + 81) / 3.0; math.Abs(p.mse-want) > 1e-12 {
			t.Errorf("mse = %v, want %v", p.mse, want)
		}
		want := int64(math.Ceil(14*3 + p.Z*math.Sqrt(3*142/3.0) - 1e-9))
		if p.level != want {
			t.Errorf("order-up-to level = %d, want %d", p.level, want)
		}
	})
}

// forecastNet is one store under policy p facing unit Poisson demand of
// rate lambda (with an optional profile), lead time 4.
func forecastNet(tb testing.TB, p Policy, lambda float64, prof *Profile, initial int64, horizon, warmup float64) *Network {
	net := rqNet(tb, lambda, Const(4), p, initial, Backorder, horizon, warmup)
	net.Sites[0].Stocks[0].Demand[0].Profile = prof
	return net
}

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
		p := mustForecast(t, 0.05, 0, target, 6, 1, 4, 0, 40)
		net := forecastNet(t, p, 8, nil, 80, 20500, 500)
		sum := Summarize(net, 1, RunAll(net, 1, theoryReps, 0))
		got := sum.SKUs[0].Metrics[MCycleServiceLevel]
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
	step := &Profile{Promotions: []Promotion{{Start: 400, Days: 1 << 40, Multiplier: 2}}}
	fc := mustForecast(t, 0.05, 0, 0.95, 8, math.Sqrt(8), 4, 0, 40)
	r0 := fc.CurrentLevel()
	fixed := &RQ{R: r0, Q: 40}
	// measure from day 500, 100 days after the step
	const reps, horizon, warmup = 10, 2500, 500
	fnet := forecastNet(t, fc, 8, step, r0+40, horizon, warmup)
	rnet := forecastNet(t, fixed, 8, step, r0+40, horizon, warmup)
	fs := Summarize(fnet, 1, RunAll(fnet, 1, reps, 0)).SKUs[0]
	rs := Summarize(rnet, 1, RunAll(rnet, 1, reps, 0)).SKUs[0]
	rEnd := fs.PolicyEnd[2]
	t.Logf("reorder point %d at the start, %.1f at the horizon (demand 16 a day: 64 + 1.645 sqrt(64) = 77.2)", r0, rEnd.Value)
	t.Logf("CSL forecast %.3f ± %.3f, fixed (r, Q) %.3f ± %.3f", fs.Metrics[MCycleServiceLevel].Mean, fs.Metrics[MCycleServiceLevel].HalfWidth,
		rs.Metrics[MCycleServiceLevel].Mean, rs.Metrics[MCycleServiceLevel].HalfWidth)
	t.Logf("fill rate forecast %.3f, fixed %.3f", fs.Metrics[MFillRate].Mean, rs.Metrics[MFillRate].Mean)
	if rEnd.Name != "reorder_point" || rEnd.Value < 70 || rEnd.Value > 85 {
		t.Errorf("reorder point at the horizon = %s %v, want about 78 (from %d)", rEnd.Name, rEnd.Value, r0)
	}
	if csl := fs.Metrics[MCycleServiceLevel].Mean; csl < 0.9 {
		t.Errorf("forecast CSL after the step = %.3f, want >= 0.9", csl)
	}
	if csl := rs.Metrics[MCycleServiceLevel].Mean; csl > 0.2 {
		t.Errorf("fixed (r, Q) CSL after the step = %.3f, want <= 0.2: it should not adapt", csl)
	}
}

// TestForecastRunsIndependently checks that replications run on their own
// copies: the network's policy is unchanged and results do not depend on
// the number of workers.
func TestForecastRunsIndependently(t *testing.T) {
	p := mustForecast(t, 0, 14, 0.9, 8, 3, 4, 0, 40)
	net := forecastNet(t, p, 10, nil, 80, 400, 0)
	a := RunAll(net, 3, 4, 1)
	b := RunAll(net, 3, 4, 4)
	for i := range a {
		if a[i].SKUs[0].DemandUnits != b[i].SKUs[0].DemandUnits || a[i].SKUs[0].OrdersPlaced != b[i].SKUs[0].OrdersPlaced ||
			a[i].PolicyEnd[0][2] != b[i].PolicyEnd[0][2] {
			t.Errorf("replication %d differs between 1 and 4 workers", i)
		}
	}
	if p.f != 8 || p.daysClosed != 0 {
		t.Errorf("the network's policy changed: forecast %v after %d days", p.f, p.daysClosed)
	}
}

func TestForecastEventAllocs(t *testing.T) {
	for _, p := range []*Forecast{mustForecast(t, 0.1, 0, 0.9, 8, 3, 4, 0, 40), mustForecast(t, 0, 28, 0.9, 8, 3, 4, 1, 0)} {
		_, s := start(forecastNet(t, p, 8, testProfile(), 80, 1e9, 0), 1, 0)
		for range 100000 {
			s.Step()
		}
		if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
			t.Errorf("an event allocates %v times, want 0", n)
		}
	}
}
