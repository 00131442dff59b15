package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// exactRank is the nearest-rank q-quantile of xs, computed by sorting.
func exactRank(xs []float64, q float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// TestWaitHistQuantile checks quantiles read from the histogram against
// the exact nearest rank of the same waits: within WaitRelErr (< 1%) for
// waits of very different spreads, exact count, mean, min and max.
func TestWaitHistQuantile(t *testing.T) {
	if !(WaitRelErr < 0.01) {
		t.Fatalf("WaitRelErr = %v, want < 1%%", WaitRelErr)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, tt := range []struct {
		name string
		draw func() float64
	}{
		{"exponential", func() float64 { return 2 * r.ExpFloat64() }},
		{"lognormal wide", func() float64 { return math.Exp(3 * r.NormFloat64()) }},
		{"uniform", func() float64 { return 3 + r.Float64() }},
		{"constant", func() float64 { return 4 }},
		{"tiny and zero", func() float64 { return float64(r.IntN(3)) * 1e-7 }},
	} {
		var h WaitHist
		xs := make([]float64, 20001)
		sum := 0.0
		for i := range xs {
			xs[i] = tt.draw()
			h.Record(xs[i])
			sum += xs[i]
		}
		if h.Count() != int64(len(xs)) || math.Abs(h.Mean()-sum/float64(len(xs))) > 1e-12*math.Abs(sum) {
			t.Errorf("%s: count %d mean %v, want %d and %v", tt.name, h.Count(), h.Mean(), len(xs), sum/float64(len(xs)))
		}
		if h.Max() != slices.Max(xs) || h.Min() != slices.Min(xs) {
			t.Errorf("%s: min %v max %v, want %v and %v", tt.name, h.Min(), h.Max(), slices.Min(xs), slices.Max(xs))
		}
		for _, q := range []float64{0.01, 0.5, 0.95, 0.99, 1} {
			got, want := h.Quantile(q), exactRank(xs, q)
			tol := WaitRelErr*want + 1e-12
			if want < WaitFloor {
				tol = WaitFloor
			}
			if math.Abs(got-want) > tol {
				t.Errorf("%s: quantile %v = %v, want %v within %v", tt.name, q, got, want, tol)
			}
		}
	}
	if got := (&WaitHist{}).Quantile(0.95); !math.IsNaN(got) {
		t.Errorf("quantile of no waits = %v, want NaN", got)
	}
	var h WaitHist
	h.Record(4)
	if got := h.Quantile(0.95); got != 4 {
		t.Errorf("one wait of 4: p95 %v, want exactly 4 (clamped to min and max)", got)
	}
}

// TestWaitHistAdd checks that histograms add: the sum of the histograms
// of two sets of waits reads the same quantiles as the histogram of both,
// and the sum shares no memory with its parts.
func TestWaitHistAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a, b, both WaitHist
	for i := range 5000 {
		w := math.Exp(2 * r.NormFloat64())
		if i%3 == 0 {
			w *= 100 // b's waits are longer: the buckets must widen
			b.Record(w)
		} else {
			a.Record(w)
		}
		both.Record(w)
	}
	var sum WaitHist
	sum.Add(&a)
	sum.Add(&b)
	for _, q := range []float64{0.1, 0.5, 0.95, 1} {
		if got, want := sum.Quantile(q), both.Quantile(q); got != want {
			t.Errorf("quantile %v of the sum = %v, of all the waits %v", q, got, want)
		}
	}
	if sum.Count() != both.Count() || sum.Max() != both.Max() || sum.Min() != both.Min() {
		t.Errorf("sum: %d waits in [%v, %v], want %d in [%v, %v]", sum.Count(), sum.Min(), sum.Max(), both.Count(), both.Min(), both.Max())
	}
	p95 := a.Quantile(0.95)
	sum.Add(&b)
	if a.Quantile(0.95) != p95 {
		t.Error("adding to the sum changed one of its parts")
	}
	c := a.Clone()
	c.Add(&b)
	if a.Count() == c.Count() || a.Quantile(0.95) != p95 {
		t.Error("adding to a clone changed the original")
	}
}

// TestWaitHistBounded checks that the memory of a histogram does not grow
// with the number of waits: a million waits spread over six orders of
// magnitude take the buckets of those six decades (about 116 each), with
// room to spare, and no more.
func TestWaitHistBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var h WaitHist
	for range 1_000_000 {
		h.Record(math.Pow(10, 6*r.Float64()-3))
	}
	perDecade := math.Log(10) / math.Log(WaitGrowth)
	if n := len(h.counts); float64(n) > 2*6*perDecade+64 {
		t.Errorf("%d buckets for waits over 6 decades, want at most %.0f", n, 2*6*perDecade+64)
	}
	if n := testing.AllocsPerRun(1000, func() { h.Record(1 + r.Float64()) }); n != 0 {
		t.Errorf("Record within the buckets allocates %v times", n)
	}
}
