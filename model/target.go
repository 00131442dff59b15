package model

// Target is the service level a policy promises: a metric (an index into
// [Metrics], [MCycleServiceLevel] or [MFillRate]) and the value it aims
// at.
type Target struct {
	Metric int
	Value  float64
}
