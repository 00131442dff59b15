package stats

import "math"

// TheoryInside reports whether the theory's value v lies inside the
// confidence interval of the simulated estimate est, and whether that can
// be told: an estimate of one replication has no interval. A deterministic
// run (a half-width of 0) is inside when it equals v to 9 digits.
func TheoryInside(est Estimate, v float64) (inside, known bool) {
	switch hw := est.HalfWidth; {
	case math.IsNaN(est.Mean) || math.IsNaN(v) || math.IsNaN(hw):
		return false, false
	case hw == 0:
		return math.Abs(est.Mean-v) <= 1e-9*max(1, math.Abs(v)), true
	default:
		return math.Abs(est.Mean-v) <= hw, true
	}
}
