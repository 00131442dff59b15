package model

import (
	"fmt"
	"math"
)

// LevelDemand is the demand a derived level protects against when some of
// it follows a [Profile]: a site-item's customer streams with profiles,
// kept by stream so that the demand expected over any window of time can
// be worked out, and the rest of the demand reaching the site-item (the
// orders of the site-items it supplies, its streams without a profile),
// taken as stationary. It is read-only during runs.
type LevelDemand struct {
	Streams []WindowStream
	// Mean and Variance of the rest, per day.
	Mean, Variance float64
}

// WindowStream is one profiled stream of a [LevelDemand].
type WindowStream struct {
	// Mean and Variance per day before the profile
	// ([Demand.MeanPerDay], [Demand.VariancePerDay]).
	Mean, Variance float64
	// Quadratic says the day's variance scales with the square of the
	// day's factor m (a daily quantity whose draw is multiplied by m); it
	// scales with m itself for arrivals (a non-homogeneous compound
	// Poisson process) and for a Poisson daily quantity.
	Quadratic bool
	Profile   *Profile
}

// Window returns the mean and variance of the demand over the days of
// [a, b]: for each profiled stream, Mean·∫m and Variance·∫m (or ·∫m²), the
// exact moments of a non-homogeneous compound Poisson process whose rate
// is constant within each day; plus the rest's Mean·(b − a) and
// Variance·(b − a). A daily quantity counts by the share of its day
// inside the window. It allocates nothing.
func (ld *LevelDemand) Window(a, b float64) (mean, variance float64) {
	for i := range ld.Streams {
		s := &ld.Streams[i]
		f, f2 := s.Profile.Integral(a, b)
		mean += s.Mean * f
		if s.Quadratic {
			variance += s.Variance * f2
		} else {
			variance += s.Variance * f
		}
	}
	mean += ld.Mean * (b - a)
	variance += ld.Variance * (b - a)
	return mean, max(variance, 0)
}

// LevelDemand returns the demand of site-item sku (an index into
// [Network.SKUs]) for a level that follows the profiles of its customer
// streams, or nil when none of them has a profile. mean and variance are
// the site-item's from [Network.DemandRate]: what its profiled streams do
// not account for is the stationary rest.
func (n *Network) LevelDemand(sku int, mean, variance float64) (*LevelDemand, error) {
	ref := n.SKUs()[sku]
	ld := &LevelDemand{Mean: mean, Variance: variance}
	for i := range n.Sites[ref.Site].Stocks[ref.Stock].Demand {
		d := &n.Sites[ref.Site].Stocks[ref.Stock].Demand[i]
		if d.Profile == nil || d.History != nil {
			continue
		}
		if err := d.Profile.Validate(); err != nil {
			return nil, fmt.Errorf("%s: demand %s: %w", ref.Name, d.Name, err)
		}
		m, v := d.Moments(int64(math.Ceil(n.Horizon)))
		ld.Mean -= m
		ld.Variance -= v
		ws := WindowStream{Mean: d.MeanPerDay(), Variance: d.VariancePerDay(), Profile: d.Profile}
		if d.IsDaily() {
			ws.Quadratic = d.Daily.Kind != Poisson
		}
		ld.Streams = append(ld.Streams, ws)
	}
	if ld.Streams == nil {
		return nil, nil
	}
	// the rest is a difference of sums: keep rounding from making it negative
	if ld.Mean < 1e-9*mean {
		ld.Mean = 0
	}
	if ld.Variance < 1e-9*variance {
		ld.Variance = 0
	}
	return ld, nil
}

// replicated is implemented by policies with state of their own during a
// run (a cache of the level in force): each replication runs on its own
// copy, made by fresh at its start, so that the Network's policy is never
// written.
type replicated interface {
	fresh() Policy
}

// maxScan bounds how many times over the horizon a profile-following
// policy works out its level to report its range.
const maxScan = 20000

// scanTimes calls f at the times at which a policy with review period
// period (0: continuous, a level per day) sets its level over [0,
// horizon), at most maxScan of them, evenly spread.
func scanTimes(horizon, period float64, f func(t float64)) {
	step := period
	if step == 0 {
		step = 1
	}
	n := int(math.Ceil(horizon / step))
	stride := max(1, (n+maxScan-1)/maxScan)
	for i := 0; i < n; i += stride {
		f(float64(i) * step)
	}
}

// clampLevel rounds a derived level x up to whole units within ±maxLevel.
func clampLevel(x float64) int64 {
	return int64(max(-maxLevel, min(math.Ceil(x-1e-9), maxLevel)))
}
