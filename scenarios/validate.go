package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Validate checks the scenario and returns an [ErrorList] of every problem,
// or nil. It is safe to call again after changing fields, for example after
// the CLI overrides Horizon or Warmup; errors about a field point at its
// position in the file, or at the nearest enclosing value when the field
// was not in the file.
func (s *Scenario) Validate() error {
	v := &validator{s: s}
	v.scenario()
	v.errs.sort()
	return v.errs.Err()
}

// validator collects the errors of one validation pass.
type validator struct {
	s    *Scenario
	errs ErrorList
}

// errorf records an error about the field at path, unless the decoder
// already reported its value (or an enclosing one) as malformed.
func (v *validator) errorf(path, format string, args ...any) {
	for p := path; ; p = parent(p) {
		if v.s.bad[p] {
			return
		}
		if p == "" {
			break
		}
	}
	e := &Error{File: v.s.File, Field: path, Msg: fmt.Sprintf(format, args...)}
	for p := path; v.s.pos != nil; p = parent(p) {
		if at, ok := v.s.pos[p]; ok {
			e.Line, e.Col = at.line, at.col
			break
		}
		if p == "" {
			e.Line, e.Col = 1, 1
			break
		}
	}
	v.errs = append(v.errs, e)
}

// given reports whether the field at path was written in the file; for a
// Scenario built in Go, whether its value is not zero.
func (v *validator) given(path string, nonzero bool) bool {
	if v.s.pos == nil {
		return nonzero
	}
	_, ok := v.s.pos[path]
	return ok
}

// nonneg checks x >= 0.
func (v *validator) nonneg(path string, x float64) {
	if !(x >= 0) {
		v.errorf(path, "must be >= 0, got %s", num(x))
	}
}

// positive checks x > 0.
func (v *validator) positive(path string, x float64) {
	if !(x > 0) || math.IsInf(x, 0) {
		v.errorf(path, "must be > 0, got %s", num(x))
	}
}

// num formats a number for messages without a trailing ".0" or exponent
// for ordinary values.
func num(x float64) string { return fmt.Sprint(x) }

// oneOf checks that x is one of the allowed words.
func (v *validator) oneOf(path, what, x string, allowed []string) {
	if slices.Contains(allowed, x) {
		return
	}
	v.errorf(path, "unknown %s %q (%s)", what, x, suggestOrList(x, allowed))
}

// suggestOrList gives did-you-mean and the supported values.
func suggestOrList(x string, allowed []string) string {
	if c := closest(x, allowed); len(c) > 0 {
		return "did you mean " + strings.Join(c, " or ") + "? supported: " + strings.Join(allowed, ", ")
	}
	return "supported: " + strings.Join(allowed, ", ")
}

// name checks a name that other parts of the scenario, or random-stream
// keys, refer to.
func (v *validator) name(path, x string) {
	switch {
	case x == "":
		v.errorf(path, "required, a non-empty name")
	case strings.TrimSpace(x) != x:
		v.errorf(path, "must not begin or end with spaces, got %q", x)
	case strings.ContainsAny(x, "/"):
		v.errorf(path, "must not contain '/', got %q (names key random streams as site/item/demand)", x)
	case strings.ContainsFunc(x, unicode.IsControl):
		v.errorf(path, "must not contain control characters, got %q", x)
	}
}

func (v *validator) scenario() {
	s := v.s
	if s.Replications < 1 {
		v.errorf("replications", "must be >= 1, got %d", s.Replications)
	}
	switch {
	case s.Horizon == 0 && !v.given("horizon", false):
		v.errorf("horizon", "required: the simulated days of one replication, > 0")
	case !(s.Horizon > 0) || math.IsInf(s.Horizon, 0):
		v.errorf("horizon", "must be > 0 days, got %s", num(s.Horizon))
	}
	switch {
	case !(s.Warmup >= 0) || math.IsInf(s.Warmup, 0):
		v.errorf("warmup", "must be >= 0 days, got %s", num(s.Warmup))
	case s.Horizon > 0 && s.Warmup >= s.Horizon:
		v.errorf("warmup", "must be < horizon (%s days), got %s", num(s.Horizon), num(s.Warmup))
	}

	if len(s.Items) == 0 {
		v.errorf("items", "at least one item is required")
	}
	if len(s.Suppliers) == 0 {
		v.errorf("suppliers", "at least one supplier is required")
	}
	if len(s.Sites) == 0 {
		v.errorf("sites", "at least one site is required")
	}

	items := map[string]int{}
	for i := range s.Items {
		v.item(fmt.Sprintf("items[%d]", i), &s.Items[i], items, i)
	}
	// Suppliers and sites share one namespace, so that a source can later
	// name either without ambiguity.
	nodes := map[string]string{}
	for i := range s.Suppliers {
		p := fmt.Sprintf("suppliers[%d]", i)
		sp := &s.Suppliers[i]
		v.unique(p+".name", sp.Name, nodes, p)
		if sp.LeadTime.Type == "" {
			v.errorf(p+".lead_time", "required: days from order to receipt, a number or a distribution")
		} else {
			v.dist(p+".lead_time", &sp.LeadTime)
		}
	}
	for i := range s.Sites {
		p := fmt.Sprintf("sites[%d]", i)
		v.unique(p+".name", s.Sites[i].Name, nodes, p)
	}
	for i := range s.Sites {
		v.site(fmt.Sprintf("sites[%d]", i), &s.Sites[i])
	}
}

// unique checks a name and that it is not already in seen, then adds it.
func (v *validator) unique(path, name string, seen map[string]string, owner string) {
	v.name(path, name)
	if name == "" {
		return
	}
	if first, ok := seen[name]; ok {
		v.errorf(path, "duplicate name %q (also %s)", name, first)
		return
	}
	seen[name] = owner
}

func (v *validator) item(p string, it *Item, seen map[string]int, i int) {
	v.name(p+".name", it.Name)
	if first, ok := seen[it.Name]; ok && it.Name != "" {
		v.errorf(p+".name", "duplicate item name %q (also items[%d])", it.Name, first)
	} else {
		seen[it.Name] = i
	}
	v.nonneg(p+".unit_cost", it.UnitCost)
	v.nonneg(p+".price", it.Price)
	v.nonneg(p+".holding_cost", it.HoldingCost)
	v.nonneg(p+".holding_rate", it.HoldingRate)
	v.nonneg(p+".backorder_cost", it.BackorderCost)
	v.nonneg(p+".lost_sale_cost", it.LostSaleCost)
	v.nonneg(p+".order_cost", it.OrderCost)
	if v.given(p+".holding_cost", it.HoldingCost != 0) && v.given(p+".holding_rate", it.HoldingRate != 0) {
		v.errorf(p+".holding_rate", "give holding_cost (per unit per day) or holding_rate (per year, of unit_cost), not both")
	}
}

func (v *validator) site(p string, st *Site) {
	s := v.s
	v.oneOf(p+".type", "site type", st.Type, siteTypes)
	if len(st.Stock) == 0 {
		v.errorf(p+".stock", "at least one stocked item is required")
	}
	itemNames := make([]string, len(s.Items))
	for i := range s.Items {
		itemNames[i] = s.Items[i].Name
	}
	supplierNames := make([]string, len(s.Suppliers))
	for i := range s.Suppliers {
		supplierNames[i] = s.Suppliers[i].Name
	}
	slices.Sort(itemNames)
	slices.Sort(supplierNames)
	stocked := map[string]int{}
	for j := range st.Stock {
		sp := fmt.Sprintf("%s.stock[%d]", p, j)
		sk := &st.Stock[j]
		switch {
		case sk.Item == "":
			v.errorf(sp+".item", "required: the name of an item")
		case !slices.Contains(itemNames, sk.Item):
			v.errorf(sp+".item", "unknown item %q (%s)", sk.Item, suggest(sk.Item, itemNames, "items"))
		default:
			if first, ok := stocked[sk.Item]; ok {
				v.errorf(sp+".item", "item %q is already stocked at this site (stock[%d])", sk.Item, first)
			}
			stocked[sk.Item] = j
		}
		switch {
		case sk.Source == "":
			v.errorf(sp+".source", "required: the name of the supplier that replenishes it")
		case slices.Contains(supplierNames, sk.Source):
		case slices.ContainsFunc(s.Sites, func(x Site) bool { return x.Name == sk.Source }):
			v.errorf(sp+".source", "%q is a site; only suppliers can be sources so far", sk.Source)
		default:
			v.errorf(sp+".source", "unknown supplier %q (%s)", sk.Source, suggest(sk.Source, supplierNames, "suppliers"))
		}
		if sk.Initial != nil && *sk.Initial < 0 {
			v.errorf(sp+".initial", "must be >= 0 units, got %d", *sk.Initial)
		}
		if sk.Initial != nil && *sk.Initial > maxUnits {
			v.errorf(sp+".initial", "must be <= %d units, got %d", int64(maxUnits), *sk.Initial)
		}
		if sk.Policy.Type == "" {
			v.errorf(sp+".policy", "required: a replenishment policy {type: rq | sS | base_stock, ...}")
		} else {
			v.policy(sp+".policy", &sk.Policy)
		}
		names := map[string]int{}
		for k := range sk.Demand {
			v.demand(fmt.Sprintf("%s.demand[%d]", sp, k), &sk.Demand[k], k, names)
		}
	}
}

func (v *validator) policy(p string, pol *Policy) {
	for _, f := range []struct {
		name string
		x    int64
	}{{"reorder_point", pol.ReorderPoint}, {"order_quantity", pol.OrderQuantity}, {"order_up_to", pol.OrderUpTo}} {
		if f.x > maxUnits {
			v.errorf(p+"."+f.name, "must be <= %d units, got %d", int64(maxUnits), f.x)
		}
	}
	need := func(field string, nonzero bool) bool {
		if !v.given(p+"."+field, nonzero) {
			v.errorf(p+"."+field, "required by policy type %s", pol.Type)
			return false
		}
		return true
	}
	switch pol.Type {
	case "rq":
		if need("reorder_point", pol.ReorderPoint != 0) && pol.ReorderPoint < 0 {
			v.errorf(p+".reorder_point", "must be >= 0, got %d", pol.ReorderPoint)
		}
		if need("order_quantity", pol.OrderQuantity != 0) && pol.OrderQuantity < 1 {
			v.errorf(p+".order_quantity", "must be >= 1, got %d", pol.OrderQuantity)
		}
	case "sS":
		okS := need("reorder_point", pol.ReorderPoint != 0)
		if okS && pol.ReorderPoint < 0 {
			v.errorf(p+".reorder_point", "must be >= 0, got %d", pol.ReorderPoint)
			okS = false
		}
		if need("order_up_to", pol.OrderUpTo != 0) && okS && pol.OrderUpTo <= pol.ReorderPoint {
			v.errorf(p+".order_up_to", "must be > reorder_point (%d), got %d", pol.ReorderPoint, pol.OrderUpTo)
		}
		v.review(p, pol)
	case "base_stock":
		if need("order_up_to", pol.OrderUpTo != 0) && pol.OrderUpTo < 0 {
			v.errorf(p+".order_up_to", "must be >= 0, got %d", pol.OrderUpTo)
		}
		v.review(p, pol)
	default:
		v.errorf(p+".type", "unknown policy type %q (%s)", pol.Type, suggestOrList(pol.Type, sortedKeys(policyParams)))
	}
}

func (v *validator) review(p string, pol *Policy) {
	switch pol.Review {
	case "", "continuous":
		if v.given(p+".review_period", pol.ReviewPeriod != 0) {
			v.errorf(p+".review_period", "applies only with review: periodic (review is continuous)")
		}
	case "periodic":
		switch {
		case !v.given(p+".review_period", pol.ReviewPeriod != 0):
			v.errorf(p+".review_period", "required with review: periodic: the days between reviews, > 0")
		case !(pol.ReviewPeriod > 0):
			v.errorf(p+".review_period", "must be > 0 days, got %s", num(pol.ReviewPeriod))
		}
	default:
		v.oneOf(p+".review", "review", pol.Review, reviews)
	}
}

func (v *validator) demand(p string, dm *Demand, k int, names map[string]int) {
	name := dm.Name
	if name == "" && !v.given(p+".name", false) {
		name = fmt.Sprintf("d%d", k)
	} else {
		v.name(p+".name", dm.Name)
	}
	if first, ok := names[name]; ok {
		v.errorf(p+".name", "duplicate demand name %q at this site-item (also demand[%d])", name, first)
	} else {
		names[name] = k
	}
	hasRate := v.given(p+".rate", dm.Rate != 0)
	hasDaily := dm.Daily.Type != "" || v.s.bad[p+".daily"]
	switch {
	case hasRate && hasDaily:
		v.errorf(p+".daily", "give rate (Poisson orders per day) or daily (units per day), not both")
	case !hasRate && !hasDaily:
		v.errorf(p, "needs rate (Poisson customer orders per day) or daily (a distribution of units per day)")
	case hasRate:
		v.positive(p+".rate", dm.Rate)
		if dm.Size.Type == "" {
			v.errorf(p+".size", "required: units per order, a number or a distribution")
		} else {
			v.dist(p+".size", &dm.Size)
		}
	default:
		if v.given(p+".size", false) {
			v.errorf(p+".size", "applies only with rate; daily already gives units per day")
		}
		v.dist(p+".daily", &dm.Daily)
	}
	v.oneOf(p+".stockout", "stockout", dm.Stockout, stockouts)
}

// dist checks a distribution's parameters.
func (v *validator) dist(p string, d *Dist) {
	params, ok := distParams[d.Type]
	if !ok {
		v.errorf(p+".type", "unknown distribution type %q (%s)", d.Type, suggestOrList(d.Type, sortedKeys(distParams)))
		return
	}
	if v.s.pos != nil {
		if _, bare := v.s.pos[p+".type"]; !bare && d.Type == "constant" {
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
		v.nonneg(p+".value", d.Value)
	case "uniform":
		v.nonneg(p+".min", d.Min)
		if d.Max < d.Min {
			v.errorf(p+".max", "must be >= min (%s), got %s", num(d.Min), num(d.Max))
		}
	case "exponential":
		v.positive(p+".mean", d.Mean)
	case "poisson":
		v.nonneg(p+".mean", d.Mean)
		if d.Mean > maxPoissonMean {
			v.errorf(p+".mean", "must be <= %g, got %s", float64(maxPoissonMean), num(d.Mean))
		}
	case "normal":
		v.nonneg(p+".mean", d.Mean)
		v.nonneg(p+".sd", d.SD)
	case "gamma", "lognormal":
		v.positive(p+".mean", d.Mean)
		v.positive(p+".sd", d.SD)
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

// maxUnits bounds stock levels so that inventory-position arithmetic in
// int64 cannot overflow, with room to spare.
const maxUnits = 1e12
