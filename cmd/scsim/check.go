package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/check"
	"scsim/output"
)

var checkFormats = []string{"table", "json", "junit", "markdown"}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "rerun a benchmark suite and compare it with its baseline: the regression mode for CI",
		ArgsUsage: "SUITE",
		Description: `Runs every case of the suite file (YAML: scenarios with the metrics to guard, each
with the direction that is worse and a tolerance; see docs/check.md) and
compares each guarded metric with the baseline file, replication by
replication. Each metric gets a verdict: pass, regression (worse by more than
the tolerance, with confidence), improvement, changed-within-tolerance or
inconclusive (the interval straddles the tolerance; the verdict says about how
many replications would decide).

When a case's seed and replications are the baseline's, its replications saw
the same random numbers (common random numbers) and the paired t-test on the
per-replication differences is used; otherwise (for example with --seed)
Welch's unpaired t-test. Intervals are two-sided at the suite's confidence
(default 95%), so a verdict of regression for a metric whose true worsening
is within the tolerance comes up at most 2.5% of the time.

--update runs the suite and writes the baseline file instead: per case the
scenario's fingerprint, the seed, the replications, scsim's version and the
per-replication values of each guarded metric. A case whose inputs differ
from the baseline's (its fingerprint, seed or replications) is compared all
the same, with a note saying what differs and that --update records the new
inputs; --strict makes that an error (exit 2).

Outputs: --format table (the worst first), json (schema scsim/check/v1), junit
(JUnit XML: a testcase per case and metric) or markdown (for a CI job summary);
--out DIR also writes check.txt, check.json, check-junit.xml and check.md.
--explain adds the power of each test: the smallest worsening it detects at
the replications run, and the replications needed to detect twice the
tolerance.

Exit codes: 0 no regression, 1 a regression (or, with --fail-on inconclusive,
an inconclusive verdict), 2 bad input: the suite, a scenario or the baseline
(and, with --strict, inputs that differ from the baseline's).`,
		OnUsageError: onUsageError("check"),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "print `FORMAT` on stdout: table, json, junit or markdown"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "also write every output format into `DIR` (created if missing)", Action: nonEmptyOut},
			&cli.BoolFlag{Name: "update", Usage: "run the suite and write its baseline file instead of comparing", DisableDefaultText: true},
			&cli.StringFlag{Name: "baseline", Usage: "read (or with --update write) the baseline `FILE`", DefaultText: "the suite's baseline: field, or baseline.json beside the suite"},
			&cli.StringFlag{Name: "fail-on", Usage: "also fail (exit 1) on `VERDICT`: inconclusive"},
			&cli.BoolFlag{Name: "strict", Usage: "fail (exit 2) when a case's fingerprint, seed or replications differ from the baseline's", DisableDefaultText: true},
			&cli.BoolFlag{Name: "explain", Usage: "print the power of each test after the table: the smallest worsening it detects", DisableDefaultText: true},
			&cli.Uint64Flag{Name: "seed", Usage: "run every case with master random `SEED` (compared unpaired unless it is the baseline's)", DefaultText: "from the suite"},
			&cli.IntFlag{Name: "replications", Aliases: []string{"n"}, Usage: "run every case `N` times (compared unpaired unless it is the baseline's number)", DefaultText: "from the suite"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "run `N` replications at once; results do not depend on it", DefaultText: "number of CPUs"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print the timing line on stderr", DisableDefaultText: true},
		}, shardFlags()...),
		Action: checkAction,
	}
}

func checkAction(c *cli.Context) error {
	if err := needArgs(c, 1, 1, "one suite file"); err != nil {
		return err
	}
	format := c.String("format")
	if !slices.Contains(checkFormats, format) {
		return usagef("check: --format must be one of %s, got %q", strings.Join(checkFormats, ", "), format)
	}
	if c.IsSet("workers") && c.Int("workers") < 1 {
		return usagef("check: --workers must be >= 1, got %d", c.Int("workers"))
	}
	failOn := c.String("fail-on")
	if failOn != "" && failOn != string(check.Inconclusive) {
		return usagef("check: --fail-on takes inconclusive, got %q (a regression always fails)", failOn)
	}
	if c.Bool("update") && (c.IsSet("fail-on") || c.Bool("strict") || c.Bool("explain") || c.IsSet("format") || c.IsSet("out")) {
		return usagef("check: --update writes the baseline only; --format, --out, --fail-on, --strict and --explain are for comparing")
	}
	if c.Bool("explain") && format != "table" {
		return usagef("check: --explain adds to the table; use it with --format table (the JSON has the detectable change of every metric)")
	}
	var opt check.Options
	if c.IsSet("seed") {
		s := c.Uint64("seed")
		opt.Seed = &s
	}
	if c.IsSet("replications") {
		if n := c.Int("replications"); n < 2 {
			return usagef("check: --replications must be >= 2, to estimate the spread; got %d", n)
		}
		opt.Replications = c.Int("replications")
	}
	suite, err := check.Load(c.Args().First(), opt)
	if err != nil {
		return usageError{err}
	}
	path := suite.BaselinePath()
	if c.IsSet("baseline") {
		path = c.String("baseline")
	}
	var base *check.Baseline
	if !c.Bool("update") {
		if base, err = check.ReadBaseline(path); err != nil {
			return usageError{err} // before running: a missing baseline fails fast
		}
	}

	jobs := make([]job, len(suite.Cases))
	for i := range suite.Cases {
		cs := &suite.Cases[i]
		jobs[i] = job{name: cs.Name, sc: cs.Sc, net: cs.Net}
	}
	run := runJobs(c, suite.Name+" check", jobs)
	defer timing(c, suite.Name+" check", run, len(jobs))

	if c.Bool("update") {
		nb, err := suite.NewBaseline(run.sums, version)
		if err != nil {
			return usageError{err}
		}
		var b bytes.Buffer
		if err := nb.Write(&b); err != nil {
			return err
		}
		if err := writeBaseline(path, b.Bytes()); err != nil {
			return err
		}
		n := 0
		for _, bc := range nb.Cases {
			n += len(bc.Metrics)
		}
		fmt.Fprintf(c.App.Writer, "scsim check: wrote the baseline of %s to %s: %s, %s\n", suite.Name, path, plural(len(nb.Cases), "case"), plural(n, "guarded metric"))
		return nil
	}

	rep, err := suite.Compare(base, path, run.sums, version)
	if err != nil {
		return usageError{err}
	}
	o := output.CheckOptions{FailOnInconclusive: failOn != "", Strict: c.Bool("strict")}
	renders := map[string]render{
		"table": func(w io.Writer) error {
			if err := output.WriteCheckTable(w, rep, o); err != nil {
				return err
			}
			if c.Bool("explain") {
				fmt.Fprintln(w)
				return output.WriteCheckExplain(w, rep)
			}
			return nil
		},
		"json":     func(w io.Writer) error { return output.WriteCheckJSON(w, rep, o) },
		"junit":    func(w io.Writer) error { return output.WriteCheckJUnit(w, rep, o) },
		"markdown": func(w io.Writer) error { return output.WriteCheckMarkdown(w, rep, o) },
	}
	files := []namedRender{{"check.txt", "table"}, {"check.json", "json"}, {"check-junit.xml", "junit"}, {"check.md", "markdown"}}
	if err := emit(c, renders, files, func() []namedPlot { return nil }); err != nil {
		return err
	}
	status, code := rep.Outcome(o.FailOnInconclusive, o.Strict)
	switch status {
	case "ok":
		return nil
	case "mismatch":
		return codeError{errors.New("check: the inputs of some cases differ from the baseline's (--strict); see the notes, and run scsim check " + suite.File + " --update once the change is intended"), code}
	}
	return codeError{fmt.Errorf("check: %s: %s", status, rep.Summary()), code}
}

// writeBaseline writes data to path atomically: a temporary file beside
// it, synced, then renamed over it, so a reader sees the old baseline or
// the new one, never half of one. (A baseline is one file in a folder of
// the user's, not a set of outputs: --out's directory rules do not apply.)
func writeBaseline(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	merr := tmp.Chmod(0o644)
	if err := errors.Join(werr, serr, merr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	return nil
}
