package output

import (
	"math"

	"scsim/model"
	"scsim/stats"
)

// Meta is what the caller knows beyond the [stats.Summary]: it is printed in
// the table header and the JSON "scsim_version" and "scenario" fields.
type Meta struct {
	// Version is the scsim version that produced the results, e.g. "0.1.0".
	Version string
	// Source is where the scenario came from: a file path, or
	// "bundled:NAME" for a scenario embedded in the binary.
	Source string
	// Description is the scenario's free-text description; may be empty.
	Description string
	// Fingerprint identifies the scenario as run, after every override
	// (--set, --variant, flags): a hash of its canonical form, so that two
	// outputs can be checked to come from the same inputs. Empty if unknown.
	Fingerprint string
	// TimeUnit is the scenario's time unit, singular ("week"), as its
	// time_unit field gives it; "" for days. Text outputs label times and
	// rates with it; no number changes.
	TimeUnit string
	// Theory holds the exact theory of the site-items in a classic
	// model's domain ([model.Network.Theories]), shown beside the
	// simulated estimates; nil for none.
	Theory []model.Theory
	// RunTheory holds, for a comparison, the exact theory of each run's
	// site-items, by run name ([BaseName] for the base), shown beside
	// that run's own estimates; nil for none.
	RunTheory map[string][]model.Theory
	// PointFingerprint, for an optimisation, gives the fingerprint of
	// the scenario at a point, its values as the axes' texts; nil or ""
	// when unknown.
	PointFingerprint func(texts []string) string
}

// confidence is the two-sided level of every half-width, as computed by
// package stats.
const confidence = stats.Confidence

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// TimeUnit is the singular name of the time unit tu: tu, or "day" for "".
func TimeUnit(tu string) string { return model.TimeUnitName(tu) }

// TimeUnits is the plural of [TimeUnit]: "days", "weeks".
func TimeUnits(tu string) string { return TimeUnit(tu) + "s" }

// UnitLabel is how a metric's unit (as [model.Metrics] gives it, in days)
// is printed for a scenario whose time unit is tu: see [model.UnitLabel].
func UnitLabel(unit, tu string) string { return model.UnitLabel(unit, tu) }
