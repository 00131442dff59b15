package check

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"scsim/model"
	"scsim/stats"
)

// Report is the outcome of checking a suite against its baseline.
type Report struct {
	Suite, SuiteFile, BaselineFile, Version string
	Confidence                              float64
	Cases                                   []CaseReport
}

// CaseReport is one case's inputs, how they relate to the baseline's,
// and its metrics' verdicts.
type CaseReport struct {
	Name, Scenario, Variant string
	Fingerprint             string
	Seed                    uint64
	Replications            int
	// Baseline is the baseline's record of the case (its Metrics left
	// out).
	Baseline BaselineCase
	// Paired says the paired test was used: the seed and replications
	// are the baseline's.
	Paired bool
	// Mismatch lists what differs from the baseline's inputs
	// (fingerprint, seed, replications), each with what it means; empty
	// when they are the same.
	Mismatch []string
	Metrics  []MetricReport
}

// MetricReport is one guarded metric's verdict.
type MetricReport struct {
	Case          string
	Metric, Scope string
	Unit          string
	Higher        bool
	ToleranceText string
	Test          // the comparison and its verdict
	Message       string
}

// Compare checks each case's run (sums, in case order) against the
// baseline b. A case or metric the baseline lacks is an error (the
// baseline needs --update); inputs that differ from the baseline's are
// compared all the same and listed in [CaseReport.Mismatch].
func (s *Suite) Compare(b *Baseline, baselineFile string, sums []*stats.Summary, version string) (*Report, error) {
	rep := &Report{Suite: s.Name, SuiteFile: s.File, BaselineFile: baselineFile, Version: version, Confidence: s.Confidence}
	var missing []string
	var errs []error
	for i := range s.Cases {
		c := &s.Cases[i]
		bc := b.Case(c.Name)
		if bc == nil {
			missing = append(missing, fmt.Sprintf("case %q", c.Name))
			continue
		}
		cr := CaseReport{Name: c.Name, Scenario: c.Scenario, Variant: c.Variant, Fingerprint: c.Sc.Fingerprint(),
			Seed: c.Sc.Seed, Replications: c.Sc.Replications, Baseline: *bc}
		cr.Baseline.Metrics = nil
		cr.Paired = bc.Seed == cr.Seed && bc.Replications == cr.Replications
		cr.Mismatch = mismatch(bc, &cr)
		for j := range c.Metrics {
			g := &c.Metrics[j]
			bm := bc.Metric(g.Metric, g.Scope)
			if bm == nil {
				missing = append(missing, fmt.Sprintf("%s at %s in case %q", g.Metric, g.Scope, c.Name))
				continue
			}
			cur, err := s.values(i, j, sums[i])
			if err != nil {
				errs = append(errs, err)
				continue
			}
			t := Assess(bm.Values, cur, cr.Paired, g.Higher, g.Abs, g.Rel, s.Confidence)
			m := MetricReport{Case: c.Name, Metric: g.Metric, Scope: g.Scope, Unit: model.Metrics[g.Index].Unit,
				Higher: g.Higher, ToleranceText: g.Tolerance, Test: t}
			m.Message = m.describe(s.Confidence)
			cr.Metrics = append(cr.Metrics, m)
		}
		rep.Cases = append(rep.Cases, cr)
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("baseline %s has no values for %s; run scsim check %s --update to record them", baselineFile, strings.Join(missing, ", "), s.File))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return rep, nil
}

// mismatch describes how the inputs of case c differ from the baseline's.
func mismatch(bc *BaselineCase, c *CaseReport) []string {
	var out []string
	if bc.Fingerprint != c.Fingerprint {
		out = append(out, fmt.Sprintf("the scenario as run changed: fingerprint %s in the baseline, %s now (its file, the case's set, variant, horizon or warm-up differ); the verdicts measure the effect of that change", bc.Fingerprint, c.Fingerprint))
	}
	if bc.Seed != c.Seed {
		out = append(out, fmt.Sprintf("seed %d in the baseline, %d now: no common random numbers, so the unpaired (Welch) test is used", bc.Seed, c.Seed))
	}
	if bc.Replications != c.Replications {
		out = append(out, fmt.Sprintf("%d replications in the baseline, %d now: the unpaired (Welch) test is used", bc.Replications, c.Replications))
	}
	return out
}

// Mismatched reports whether any case's inputs differ from the baseline's.
func (r *Report) Mismatched() bool {
	return slices.ContainsFunc(r.Cases, func(c CaseReport) bool { return len(c.Mismatch) > 0 })
}

// Metrics returns every metric's report, the worst first: by verdict
// (regression, inconclusive, changed-within-tolerance, pass,
// improvement), then by the worsening as a multiple of the tolerance
// (of the standard error when the tolerance is 0), then in suite order.
func (r *Report) Metrics() []MetricReport {
	var out []MetricReport
	for _, c := range r.Cases {
		out = append(out, c.Metrics...)
	}
	slices.SortStableFunc(out, func(a, b MetricReport) int {
		return cmp.Or(cmp.Compare(a.Verdict.rank(), b.Verdict.rank()), cmp.Compare(b.severity(), a.severity()))
	})
	return out
}

// severity is how much worse a metric got, for ordering.
func (m *MetricReport) severity() float64 {
	if math.IsNaN(m.Worse) {
		return math.Inf(1)
	}
	scale := m.Tolerance
	if scale == 0 {
		scale = m.SE
	}
	if scale == 0 {
		return m.Worse
	}
	return m.Worse / scale
}

// Counts returns the number of metrics with each verdict.
func (r *Report) Counts() map[Verdict]int {
	out := map[Verdict]int{}
	for _, v := range Verdicts {
		out[v] = 0
	}
	for _, c := range r.Cases {
		for _, m := range c.Metrics {
			out[m.Verdict]++
		}
	}
	return out
}

// Failed reports whether the check fails: a regression, or with
// failOnInconclusive an inconclusive verdict.
func (r *Report) Failed(failOnInconclusive bool) bool {
	n := r.Counts()
	return n[Regression] > 0 || failOnInconclusive && n[Inconclusive] > 0
}

// TestName is the name of the paired or unpaired test.
func (t *Test) TestName() string {
	if t.Paired {
		return "paired t"
	}
	return "Welch t"
}

// describe writes the metric's verdict in a sentence.
func (m *MetricReport) describe(conf float64) string {
	what := fmt.Sprintf("%s at %s: %s now, %s in the baseline", m.Metric, m.Scope, Num(m.Cur), Num(m.Base))
	if math.IsNaN(m.SE) {
		return fmt.Sprintf("%s; fewer than 2 replications with the metric defined (baseline %d, now %d): cannot tell", what, m.NBase, m.NCur)
	}
	diff := fmt.Sprintf("difference %s (%g%% CI %s to %s, %s test, %s)", Signed(m.Diff), conf*100, Signed(m.Low), Signed(m.High), m.TestName(), m.sizes())
	tol := fmt.Sprintf("the tolerance %s", Num(m.Tolerance))
	if m.ToleranceText != Num(m.Tolerance) {
		tol += " (" + m.ToleranceText + ")"
	}
	dir := "lower"
	if m.Higher {
		dir = "higher"
	}
	var says string
	switch m.Verdict {
	case Regression:
		says = fmt.Sprintf("worse (%s) by more than %s", dir, tol)
	case Improvement:
		says = fmt.Sprintf("better by more than %s", tol)
	case Inconclusive:
		says = fmt.Sprintf("the interval straddles %s: a worsening beyond it is neither shown nor ruled out", tol)
		if m.Needed > 0 {
			says += fmt.Sprintf("; about %d replications (baseline and now) would decide", m.Needed)
		} else {
			says += "; the worsening is about the tolerance, so more than a million replications would be needed"
		}
	case Within:
		says = fmt.Sprintf("changed, within %s", tol)
	case Pass:
		if m.Diff == 0 && m.SE == 0 {
			says = "identical"
		} else {
			says = fmt.Sprintf("no change shown, none beyond %s", tol)
		}
	}
	return what + "; " + diff + ": " + says
}

// sizes says how many values the test used.
func (m *MetricReport) sizes() string {
	if m.Paired {
		return fmt.Sprintf("%d pairs", m.NCur)
	}
	return fmt.Sprintf("%d and %d replications", m.NBase, m.NCur)
}

// Num formats a value with 4 significant digits (more for values near
// 1, such as fill rates of 0.9953).
func Num(x float64) string {
	switch {
	case math.IsNaN(x):
		return "-"
	case x == 0:
		return "0"
	case math.Abs(x) >= 0.9 && math.Abs(x) <= 1:
		return fmt.Sprintf("%.6g", x)
	}
	return fmt.Sprintf("%.4g", x)
}

// Signed is [Num] with a sign.
func Signed(x float64) string {
	if x > 0 {
		return "+" + Num(x)
	}
	return Num(x)
}

// Exit codes of a check.
const (
	ExitOK         = 0 // no regression
	ExitRegression = 1 // a regression (or, with --fail-on inconclusive, an inconclusive verdict)
	ExitBadInput   = 2 // a bad suite, scenario or baseline; with --strict, inputs that differ from the baseline's
)

// Outcome returns the check's status, "ok", "regression",
// "inconclusive" (failing only with failOnInconclusive) or "mismatch"
// (with strict, when inputs differ from the baseline's), and its exit
// code.
func (r *Report) Outcome(failOnInconclusive, strict bool) (string, int) {
	n := r.Counts()
	switch {
	case strict && r.Mismatched():
		return "mismatch", ExitBadInput
	case n[Regression] > 0:
		return "regression", ExitRegression
	case failOnInconclusive && n[Inconclusive] > 0:
		return "inconclusive", ExitRegression
	}
	return "ok", ExitOK
}

// Summary says the outcome in a line: "1 regression, 2 inconclusive, 27
// pass" (verdicts with no metric left out).
func (r *Report) Summary() string {
	n := r.Counts()
	var parts []string
	for _, v := range Verdicts {
		if n[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[v], v))
		}
	}
	if len(parts) == 0 {
		return "no metrics"
	}
	return strings.Join(parts, ", ")
}
