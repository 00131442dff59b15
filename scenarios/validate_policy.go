package scenarios

// reorderPoint checks the reorder point r of an rq or sS policy. A
// negative r orders only once more than -r units are backordered, which
// is sound (and can be cheapest) when every customer waits; if some leave
// (leaving says why), their short units never become backorders that
// last, so the site-item might never order again.
func (v *validator) reorderPoint(p string, r int64, leaving string) bool {
	switch {
	case r >= 0:
		return true
	case r < -maxUnits:
		v.errorf(p+".reorder_point", "must be >= %d units, got %d", int64(-maxUnits), r)
	case leaving != "":
		v.errorf(p+".reorder_point", "must be >= 0 here, got %d: a negative reorder point orders only once backorders reach %d, "+
			"which needs every customer to wait for what they are short of, but %s", r, -r, leaving)
	default:
		return true
	}
	return false
}

// policy checks the policy at path p; leaving says why some customers of
// its site-item do not wait (see [leaves]), "" if all wait.
func (v *validator) policy(p string, pol *Policy, leaving string) {
	for _, f := range []struct {
		name string
		x    int64
	}{{"reorder_point", pol.ReorderPoint}, {"order_quantity", pol.OrderQuantity}, {"order_up_to", pol.OrderUpTo},
		{"buffer", pol.Buffer}, {"safety_stock", pol.SafetyStock}, {"min", pol.Min}, {"max", pol.Max}} {
		if f.x > maxUnits {
			v.errorf(p+"."+f.name, "must be <= %d units, got %d", int64(maxUnits), f.x)
		}
	}
	k := policyKindOf[pol.Type]
	if k == nil {
		v.errorf(p+".type", "unknown policy type %q (%s)", pol.Type, suggestOrList(pol.Type, sortedKeys(policyParams)))
		return
	}
	k.check(v, p, pol, leaving)
}

// need checks that the field of policy pol at path p, which its type
// requires, is given (for a Scenario built in Go, that it is nonzero).
func (v *validator) need(p string, pol *Policy, field string, nonzero bool) bool {
	if !v.givenAt(p, "."+field, nonzero) {
		v.errorf(p+"."+field, "required by policy type %s", pol.Type)
		return false
	}
	return true
}

// safetyStock checks a safety_stock policy's own parameters; the levels
// are derived later, from the network.
func (v *validator) safetyStock(p string, pol *Policy) {
	switch v.either(p, "cycle_service_level", pol.CycleServiceLevel != 0, "fill_rate", pol.FillRate != 0,
		"give cycle_service_level or fill_rate, not both: the safety stock is set for one target",
		"needs a service target: cycle_service_level (the probability of no stockout in a replenishment cycle) or fill_rate (the share of units shipped at once from stock), in (0, 1)") {
	case 1:
		v.level(p+".cycle_service_level", pol.CycleServiceLevel)
	case 2:
		v.level(p+".fill_rate", pol.FillRate)
	}
	v.orderQuantity(p, pol, "derived level S")
}

// levels checks what the derived level of an eoq or safety_stock policy
// follows.
func (v *validator) levels(p string, pol *Policy) {
	if pol.Levels != "" || v.givenAt(p, ".levels", false) {
		v.oneOf(p+".levels", "levels", pol.Levels, levelModes)
	}
}

// either checks that exactly one of the fields a and b of p is given
// (given when written in the file; for a Scenario built in Go, when aSet
// or bSet): it reports both when both are, neither when none is, and
// returns 1 or 2 for the one given, 0 otherwise.
func (v *validator) either(p, a string, aSet bool, b string, bSet bool, both, neither string) int {
	ga, gb := v.given(p+"."+a, aSet), v.given(p+"."+b, bSet)
	switch {
	case ga && gb:
		v.errorf(p+"."+b, "%s", both)
	case !ga && !gb:
		v.errorf(p, "%s", neither)
	case ga:
		return 1
	default:
		return 2
	}
	return 0
}

// orderQuantity checks the review of a policy of type pol.Type that orders
// a fixed quantity under continuous review and up to its level S (named
// level) under periodic review.
func (v *validator) orderQuantity(p string, pol *Policy, level string) {
	v.review(p, pol)
	switch pol.Review {
	case "", "continuous":
		if !v.givenAt(p, ".order_quantity", pol.OrderQuantity != 0) {
			v.errorf(p+".order_quantity", "required by %s with review: continuous: the units per order, >= 1 (or use review: periodic)", pol.Type)
		} else if pol.OrderQuantity < 1 {
			v.errorf(p+".order_quantity", "must be >= 1, got %d", pol.OrderQuantity)
		}
	case "periodic":
		if v.givenAt(p, ".order_quantity", pol.OrderQuantity != 0) {
			v.errorf(p+".order_quantity", "applies only with review: continuous; under periodic review each order brings the position up to the %s", level)
		}
	}
}

// maxWindow bounds a moving-average window, in days: ten years.
const maxWindow = 3650

// forecast checks a forecast policy's own parameters; its initial levels
// are derived later, from the network.
func (v *validator) forecast(p string, pol *Policy) {
	switch v.either(p, "alpha", pol.Alpha != 0, "window", pol.Window != 0,
		"give alpha (exponential smoothing) or window (moving average), not both",
		"needs a forecast method: alpha (exponential smoothing, in (0, 1]) or window (a moving average over that many "+v.days()+")") {
	case 1:
		if !(pol.Alpha > 0 && pol.Alpha <= 1) {
			v.errorf(p+".alpha", "must be in (0, 1], got %s", num(pol.Alpha))
		}
	case 2:
		if pol.Window < 1 || pol.Window > maxWindow {
			v.errorf(p+".window", "must be from 1 to %d %s, got %d", maxWindow, v.days(), pol.Window)
		}
	}
	if !v.givenAt(p, ".cycle_service_level", pol.CycleServiceLevel != 0) {
		v.errorf(p+".cycle_service_level", "required by policy type forecast: the target probability of no stockout in a replenishment cycle, in (0, 1)")
	} else {
		v.level(p+".cycle_service_level", pol.CycleServiceLevel)
	}
	if f := pol.InitialForecast; f != nil {
		v.nonnegAt(p, ".initial_forecast", *f)
	}
	if sd := pol.InitialSD; sd != nil {
		v.nonnegAt(p, ".initial_sd", *sd)
	}
	v.orderQuantity(p, pol, "forecast level S")
}

// sterman checks a sterman policy's parameters.
func (v *validator) sterman(p string, pol *Policy) {
	if v.need(p, pol, "review_period", pol.ReviewPeriod != 0) {
		v.positiveAt(p, ".review_period", pol.ReviewPeriod)
	}
	for _, f := range []struct {
		name string
		x    *float64
	}{{"theta", pol.Theta}, {"alpha_s", pol.AlphaS}, {"beta", pol.Beta}} {
		if f.x != nil && !(*f.x >= 0 && *f.x <= 1) {
			v.errorf(p+"."+f.name, "must be in [0, 1], got %s", num(*f.x))
		}
	}
	for _, f := range []struct {
		name string
		x    *float64
	}{{"desired_stock", pol.DesiredStock}, {"expected_demand", pol.ExpectedDemand}} {
		if f.x != nil && !(*f.x >= 0 && *f.x <= maxUnits) {
			v.errorf(p+"."+f.name, "must be in [0, %d] units, got %s", int64(maxUnits), num(*f.x))
		}
	}
}

// level checks a service target.
func (v *validator) level(path string, x float64) {
	if !(x > 0 && x < 1) {
		v.errorf(path, "must be in (0, 1), strictly between 0 and 1, got %s", num(x))
	}
}

// vmi checks a vmi policy's own parameters: one pair of limits, in units
// or in days of cover, and the review period.
func (v *validator) vmi(p string, pol *Policy) {
	given := func(f string, nonzero bool) bool { return v.given(p+"."+f, nonzero) }
	units := given("min", pol.Min != 0) || given("max", pol.Max != 0)
	days := given("min_days", pol.MinDays != 0) || given("max_days", pol.MaxDays != 0)
	const pairs = "min and max (units) or min_days and max_days (days of cover)"
	switch {
	case units && days:
		at := p + ".min_days"
		if !given("min_days", pol.MinDays != 0) {
			at = p + ".max_days"
		}
		v.errorf(at, "give %s, not both", pairs)
	case !units && !days:
		v.errorf(p, "needs limits: %s", pairs)
	case units:
		okMin := true
		if !given("min", pol.Min != 0) {
			v.errorf(p+".min", "required with max: the inventory position, in units, at or below which the source ships")
			okMin = false
		} else if pol.Min < 0 {
			v.errorf(p+".min", "must be >= 0 units, got %d", pol.Min)
			okMin = false
		}
		if !given("max", pol.Max != 0) {
			v.errorf(p+".max", "required with min: the inventory position, in units, the source ships up to")
		} else if okMin && pol.Max <= pol.Min {
			v.errorf(p+".max", "must be > min (%d), got %d", pol.Min, pol.Max)
		}
	default:
		okMin := true
		if !given("min_days", pol.MinDays != 0) {
			v.errorf(p+".min_days", "required with max_days: the %s of cover at or below which the source ships", v.days())
			okMin = false
		} else if !(pol.MinDays >= 0) {
			v.errorf(p+".min_days", "must be >= 0 %s, got %s", v.days(), num(pol.MinDays))
			okMin = false
		}
		if !given("max_days", pol.MaxDays != 0) {
			v.errorf(p+".max_days", "required with min_days: the %s of cover the source ships up to", v.days())
		} else if okMin && !(pol.MaxDays > pol.MinDays) {
			v.errorf(p+".max_days", "must be > min_days (%s), got %s", num(pol.MinDays), num(pol.MaxDays))
		}
	}
	switch {
	case !v.givenAt(p, ".review_period", pol.ReviewPeriod != 0):
		v.errorf(p+".review_period", "required by policy type vmi: the %s between the source's reviews of the site, > 0", v.days())
	default:
		v.period(p+".review_period", pol.ReviewPeriod)
	}
}

func (v *validator) review(p string, pol *Policy) {
	switch pol.Review {
	case "", "continuous":
		if v.givenAt(p, ".review_period", pol.ReviewPeriod != 0) {
			v.errorf(p+".review_period", "applies only with review: periodic (review is continuous)")
		}
	case "periodic":
		switch {
		case !v.givenAt(p, ".review_period", pol.ReviewPeriod != 0):
			v.errorf(p+".review_period", "required with review: periodic: the %s between reviews, > 0", v.days())
		default:
			v.period(p+".review_period", pol.ReviewPeriod)
		}
	default:
		v.oneOf(p+".review", "review", pol.Review, reviews)
	}
}
