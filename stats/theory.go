package stats

import "math"

// TheoryInside reports whether the theory's value v lies inside the
// confidence interval of the simulated estimate est, and whether that can
// be told: an estimate of one replication has no interval. The interval
// is widened to 9 digits of v, so that a deterministic run (a half-width
// of 0, or of rounding noise) is inside when it equals v to 9 digits.
func TheoryInside(est Estimate, v float64) (inside, known bool) {
	switch hw := est.HalfWidth; {
	case math.IsNaN(est.Mean) || math.IsNaN(v) || math.IsNaN(hw):
		return false, false
	default:
		return math.Abs(est.Mean-v) <= max(hw, 1e-9*max(1, math.Abs(v))), true
	}
}
