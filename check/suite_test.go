package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

const (
	shippedSuite    = "../testdata/check/suite.yaml"
	shippedBaseline = "../testdata/check/baseline.json"
)

// checkSuite loads suite data as a file in a temporary directory, runs it
// and compares it with the shipped baseline.
func checkSuite(t *testing.T, data string, opt Options) *Report {
	t.Helper()
	abs, err := filepath.Abs(shippedBaseline)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "suite.yaml")
	data = "baseline: " + abs + "\n" + data
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(file, opt)
	if err != nil {
		t.Fatal(err)
	}
	return compareWith(t, s, abs)
}

func compareWith(t *testing.T, s *Suite, baseline string) *Report {
	t.Helper()
	b, err := ReadBaseline(baseline)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Compare(b, baseline, s.Run(2), "test")
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// metric returns the report of one metric.
func metric(t *testing.T, r *Report, c, scope, m string) MetricReport {
	t.Helper()
	for _, mr := range r.Metrics() {
		if mr.Case == c && mr.Scope == scope && mr.Metric == m {
			return mr
		}
	}
	t.Fatalf("no %s %s %s in the report", c, scope, m)
	return MetricReport{}
}

// rqSingle is the rq-single case of the shipped suite with extra lines.
func rqSingle(extra string) string {
	return `defaults: {replications: 10, horizon: 730, warmup: 30}
cases:
  - scenario: rq-single
` + extra + `    metrics:
      - {metric: fill_rate, worse: lower, tolerance: 0.005}
      - {metric: avg_backorders, worse: higher, tolerance: 10%}
      - {metric: total_cost, worse: higher, tolerance: 2%}
      - {metric: avg_on_hand, scope: store/widget, worse: higher, tolerance: 2%}
`
}

// Rerunning the shipped suite reproduces its committed baseline exactly:
// every paired difference is 0 and every metric passes.
func TestShippedSuitePasses(t *testing.T) {
	s, err := Load(shippedSuite, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := compareWith(t, s, shippedBaseline)
	if st, code := rep.Outcome(true, true); st != "ok" || code != 0 {
		t.Errorf("outcome %s (exit %d), want ok", st, code)
	}
	n := 0
	for _, c := range rep.Cases {
		if !c.Paired || len(c.Mismatch) > 0 {
			t.Errorf("%s: paired %v, mismatch %v; want paired on the baseline's inputs", c.Name, c.Paired, c.Mismatch)
		}
		for _, m := range c.Metrics {
			n++
			if m.Verdict != Pass || m.Diff != 0 || m.Low != 0 || m.High != 0 {
				t.Errorf("%s %s %s: %s, difference %v (%v..%v); want pass with 0", c.Name, m.Scope, m.Metric, m.Verdict, m.Diff, m.Low, m.High)
			}
		}
	}
	if n < 20 || len(rep.Cases) < 10 {
		t.Errorf("%d cases, %d metrics: the shipped suite should guard more", len(rep.Cases), n)
	}
}

// A store's reorder point lowered by 2 (36 → 34) lowers PB1's fill rate
// by about 0.015 (theory: 0.979 → 0.964): a regression, paired.
func TestReorderPointRegression(t *testing.T) {
	rep := checkSuite(t, rqSingle("    set: ['sites[store].stock[widget].policy.reorder_point=34']\n"), Options{})
	m := metric(t, rep, "rq-single", "customers", "fill_rate")
	if m.Verdict != Regression || !m.Paired {
		t.Fatalf("fill rate: %s (paired %v), want a paired regression: %s", m.Verdict, m.Paired, m.Message)
	}
	if m.Diff > -0.01 || m.Diff < -0.02 {
		t.Errorf("fill rate difference %v, want about -0.015", m.Diff)
	}
	if b := metric(t, rep, "rq-single", "customers", "avg_backorders"); b.Verdict != Regression {
		t.Errorf("backorders: %s, want regression (%s)", b.Verdict, b.Message)
	}
	if oh := metric(t, rep, "rq-single", "store/widget", "avg_on_hand"); oh.Verdict != Improvement {
		t.Errorf("on hand: %s, want improvement: 2 units less stock (%s)", oh.Verdict, oh.Message)
	}
	if st, code := rep.Outcome(false, false); st != "regression" || code != ExitRegression {
		t.Errorf("outcome %s (exit %d), want regression (exit 1)", st, code)
	}
	c := rep.Cases[0]
	if len(c.Mismatch) != 1 || !strings.Contains(c.Mismatch[0], "fingerprint "+c.Baseline.Fingerprint+" in the baseline, "+c.Fingerprint+" now") {
		t.Errorf("mismatch %q, want the fingerprints named", c.Mismatch)
	}
	if st, code := rep.Outcome(false, true); st != "mismatch" || code != ExitBadInput {
		t.Errorf("strict outcome %s (exit %d), want mismatch (exit 2)", st, code)
	}
}

// A holding rate of 0.26 instead of 0.25 raises the holding cost, 1.7%
// of the total, by 4%: the total cost rises by about 0.07%, shown by the
// paired test (every replication costs more) but within the 2%
// tolerance; the other metrics are unchanged.
func TestChangeWithinTolerance(t *testing.T) {
	rep := checkSuite(t, rqSingle("    set: ['items[widget].holding_rate=0.26']\n"), Options{})
	m := metric(t, rep, "rq-single", "customers", "total_cost")
	if m.Verdict != Within || !(m.Low > 0) {
		t.Fatalf("total cost: %s, want changed-within-tolerance with the interval above 0: %s", m.Verdict, m.Message)
	}
	if rel := m.Diff / m.Base; rel < 0.0005 || rel > 0.001 {
		t.Errorf("total cost up by %.4f%%, want about 0.07%%", rel*100)
	}
	if f := metric(t, rep, "rq-single", "customers", "fill_rate"); f.Verdict != Pass || f.Diff != 0 {
		t.Errorf("fill rate: %s %v, want pass, unchanged", f.Verdict, f.Diff)
	}
	if st, code := rep.Outcome(true, false); st != "ok" || code != 0 {
		t.Errorf("outcome %s (exit %d), want ok", st, code)
	}
}

// A baseline made with other inputs is compared all the same, with notes
// saying what differs; another seed or number of replications makes the
// test unpaired.
func TestMismatchedBaseline(t *testing.T) {
	rep := checkSuite(t, rqSingle("    seed: 7\n    replications: 12\n    horizon: 740\n"), Options{})
	c := rep.Cases[0]
	if c.Paired {
		t.Error("paired, want unpaired: another seed")
	}
	all := strings.Join(c.Mismatch, "\n")
	for _, want := range []string{"fingerprint " + c.Baseline.Fingerprint + " in the baseline, " + c.Fingerprint + " now",
		"seed 1 in the baseline, 7 now", "10 replications in the baseline, 12 now", "Welch"} {
		if !strings.Contains(all, want) {
			t.Errorf("mismatch notes lack %q:\n%s", want, all)
		}
	}
	if !rep.Mismatched() {
		t.Error("not Mismatched")
	}
}

// Across 20 master seeds of the unchanged suite (so the unpaired Welch
// test against the committed baseline), false regressions stay within
// what the confidence allows: each metric's chance is at most 2.5%, so
// the count is at most the 99.9% quantile of a binomial over all tests
// (the baseline is shared by every seed, which widens the spread of the
// count). That holds with every tolerance 0 too, the test's own level;
// the tolerances make false alarms rarer still.
func TestNoFalseAlarmsAcrossSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite 20 times")
	}
	regressions, untolerated, tests := 0, 0, 0
	var which []string
	for seed := uint64(1001); seed <= 1020; seed++ {
		s, err := Load(shippedSuite, Options{Seed: &seed})
		if err != nil {
			t.Fatal(err)
		}
		b, err := ReadBaseline(shippedBaseline)
		if err != nil {
			t.Fatal(err)
		}
		sums := s.Run(2)
		rep, err := s.Compare(b, shippedBaseline, sums, "test")
		if err != nil {
			t.Fatal(err)
		}
		// the same tests without tolerance: the test's own level
		for i := range s.Cases {
			for j, g := range s.Cases[i].Metrics {
				cur, _ := s.values(i, j, sums[i])
				base := b.Case(s.Cases[i].Name).Metric(g.Metric, g.Scope).Values
				if Assess(base, cur, false, g.Higher, 0, 0, s.Confidence).Verdict == Regression {
					untolerated++
				}
			}
		}
		for _, c := range rep.Cases {
			if c.Paired {
				t.Fatalf("seed %d: %s paired, want Welch", seed, c.Name)
			}
			for _, m := range c.Metrics {
				tests++
				if m.Verdict == Regression {
					regressions++
					which = append(which, fmt.Sprintf("seed %d: %s", seed, m.Message))
				}
			}
		}
	}
	allowed := 0
	bin := distuv.Binomial{N: float64(tests), P: 0.025}
	for bin.CDF(float64(allowed)) < 0.999 {
		allowed++
	}
	t.Logf("%d false regressions in %d tests (20 seeds), %d with every tolerance 0; allowed %d (expected at most %.1f)", regressions, tests, untolerated, allowed, 0.025*float64(tests))
	if untolerated > allowed {
		t.Errorf("with tolerance 0, %d false regressions in %d tests, more than %d", untolerated, tests, allowed)
	}
	if regressions > allowed {
		t.Errorf("%d false regressions in %d tests, more than %d:\n%s", regressions, tests, allowed, strings.Join(which, "\n"))
	}
}

// Suite errors are positioned, file:line:col: field: message.
func TestSuiteErrors(t *testing.T) {
	for _, c := range []struct{ suite, want string }{
		{"cases:\n  - scenario: rq-single\n    metrcs: []\n", "suite.yaml:3:5: cases[0].metrcs: unknown field (did you mean metrics?)"},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rat, worse: lower, tolerance: 0.01}\n", "suite.yaml:4:18: cases[0].metrics[0].metric: unknown metric \"fill_rat\" (did you mean fill_rate?)"},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: down, tolerance: 0.01}\n", "suite.yaml:4:36: cases[0].metrics[0].worse: must be lower or higher, got \"down\""},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 1x}\n", "suite.yaml:4:54: cases[0].metrics[0].tolerance: expected a number (0.005) or a percentage (2%), got \"1x\""},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: lower}\n", "cases[0].metrics[0].tolerance: missing"},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, scope: store/gizmo, worse: lower, tolerance: 0.01}\n", "suite.yaml:4:36: cases[0].metrics[0].scope: unknown scope \"store/gizmo\""},
		{"cases:\n  - scenario: rq-singel\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.01}\n", "suite.yaml:2:15: cases[0].scenario: no bundled scenario \"rq-singel\" (did you mean rq-single?)"},
		{"cases:\n  - scenario: rq-single\n    replications: 1\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.01}\n", "suite.yaml:3:19: cases[0].replications: must be >= 2"},
		{"cases:\n  - scenario: rq-single\n    set: ['sites[store].stock[widget].policy.reorder_pint=3']\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.01}\n", "suite.yaml:3:11: cases[0].set[0]: sites[store].stock[widget].policy.reorder_pint: unknown field \"reorder_pint\" in sites[store].stock[widget].policy (did you mean reorder_point?)"},
		{"cases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.01}\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.01}\n", "cases[1].name: case \"rq-single\" is already defined at line 2"},
		{"cases: [\n", "suite.yaml:1:1: YAML syntax error"},
		{"", "suite.yaml:1:1: empty file: expected a suite mapping"},
	} {
		_, err := Parse("suite.yaml", []byte(c.suite), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("suite\n%s\ngave %v\nwant %q", c.suite, err, c.want)
		}
	}
}

// Baselines are read strictly, and values round-trip exactly, NaN as null.
func TestBaselineRoundTrip(t *testing.T) {
	b, err := ReadBaseline(shippedBaseline)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "b.json")
	out, _ := os.Create(f)
	b.Cases[0].Metrics[0].Values[3] = 0.1 + 0.2 // not a short decimal
	b.Cases[0].Metrics[0].Values[4] = nan()
	if err := b.Write(out); err != nil {
		t.Fatal(err)
	}
	out.Close()
	c, err := ReadBaseline(f)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Cases[0].Metrics[0].Values
	if v[3] != 0.1+0.2 || v[4] == v[4] {
		t.Errorf("values read back %v, %v; want %v and NaN", v[3], v[4], 0.1+0.2)
	}
	for _, c := range []struct{ data, want string }{
		{`{"schema": "scsim/check/baseline/v1", "suite": "x", "cases": [], "extra": 1}`, `unknown field "extra"`},
		{`{"schema": "scsim/check/baseline/v0", "suite": "x", "cases": []}`, `schema "scsim/check/baseline/v0", expected "scsim/check/baseline/v1"`},
		{"{\n  \"schema\": 1}", "line 2, column"},
		{`{"schema": "scsim/check/baseline/v1", "cases": [{"name": "a", "replications": 2, "metrics": [{"metric": "fill_rate", "scope": "customers", "values": [1]}]}]}`, "has 1 values for 2 replications"},
	} {
		os.WriteFile(f, []byte(c.data), 0o644)
		if _, err := ReadBaseline(f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("baseline %s: %v, want %q", c.data, err, c.want)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "none.json")); err == nil || !strings.Contains(err.Error(), "--update") {
		t.Errorf("missing baseline: %v, want a hint to --update", err)
	}
}

func nan() float64 { var z float64; return z / z }
