package optimize

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"scsim/model"
	"scsim/scenarios"
)

// maxAxisValues is the most values one axis may take.
const maxAxisValues = 1_000_000

// Axis is one parameter the search varies: a field path and its values
// Lo, Lo+Step, ..., up to Hi.
type Axis struct {
	Path         string
	Lo, Hi, Step float64
	// decimals is the number of decimals of the values as written: values
	// are rounded to it, so 0.1 steps give 0.3, not 0.30000000000000004.
	decimals int
}

// ParseAxis parses "PATH=LO:HI" or "PATH=LO:HI:STEP" (STEP 1 by default).
func ParseAxis(arg string) (Axis, error) {
	expected := "expected PATH=LO:HI[:STEP], such as sites[store].stock[widget].policy.reorder_point=20:60 or ...=20:60:5"
	eq := strings.LastIndex(arg, "=")
	if eq < 0 {
		return Axis{}, fmt.Errorf("--vary %s: %s", arg, expected)
	}
	path, spec := strings.TrimSpace(arg[:eq]), strings.TrimSpace(arg[eq+1:])
	if path == "" {
		return Axis{}, fmt.Errorf("--vary %s: no field path before '='; %s", arg, expected)
	}
	parts := strings.Split(spec, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return Axis{}, fmt.Errorf("--vary %s: %q is not LO:HI or LO:HI:STEP; %s", arg, spec, expected)
	}
	names := []string{"LO", "HI", "STEP"}
	vals := []float64{0, 0, 1}
	a := Axis{Path: path}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return Axis{}, fmt.Errorf("--vary %s: %s must be a number, got %q; %s", arg, names[i], p, expected)
		}
		vals[i] = v
		if _, frac, ok := strings.Cut(strings.TrimLeft(p, "+-"), "."); ok {
			a.decimals = max(a.decimals, len(strings.TrimRight(frac, "0")))
		}
	}
	a.Lo, a.Hi, a.Step = vals[0], vals[1], vals[2]
	switch {
	case a.Lo > a.Hi:
		return Axis{}, fmt.Errorf("--vary %s: LO (%v) must not exceed HI (%v)", arg, a.Lo, a.Hi)
	case !(a.Step > 0):
		return Axis{}, fmt.Errorf("--vary %s: STEP must be > 0, got %v", arg, a.Step)
	case (a.Hi-a.Lo)/a.Step >= maxAxisValues:
		return Axis{}, fmt.Errorf("--vary %s: more than %d values; use a larger STEP", arg, maxAxisValues)
	}
	return a, nil
}

// Len returns the number of values of a.
func (a Axis) Len() int { return int(math.Floor((a.Hi-a.Lo)/a.Step+1e-9)) + 1 }

// Value returns value i of a, Lo + i·Step rounded to the decimals written.
func (a Axis) Value(i int) float64 {
	v := a.Lo + float64(i)*a.Step
	p := math.Pow(10, float64(a.decimals))
	return math.Round(v*p) / p
}

// Text returns value i of a as the text of an override: "36", "0.95".
func (a Axis) Text(i int) string { return strconv.FormatFloat(a.Value(i), 'f', a.decimals, 64) }

// Nearest returns the index of the value of a nearest v, clamped to the
// axis.
func (a Axis) Nearest(v float64) int {
	i := int(math.Round((v - a.Lo) / a.Step))
	return min(max(i, 0), a.Len()-1)
}

// String writes a as --vary takes it.
func (a Axis) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', a.decimals, 64) }
	return a.Path + "=" + f(a.Lo) + ":" + f(a.Hi) + ":" + f(a.Step)
}

// Constraint is a bound on a metric: Metric Op Bound in Scope (the
// problem's scope if empty).
type Constraint struct {
	Scope  string
	Metric int     // index into [model.Metrics]
	Op     string  // ">=" or "<="
	Bound  float64 // the bound
}

// ParseConstraint parses "METRIC>=X", "METRIC<=X", or either with a scope
// in front: "SCOPE:METRIC>=X", such as store/widget:fill_rate>=0.95 or
// site:store:fill_rate>=0.95.
func ParseConstraint(arg string) (Constraint, error) {
	expected := "expected METRIC>=X or METRIC<=X, optionally SCOPE:METRIC>=X, such as fill_rate>=0.95 or store/widget:fill_rate>=0.95"
	var c Constraint
	i := strings.IndexAny(arg, "<>=")
	if i < 0 {
		return c, fmt.Errorf("--subject-to %s: no comparison; %s", arg, expected)
	}
	lhs, rest := strings.TrimSpace(arg[:i]), arg[i:]
	switch {
	case strings.HasPrefix(rest, ">="):
		c.Op = ">="
	case strings.HasPrefix(rest, "<="):
		c.Op = "<="
	default:
		return c, fmt.Errorf("--subject-to %s: the comparison must be >= or <=; %s", arg, expected)
	}
	num := strings.TrimSpace(rest[2:])
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return c, fmt.Errorf("--subject-to %s: the bound must be a number, got %q; %s", arg, num, expected)
	}
	c.Bound = v
	if k := strings.LastIndex(lhs, ":"); k >= 0 {
		c.Scope, lhs = strings.TrimSpace(lhs[:k]), strings.TrimSpace(lhs[k+1:])
		if c.Scope == "" {
			return c, fmt.Errorf("--subject-to %s: empty scope before ':'; %s", arg, expected)
		}
	}
	m, err := MetricIndex(lhs)
	if err != nil {
		return c, fmt.Errorf("--subject-to %s: %v", arg, err)
	}
	c.Metric = m
	return c, nil
}

// MetricIndex returns the index into [model.Metrics] of the metric keyed
// key; the error lists the keys.
func MetricIndex(key string) (int, error) {
	for i, m := range model.Metrics {
		if m.Key == key {
			return i, nil
		}
	}
	if key == "" {
		return 0, fmt.Errorf("no metric named (metrics: %s)", metricKeys())
	}
	return 0, fmt.Errorf("unknown metric %q (%smetrics: %s)", key, scenarios.MetricHint(key), metricKeys())
}

func metricKeys() string {
	keys := make([]string, len(model.Metrics))
	for i, m := range model.Metrics {
		keys[i] = m.Key
	}
	return strings.Join(keys, ", ")
}

// String writes c as --subject-to takes it, with its scope.
func (c Constraint) String() string {
	s := model.Metrics[c.Metric].Key + c.Op + strconv.FormatFloat(c.Bound, 'g', -1, 64)
	if c.Scope != "" {
		s = c.Scope + ":" + s
	}
	return s
}
