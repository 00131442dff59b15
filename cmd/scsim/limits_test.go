package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/scenarios"
)

// TestFlagTypos checks the messages for a short flag glued to its value
// (-j1), which the flag package reads as a flag named j1: they quote what
// was typed and suggest the spaced form.
func TestFlagTypos(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "rq-single", "-j1"}, "scsim: run: unknown flag -j1 (did you mean -j 1? A short flag takes its value after a space or =; see scsim run --help)\n"},
		{[]string{"run", "rq-single", "-n2"}, "scsim: run: unknown flag -n2 (did you mean -n 2? A short flag takes its value after a space or =; see scsim run --help)\n"},
		{[]string{"validate", "-j1", "rq-single"}, "scsim: validate: unknown flag -j1 (see scsim validate --help)\n"},
		{[]string{"run", "rq-single", "--max-event=3"}, "scsim: run: unknown flag --max-event (did you mean --max-events? see scsim run --help)\n"},
	} {
		stdout, stderr, code := run(t, tt.args...)
		if code != exitUsage || stderr != tt.want || stdout != "" {
			t.Errorf("%v: code %d, stderr %q; want 2, %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestUnknownMetricSuggests checks the did-you-mean of every flag that
// names a metric.
func TestUnknownMetricSuggests(t *testing.T) {
	sweep := []string{"sweep", "rq-single", "--horizon", "100", "--set", "sites[store].stock[widget].policy.reorder_point=30,40"}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{append(sweep, "--minimize", "totl_cost"), `sweep: unknown metric "totl_cost" (did you mean total_cost? metrics: demand_units,`},
		{append(sweep, "--metrics", "fill_rate,fil_rate"), `sweep: --metrics: unknown metric "fil_rate" (did you mean fill_rate? metrics: demand_units,`},
		{optArgs("--minimize", "totl_cost"), `unknown metric "totl_cost" (did you mean total_cost? metrics: demand_units,`},
		{optArgs("--subject-to", "fillrate>=0.9"), `unknown metric "fillrate" (did you mean fill_rate? metrics: demand_units,`},
		{optArgs("--subject-to", "zzz>=0.9"), `unknown metric "zzz" (metrics: demand_units,`},
	} {
		_, stderr, code := run(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: code %d, stderr %q; want 2, %q", tt.args[len(tt.args)-2:], code, stderr, tt.want)
		}
	}
}

// TestEmptyOut checks that --out "" is refused before anything runs.
func TestEmptyOut(t *testing.T) {
	for _, cmd := range []string{"run", "compare", "lab", "check"} {
		stdout, stderr, code := run(t, cmd, "rq-single", "--out", "")
		if want := "scsim: " + cmd + `: --out needs a directory, got ""` + "\n"; code != exitUsage || stderr != want || stdout != "" {
			t.Errorf("%s --out \"\": code %d, stderr %q, stdout %.80q; want 2, %q", cmd, code, stderr, stdout, want)
		}
	}
}

// TestScenarioFromStdin checks that "-" reads the scenario from standard
// input, errors naming it <stdin>.
func TestScenarioFromStdin(t *testing.T) {
	data, _ := scenarios.BundledYAML("rq-single")
	stdin := func(text string) {
		p := filepath.Join(t.TempDir(), "in.yaml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		os.Stdin = f
	}
	old := os.Stdin
	defer func() { os.Stdin = old }()
	stdin(string(data))
	stdout, stderr, code := run(t, "validate", "-")
	if code != 0 || !strings.HasPrefix(stdout, "<stdin>: ok (1 site,") {
		t.Errorf("validate -: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	stdin(strings.Replace(string(data), "horizon:", "horizon: 0x10 #", 1))
	_, stderr, code = run(t, "run", "-", "-q")
	if want := "scsim: <stdin>:23:10: horizon: 0x10 is a hexadecimal number: write numbers in decimal, as 16\n"; code != exitUsage || stderr != want {
		t.Errorf("run -: code %d, stderr %q; want 2, %q", code, stderr, want)
	}
}

// TestScenarioLimitFlags checks that --max-scenario-size and
// --max-scenario-values (or their environment variables) set the limits
// of loading, and that a bad value is a usage error.
func TestScenarioLimitFlags(t *testing.T) {
	_, stderr, code := run(t, "validate", "--max-scenario-size", "1K", "rq-network")
	if code != 0 { // bundled scenarios are not files: only the values limit applies
		t.Errorf("bundled with a 1K size limit: code %d, %s", code, stderr)
	}
	data, _ := scenarios.BundledYAML("rq-network")
	p := filepath.Join(t.TempDir(), "net.yaml")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, "run", p, "--max-scenario-size", "16K")
	if want := "scsim: load scenario " + p + ": too large: 32.1 KiB, above the limit of 16.0 KiB for a scenario file; raise the limit with --max-scenario-size SIZE (or SCSIM_MAX_SCENARIO_SIZE=SIZE)\n"; code != exitUsage || stderr != want {
		t.Errorf("16K: code %d, stderr %q; want %q", code, stderr, want)
	}
	t.Setenv("SCSIM_MAX_SCENARIO_VALUES", "1e4")
	_, stderr, code = run(t, "validate", p)
	if code != exitUsage || !strings.Contains(stderr, "with its aliases expanded, more than the limit of 10000") {
		t.Errorf("SCSIM_MAX_SCENARIO_VALUES=1e4: code %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "validate", p, "--max-scenario-values", "1e5")
	if code != 0 {
		t.Errorf("--max-scenario-values 1e5 over the environment: code %d, stderr %q", code, stderr)
	}
	for _, bad := range [][]string{{"--max-scenario-values", "1.5"}, {"--max-scenario-values", "0"}, {"--max-scenario-size", "0"}, {"--max-scenario-size", "0.5"}, {"--max-scenario-size", "lots"}} {
		_, stderr, code = run(t, append([]string{"validate", p}, bad...)...)
		if code != exitUsage || !strings.Contains(stderr, "validate: "+bad[0]) {
			t.Errorf("%v: code %d, stderr %q", bad, code, stderr)
		}
	}
}
