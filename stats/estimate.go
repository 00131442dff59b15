package stats

import (
	"math"
	"sync"

	"scsim/model"

	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a metric's mean over replications with the half-width of its
// 95% confidence interval (Student t with N−1 degrees of freedom).
// Replications in which the metric is undefined (NaN) are left out, so N can
// be less than the number of replications. With N < 2 the half-width is NaN;
// with N = 0 the mean is NaN too.
type Estimate struct {
	Mean, HalfWidth float64
	N               int
}

// Confidence is the two-sided level of every reported interval.
const Confidence = 0.95

// estimates computes an Estimate per metric over replications, reading
// the values in place.
func estimates(reps [][model.NumMetrics]float64) [model.NumMetrics]Estimate {
	var out [model.NumMetrics]Estimate
	for m := range out {
		out[m] = estimate(column{reps, m})
	}
	return out
}

// Estimate95 returns the mean of xs and the half-width of its 95%
// confidence interval, t(0.975, n−1) · s / √n with s the sample standard
// deviation.
func Estimate95(xs []float64) Estimate { return estimate(values(xs)) }

// sample is what [estimate] reads: n values, each defined or not, read
// in place.
type sample interface {
	len() int
	at(i int) (x float64, ok bool)
}

// values is a sample of every x in it.
type values []float64

func (v values) len() int                 { return len(v) }
func (v values) at(i int) (float64, bool) { return v[i], true }

// column is the sample of metric m over replications, NaNs left out.
type column struct {
	reps [][model.NumMetrics]float64
	m    int
}

func (c column) len() int { return len(c.reps) }
func (c column) at(i int) (float64, bool) {
	x := c.reps[i][c.m]
	return x, !math.IsNaN(x)
}

// estimate is [Estimate95] of the defined values of s, which it reads
// twice (the mean, then the squared deviations from it) and never
// collects.
func estimate[S sample](s S) Estimate {
	n := 0
	var mean float64
	for i := range s.len() {
		if x, ok := s.at(i); ok {
			mean += x
			n++
		}
	}
	e := Estimate{Mean: math.NaN(), HalfWidth: math.NaN(), N: n}
	if n == 0 {
		return e
	}
	mean /= float64(n)
	e.Mean = mean
	if n < 2 {
		return e
	}
	var ss float64
	for i := range s.len() {
		if x, ok := s.at(i); ok {
			ss += (x - mean) * (x - mean)
		}
	}
	sd := math.Sqrt(ss / float64(n-1))
	e.HalfWidth = tQuantile(n-1) * sd / math.Sqrt(float64(n))
	return e
}

// tQuantiles caches tQuantile by degrees of freedom: a summary asks for
// the same few thousands of times.
var tQuantiles sync.Map

// tQuantile returns the two-sided [Confidence] quantile of Student's t
// with nu degrees of freedom, t(0.975, nu).
func tQuantile(nu int) float64 {
	if t, ok := tQuantiles.Load(nu); ok {
		return t.(float64)
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(nu)}.Quantile(1 - (1-Confidence)/2)
	tQuantiles.Store(nu, t)
	return t
}
