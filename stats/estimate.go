package stats

import (
	"math"

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

// estimates computes an Estimate per metric over replications.
func estimates(reps [][model.NumMetrics]float64) [model.NumMetrics]Estimate {
	var out [model.NumMetrics]Estimate
	xs := make([]float64, 0, len(reps))
	for m := range out {
		xs = xs[:0]
		for _, v := range reps {
			if !math.IsNaN(v[m]) {
				xs = append(xs, v[m])
			}
		}
		out[m] = Estimate95(xs)
	}
	return out
}

// Estimate95 returns the mean of xs and the half-width of its 95%
// confidence interval, t(0.975, n−1) · s / √n with s the sample standard
// deviation.
func Estimate95(xs []float64) Estimate {
	n := len(xs)
	e := Estimate{Mean: math.NaN(), HalfWidth: math.NaN(), N: n}
	if n == 0 {
		return e
	}
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(n)
	e.Mean = mean
	if n < 2 {
		return e
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-Confidence)/2)
	e.HalfWidth = t * sd / math.Sqrt(float64(n))
	return e
}
