package stats

import (
	"math"

	"scsim/model"
)

// Verdict says whether a site-item kept its policy's [model.Target].
type Verdict uint8

// The verdicts, from the achieved estimate's mean and 95% confidence
// interval.
const (
	// TargetMet: the mean is at or above the target.
	TargetMet Verdict = iota
	// TargetWithinNoise: the mean is below the target, but the interval
	// reaches it; more replications would tell.
	TargetWithinNoise
	// TargetMissed: the whole interval lies below the target (mean +
	// half-width < target).
	TargetMissed
	// TargetUndetermined: the metric is undefined in every replication
	// (no cycle ended, no demand), or its mean is below the target with a
	// single replication, which gives no interval.
	TargetUndetermined
)

// String returns the verdict in words: "met", "within noise", "missed",
// "undetermined".
func (v Verdict) String() string {
	return [...]string{"met", "within noise", "missed", "undetermined"}[v]
}

// Key returns the verdict as a JSON key: "met", "within_noise", "missed",
// "undetermined".
func (v Verdict) Key() string {
	return [...]string{"met", "within_noise", "missed", "undetermined"}[v]
}

// CheckTarget returns the verdict on an achieved estimate e of target t's
// metric.
func CheckTarget(t model.Target, e Estimate) Verdict {
	switch {
	case math.IsNaN(e.Mean):
		return TargetUndetermined
	case e.Mean >= t.Value:
		return TargetMet
	case e.N < 2 || math.IsNaN(e.HalfWidth):
		return TargetUndetermined
	case e.Mean+e.HalfWidth < t.Value:
		return TargetMissed
	}
	return TargetWithinNoise
}

// TargetCheck is a site-item's target beside what it achieved.
type TargetCheck struct {
	model.Target
	Achieved Estimate
	Verdict  Verdict
}

// TargetCheck returns the site-item's target, its achieved estimate and
// the verdict; false when its policy promises no target.
func (k *SKUSummary) TargetCheck() (TargetCheck, bool) {
	t := k.Policy.Target
	if t == nil {
		return TargetCheck{}, false
	}
	e := k.Metrics[t.Metric]
	return TargetCheck{Target: *t, Achieved: e, Verdict: CheckTarget(*t, e)}, true
}
