package model

import (
	"testing"

	"scsim/sim"
)

// EventAllocs runs replication 0 of net for warm events, then returns the
// average allocations of each of the next n events (see
// TestBundledEventAllocs) and how many events it measured.
func EventAllocs(net *Network, warm, n int) (float64, int) {
	_, s := Compile(net).start(1, 0)
	for i := 0; i < warm && s.Step(); i++ {
	}
	steps := 0
	a := testing.AllocsPerRun(n, func() {
		if s.Step() {
			steps++
		}
	})
	return a, steps
}

// Helpers of the internal tests that the external ones (package
// model_test, which uses package stats) share.
var (
	PB1           = pb1
	RQNet         = rqNet
	CheckBalances = checkBalances
	WithCustomers = withCustomers
	ForecastNet   = forecastNet
	MustForecast  = mustForecast
	RQPoisson     = rqPoisson
	OneItem       = oneItem
	Follow        = follow
	PromoNet      = promoNet
	ErlangB       = erlangB
)

// RunAhead runs replication rep of net as [Plan.Run] does, or, without
// ahead, with every arrival queued (see runner.runAhead), and returns the
// result and how many arrivals were handled ahead.
func RunAhead(net *Network, seed uint64, rep int, ahead bool) (*Result, uint64) {
	r, s := Compile(net).start(seed, rep)
	if !ahead {
		for i := range r.streams {
			r.streams[i].flags &^= strAhead
		}
	}
	s.RunUntil(sim.Time(net.Horizon))
	return r.finish(s), r.ahead
}
