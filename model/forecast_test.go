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
