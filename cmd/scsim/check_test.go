package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	shippedSuite    = "../../testdata/check/suite.yaml"
	shippedBaseline = "../../testdata/check/baseline.json"
)

// rqSuite writes a suite of the shipped suite's rq-single case, with
// extra lines in the case, comparing with the shipped baseline.
func rqSuite(t *testing.T, extra string) string {
	t.Helper()
	abs, err := filepath.Abs(shippedBaseline)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "suite.yaml")
	data := `name: rq
baseline: ` + abs + `
defaults: {replications: 10, horizon: 730, warmup: 30}
cases:
  - scenario: rq-single
` + extra + `    metrics:
      - {metric: fill_rate, worse: lower, tolerance: 0.005}
      - {metric: avg_backorders, worse: higher, tolerance: 10%}
      - {metric: total_cost, worse: higher, tolerance: 2%}
      - {metric: avg_on_hand, scope: store/widget, worse: higher, tolerance: 2%}
`
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

const lowerReorderPoint = "    set: ['sites[store].stock[widget].policy.reorder_point=34']\n"

// The shipped suite passes against its committed baseline: exit 0.
func TestCheckShippedSuite(t *testing.T) {
	out, errOut, code := run(t, "check", shippedSuite, "-q")
	if code != 0 || !strings.Contains(out, "result: OK (exit 0)") || strings.Contains(out, "notes") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, "\nregression") || strings.Contains(out, "inconclusive (") {
		t.Errorf("a verdict other than pass:\n%s", out)
	}
}

// A reorder point lowered by 2 is caught: exit 1, and the JUnit failure
// names the case and the metric, with baseline, current, difference and
// interval; the table lists it first, the Markdown in bold.
func TestCheckRegression(t *testing.T) {
	suite := rqSuite(t, lowerReorderPoint)
	out, errOut, code := run(t, "check", suite, "-q")
	if code != 1 || !strings.Contains(errOut, "scsim: check: regression: 2 regression") {
		t.Fatalf("exit %d, stderr %q, want 1 and the regressions counted\n%s", code, errOut, out)
	}
	lines := strings.Split(out, "\n")
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "verdict") {
		i++
	}
	if i+2 >= len(lines) || !strings.HasPrefix(lines[i+1], "regression") || !strings.HasPrefix(lines[i+2], "regression") {
		t.Errorf("the regressions are not listed first:\n%s", out)
	}
	for _, want := range []string{"the scenario as run changed: fingerprint", "--update", "result: FAIL: regression (exit 1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	junit, _, code := run(t, "check", suite, "-q", "-f", "junit")
	if code != 1 {
		t.Errorf("junit: exit %d, want 1", code)
	}
	var doc struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Type    string `xml:"type,attr"`
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(junit), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Failures != 2 || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 4 {
		t.Fatalf("junit: %d failures, %+v", doc.Failures, doc.Suites)
	}
	f := doc.Suites[0].Cases[0]
	if f.Name != "fill_rate at customers" || f.Failure == nil || f.Failure.Type != "regression" {
		t.Fatalf("junit testcase %+v, want the fill rate failing", f)
	}
	for _, want := range []string{"rq-single", "fill_rate at customers", "baseline 0.980779", "current 0.9", "difference -0.01", "95% CI -0.0", "tolerance 0.005"} {
		if !strings.Contains(f.Failure.Message, want) {
			t.Errorf("failure message %q lacks %q", f.Failure.Message, want)
		}
	}
	md, _, _ := run(t, "check", suite, "-q", "-f", "markdown")
	if !strings.HasPrefix(md, "### scsim check: rq: FAIL: regression (exit 1)") || !strings.Contains(md, "| **regression** | rq-single | customers | fill_rate |") {
		t.Errorf("markdown:\n%s", md)
	}
}

// The JUnit reports, passing and failing, are valid under the JUnit
// schema of testdata/junit.xsd, checked by xmllint; a report missing a
// required attribute is not (so the check can fail).
func TestCheckJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("SCSIM_JUNIT_TEST") == "require" {
			t.Fatal("xmllint not found (Debian: libxml2-utils) and SCSIM_JUNIT_TEST=require")
		}
		t.Skip("xmllint not found (Debian: libxml2-utils); set SCSIM_JUNIT_TEST=require to fail instead")
	}
	dir := t.TempDir()
	validate := func(name, data string) error {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", "../../testdata/junit.xsd", f).CombinedOutput()
		if err != nil {
			return &exec.ExitError{Stderr: out}
		}
		return nil
	}
	pass, _, _ := run(t, "check", shippedSuite, "-q", "-f", "junit")
	fail, _, _ := run(t, "check", rqSuite(t, lowerReorderPoint), "-q", "-f", "junit", "--fail-on", "inconclusive")
	for name, data := range map[string]string{"pass.xml": pass, "fail.xml": fail} {
		if err := validate(name, data); err != nil {
			t.Errorf("%s is not valid JUnit: %s\n%s", name, err.(*exec.ExitError).Stderr, data)
		}
	}
	bad := strings.Replace(fail, `<testsuite name="rq/rq-single" tests="4"`, `<testsuite name="rq/rq-single"`, 1)
	if bad == fail {
		t.Fatal("no testsuite to break")
	}
	if err := validate("bad.xml", bad); err == nil {
		t.Error("a testsuite without tests= validates: the schema checks nothing")
	}
}

// --update writes a baseline that the next check passes, paired, and
// that records what the documentation says.
func TestCheckUpdate(t *testing.T) {
	suite := rqSuite(t, lowerReorderPoint)
	base := filepath.Join(t.TempDir(), "new.json")
	out, errOut, code := run(t, "check", suite, "--update", "--baseline", base, "-q")
	if code != 0 || !strings.Contains(out, "wrote the baseline of rq to "+base+": 1 case, 4 guarded metrics") {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	var doc struct {
		Schema string
		Cases  []struct {
			Name, Fingerprint, Scsim_version string
			Seed                             uint64
			Replications                     int
			Metrics                          []struct {
				Metric, Scope string
				Values        []float64
			}
		}
	}
	data, _ := os.ReadFile(base)
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Cases[0]
	if doc.Schema != "scsim/check/baseline/v1" || c.Name != "rq-single" || len(c.Fingerprint) != 16 || c.Seed != 1 || c.Replications != 10 ||
		c.Scsim_version != version || len(c.Metrics) != 4 || len(c.Metrics[0].Values) != 10 {
		t.Errorf("baseline %+v", doc)
	}
	out, _, code = run(t, "check", suite, "--baseline", base, "-q", "--strict")
	if code != 0 || !strings.Contains(out, "4 pass") {
		t.Errorf("check after --update: exit %d\n%s", code, out)
	}
}

// A baseline of other inputs gets notes saying what differs and that
// --update records the new ones; --strict makes it exit 2.
func TestCheckMismatch(t *testing.T) {
	suite := rqSuite(t, "    seed: 7\n    replications: 12\n")
	out, _, code := run(t, "check", suite, "-q")
	for _, want := range []string{"seed 1 in the baseline, 7 now", "10 replications in the baseline, 12 now", "Welch 10/12",
		"once these changes are intended, record a new baseline: scsim check " + suite + " --update"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if code == 2 {
		t.Errorf("exit 2 without --strict")
	}
	_, errOut, code := run(t, "check", suite, "-q", "--strict")
	if code != 2 || !strings.Contains(errOut, "differ from the baseline's (--strict)") || !strings.Contains(errOut, "--update") {
		t.Errorf("--strict: exit %d, %q; want 2", code, errOut)
	}
	js, _, _ := run(t, "check", suite, "-q", "--strict", "-f", "json")
	var doc struct {
		Schema, Status string
		ExitCode       int `json:"exit_code"`
		Cases          []struct {
			Test     string
			Mismatch []string
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "scsim/check/v1" || doc.Status != "mismatch" || doc.ExitCode != 2 || doc.Cases[0].Test != "welch" || len(doc.Cases[0].Mismatch) != 2 {
		t.Errorf("json %+v", doc)
	}
}

// An inconclusive verdict fails only with --fail-on inconclusive, and
// says how many replications would decide.
func TestCheckFailOnInconclusive(t *testing.T) {
	suite := rqSuite(t, "")
	out, _, code := run(t, "check", suite, "-q", "--seed", "2")
	if code != 0 || !strings.Contains(out, "inconclusive (~") {
		t.Fatalf("exit %d, want 0 with an inconclusive verdict:\n%s", code, out)
	}
	out, errOut, code := run(t, "check", suite, "-q", "--seed", "2", "--fail-on", "inconclusive")
	if code != 1 || !strings.Contains(errOut, "check: inconclusive") || !strings.Contains(out, "replications (baseline and now) would decide") {
		t.Errorf("--fail-on inconclusive: exit %d, %q\n%s", code, errOut, out)
	}
}

// The outputs do not depend on the number of workers.
func TestCheckWorkers(t *testing.T) {
	suite := rqSuite(t, lowerReorderPoint)
	a, _, _ := run(t, "check", suite, "-q", "-f", "json", "-j", "1")
	b, _, _ := run(t, "check", suite, "-q", "-f", "json", "-j", "3")
	if a != b || a == "" {
		t.Error("JSON differs between 1 and 3 workers")
	}
}

// Bad input exits 2 with a positioned or explained message.
func TestCheckBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("cases:\n  - scenario: rq-single\n    metrics: [{metric: fill_rate, worse: lower, tolerance: 1%, scoep: x}]\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", bad}, "bad.yaml:3:64: cases[0].metrics[0].scoep: unknown field (did you mean scope?)"},
		{[]string{"check", rqSuite(t, ""), "--baseline", filepath.Join(dir, "none.json")}, "the file does not exist; run scsim check with --update to create it"},
		{[]string{"check", shippedSuite, "-f", "xml"}, "--format must be one of table, json, junit, markdown"},
		{[]string{"check", shippedSuite, "--fail-on", "pass"}, "--fail-on takes inconclusive"},
		{[]string{"check", filepath.Join(dir, "missing.yaml")}, "load suite"},
	} {
		_, errOut, code := run(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

// TestCheckPlurals checks that a suite of one case and one metric says
// "1 case, 1 metric", in the table and in Markdown, and the shipped suite
// its counts in the plural.
func TestCheckPlurals(t *testing.T) {
	abs, err := filepath.Abs(shippedBaseline)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "suite.yaml")
	data := "name: rq\nbaseline: " + abs + "\ndefaults: {replications: 10, horizon: 730, warmup: 30}\ncases:\n  - scenario: rq-single\n    metrics:\n      - {metric: fill_rate, worse: lower, tolerance: 0.005}\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "markdown"} {
		out, errOut, code := run(t, "check", file, "-q", "--format", format)
		if code != 0 || !strings.Contains(out, "1 case, 1 metric: ") {
			t.Errorf("%s: exit %d, want \"1 case, 1 metric: \":\n%s\n%s", format, code, out, errOut)
		}
	}
	out, _, _ := run(t, "check", shippedSuite, "-q")
	if !strings.Contains(out, " cases, ") || !strings.Contains(out, " metrics: ") {
		t.Errorf("shipped suite: want its counts in the plural:\n%s", out)
	}
}
