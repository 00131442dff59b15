package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"scsim/model"
	"scsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run runs the real application with buffers and returns stdout, stderr
// and the exit code.
func run(tb testing.TB, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	var out, errb bytes.Buffer
	err := runApp(&out, &errb, append([]string{"scsim"}, args...))
	code = report(&errb, err)
	return out.String(), errb.String(), code
}

// checkGolden compares got with ../../testdata/NAME (the top-level testdata
// holds the command line's end-to-end goldens). The goldens of real runs
// are pins: they freeze what the command printed; a model change that
// moves them is reviewed (make golden, and say why in the commit), not a
// formatter bug. The formatting rules are tested in package output on
// hand-built summaries.
func checkGolden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("..", "..", "testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run make golden to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestRunGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"run-rq-single.json", []string{"run", "rq-single", "--horizon", "2000", "-n", "3", "--format", "json", "-q"}},
		{"run-rq-single.txt", []string{"run", "rq-single", "--horizon", "2000", "-n", "3", "-q"}},
		{"run-starter.csv", []string{"run", "starter", "--horizon", "1000", "--warmup", "50", "-n", "2", "--format", "csv", "-q"}},
		{"run-lost-sales.txt", []string{"run", "lost-sales", "--horizon", "1000", "-n", "4", "-q"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			stdout, stderr, code := run(t, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			checkGolden(t, tt.golden, stdout)
		})
	}
}

func TestValidateGolden(t *testing.T) {
	var args []string
	for _, b := range scenarios.Bundled() {
		args = append(args, b.Name)
	}
	stdout, stderr, code := run(t, append([]string{"validate"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	checkGolden(t, "validate-bundled.txt", stdout)
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nhorizon: -5\nitems: []\n"), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no args", []string{"run"}, 2, "expected one scenario"},
		{"unknown flag", []string{"run", "--bogus", "rq-single"}, 2, "unknown flag --bogus (see scsim run --help)"},
		{"bad format", []string{"run", "rq-single", "--format", "xml"}, 2, "--format must be one of"},
		{"bad replications", []string{"run", "rq-single", "-n", "0"}, 2, "--replications must be >= 1"},
		{"warmup past horizon", []string{"run", "rq-single", "--warmup", "300000"}, 2, "warm-up"},
		{"bad horizon", []string{"run", "rq-single", "--horizon", "-1"}, 2, "--horizon"},
		{"missing file", []string{"run", "nope.yaml"}, 2, "nope.yaml"},
		{"invalid scenario", []string{"run", bad}, 2, "bad.yaml:2:"},
		{"validate invalid", []string{"validate", "rq-single", bad}, 2, "horizon"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"show unknown", []string{"show", "nope"}, 2, "no bundled scenario"},
		{"unwritable out", []string{"run", "rq-single", "--horizon", "10", "-n", "1", "-q", "--out", "/proc/scsim-cannot-write"}, 1, "create output directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.inStderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.HasPrefix(line, "scsim: ") && !strings.HasPrefix(line, "Incorrect Usage") {
					t.Errorf("stderr line %q lacks the scsim: prefix", line)
				}
			}
		})
	}
}

// TestNothingWrittenOnError runs an invalid scenario with --out and checks
// the directory is not created.
func TestNothingWrittenOnError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nhorizon: 10\nwarmup: 20\n"), 0o644)
	out := filepath.Join(dir, "out")
	if _, _, code := run(t, "run", bad, "--out", out); code != 2 {
		t.Fatalf("exit code = %d, want 2", code)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--out directory exists after an invalid scenario: %v", err)
	}
}

func TestOutDir(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	stdout, stderr, code := run(t, "run", "lost-sales", "--horizon", "500", "-n", "2", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"summary.txt", "summary.json", "summary.csv", "replications.csv", manifestName} {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil || len(data) == 0 {
			t.Errorf("%s: %v, %d bytes", f, err, len(data))
		}
		if f == "summary.txt" && string(data) != stdout {
			t.Error("summary.txt differs from the table printed on stdout")
		}
	}
	if !strings.Contains(stderr, "events") || !strings.Contains(stderr, out) {
		t.Errorf("stderr = %q, want the timing line and the output directory", stderr)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 5 {
		t.Errorf("%d files in --out, want 4 and the manifest (no temporary files left)", len(entries))
	}
	checkManifest(t, out)
	for _, e := range entries {
		if fi, err := e.Info(); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want -rw-r--r--", e.Name(), fi.Mode(), err)
		}
	}
}

// TestUsageMessages checks the exact line printed for common mistakes.
func TestUsageMessages(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "lost-sales", "-n"}, `run: flag needs an argument: -n (see scsim run --help)`},
		{[]string{"run", "--seed"}, `run: flag needs an argument: --seed (see scsim run --help)`},
		{[]string{"run", "rq-single", "--seed", "-1"}, `run: --seed must be a whole number >= 0, got "-1"`},
		{[]string{"run", "rq-single", "--horizon", "x"}, `run: --horizon must be a number, got "x"`},
		{[]string{"run", "rq-single", "-n", "ten"}, `run: -n must be a whole number >= 1, got "ten"`},
		{[]string{"run", "rq-single", "--bogus"}, `run: unknown flag --bogus (see scsim run --help)`},
		{[]string{"--bogus"}, `unknown flag --bogus (see scsim --help)`},
		{[]string{"runn", "rq-single"}, `unknown command "runn" (did you mean run? commands: run, trace, compare, sweep, optimize, report, lab, validate, list, show, schema, check, merge, version, help; see scsim --help)`},
		{[]string{"xyz"}, `unknown command "xyz" (commands: run, trace, compare, sweep, optimize, report, lab, validate, list, show, schema, check, merge, version, help; see scsim --help)`},
		{[]string{"run", "rq-single", "--horizon", "2e12"}, `run: --horizon must be a number of days > 0 and at most 1e+12, got 2e+12`},
		{[]string{"run", "rq-singel"}, `open scenario rq-singel: no such file, and no bundled scenario of that name (did you mean rq-single?)`},
		{[]string{"run", "nonexist.yaml"}, `open scenario nonexist.yaml: no such file`},
		{[]string{"run", dir}, `open scenario ` + dir + `: is a directory; give a scenario file or a bundled name`},
	}
	for _, tt := range tests {
		stdout, stderr, code := run(t, tt.args...)
		if want := "scsim: " + tt.want + "\n"; code != 2 || stderr != want || stdout != "" {
			t.Errorf("scsim %s: exit %d, stderr %q, stdout %q; want exit 2, stderr %q", strings.Join(tt.args, " "), code, stderr, stdout, want)
		}
	}
}

// TestRunHelpDefaults checks that run --help does not claim the overriding
// flags default to 0.
func TestRunHelpDefaults(t *testing.T) {
	stdout, _, code := run(t, "run", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if n := strings.Count(stdout, "(default: from the scenario)"); n != 4 {
		t.Errorf("run --help has %d \"(default: from the scenario)\", want 4:\n%s", n, stdout)
	}
	if !strings.Contains(stdout, "(default: number of CPUs)") || strings.Contains(stdout, "(default: 0)") {
		t.Errorf("run --help shows wrong defaults:\n%s", stdout)
	}
}

// TestFileWinsOverBundled runs a local file named like a bundled scenario
// and checks that it is the one run and named in the output.
func TestFileWinsOverBundled(t *testing.T) {
	t.Chdir(t.TempDir())
	data, _ := scenarios.BundledYAML("rq-single")
	if err := os.WriteFile("starter", data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ arg, name, source string }{
		{"starter", "rq-single", "starter"},
		{"lost-sales", "lost-sales", "bundled:lost-sales"},
	} {
		stdout, stderr, code := run(t, "run", tt.arg, "-f", "json", "-q", "-n", "1", "--horizon", "50", "--warmup", "0")
		if code != 0 {
			t.Fatalf("run %s: exit %d: %s", tt.arg, code, stderr)
		}
		var res struct{ Scenario struct{ Name, Source string } }
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatal(err)
		}
		if res.Scenario.Name != tt.name || res.Scenario.Source != tt.source {
			t.Errorf("run %s: scenario %q from %q, want %q from %q", tt.arg, res.Scenario.Name, res.Scenario.Source, tt.name, tt.source)
		}
	}
}

func TestListShowVersion(t *testing.T) {
	stdout, _, code := run(t, "list")
	if code != 0 {
		t.Fatal("list failed")
	}
	checkGolden(t, "list.txt", stdout)
	stdout, _, _ = run(t, "show", "rq-single")
	want, _ := scenarios.BundledYAML("rq-single")
	if stdout != string(want) {
		t.Error("show rq-single does not print the bundled file")
	}
	if stdout, _, _ = run(t, "version"); !strings.HasPrefix(stdout, "scsim "+version) {
		t.Errorf("version = %q", stdout)
	}
	if flag, _, code := run(t, "--version"); flag != stdout || code != 0 {
		t.Errorf("--version = %q, exit %d; want %q as from version", flag, code, stdout)
	}
	if stdout, _, _ = run(t, "--help"); !strings.Contains(stdout, "Exit codes") {
		t.Errorf("--help lacks the exit codes:\n%s", stdout)
	}
}

// TestShownScenarioRoundTrips copies every bundled scenario out with show,
// with the bundled data files beside it, then validates and runs the copy
// as a user would.
func TestShownScenarioRoundTrips(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		yaml, _, _ := run(t, "show", b.Name)
		dir := t.TempDir()
		path := filepath.Join(dir, b.Name+".yaml")
		os.WriteFile(path, []byte(yaml), 0o644)
		for _, name := range scenarios.BundledDataNames() {
			data, _, code := run(t, "show", name)
			if code != 0 || data == "" {
				t.Fatalf("show %s: exit %d, %d bytes", name, code, len(data))
			}
			os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
		}
		if _, stderr, code := run(t, "validate", path); code != 0 {
			t.Errorf("%s: validate exit %d: %s", b.Name, code, stderr)
		}
	}
}

// TestConservationBundled runs every bundled scenario (horizon shortened to
// keep the suite fast) and checks every unit is accounted for in every
// replication and site-item.
func TestConservationBundled(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		t.Run(b.Name, func(t *testing.T) {
			sc, err := scenarios.Open(b.Name)
			if err != nil {
				t.Fatal(err)
			}
			net, err := sc.Build()
			if err != nil {
				t.Fatal(err)
			}
			// about 200000 site-item-days each: enough to exercise every
			// path, short enough for the race detector
			net.Horizon = min(net.Horizon, 5000, math.Ceil(200000/float64(len(net.SKUs()))))
			net.Warmup = min(net.Warmup, net.Horizon/10)
			for _, res := range model.RunAll(net, sc.Seed, 3, 0) {
				for i, c := range res.SKUs {
					if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
						t.Errorf("replication %d site-item %d: demand, stock, order balances %d, %d, %d",
							res.Replication, i, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
					}
					if c.DemandUnits == 0 {
						t.Errorf("replication %d site-item %d: no demand; the check proves nothing", res.Replication, i)
					}
				}
			}
		})
	}
}

// buildBinary compiles scsim into a temporary directory.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "scsim")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestDeterminismAcrossCores runs the binary with GOMAXPROCS=1 and with the
// default, twice each, and requires byte-identical JSON.
func TestDeterminismAcrossCores(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	var first []byte
	for i, env := range []string{"GOMAXPROCS=1", "", "GOMAXPROCS=1", ""} {
		cmd := exec.Command(bin, "run", "starter", "--horizon", "800", "--format", "json", "-q")
		cmd.Env = append(os.Environ(), env)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("run %d (%s): %v", i, env, err)
		}
		if i == 0 {
			first = out
		} else if !bytes.Equal(out, first) {
			t.Fatalf("run %d (%s) differs from run 0", i, env)
		}
	}
}

// TestInterrupt interrupts a long run with --out and checks the exit code,
// the message and that nothing was written.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(bin, "run", "rq-single", "-n", "1000", "-q", "--out", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // past start-up, well before the end
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	kill := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() }) // if the interrupt is ignored
	defer kill.Stop()
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit %v, want code 130", err)
	}
	if stderr.String() != "scsim: interrupted\n" || stdout.Len() != 0 {
		t.Errorf("stderr %q, stdout %q; want only \"scsim: interrupted\" on stderr", stderr.String(), stdout.String())
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--out directory exists after an interrupt: %v", err)
	}
}

// BenchmarkPB1Process times PB1 at its full horizon, one replication, as a
// whole process: start-up, loading the bundled scenario, the run and the
// output.
func BenchmarkPB1Process(b *testing.B) {
	bin := buildBinary(b)
	var events float64
	for b.Loop() {
		out, err := exec.Command(bin, "run", "rq-single", "-n", "1", "-q", "--format", "json").Output()
		if err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		var res struct{ Events float64 }
		if err := json.Unmarshal(out, &res); err != nil {
			b.Fatal(err)
		}
		events += res.Events
	}
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/events, "ns/event")
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		steps, total int64
		want         string
	}{
		{0, 100, "scsim: x [..............................]   0%  1.5 s"},
		{45, 100, "scsim: x [#############.................]  45%  1.5 s"},
		{250, 200, "scsim: x [##############################] 100%  1.5 s"},
	}
	for _, tt := range tests {
		if got := progressLine("x", tt.steps, tt.total, 1500*time.Millisecond); got != tt.want {
			t.Errorf("progressLine(%d, %d) = %q, want %q", tt.steps, tt.total, got, tt.want)
		}
	}
}

// TestNoProgressWhenPiped: with stderr not a terminal, a run prints only
// its one timing line there.
func TestNoProgressWhenPiped(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Fatal("a buffer is not a terminal")
	}
	_, stderr, _ := run(t, "run", "rq-single", "--horizon", "20000", "-n", "2")
	if strings.Contains(stderr, "\r") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want only the timing line", stderr)
	}
}

func TestCompareAndSweep(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"compare-what-if.txt", []string{"compare", "what-if", "--horizon", "400", "--warmup", "50", "-n", "3", "-q"}},
		{"compare-what-if.csv", []string{"compare", "what-if", "--horizon", "400", "--warmup", "50", "-n", "3", "-q", "--format", "csv"}},
		{"sweep-rq-single.txt", []string{"sweep", "rq-single", "--horizon", "2000", "-n", "3", "-q",
			"--set", "sites[store].stock[widget].policy.reorder_point=30,36,42", "--set", "suppliers[factory].lead_time=4,5"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			stdout, stderr, code := run(t, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			checkGolden(t, tt.golden, stdout)
		})
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "rq-single"}, "declares no variants"},
		{[]string{"sweep", "rq-single"}, "at least one --set"},
		{[]string{"sweep", "rq-single", "--set", "sites[store].stock[widget].policy.order_quantity=0,-1"}, "no point of the grid is valid"},
		{[]string{"sweep", "rq-single", "--set", "+sites[store].stock[widget].policy.reorder_point=30"}, "there is none"},
		{[]string{"sweep", "rq-single", "--set", "sites[store].stock[widget].policy.reorder_point=30", "--minimize", "fil_rate"}, "unknown metric"},
		{[]string{"sweep", "rq-single", "--set", "sites[stor].stock[widget].policy.reorder_point=30"}, "did you mean"},
	} {
		_, stderr, code := run(t, bad.args...)
		if code != 2 || !strings.Contains(stderr, bad.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", bad.args, code, stderr, bad.want)
		}
	}
}

// TestSweepInvalidPoints checks that a sweep runs the valid points of a
// grid with invalid ones, reports each error once and exits with 3, with
// the invalid points in its JSON.
func TestSweepInvalidPoints(t *testing.T) {
	stdout, stderr, code := run(t, "sweep", "rq-single", "--horizon", "2000", "-n", "3", "-q", "--format", "json",
		"--set", "sites[store].stock[widget].policy.order_quantity=30,0,40",
		"--set", "sites[store].stock[widget].policy.reorder_point=30,36")
	if code != exitPartial {
		t.Fatalf("exit %d, want %d: %s", code, exitPartial, stderr)
	}
	if n := strings.Count(stderr, "must be >= 1, got 0"); n != 1 {
		t.Errorf("the error is printed %d times, want once:\n%s", n, stderr)
	}
	if !strings.Contains(stderr, "2 of 6 points invalid") {
		t.Errorf("stderr lacks the count: %s", stderr)
	}
	var doc struct {
		Invalid int `json:"invalid_points"`
		Points  []struct {
			Values []float64
			Valid  bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Invalid != 2 || len(doc.Points) != 6 || doc.Points[2].Valid || doc.Points[3].Valid || doc.Points[2].Values[0] != 0 || !doc.Points[4].Valid {
		t.Errorf("sweep JSON: %+v", doc)
	}
}

// TestSweepLinked checks that paths linked with + vary together: three
// points, not a grid of nine.
func TestSweepLinked(t *testing.T) {
	stdout, stderr, code := run(t, "sweep", "rq-single", "--horizon", "2000", "-n", "2", "-q", "--format", "csv",
		"--set", "sites[store].stock[widget].policy.reorder_point=30,34,38",
		"--set", "+sites[store].stock[widget].policy.order_quantity=20,30,40")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	points := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n")[1:] {
		f := strings.Split(line, ",")
		points[f[3]+":"+f[4]+"/"+f[5]] = true
	}
	if len(points) != 3 || !points["1:30/20"] || !points["2:34/30"] || !points["3:38/40"] {
		t.Errorf("points %v, want 30/20, 34/30, 38/40", points)
	}
}

// TestCompareOut writes a comparison with its plots and checks every file.
func TestCompareOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	if _, stderr, code := run(t, "compare", "what-if", "--horizon", "300", "--warmup", "30", "-n", "2", "-q", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// store-b, the worse served in the base, comes first: its levels in
	// every run, then store-a's in the base; the waits of each store
	for _, want := range []string{"comparison.txt", "comparison.json", "comparison.csv", "bar-fill_rate.png", "bar-total_cost.svg", "cost-breakdown.png",
		"levels-0-base-store-b_widget.png", "levels-1-high-service-store-b_widget.png", "levels-4-cheap-holding-store-b_widget.png", "levels-0-base-store-a_widget.png",
		"waits-store-a_widget.png", "waits-store-b_widget.png"} {
		if !slices.Contains(names, want) {
			t.Errorf("--out lacks %s (has %v)", want, names)
		}
	}
	if slices.Contains(names, "levels-1-high-service-store-a_widget.png") {
		t.Errorf("--out has the levels of store-a in a variant: more than %d levels plots", maxLevelsPlots)
	}

	// --items chooses the site-items, in its order
	dir = filepath.Join(t.TempDir(), "items")
	if _, stderr, code := run(t, "compare", "what-if", "--horizon", "300", "--warmup", "30", "-n", "2", "-q", "--out", dir, "--items", "store-a/widget"); code != 0 {
		t.Fatalf("--items: exit %d: %s", code, stderr)
	}
	entries, _ = os.ReadDir(dir)
	var levels []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "levels-") && strings.HasSuffix(e.Name(), ".png") || strings.HasPrefix(e.Name(), "waits-") && strings.HasSuffix(e.Name(), ".png") {
			levels = append(levels, e.Name())
		}
	}
	want := []string{"levels-0-base-store-a_widget.png", "levels-1-high-service-store-a_widget.png", "levels-2-slow-factory-store-a_widget.png",
		"levels-3-eoq-store-store-a_widget.png", "levels-4-cheap-holding-store-a_widget.png", "waits-store-a_widget.png"}
	if !slices.Equal(levels, want) {
		t.Errorf("--items store-a/widget: plots %q, want %q", levels, want)
	}
}

// TestItemsErrors: an --items site-item the scenario lacks is a usage
// error naming it and listing the valid ones, before anything runs.
func TestItemsErrors(t *testing.T) {
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "two-echelon", "--out", t.TempDir(), "--items", "store-a/widget,store-z/widget"},
			`report: --items: unknown site-item "store-z/widget" in two-echelon (valid: dc/widget, dc/gadget, store-a/widget, store-a/gadget, store-b/widget, store-b/gadget, store-c/widget, store-c/gadget)`},
		{[]string{"compare", "what-if", "--out", t.TempDir(), "--items", "store"}, `unknown site-item "store" in what-if`},
		{[]string{"compare", "what-if", "--items", "store-a/widget"}, "only --out DIR writes"},
	} {
		_, stderr, code := run(t, bad.args...)
		if code != 2 || !strings.Contains(stderr, bad.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", bad.args, code, stderr, bad.want)
		}
	}
}

// TestReport writes the report of a scenario with variants and of one
// without, and checks they are self-contained.
func TestReport(t *testing.T) {
	for _, args := range [][]string{
		{"what-if", "--horizon", "300", "--warmup", "30", "-n", "2"},
		{"two-echelon", "--horizon", "200", "--warmup", "20", "-n", "2"},
	} {
		dir := filepath.Join(t.TempDir(), "report")
		stdout, stderr, code := run(t, append(append([]string{"report"}, args...), "-q", "--out", dir)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if !strings.Contains(stdout, filepath.Join(dir, "report.html")) {
			t.Errorf("stdout %q does not say where the report is", stdout)
		}
		html, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(html), "http://") || strings.Contains(string(html), "https://") || !strings.Contains(string(html), "data:image/png;base64,") {
			t.Errorf("%v: the report is not self-contained with embedded plots", args)
		}
	}
	if _, stderr, code := run(t, "report", "rq-single"); code != 2 || !strings.Contains(stderr, "--out DIR is required") {
		t.Errorf("report without --out: exit %d, %q", code, stderr)
	}
}

// TestFingerprintsMatchAcrossCommands checks that a sweep point carries
// the fingerprint scsim run --set reports for the same values, and a
// comparison's variant the one scsim run --variant reports.
func TestFingerprintsMatchAcrossCommands(t *testing.T) {
	fingerprints := func(args ...string) []string {
		t.Helper()
		stdout, stderr, code := run(t, append(args, "-q", "-n", "2", "--horizon", "300", "--warmup", "30", "--format", "json")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var out []string
		for _, l := range strings.Split(stdout, "\n") {
			if k, v, ok := strings.Cut(strings.TrimSpace(l), ": "); ok && k == `"fingerprint"` {
				out = append(out, strings.Trim(v, `",`))
			}
		}
		return out
	}
	const path = "sites[store].stock[widget].policy.reorder_point"
	sweep := fingerprints("sweep", "rq-single", "--set", path+"=30,36")
	for i, v := range []string{"30", "36"} {
		one := fingerprints("run", "rq-single", "--set", path+"="+v)
		if len(sweep) != 3 || len(one) != 1 || sweep[1+i] != one[0] {
			t.Errorf("sweep point %s: fingerprints %v, run --set %v", v, sweep, one)
		}
	}
	cmp := fingerprints("compare", "what-if")
	one := fingerprints("run", "what-if", "--variant", "slow-factory")
	// header, base, then the variants in order: slow-factory is the second
	if len(cmp) != 6 || len(one) != 1 || cmp[3] != one[0] || cmp[0] != cmp[1] {
		t.Errorf("compare fingerprints %v, run --variant slow-factory %v", cmp, one)
	}
}

// TestAllowAnyPath checks that a history file outside the scenario's
// directory is refused, and read with --allow-any-path.
func TestAllowAnyPath(t *testing.T) {
	t.Cleanup(func() { scenarios.AllowAnyPath = false })
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	yaml, _ := scenarios.BundledYAML("history")
	csv, _ := scenarios.BundledData("history.csv")
	if err := os.WriteFile(filepath.Join(dir, "h.csv"), csv, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(sub, "h.yaml")
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(yaml), "file: history.csv", "file: ../h.csv")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "validate", file); code != 2 || !strings.Contains(stderr, "--allow-any-path") {
		t.Errorf("outside the directory: exit %d, stderr %q; want 2 and the flag named", code, stderr)
	}
	if _, stderr, code := run(t, "validate", "--allow-any-path", file); code != 0 {
		t.Errorf("--allow-any-path: exit %d, stderr %q", code, stderr)
	}
}
