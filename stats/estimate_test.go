package stats_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestEstimate95 checks the mean and half-width against values computed
// by hand: for 1, 2, 3, 4, 5 the mean is 3, the sample standard deviation
// √2.5 and t(0.975, 4) = 2.776445, so the half-width is
// 2.776445·√2.5/√5 = 1.963243.
func TestEstimate95(t *testing.T) {
	e := stats.Estimate95([]float64{1, 2, 3, 4, 5})
	if e.N != 5 || e.Mean != 3 || math.Abs(e.HalfWidth-1.963243) > 1e-6 {
		t.Errorf("Estimate95(1..5) = %+v, want mean 3 ± 1.963243 over 5", e)
	}
	// two values: t(0.975, 1) = 12.706205, s = √2·0.5
	e = stats.Estimate95([]float64{10, 11})
	if want := 12.706205 * math.Sqrt(0.5) / math.Sqrt(2); e.Mean != 10.5 || math.Abs(e.HalfWidth-want) > 1e-5 {
		t.Errorf("Estimate95(10, 11) = %+v, want 10.5 ± %v", e, want)
	}
	if e := stats.Estimate95([]float64{7}); e.Mean != 7 || !math.IsNaN(e.HalfWidth) || e.N != 1 {
		t.Errorf("one value: %+v, want mean 7, no interval", e)
	}
	if e := stats.Estimate95(nil); !math.IsNaN(e.Mean) || !math.IsNaN(e.HalfWidth) || e.N != 0 {
		t.Errorf("no value: %+v, want NaN, NaN, 0", e)
	}
}

// TestPairedDiffs checks paired differences by hand: replications where
// either side is undefined are left out, a constant shift has a zero
// half-width and is significant, and noise that cancels out is not.
func TestPairedDiffs(t *testing.T) {
	a := make([][model.NumMetrics]float64, 4)
	b := make([][model.NumMetrics]float64, 4)
	for r := range a {
		// fill rate: a is b + 0.1 in every replication
		b[r][model.MFillRate] = 0.5 + 0.1*float64(r)
		a[r][model.MFillRate] = b[r][model.MFillRate] + 0.1
		// demand: differences +1, −1, +1, −1
		a[r][model.MDemandUnits] = float64(r % 2)
		b[r][model.MDemandUnits] = float64(1 - r%2)
	}
	a[3][model.MWaitMean] = math.NaN()
	for r := range 3 {
		a[r][model.MWaitMean] = float64(r + 2)
		b[r][model.MWaitMean] = float64(2*r + 1)
	}
	d := stats.PairedDiffs(a, b)
	if f := d[model.MFillRate]; math.Abs(f.Mean-0.1) > 1e-12 || f.HalfWidth > 1e-12 || f.N != 4 || !f.Significant {
		t.Errorf("fill rate diff %+v, want 0.1 ± 0 over 4, significant", f)
	}
	// mean 0, s = √(4/3), t(0.975, 3) = 3.182446: ± 3.182446·√(4/3)/2
	if u := d[model.MDemandUnits]; u.Mean != 0 || math.Abs(u.HalfWidth-3.182446*math.Sqrt(4.0/3)/2) > 1e-5 || u.Significant {
		t.Errorf("demand diff %+v, want 0 ± 1.837, not significant", u)
	}
	// differences 1, 0, −1 over the 3 replications both define
	if w := d[model.MWaitMean]; w.N != 3 || w.Mean != 0 {
		t.Errorf("wait diff %+v, want mean 0 over 3", w)
	}
	// a shorter side pairs only the replications both have
	if n := stats.PairedDiffs(a[:2], b)[model.MFillRate].N; n != 2 {
		t.Errorf("pairs with 2 replications on one side: %d, want 2", n)
	}
}
