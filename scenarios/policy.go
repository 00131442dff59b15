package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"scsim/model"
)

// policyKind is one type of replenishment policy: all the package knows
// of it. The decoder takes its parameters from params, the validator
// checks them with check, the compiler builds the model policy with
// build, and the schema reads params, required, doc and schema. Adding a
// policy is adding an entry to policyKinds (and its model type).
type policyKind struct {
	// name is the type as written in scenario files.
	name string
	// params are the fields of [Policy] the type takes, besides type, by
	// their YAML names; the decoder refuses the others.
	params []string
	// required are the params the schema requires whatever the others
	// say; check reports them, and the conditional ones, itself.
	required []string
	// doc describes the type for the schema.
	doc string
	// schema, if not nil, adds the rules between the type's parameters to
	// its alternative in the schema.
	schema func(alt *object)
	// derived says that the levels come from the network (the demand
	// reaching the site-item, the lane's transit time, the item's costs),
	// so that the policy is built, and can fail, only once the network
	// is assembled.
	derived bool
	// seasonal says that the derived levels follow the profiled demand
	// expected ahead of each review ([model.Network.LevelDemand]) unless
	// levels is "average".
	seasonal bool
	// check checks the type's parameters of the policy at path p;
	// leaving says why some customers of its site-item do not wait (see
	// [leaves]), "" if all wait.
	check func(v *validator, p string, pol *Policy, leaving string)
	// build returns the model policy and its natural initial stock, the
	// default of [Stock.Initial]. check has passed; for a derived type, a
	// value in `in` that could not be built is NaN, and build returns
	// errUnknown rather than an error about it.
	build func(pol *Policy, in derivation) (model.Policy, int64, error)
}

// policyKinds are the policy types, in the order of the documentation.
var policyKinds = []policyKind{
	{
		name:     "rq",
		params:   []string{"reorder_point", "order_quantity"},
		required: []string{"reorder_point", "order_quantity"},
		doc:      "(r, Q), continuous review: when the inventory position is at or below reorder_point, order order_quantity.",
		check: func(v *validator, p string, pol *Policy, leaving string) {
			if v.need(p, pol, "reorder_point", pol.ReorderPoint != 0) {
				v.reorderPoint(p, pol.ReorderPoint, leaving)
			}
			if v.need(p, pol, "order_quantity", pol.OrderQuantity != 0) && pol.OrderQuantity < 1 {
				v.errorf(p+".order_quantity", "must be >= 1, got %d", pol.OrderQuantity)
			}
		},
		build: func(pol *Policy, _ derivation) (model.Policy, int64, error) {
			return &model.RQ{R: pol.ReorderPoint, Q: pol.OrderQuantity}, max(0, pol.ReorderPoint+pol.OrderQuantity), nil
		},
	},
	{
		name:     "sS",
		params:   []string{"reorder_point", "order_up_to", "review", "review_period"},
		required: []string{"reorder_point", "order_up_to"},
		doc:      "(s, S): when the inventory position is at or below reorder_point (s), order up to order_up_to (S > s); continuous or periodic review.",
		schema:   func(o *object) { o.set("allOf", []any{reviewRule(false)}) },
		check: func(v *validator, p string, pol *Policy, leaving string) {
			okS := v.need(p, pol, "reorder_point", pol.ReorderPoint != 0) && v.reorderPoint(p, pol.ReorderPoint, leaving)
			if v.need(p, pol, "order_up_to", pol.OrderUpTo != 0) && okS && pol.OrderUpTo <= pol.ReorderPoint {
				v.errorf(p+".order_up_to", "must be > reorder_point (%d), got %d", pol.ReorderPoint, pol.OrderUpTo)
			}
			v.review(p, pol)
		},
		build: func(pol *Policy, _ derivation) (model.Policy, int64, error) {
			return &model.SS{Small: pol.ReorderPoint, Big: pol.OrderUpTo, Period: pol.period()}, max(0, pol.OrderUpTo), nil
		},
	},
	{
		name:     "base_stock",
		params:   []string{"order_up_to", "review", "review_period"},
		required: []string{"order_up_to"},
		doc:      "Base stock: order up to order_up_to after every customer order (continuous) or at every review (periodic).",
		schema:   func(o *object) { o.set("allOf", []any{reviewRule(false)}) },
		check: func(v *validator, p string, pol *Policy, _ string) {
			if v.need(p, pol, "order_up_to", pol.OrderUpTo != 0) && pol.OrderUpTo < 0 {
				v.errorf(p+".order_up_to", "must be >= 0, got %d", pol.OrderUpTo)
			}
			v.review(p, pol)
		},
		build: func(pol *Policy, _ derivation) (model.Policy, int64, error) {
			return &model.BaseStock{S: pol.OrderUpTo, Period: pol.period()}, pol.OrderUpTo, nil
		},
	},
	{
		name:   "jit",
		params: []string{"buffer"},
		doc:    "Just in time, lot for lot: every customer order is reordered at once; buffer units of inventory position are kept.",
		check: func(v *validator, p string, pol *Policy, _ string) {
			if pol.Buffer < 0 {
				v.errorf(p+".buffer", "must be >= 0 units, got %d", pol.Buffer)
			}
		},
		build: func(pol *Policy, _ derivation) (model.Policy, int64, error) {
			return &model.JIT{Buffer: pol.Buffer}, pol.Buffer, nil
		},
	},
	{
		name:     "eoq",
		params:   []string{"safety_stock", "levels"},
		doc:      "Economic order quantity: Q = √(2KD/h) from the item's order_cost and holding cost and the demand, r = lead-time demand + safety_stock.",
		derived:  true,
		seasonal: true,
		check: func(v *validator, p string, pol *Policy, _ string) {
			if pol.SafetyStock < 0 {
				v.errorf(p+".safety_stock", "must be >= 0 units, got %d", pol.SafetyStock)
			}
			v.levels(p, pol)
		},
		build: buildEOQ,
	},
	{
		name:     "safety_stock",
		params:   []string{"cycle_service_level", "fill_rate", "review", "review_period", "order_quantity", "levels"},
		doc:      "Levels derived for a service target (cycle_service_level or fill_rate) from the demand and the lead time: r with order_quantity under continuous review, S under periodic review.",
		derived:  true,
		seasonal: true,
		schema: func(o *object) {
			o.set("allOf", []any{reviewRule(true)})
			o.set("oneOf", exactlyOne(nil, []string{"cycle_service_level"}, []string{"fill_rate"}))
		},
		check: func(v *validator, p string, pol *Policy, _ string) {
			v.safetyStock(p, pol)
			v.levels(p, pol)
		},
		build: buildSafetyStock,
	},
	{
		name:     "vmi",
		params:   []string{"min", "max", "min_days", "max_days", "review_period", "consignment"},
		required: []string{"review_period"},
		doc:      "Vendor-managed inventory: every review_period days the source ships up to max when the position is at or below min (in units, or min_days and max_days of cover).",
		derived:  true,
		schema: func(o *object) {
			o.set("oneOf", exactlyOne(nil, []string{"min", "max"}, []string{"min_days", "max_days"}))
		},
		check: func(v *validator, p string, pol *Policy, _ string) { v.vmi(p, pol) },
		build: buildVMI,
	},
	{
		name:   "dropship",
		params: []string{"fee"},
		doc:    "Drop-ship: the site holds no stock; its source ships every customer order to the customer, for a fee per order.",
		check:  func(v *validator, p string, pol *Policy, _ string) { v.nonnegAt(p, ".fee", pol.Fee) },
		build: func(pol *Policy, _ derivation) (model.Policy, int64, error) {
			return &model.DropShip{Fee: pol.Fee}, 0, nil
		},
	},
	{
		name:     "forecast",
		params:   []string{"alpha", "window", "cycle_service_level", "review", "review_period", "order_quantity", "initial_forecast", "initial_sd"},
		required: []string{"cycle_service_level"},
		doc:      "Levels learned from a forecast of the demand observed (exponential smoothing with alpha, or a moving average over window days), for cycle_service_level.",
		derived:  true,
		schema: func(o *object) {
			o.set("allOf", []any{reviewRule(true)})
			o.set("oneOf", exactlyOne(nil, []string{"alpha"}, []string{"window"}))
		},
		check: func(v *validator, p string, pol *Policy, _ string) { v.forecast(p, pol) },
		build: buildForecast,
	},
	{
		name:     "sterman",
		params:   []string{"review_period", "theta", "alpha_s", "beta", "desired_stock", "expected_demand", "information_sharing"},
		required: []string{"review_period"},
		doc:      "The anchoring-and-adjustment rule of Beer Game players (Sterman 1989): every review_period days, order max(0, L̂ + alpha_s·(desired_stock − net inventory − beta·on order)), L̂ the demand smoothed with theta.",
		derived:  true,
		check:    func(v *validator, p string, pol *Policy, _ string) { v.sterman(p, pol) },
		build:    buildSterman,
	},
}

// policyKindOf maps a policy type's name to its entry in policyKinds.
var policyKindOf = func() map[string]*policyKind {
	m := map[string]*policyKind{}
	for i := range policyKinds {
		m[policyKinds[i].name] = &policyKinds[i]
	}
	return m
}()

// policyParams and policyDocs give the parameters and the description of
// each policy type, by name, for the decoder and the schema, which treat
// policies and distributions alike.
var (
	policyParams = func() map[string][]string {
		m := map[string][]string{}
		for _, k := range policyKinds {
			m[k.name] = k.params
		}
		return m
	}()
	policyDocs = func() map[string]string {
		m := map[string]string{}
		for _, k := range policyKinds {
			m[k.name] = k.doc
		}
		return m
	}()
)

// period returns the review period of a policy under periodic review, 0
// under continuous review.
func (p *Policy) period() float64 {
	if p.Review == "periodic" {
		return p.ReviewPeriod
	}
	return 0
}

// derived reports whether the policy's type derives its levels from the
// network.
func (p *Policy) derived() bool {
	k := policyKindOf[p.Type]
	return k != nil && k.derived
}

// build returns the model policy and its natural initial stock (see
// [policyKind.build]).
func (p *Policy) build(in derivation) (model.Policy, int64, error) {
	k := policyKindOf[p.Type]
	if k == nil {
		return nil, 0, fmt.Errorf("unknown policy type %q", p.Type)
	}
	return k.build(p, in)
}

// nan reports whether any of xs is NaN: a value that could not be built.
func nan(xs ...float64) bool { return slices.ContainsFunc(xs, math.IsNaN) }

// buildEOQ builds an eoq policy: Q = √(2KD/h), r = the lead-time demand
// plus the safety stock, following the profiled demand if in.seasonal is
// set; it starts at r+Q.
func buildEOQ(p *Policy, in derivation) (model.Policy, int64, error) {
	k, h := in.item.OrderCost, in.holding
	if nan(in.mean, in.lead) || !(k >= 0) || !(h >= 0) {
		return nil, 0, errUnknown
	}
	if err := eoqInputs(in, k, h); err != nil {
		return nil, 0, err
	}
	pol, err := model.NewEOQ(in.mean, k, h, in.lead, float64(p.SafetyStock))
	if err != nil {
		return nil, 0, err
	}
	// the model rounds to int64: check before trusting the result
	if err := cmp.Or(checkLevel("order quantity", pol.Exact), checkLevel("reorder point", in.mean*in.lead+float64(p.SafetyStock))); err != nil {
		return nil, 0, err
	}
	if in.seasonal != nil {
		pol.FollowProfile(in.seasonal, in.horizon)
		if err := checkLevel("highest reorder point", float64(pol.RMax)); err != nil {
			return nil, 0, err
		}
	}
	return pol, pol.StartLevel() + pol.Q, nil
}

// eoqInputs explains which item fields an eoq policy lacks.
func eoqInputs(in derivation, k, h float64) error {
	item := fmt.Sprintf("item %s (items[%d])", in.item.Name, in.itemIndex)
	switch {
	case k == 0 && h == 0:
		return fmt.Errorf("eoq needs the item's fixed order cost K > 0 and holding cost h > 0 for Q = √(2KD/h): set order_cost, and holding_cost (or holding_rate and unit_cost), on %s", item)
	case k == 0:
		return fmt.Errorf("eoq needs the item's fixed order cost K > 0 for Q = √(2KD/h): set order_cost on %s", item)
	case h == 0:
		return fmt.Errorf("eoq needs the item's holding cost h > 0 for Q = √(2KD/h): set holding_cost (per unit per day), or holding_rate and unit_cost, on %s", item)
	case !(in.mean > 0):
		return fmt.Errorf("eoq needs demand, but none reaches the site-item (mean %s units a day)", num(in.mean))
	}
	return nil
}

// buildSafetyStock builds a safety_stock policy for its service target:
// r with the order quantity under continuous review (starting at r+Q), S
// under periodic review (starting at S).
func buildSafetyStock(p *Policy, in derivation) (model.Policy, int64, error) {
	if nan(in.mean, in.variance, in.lead, in.leadSD) {
		return nil, 0, errUnknown
	}
	target, level := model.CycleServiceLevel, p.CycleServiceLevel
	if p.FillRate != 0 {
		target, level = model.FillRate, p.FillRate
	}
	period, q := p.period(), p.OrderQuantity
	if period > 0 {
		q = 0
	}
	pol, err := model.NewSafetyStock(target, level, in.mean, math.Sqrt(in.variance), in.lead, in.leadSD, period, q)
	if err != nil {
		return nil, 0, err
	}
	top := pol.ProtectionDemand + pol.Safety
	if in.seasonal != nil {
		pol.FollowProfile(in.seasonal, in.horizon)
		top = float64(pol.LevelMax)
	}
	if period > 0 {
		return pol, pol.StartLevel(), checkLevel("order-up-to level", top)
	}
	return pol, pol.StartLevel() + pol.Q, checkLevel("reorder point + order quantity", top+float64(pol.Q))
}

// buildForecast builds a forecast policy, warm-started from the demand
// reaching the site-item unless initial_forecast and initial_sd say
// otherwise; it starts at its first level (plus Q under continuous
// review).
func buildForecast(p *Policy, in derivation) (model.Policy, int64, error) {
	f0, sd0 := in.mean, math.Sqrt(in.variance)
	if p.InitialForecast != nil {
		f0 = *p.InitialForecast
	}
	if p.InitialSD != nil {
		sd0 = *p.InitialSD
	}
	if nan(f0, sd0, in.lead, in.leadSD) {
		return nil, 0, errUnknown
	}
	period, q := p.period(), p.OrderQuantity
	if period > 0 {
		q = 0
	}
	pol, err := model.NewForecast(p.Alpha, int(p.Window), p.CycleServiceLevel, f0, sd0, in.lead, in.leadSD, period, q)
	if err != nil {
		return nil, 0, err
	}
	if err := checkLevel("initial level", f0*(in.lead+period)+pol.Z*math.Sqrt((in.lead+period)*sd0*sd0+f0*f0*in.leadSD*in.leadSD)+float64(q)); err != nil {
		return nil, 0, err
	}
	return pol, pol.CurrentLevel() + q, nil
}

// buildSterman builds a sterman policy, its parameters defaulting to
// Sterman's typical estimates and its expected demand to the mean demand
// per review period; it starts at desired_stock.
func buildSterman(p *Policy, in derivation) (model.Policy, int64, error) {
	or := func(x *float64, def float64) float64 {
		if x != nil {
			return *x
		}
		return def
	}
	expected := or(p.ExpectedDemand, in.mean*p.ReviewPeriod)
	if nan(expected) {
		return nil, 0, errUnknown
	}
	pol, err := model.NewSterman(or(p.Theta, model.StermanTheta), or(p.AlphaS, model.StermanAlphaS), or(p.Beta, model.StermanBeta),
		or(p.DesiredStock, model.StermanDesiredStock), expected, p.ReviewPeriod, p.InformationSharing)
	if err != nil {
		return nil, 0, err
	}
	return pol, int64(math.Round(pol.DesiredStock)), nil
}

// buildVMI builds a vmi policy, converting limits in days of cover to
// units with the mean demand; it starts at max.
func buildVMI(p *Policy, in derivation) (model.Policy, int64, error) {
	pol := &model.VMI{Min: p.Min, Max: p.Max, Period: p.ReviewPeriod, Consignment: p.Consignment}
	if p.MaxDays != 0 {
		if nan(in.mean) {
			return nil, 0, errUnknown
		}
		if !(in.mean > 0) {
			return nil, 0, fmt.Errorf("min_days and max_days need demand, but none reaches the site-item (mean %s units a day); give min and max in units", num(in.mean))
		}
		if err := checkLevel("max", p.MaxDays*in.mean); err != nil {
			return nil, 0, err
		}
		pol.Min = int64(math.Round(p.MinDays * in.mean))
		pol.Max = int64(math.Round(p.MaxDays * in.mean))
		if pol.Max <= pol.Min {
			return nil, 0, fmt.Errorf("min_days %s and max_days %s at %s units a day round to the same %d units: widen the gap", num(p.MinDays), num(p.MaxDays), num(in.mean), pol.Min)
		}
	}
	return pol, pol.Max, nil
}

// checkLevel checks a derived stock level, before rounding, against
// maxUnits.
func checkLevel(name string, x float64) error {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return fmt.Errorf("the derived %s is out of range, above the limit of %d units: the demand or the lead time is too large", name, int64(maxUnits))
	case x > maxUnits:
		return fmt.Errorf("the derived %s is %.4g units, above the limit of %d", name, x, int64(maxUnits))
	}
	return nil
}
