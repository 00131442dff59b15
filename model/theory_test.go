package model

import (
	"math"
	"testing"

	"scsim/internal/theory"
)

// Checks against inventory theory where it is exact. Each case runs a fixed
// number of replications with a fixed seed and asserts that the exact value
// lies inside the simulation's own 95% confidence interval, as a user
// would check it. The z-scores are logged with -v.

// rqPoisson and erlangB are the exact results of package theory:
// [theory.RQPoisson] (Hadley and Whitin 1963) and [theory.ErlangB].
var (
	rqPoisson = theory.RQPoisson
	erlangB   = theory.ErlangB
)

func TestTheoryFormulas(t *testing.T) {
	// Figures from the peer benchmark's own derivation of PB1.
	fill, oh, bo := rqPoisson(32, 36, 40)
	fill1, oh1, bo1 := rqPoisson(6, -1, 1)
	_, _, bo2 := rqPoisson(6, -2, 2)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"fill", fill, 0.979252}, {"on-hand", oh, 24.552959}, {"backorders", bo, 0.052959},
		{"erlang B(1,1)", erlangB(1, 1), 0.5}, {"erlang B(2,1)", erlangB(2, 1), 0.2},
		// r = -1, Q = 1: the position is 0, so nothing is ever on hand and
		// the lead-time demand, mean 6, is all backordered
		{"fill r=-1", fill1, 0}, {"on-hand r=-1", oh1, 0}, {"backorders r=-1", bo1, 6},
		// r = -2, Q = 2: positions -1 and 0, backorders m + 1/2
		{"backorders r=-2,Q=2", bo2, 6.5},
	} {
		if math.Abs(c.got-c.want) > 5e-7 {
			t.Errorf("%s = %.7f, want %.7f", c.name, c.got, c.want)
		}
	}
}
