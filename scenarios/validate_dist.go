package scenarios

import (
	"fmt"
	"math"
)

// dist checks a distribution's parameters.
func (v *validator) dist(p string, d *Dist) {
	params, ok := distParams[d.Type]
	if !ok {
		v.errorf(p+".type", "unknown distribution type %q (%s)", d.Type, suggestOrList(d.Type, sortedKeys(distParams)))
		return
	}
	if v.s.pos != nil {
		if _, bare := v.s.pos.get2(p, ".type"); !bare && d.Type == "constant" {
			// A bare number: its one parameter is the value itself.
			if d.Value < 0 {
				v.errorf(p, "must be >= 0, got %s", num(d.Value))
			}
			return
		}
	}
	missing := false
	for _, f := range params {
		if f != "weights" && !v.given(p+"."+f, true) {
			v.errorf(p+"."+f, "required by distribution type %s", d.Type)
			missing = true
		}
	}
	if missing {
		return
	}
	switch d.Type {
	case "constant":
		v.nonnegAt(p, ".value", d.Value)
	case "uniform":
		v.nonnegAt(p, ".min", d.Min)
		if d.Max < d.Min {
			v.errorf(p+".max", "must be >= min (%s), got %s", num(d.Min), num(d.Max))
		}
	case "exponential":
		v.positiveAt(p, ".mean", d.Mean)
	case "poisson":
		v.nonnegAt(p, ".mean", d.Mean)
		if d.Mean > maxPoissonMean {
			v.errorf(p+".mean", "must be <= %g, got %s", float64(maxPoissonMean), num(d.Mean))
		}
	case "normal":
		v.nonnegAt(p, ".mean", d.Mean)
		v.nonnegAt(p, ".sd", d.SD)
	case "gamma", "lognormal":
		v.positiveAt(p, ".mean", d.Mean)
		v.positiveAt(p, ".sd", d.SD)
	case "empirical":
		if len(d.Values) == 0 {
			v.errorf(p+".values", "at least one value is required")
		}
		for i, x := range d.Values {
			v.nonneg(fmt.Sprintf("%s.values[%d]", p, i), x)
		}
		if d.Weights != nil {
			if len(d.Weights) != len(d.Values) {
				v.errorf(p+".weights", "needs one weight per value: %d values, got %d weights", len(d.Values), len(d.Weights))
			}
			total := 0.0
			for i, w := range d.Weights {
				v.nonneg(fmt.Sprintf("%s.weights[%d]", p, i), w)
				total += max(w, 0)
			}
			if len(d.Weights) > 0 && total == 0 {
				v.errorf(p+".weights", "must not all be 0")
			}
		}
	}
}

// maxPoissonMean is the largest mean model.NewPoisson accepts.
const maxPoissonMean = 1e9

// minTime is the shortest lead time or transit time other than 0, in
// days (about 0.09 s).
const minTime = 1e-6

// minPeriod returns the shortest time, in days, between events that
// repeat (review periods, the mean uptime and downtime of a random
// disruption) for a horizon h: 1e-6 days, or h/1e9 for horizons beyond
// 1000 days, so that each repetition advances the clock (a float64 of h
// has 15 to 16 significant digits) and a run cannot spin at one instant.
func minPeriod(h float64) float64 {
	if !(h > 0) || math.IsInf(h, 0) {
		return minTime
	}
	return max(minTime, h/1e9)
}

// period checks a review period, in days.
func (v *validator) period(path string, x float64) {
	lo := minPeriod(v.s.Horizon)
	switch {
	case !(x > 0) || math.IsInf(x, 0):
		v.errorf(path, "must be > 0 %s, got %s", v.days(), num(x))
	case x < lo:
		v.errorf(path, "must be at least %[1]g %[2]s (1e-6 %[2]s, or horizon/1e9 for horizons over 1000 %[2]s), got %[3]s", lo, v.days(), num(x))
	}
}

// duration checks a distribution of times, in days: a lead or transit
// time, whose mean is 0 or at least minTime, or, with repeats (the
// uptime and downtime of a random disruption, drawn again and again), a
// time whose mean is at least [minPeriod] of the horizon; repeats says
// what the time is, "" for a lead or transit time.
func (v *validator) duration(p string, d *Dist, repeats string) {
	n := len(v.errs)
	v.dist(p, d)
	if len(v.errs) != n {
		return
	}
	md, err := d.build()
	if err != nil {
		return // reported by dist
	}
	m := md.Mean()
	switch lo := minPeriod(v.s.Horizon); {
	case repeats != "" && !(m > 0):
		v.errorf(p, "must have a mean > 0 %s (%s), got mean %s", v.days(), repeats, num(m))
	case repeats != "" && m < lo:
		v.errorf(p, "must have a mean of at least %[1]g %[2]s (%[3]s; 1e-6 %[2]s, or horizon/1e9 for horizons over 1000 %[2]s), got mean %[4]s", lo, v.days(), repeats, num(m))
	case repeats == "" && m > 0 && m < minTime:
		v.errorf(p, "must have a mean of 0 or at least %g %s, got mean %s", float64(minTime), v.days(), num(m))
	}
}

// quantity checks a distribution of units (an order's size, a day's
// demand): its values at most maxUnits when they are bounded (constant,
// uniform, empirical), and its mean at most maxUnits otherwise. It
// reports whether the distribution is sound.
func (v *validator) quantity(p string, d *Dist) bool {
	n := len(v.errs)
	v.dist(p, d)
	if len(v.errs) != n {
		return false
	}
	md, err := d.build()
	if err != nil {
		return false
	}
	over := func(path, what string, x float64) bool {
		if x > maxUnits {
			v.errorf(path, "%s must be <= %g units (one order, or one %s's demand; see Limits in docs/scenario-format.md), got %s", what, float64(maxUnits), v.day(), num(x))
			return true
		}
		return false
	}
	bare := v.s.pos != nil && d.Type == "constant"
	if bare {
		_, typed := v.s.pos.get2(p, ".type")
		bare = !typed
	}
	switch d.Type {
	case "constant":
		if bare {
			return !over(p, "the value", d.Value)
		}
		return !over(p+".value", "the value", d.Value)
	case "uniform":
		return !over(p+".max", "max", d.Max)
	case "empirical":
		for i, x := range d.Values {
			if over(fmt.Sprintf("%s.values[%d]", p, i), "every value", x) {
				return false
			}
		}
		return true
	}
	return !over(p+".mean", "the mean", md.Mean())
}

// mean returns the mean of a distribution that [validator.quantity]
// accepted.
func (v *validator) mean(d *Dist) float64 {
	md, err := d.build()
	if err != nil {
		return 0
	}
	return md.Mean()
}
