package output

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"scsim/check"
)

// CheckSchema names the JSON format of scsim check, documented in
// docs/check.md; it changes only if the format does, incompatibly.
const CheckSchema = "scsim/check/v1"

// CheckOptions are the settings of scsim check that decide its outcome.
type CheckOptions struct {
	FailOnInconclusive bool
	Strict             bool
}

// checkOutcome describes the outcome in words: "FAIL: 1 regression (exit 1)".
func checkOutcome(r *check.Report, o CheckOptions) string {
	status, code := r.Outcome(o.FailOnInconclusive, o.Strict)
	word := "OK"
	switch status {
	case "regression":
		word = "FAIL: regression"
	case "inconclusive":
		word = "FAIL: inconclusive (--fail-on inconclusive)"
	case "mismatch":
		word = "FAIL: inputs differ from the baseline's (--strict)"
	}
	return fmt.Sprintf("%s (exit %d)", word, code)
}

// checkInterval formats a difference's interval "−0.017 to −0.013".
func checkInterval(m *check.MetricReport) string {
	if math.IsNaN(m.Low) {
		return "-"
	}
	return check.Signed(m.Low) + " to " + check.Signed(m.High)
}

// checkTestText names a metric's test and sample sizes: "paired 10", "Welch 10/10".
func checkTestText(m *check.MetricReport) string {
	if m.Paired {
		return fmt.Sprintf("paired %d", m.NCur)
	}
	return fmt.Sprintf("Welch %d/%d", m.NBase, m.NCur)
}

// checkTolText is the tolerance as given, with its absolute value if relative.
func checkTolText(m *check.MetricReport) string {
	if strings.HasSuffix(m.ToleranceText, "%") {
		return m.ToleranceText + " = " + check.Num(m.Tolerance)
	}
	return m.ToleranceText
}

// checkVerdictText is the verdict, with the replications needed if
// inconclusive.
func checkVerdictText(m *check.MetricReport) string {
	if m.Verdict == check.Inconclusive && m.Needed > 0 {
		return fmt.Sprintf("inconclusive (~%d reps)", m.Needed)
	}
	return string(m.Verdict)
}

// checkConfidenceNote says which tests were used at what confidence.
func checkConfidenceNote(r *check.Report) string {
	return fmt.Sprintf("two-sided %g%% intervals of current − baseline (each one-sided verdict at %g%%): paired t-test where the seed and replications match the baseline, else Welch's; \"detects\": the smallest worsening found with %g%% power",
		r.Confidence*100, 100-(1-r.Confidence)*50, check.Power*100)
}

// checkNotes lists each case's differences from its baseline's inputs.
func checkNotes(r *check.Report) []string {
	var out []string
	for _, c := range r.Cases {
		for _, m := range c.Mismatch {
			out = append(out, c.Name+": "+m)
		}
		if c.Baseline.Version != r.Version {
			out = append(out, fmt.Sprintf("%s: the baseline was made by scsim %s, this is %s", c.Name, c.Baseline.Version, r.Version))
		}
	}
	if r.Mismatched() {
		out = append(out, fmt.Sprintf("once these changes are intended, record a new baseline: scsim check %s --update", r.SuiteFile))
	}
	return out
}

// WriteCheckTable writes the check's report as a table, the worst
// verdicts first, with the notes on inputs that differ from the
// baseline's and the outcome.
func WriteCheckTable(w io.Writer, r *check.Report, o CheckOptions) error {
	var b bytes.Buffer
	ms := r.Metrics()
	fmt.Fprintf(&b, "scsim check: %s (%s), baseline %s, scsim %s\n", r.Suite, r.SuiteFile, r.BaselineFile, r.Version)
	fmt.Fprintf(&b, "%s, %s: %s\n", plural(len(r.Cases), "case", "cases"), plural(len(ms), "metric", "metrics"), r.Summary())
	fmt.Fprintf(&b, "%s\n\n", checkConfidenceNote(r))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "verdict\tcase\tscope\tmetric\tbaseline\tcurrent\tdifference\tinterval\ttolerance\tdetects\ttest")
	for i := range ms {
		m := &ms[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", checkVerdictText(m), m.Case, m.Scope, m.Metric,
			check.Num(m.Base), check.Num(m.Cur), check.Signed(m.Diff), checkInterval(m), checkTolText(m), check.Num(m.Detectable), checkTestText(m))
	}
	tw.Flush()
	if ns := checkNotes(r); len(ns) > 0 {
		b.WriteString("\nnotes\n")
		for _, n := range ns {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	var fails []string
	for i := range ms {
		if m := &ms[i]; m.Verdict == check.Regression || o.FailOnInconclusive && m.Verdict == check.Inconclusive {
			fails = append(fails, "  "+m.Case+": "+m.Message)
		}
	}
	if len(fails) > 0 {
		b.WriteString("\nfailures\n" + strings.Join(fails, "\n") + "\n")
	}
	fmt.Fprintf(&b, "\nresult: %s\n", checkOutcome(r, o))
	_, err := w.Write(b.Bytes())
	return err
}

// WriteCheckExplain writes the power of each guarded metric's test: the
// spread of its difference, the smallest worsening detected at the
// replications run, and the replications that would detect a worsening
// of twice the tolerance.
func WriteCheckExplain(w io.Writer, r *check.Report) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "power of the tests of %s at %g%% confidence and %g%% power\n", r.Suite, r.Confidence*100, check.Power*100)
	b.WriteString(`sd: the standard deviation per replication of current − baseline (paired: of the
differences; unpaired: sqrt(sd_base² + sd_now²); "unpaired" marks a paired test whose
differences were all equal, where the unpaired sd bounds what pairing detects).
detects: the smallest worsening that the test reports as a regression with 80% power at
the replications run: tolerance + (t(1-α/2) + t(0.8)) · sd/√n; with n replications it
shrinks as 1/√n. reps for 2×tol: the replications (baseline and now) at which a
worsening of twice the tolerance is detected with 80% power.

`)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\tscope\tmetric\ttest\treps\tsd\tdetects\ttolerance\treps for 2×tol")
	for _, c := range r.Cases {
		for i := range c.Metrics {
			m := &c.Metrics[i]
			sd, mark := m.Sigma, ""
			if m.Paired && sd == 0 {
				sd, mark = m.UnpairedSigma, " (unpaired)"
			}
			need := "-"
			if m.Tolerance > 0 {
				if n := check.Replications(sd, 2*m.Tolerance, m.Tolerance, r.Confidence); n > 0 {
					need = fmt.Sprint(n)
				} else {
					need = "> 1000000"
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s%s\t%s\t%s\t%s\n", c.Name, m.Scope, m.Metric, m.TestName(), m.NCur,
				check.Num(sd), mark, check.Num(m.Detectable), check.Num(m.Tolerance), need)
		}
	}
	tw.Flush()
	_, err := w.Write(b.Bytes())
	return err
}

// checkJSON is the document of [WriteCheckJSON]; docs/check.md
// describes it field by field.
type checkJSON struct {
	Schema       string          `json:"schema"`
	Version      string          `json:"scsim_version"`
	Suite        string          `json:"suite"`
	SuiteFile    string          `json:"suite_file"`
	BaselineFile string          `json:"baseline_file"`
	Confidence   float64         `json:"confidence"`
	Power        float64         `json:"power"`
	Status       string          `json:"status"`
	ExitCode     int             `json:"exit_code"`
	Counts       map[string]int  `json:"counts"`
	Cases        []checkCaseJSON `json:"cases"`
}

type checkCaseJSON struct {
	Name         string            `json:"name"`
	Scenario     string            `json:"scenario"`
	Variant      string            `json:"variant"`
	Fingerprint  string            `json:"fingerprint"`
	Seed         uint64            `json:"seed"`
	Replications int               `json:"replications"`
	Baseline     checkInputsJSON   `json:"baseline"`
	Test         string            `json:"test"`
	Mismatch     []string          `json:"mismatch"`
	Metrics      []checkMetricJSON `json:"metrics"`
}

type checkInputsJSON struct {
	Fingerprint  string `json:"fingerprint"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	Version      string `json:"scsim_version"`
}

type checkMetricJSON struct {
	Metric     string          `json:"metric"`
	Scope      string          `json:"scope"`
	Unit       string          `json:"unit"`
	Worse      string          `json:"worse"`
	Tolerance  checkTolJSON    `json:"tolerance"`
	Verdict    string          `json:"verdict"`
	Baseline   checkSampleJSON `json:"baseline"`
	Current    checkSampleJSON `json:"current"`
	Difference checkDiffJSON   `json:"difference"`
	Worsening  *float64        `json:"worsening"`
	Needed     *int            `json:"replications_needed"`
	Detectable *float64        `json:"detectable"`
	Message    string          `json:"message"`
}

type checkTolJSON struct {
	Given    string   `json:"given"`
	Absolute *float64 `json:"absolute"`
}

type checkSampleJSON struct {
	Mean      *float64 `json:"mean"`
	HalfWidth *float64 `json:"half_width"`
	N         int      `json:"n"`
}

type checkDiffJSON struct {
	Mean *float64 `json:"mean"`
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
	SE   *float64 `json:"standard_error"`
	DF   *float64 `json:"df"`
}

// WriteCheckJSON writes the check's report as one JSON document of
// schema [CheckSchema]: cases and metrics in suite order, NaN as null.
func WriteCheckJSON(w io.Writer, r *check.Report, o CheckOptions) error {
	status, code := r.Outcome(o.FailOnInconclusive, o.Strict)
	doc := checkJSON{Schema: CheckSchema, Version: r.Version, Suite: r.Suite, SuiteFile: r.SuiteFile, BaselineFile: r.BaselineFile,
		Confidence: r.Confidence, Power: check.Power, Status: status, ExitCode: code, Counts: map[string]int{}, Cases: []checkCaseJSON{}}
	for v, n := range r.Counts() {
		doc.Counts[string(v)] = n
	}
	for _, c := range r.Cases {
		cj := checkCaseJSON{Name: c.Name, Scenario: c.Scenario, Variant: c.Variant, Fingerprint: c.Fingerprint, Seed: c.Seed, Replications: c.Replications,
			Baseline: checkInputsJSON{c.Baseline.Fingerprint, c.Baseline.Seed, c.Baseline.Replications, c.Baseline.Version},
			Test:     "welch", Mismatch: append([]string{}, c.Mismatch...), Metrics: []checkMetricJSON{}}
		if c.Paired {
			cj.Test = "paired"
		}
		for i := range c.Metrics {
			m := &c.Metrics[i]
			worse := "lower"
			if m.Higher {
				worse = "higher"
			}
			mj := checkMetricJSON{Metric: m.Metric, Scope: m.Scope, Unit: m.Unit, Worse: worse,
				Tolerance:  checkTolJSON{m.ToleranceText, jsonFloat(m.Tolerance)},
				Verdict:    string(m.Verdict),
				Baseline:   checkSampleJSON{jsonFloat(m.Base), jsonFloat(m.BaseHW), m.NBase},
				Current:    checkSampleJSON{jsonFloat(m.Cur), jsonFloat(m.CurHW), m.NCur},
				Difference: checkDiffJSON{jsonFloat(m.Diff), jsonFloat(m.Low), jsonFloat(m.High), jsonFloat(m.SE), jsonFloat(m.DF)},
				Worsening:  jsonFloat(m.Worse), Detectable: jsonFloat(m.Detectable), Message: m.Message}
			if m.Verdict == check.Inconclusive && m.Needed > 0 {
				n := m.Needed
				mj.Needed = &n
			}
			cj.Metrics = append(cj.Metrics, mj)
		}
		doc.Cases = append(doc.Cases, cj)
	}
	return encodeJSON(w, doc, "json")
}

// JUnit XML: the elements and attributes that Jenkins, GitLab and the
// GitHub test-report actions read (see testdata/junit.xsd).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteCheckJUnit writes the check's report as JUnit XML: a testsuite per
// case and a testcase per guarded metric, named "METRIC at SCOPE", with
// a failure for a regression (and, with FailOnInconclusive, for an
// inconclusive verdict) whose message gives the baseline, the current
// value, the difference and its interval. The verdict's sentence is the
// testcase's system-out.
func WriteCheckJUnit(w io.Writer, r *check.Report, o CheckOptions) error {
	doc := junitSuites{Name: "scsim check " + r.Suite}
	for _, c := range r.Cases {
		test := "welch"
		if c.Paired {
			test = "paired"
		}
		s := junitSuite{Name: r.Suite + "/" + c.Name, Properties: []junitProperty{
			{"scenario", c.Scenario}, {"variant", c.Variant}, {"fingerprint", c.Fingerprint},
			{"seed", fmt.Sprint(c.Seed)}, {"replications", fmt.Sprint(c.Replications)},
			{"baseline.fingerprint", c.Baseline.Fingerprint}, {"baseline.seed", fmt.Sprint(c.Baseline.Seed)},
			{"baseline.replications", fmt.Sprint(c.Baseline.Replications)}, {"test", test},
		}}
		for i := range c.Metrics {
			m := &c.Metrics[i]
			tc := junitCase{Name: m.Metric + " at " + m.Scope, Classname: r.Suite + "." + c.Name, SystemOut: string(m.Verdict) + ": " + m.Message}
			if m.Verdict == check.Regression || o.FailOnInconclusive && m.Verdict == check.Inconclusive {
				tc.Failure = &junitFailure{Type: string(m.Verdict),
					Message: fmt.Sprintf("%s: %s: %s at %s: baseline %s, current %s, difference %s (%g%% CI %s), tolerance %s",
						m.Verdict, c.Name, m.Metric, m.Scope, check.Num(m.Base), check.Num(m.Cur), check.Signed(m.Diff), r.Confidence*100, checkInterval(m), checkTolText(m)),
					Text: m.Message}
				s.Failures++
			}
			s.Cases = append(s.Cases, tc)
			s.Tests++
		}
		for _, n := range c.Mismatch {
			s.Properties = append(s.Properties, junitProperty{"mismatch", n})
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	data, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.Write(data)
	b.WriteByte('\n')
	_, err = w.Write(b.Bytes())
	return err
}

// checkCell escapes a Markdown table cell.
func checkCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// WriteCheckMarkdown writes the check's report as Markdown for a CI job
// summary (such as $GITHUB_STEP_SUMMARY): the outcome, the counts, a
// table of every metric that did not pass, the worst first, and the
// notes. Metrics that passed are counted, not listed.
func WriteCheckMarkdown(w io.Writer, r *check.Report, o CheckOptions) error {
	var b bytes.Buffer
	ms := r.Metrics()
	fmt.Fprintf(&b, "### scsim check: %s: %s\n\n", checkCell(r.Suite), checkOutcome(r, o))
	fmt.Fprintf(&b, "%s, %s: %s. Baseline `%s`, scsim %s.\n\n", plural(len(r.Cases), "case", "cases"), plural(len(ms), "metric", "metrics"), r.Summary(), r.BaselineFile, r.Version)
	var rows []*check.MetricReport
	for i := range ms {
		if ms[i].Verdict != check.Pass {
			rows = append(rows, &ms[i])
		}
	}
	if len(rows) > 0 {
		b.WriteString("| verdict | case | scope | metric | baseline | current | difference | interval | tolerance | test |\n")
		b.WriteString("|---|---|---|---|---:|---:|---:|---|---:|---|\n")
		for _, m := range rows {
			v := checkVerdictText(m)
			if m.Verdict == check.Regression || o.FailOnInconclusive && m.Verdict == check.Inconclusive {
				v = "**" + v + "**"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v, checkCell(m.Case), checkCell(m.Scope), m.Metric,
				check.Num(m.Base), check.Num(m.Cur), check.Signed(m.Diff), checkInterval(m), checkCell(checkTolText(m)), checkTestText(m))
		}
		b.WriteString("\n")
	} else {
		b.WriteString("Every guarded metric passed.\n\n")
	}
	if ns := checkNotes(r); len(ns) > 0 {
		for _, n := range ns {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "<sub>%s</sub>\n", checkConfidenceNote(r))
	_, err := w.Write(b.Bytes())
	return err
}
