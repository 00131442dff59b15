package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Learner is implemented by policies that learn from the demand their
// site-item observes. A Network's policy is shared by every replication,
// so each replication runs on its own copy, made by Fresh at its start;
// the runner then reports every order reaching the site-item (from
// customers and from the site-items it supplies) to Observe, and calls
// Observe(now, 0) before each review, so that the policy has closed every
// day before now.
type Learner interface {
	Policy
	// Fresh returns a copy of the policy in its initial state.
	Fresh() Learner
	// Observe books units of demand at time t (days, never decreasing).
	Observe(t float64, units int64)
}

var _ Learner = (*Forecast)(nil)

// Forecast is a replenishment policy whose level follows a forecast of
// the daily demand observed at its site-item. At the end of each day d
// with demand x_d it updates its one-step forecast f and the mean squared
// one-step error s² (e = x_d − f, the forecast made before day d):
//
//	exponential smoothing (Alpha > 0):  f ← f + α·e,  s² ← s² + α·(e² − s²)
//	moving average (Window N):          f = mean of the last N days, s² = mean of the last N e²
//
// starting from f = InitialForecast and s = InitialSD (the moving average's
// window starts full of them). Its level is then set as [SafetyStock]'s,
// from the forecast instead of a known mean: over the protection period
// T = L (continuous review) or L + Period (periodic review),
//
//	σ = √(T·s² + f²·σL²),  level = ceil(f·T + z·σ),  z = Φ⁻¹(Level)
//
// a reorder point (ordering multiples of Q) under continuous review, an
// order-up-to level under periodic review. The level changes only when a
// day closes, at the first review or order of a later day.
type Forecast struct {
	Alpha  float64 // smoothing constant in (0, 1]; 0 for a moving average
	Window int     // moving-average window in days (>= 1) when Alpha is 0
	Level  float64 // target cycle service level, in (0, 1)
	Z      float64 // derived: Φ⁻¹(Level)
	// InitialForecast and InitialSD are the warm start, units per day.
	InitialForecast, InitialSD float64
	LeadTime, LeadSD           float64 // L and σL, days
	Period                     float64 // review period in days; 0 for continuous review
	Q                          int64   // order quantity, continuous review

	// the state of one replication
	f, mse     float64   // forecast and mean squared one-step error
	hist, errs []float64 // moving average: the last Window demands and squared errors
	next       int       // moving average: the ring's oldest slot
	day        int64     // the day being observed
	today      int64     // its demand so far
	level      int64     // the current reorder point or order-up-to level
	sigma      float64   // the current σ over the protection period
	daysClosed int64     // days observed
}

// maxLevel bounds a forecast policy's level, in units, so that orders fit
// the engine's 32-bit quantities whatever the demand.
const maxLevel = 1e9

// NewForecast returns a forecast policy in its initial state: exponential
// smoothing with alpha > 0, else a moving average over window days; q is
// the order quantity under continuous review (period 0) and is ignored
// under periodic review.
func NewForecast(alpha float64, window int, level, initialForecast, initialSD, leadTime, leadSD, period float64, q int64) (*Forecast, error) {
	switch {
	case !(alpha >= 0 && alpha <= 1) || (alpha == 0 && window < 1):
		return nil, fmt.Errorf("forecast needs alpha in (0, 1] or a window >= 1 day, got alpha %v, window %d", alpha, window)
	case !(level > 0 && level < 1):
		return nil, fmt.Errorf("the service target must be in (0, 1), got %v", level)
	case !(initialForecast >= 0 && initialSD >= 0 && leadTime >= 0 && leadSD >= 0 && period >= 0) ||
		math.IsInf(initialForecast+initialSD+leadTime+leadSD+period, 0):
		return nil, fmt.Errorf("forecast needs a finite initial forecast, initial sd, lead time, lead-time sd and review period >= 0")
	case period == 0 && q < 1:
		return nil, fmt.Errorf("forecast under continuous review needs an order quantity >= 1, got %d", q)
	}
	p := &Forecast{Alpha: alpha, Window: window, Level: level, InitialForecast: initialForecast, InitialSD: initialSD,
		LeadTime: leadTime, LeadSD: leadSD, Period: period, Q: q}
	if alpha > 0 {
		p.Window = 0
	}
	p.Z = distuv.UnitNormal.Quantile(level)
	p.reset()
	return p, nil
}

// reset puts the policy in its initial state.
func (p *Forecast) reset() {
	p.f, p.mse = p.InitialForecast, p.InitialSD*p.InitialSD
	p.day, p.today, p.daysClosed, p.next = 0, 0, 0, 0
	if p.Alpha == 0 {
		p.hist, p.errs = make([]float64, p.Window), make([]float64, p.Window)
		for i := range p.hist {
			p.hist[i], p.errs[i] = p.f, p.mse
		}
	}
	p.setLevel()
}

// Fresh implements [Learner].
func (p *Forecast) Fresh() Learner {
	c := *p
	c.reset()
	return &c
}

// Observe implements [Learner]. It is O(days closed) and allocates
// nothing.
func (p *Forecast) Observe(t float64, units int64) {
	if d := int64(t); d > p.day {
		for p.day < d {
			p.close(float64(p.today))
			p.today = 0
			p.day++
		}
		p.setLevel()
	}
	p.today += units
}

// close updates the forecast with a whole day's demand x.
func (p *Forecast) close(x float64) {
	e := x - p.f
	p.daysClosed++
	if p.Alpha > 0 {
		p.f += p.Alpha * e
		p.mse += p.Alpha * (e*e - p.mse)
		return
	}
	n := float64(p.Window)
	// sliding sums, recomputed from the ring now and then so that
	// rounding does not accumulate
	p.f += (x - p.hist[p.next]) / n
	p.mse += (e*e - p.errs[p.next]) / n
	p.hist[p.next], p.errs[p.next] = x, e*e
	if p.next++; p.next == p.Window {
		p.next = 0
		var f, m float64
		for i := range p.hist {
			f += p.hist[i]
			m += p.errs[i]
		}
		p.f, p.mse = f/n, m/n
	}
	p.mse = max(p.mse, 0)
}

// setLevel derives the level from the current forecast.
func (p *Forecast) setLevel() {
	t := p.LeadTime + p.Period
	p.sigma = math.Sqrt(t*p.mse + p.f*p.f*p.LeadSD*p.LeadSD)
	x := math.Ceil(p.f*t + p.Z*p.sigma - 1e-9)
	p.level = int64(max(0, min(x, maxLevel)))
}

// Order implements [Policy]: (r, Q) with the current reorder point under
// continuous review, order-up-to the current level under periodic review.
func (p *Forecast) Order(pos Position) int64 {
	return levelOrder(pos, p.Period > 0, p.level, p.level, p.Q)
}

// ReviewPeriod implements [Policy].
func (p *Forecast) ReviewPeriod() float64 { return p.Period }

// CurrentLevel returns the current reorder point (continuous review) or
// order-up-to level (periodic review), in units.
func (p *Forecast) CurrentLevel() int64 { return p.level }

// Describe implements [Policy]: the parameters and the current forecast,
// error and level (for a Network's policy, the initial ones).
func (p *Forecast) Describe() PolicyInfo {
	params := []Param{{"cycle_service_level", p.Level}}
	if p.Alpha > 0 {
		params = append(params, Param{"alpha", p.Alpha})
	} else {
		params = append(params, Param{"window", float64(p.Window)})
	}
	if p.Period > 0 {
		params = append(params, Param{"order_up_to", float64(p.level)}, Param{"review_period", p.Period})
	} else {
		params = append(params, Param{"reorder_point", float64(p.level)}, Param{"order_quantity", float64(p.Q)})
	}
	rev, _ := review(p.Period)
	return PolicyInfo{Type: "forecast", Review: rev, Params: append(params,
		Param{"forecast", p.f}, Param{"error_sd", math.Sqrt(p.mse)}, Param{"sigma", p.sigma}, Param{"z", p.Z}, Param{"lead_time", p.LeadTime}),
		Target: &Target{Metric: MCycleServiceLevel, Value: p.Level}}
}
