package stats

import (
	"math"
	"testing"
)

// TestTheoryInside checks the verdict of a theory against a simulated
// interval: inside within the half-width, or within 9 digits of the value
// when the half-width is 0 or rounding noise (a deterministic run), and
// unknown without an interval.
func TestTheoryInside(t *testing.T) {
	for _, tt := range []struct {
		name          string
		est           Estimate
		v             float64
		inside, known bool
	}{
		{"within the half-width", Estimate{Mean: 0.95, HalfWidth: 0.01, N: 10}, 0.958, true, true},
		{"beyond the half-width", Estimate{Mean: 0.95, HalfWidth: 0.01, N: 10}, 0.962, false, true},
		{"deterministic, equal", Estimate{Mean: 7.48, HalfWidth: 0, N: 5}, 7.48, true, true},
		{"deterministic, rounding noise in mean and half-width", Estimate{Mean: 7.4800000000004605, HalfWidth: 1.23e-15, N: 5}, 7.480000000000001, true, true},
		{"deterministic, a start-up difference", Estimate{Mean: 0.85009, HalfWidth: 0, N: 5}, 0.85, false, true},
		{"one replication", Estimate{Mean: 0.95, HalfWidth: math.NaN(), N: 1}, 0.95, false, false},
		{"no theory", Estimate{Mean: 0.95, HalfWidth: 0.01, N: 10}, math.NaN(), false, false},
	} {
		if in, known := TheoryInside(tt.est, tt.v); in != tt.inside || known != tt.known {
			t.Errorf("%s: inside %v, known %v; want %v, %v", tt.name, in, known, tt.inside, tt.known)
		}
	}
}
