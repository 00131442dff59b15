package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"scsim/model"
)

// Validate checks the scenario and returns an [ErrorList] of every problem,
// or nil. It is safe to call again after changing fields, for example after
// the CLI overrides Horizon or Warmup; errors about a field point at its
// position in the file, or at the nearest enclosing value when the field
// was not in the file. It makes the same pass as [Scenario.Compile],
// which it is but for the network, and finds the same errors.
func (s *Scenario) Validate() error {
	return s.check().result().Err()
}

// check makes the one pass of the checks over s, which builds its network
// on the way, and returns the validator with the sorted errors.
func (s *Scenario) check() *validator {
	v := &validator{s: s}
	v.run()
	s.overrides.attribute(v.errs)
	v.errs.sort()
	return v
}

// maxCheckErrors is the number of errors a validation pass records: a
// file of a million duplicate names is then reported in the time of
// checking it, without holding an error and a position for each. The
// errors beyond it are counted (see [validator.result]).
const maxCheckErrors = maxErrors

// result returns the sorted errors, bounded, with a last one saying how
// many more were found if some were not recorded.
func (v *validator) result() ErrorList {
	if v.dropped == 0 {
		return v.errs
	}
	return v.errs.limit(v.dropped)
}

// run makes the checks of the whole scenario.
func (v *validator) run() {
	v.scenario()
	if len(v.errs) == 0 {
		// A policy left unbuilt for a value that could not be built, but
		// with no error to say which: say it at the policy.
		for _, p := range v.unbuilt {
			v.errorf(p, "%v", errUnknown)
		}
	}
}

// validator collects the errors of one validation pass.
type validator struct {
	s    *Scenario
	errs ErrorList
	// nodes maps the name of every supplier and site to it; nodeNames
	// lists the names, sorted.
	nodes     map[string]node
	nodeNames []string
	// unresolved is set when some name or reference could not be resolved,
	// so that checks of the network as a whole would only add noise.
	unresolved bool
	// reported holds the demand history files whose errors are reported.
	reported map[string]bool
	// volumeSum adds up the expected customer demand over the horizon, in
	// units, of the streams checked so far (see [validator.volume]).
	volumeSum      float64
	volumeReported bool // some stream alone exceeds the bound
	// net is the network the checks build once every name and source
	// has resolved (see [validator.compile]); complete when no error was
	// found.
	net *model.Network
	// unbuilt holds the paths of the derived policies not built because
	// a value they depend on could not be built.
	unbuilt []string
	// last is the position node of the path given checked last.
	last prefixCache
	// dropped counts the errors not recorded beyond maxCheckErrors.
	dropped int
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
	if len(v.errs) >= maxCheckErrors {
		v.dropped++
		return
	}
	e := &Error{File: v.s.File, Field: path, Msg: fmt.Sprintf(format, args...)}
	for p := path; v.s.pos != nil; p = parent(p) {
		if at, ok := v.s.pos.get(p); ok {
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

// day is the scenario's time unit, singular, for messages: "day" unless
// time_unit names another one (an unknown time_unit is reported on its
// own, and counts as days here).
func (v *validator) day() string {
	if slices.Contains(timeUnits, v.s.TimeUnit) {
		return v.s.TimeUnit
	}
	return "day"
}

// days is [validator.day] in the plural.
func (v *validator) days() string { return v.day() + "s" }

// time formats the length of time x with the scenario's time unit: "1
// week", "36 weeks".
func (v *validator) time(x float64) string {
	if x == 1 {
		return "1 " + v.day()
	}
	return num(x) + " " + v.days()
}

// given reports whether the field at path was written in the file; for a
// Scenario built in Go, whether its value is not zero.
func (v *validator) given(path string, nonzero bool) bool {
	if v.s.pos == nil {
		return nonzero
	}
	return v.s.pos.has(path)
}

// givenAt is [validator.given] of the path p+field, without building
// the path.
func (v *validator) givenAt(p, field string, nonzero bool) bool {
	if v.s.pos == nil {
		return nonzero
	}
	_, ok := v.s.pos.at(v.s.pos.below(v.s.pos.prefix(p, &v.last), field))
	return ok
}

// badAt reports whether the value at the path p+field could not be
// decoded (the path is built on the stack).
func (v *validator) badAt(p, field string) bool {
	if len(v.s.bad) == 0 {
		return false
	}
	var b [128]byte
	return v.s.bad[string(append(append(b[:0], p...), field...))]
}

// nonnegAt is [validator.nonneg] of the field at p+field, whose path is
// built only for an error.
func (v *validator) nonnegAt(p, field string, x float64) {
	if !(x >= 0) {
		v.nonneg(p+field, x)
	}
}

// positiveAt is [validator.positive] of the field at p+field.
func (v *validator) positiveAt(p, field string, x float64) {
	if !(x > 0) || math.IsInf(x, 0) {
		v.positive(p+field, x)
	}
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

// oneOfAt is [validator.oneOf] of the field at p+field, whose path is
// built only for an error.
func (v *validator) oneOfAt(p, field, what, x string, allowed []string) {
	if !slices.Contains(allowed, x) {
		v.oneOf(p+field, what, x, allowed)
	}
}

// suggestOrList gives did-you-mean and the supported values.
func suggestOrList(x string, allowed []string) string {
	if c := Closest(x, allowed, maxTypo); len(c) > 0 {
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

// reservedName matches the site and item names that output and scopes
// use for themselves: the roll-up rows "total", "customers" and
// "echelon-N".
var reservedName = regexp.MustCompile(`(?i)^(total|customers|echelon-\d+)$`)

// rollUpName checks that a site or item name cannot be mistaken for a
// roll-up row or a scope (SITE/ITEM, echelon-N, customers), after the
// checks of [validator.name] passed.
func (v *validator) rollUpName(path, what, x string) {
	switch {
	case reservedName.MatchString(x):
		v.errorf(path, "%q is reserved: output names its roll-up rows total, customers and echelon-1, echelon-2, ...; give the %s another name", x, what)
	case strings.ContainsRune(x, ':'):
		v.errorf(path, "must not contain ':', got %q (':' is kept for the command line's syntax, such as LO:HI ranges and scopes)", x)
	}
}

func (v *validator) scenario() {
	s := v.s
	if s.Replications < 1 {
		v.errorf("replications", "must be >= 1, got %d", s.Replications)
	}
	switch {
	case s.Horizon == 0 && !v.given("horizon", false):
		v.errorf("horizon", "required: the simulated %s of one replication, > 0", v.days())
	case !(s.Horizon > 0) || math.IsInf(s.Horizon, 0):
		v.errorf("horizon", "must be > 0 %s, got %s", v.days(), num(s.Horizon))
	}
	if s.TimeUnit != "" {
		v.oneOf("time_unit", "time unit", s.TimeUnit, timeUnits)
	}
	switch {
	case !(s.Warmup >= 0) || math.IsInf(s.Warmup, 0):
		v.errorf("warmup", "must be >= 0 %s, got %s", v.days(), num(s.Warmup))
	case s.Horizon > 0 && s.Warmup >= s.Horizon:
		v.errorf("warmup", "must be < horizon (%s), got %s", v.time(s.Horizon), num(s.Warmup))
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
	// Suppliers and sites share one namespace, so that a source can name
	// either without ambiguity.
	v.nodes = map[string]node{}
	owners := map[string]string{}
	for i := range s.Suppliers {
		p := fmt.Sprintf("suppliers[%d]", i)
		sp := &s.Suppliers[i]
		v.node(p+".name", sp.Name, owners, p, node{index: i})
		if sp.LeadTime.Type == "" {
			v.errorf(p+".lead_time", "required: %s from order to receipt, a number or a distribution", v.days())
		} else {
			v.duration(p+".lead_time", &sp.LeadTime, "")
		}
		switch c := sp.Capacity; {
		case c < 0:
			v.errorf(p+".capacity", "must be >= 0 units per %s (0 means unlimited), got %s", v.day(), num(c))
		case c > 0 && c < minCapacity:
			v.errorf(p+".capacity", "must be 0 (unlimited) or at least %g units per %s, got %s", minCapacity, v.day(), num(c))
		}
		if sp.Disruption != nil {
			v.disruption(p+".disruption", sp.Disruption, sp)
		}
	}
	for i := range s.Sites {
		p := fmt.Sprintf("sites[%d]", i)
		v.node(p+".name", s.Sites[i].Name, owners, p, node{site: true, index: i})
		v.rollUpName(p+".name", "site", s.Sites[i].Name)
	}
	v.nodeNames = make([]string, 0, len(v.nodes))
	for name := range v.nodes {
		v.nodeNames = append(v.nodeNames, name)
	}
	slices.Sort(v.nodeNames)
	for i := range s.Sites {
		v.site(fmt.Sprintf("sites[%d]", i), &s.Sites[i])
	}
	if v.volumeSum > maxDemandUnits && !v.volumeReported {
		v.errorf("horizon", "the expected customer demand over the horizon, summed over every demand stream, is up to %.4g units, more than the %.4g (2^50) a run can count exactly; shorten the horizon or lower the demand (see Limits in docs/scenario-format.md)", v.volumeSum, float64(maxDemandUnits))
	}
	v.streams()
	if v.network() && (len(v.errs) == 0 || v.derives()) {
		v.compile()
	}
	v.variants()
}

// maxUnits bounds stock levels, policy parameters, order sizes and the
// units of one day's demand, so that inventory-position arithmetic stays
// far from overflow (see Limits in docs/scenario-format.md).
const maxUnits = 1e9
