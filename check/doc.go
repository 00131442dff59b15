// Package check is scsim's regression mode: a suite of benchmark cases
// (scenarios with the metrics to guard, each with the direction that is
// worse and a tolerance), the baseline file that records each case's
// per-replication values, and the statistical verdicts that compare a new
// run with the baseline: pass, regression, improvement,
// changed-within-tolerance or inconclusive, by a paired t-test under
// common random numbers when the seed and replications match, else by
// Welch's unpaired t-test (see docs/check.md).
//
// It decodes the suite with the scenarios' strict decoder and runs cases
// through packages model and stats; it knows nothing of the command line, and the
// output package writes its reports.
package check
