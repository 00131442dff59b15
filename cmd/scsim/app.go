package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
	"scsim/scenarios"
	"scsim/stats"
)

// version is scsim's release; it is part of the JSON output.
const version = "0.1.0"

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the run itself failed (for example an unwritable --out)
	exitUsage   = 2 // bad usage: flags, arguments or an invalid scenario
	// exitInternal (4) is a bug in scsim: see internalError
)

// usageError marks an error as the user's: a bad flag, argument or
// scenario. It exits with code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// report prints err to w, one line per problem prefixed "scsim: ", and
// returns the exit code.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintf(w, "scsim: %s\n", output.Printable(line))
	}
	var ue usageError
	var el scenarios.ErrorList
	var ce codeError
	var ie internalError
	switch {
	case errors.As(err, &ie):
		return exitInternal
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ue) || errors.As(err, &el):
		return exitUsage
	}
	return exitFailure
}

// codeError is an error that exits with a code of its own, such as
// [exitPartial].
type codeError struct {
	err  error
	code int
}

func (e codeError) Error() string { return e.err.Error() }
func (e codeError) Unwrap() error { return e.err }

// newApp returns the scsim command line application writing to stdout and
// stderr, so that tests can run the real application with buffers.
func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "scsim",
		Usage: "discrete-event supply chain simulator for backorders, fill rates and costs",
		Description: `scsim simulates customers, stocking sites and suppliers under replenishment
policies ((r,Q), (s,S), base stock, JIT, EOQ, safety stock, forecast, VMI,
drop-ship, the Beer Game players' rule) described in a YAML scenario file,
for several independent replications, and reports backorders, fill rates,
lost sales, cancellations, waiting times, revenue and costs as means with 95%
confidence intervals: the total is the service to customers and the cost of
the whole network, with roll-ups by echelon, site and item. "scsim compare"
compares what-if variants, "scsim sweep" a grid of settings and "scsim
optimize" searches for the cheapest setting that meets a service target, all
under common random numbers; "scsim report" writes an HTML report with plots;
"scsim trace" prints the events of one replication with the rule behind each
decision; "scsim lab" writes a page that runs a scenario in the browser,
offline, for a class to change its settings and watch.

A scenario is a file path or the name of a bundled scenario ("scsim list");
an existing file wins over a bundled name. Start from a bundled one:
"scsim show starter > my.yaml", edit, then "scsim validate my.yaml" and
"scsim run my.yaml". "scsim schema" prints a JSON Schema with which editors
complete and check scenario files.

Exit codes: 0 success, 1 runtime failure, 2 bad usage or invalid scenario
(or a run over the limits of --max-events and --max-memory), 3 a sweep with
some invalid points (the others ran and were written), 4 an internal error
(a bug in scsim: please report it; SCSIM_DEBUG=1 prints its stack trace),
5 a merge of an optimize search that needs another round of shards,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).

--shard K/N splits run, compare, sweep, report, check and optimize over N
processes or machines (a Slurm job array, a Kubernetes Indexed Job), each
writing a partial file; "scsim merge" prints what the command run whole
prints (docs/sharding.md).`,
		Version:      version,
		Writer:       stdout,
		ErrWriter:    stderr,
		HideVersion:  true, // --version is ours, so that it prints what "scsim version" does
		OnUsageError: onUsageError(""),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Usage: "print scsim's version", DisableDefaultText: true},
		},
		CommandNotFound: func(c *cli.Context, name string) {},
		// sweep's --set values hold commas of their own (PATH=V1,V2)
		DisableSliceFlagSeparator: true,
		Commands: []*cli.Command{
			runCommand(),
			traceCommand(),
			compareCommand(),
			sweepCommand(),
			optimizeCommand(),
			reportCommand(),
			labCommand(),
			validateCommand(),
			listCommand(),
			showCommand(),
			schemaCommand(),
			checkCommand(),
			mergeCommand(),
			versionCommand(),
		},
	}
	app.Action = func(c *cli.Context) error {
		if c.Bool("version") {
			return printVersion(c)
		}
		if c.NArg() > 0 {
			var names []string
			for _, cmd := range c.App.VisibleCommands() {
				names = append(names, cmd.Name)
			}
			hint := ""
			if near := nearestName(c.Args().First(), names); near != "" {
				hint = "did you mean " + near + "? "
			}
			return usagef("unknown command %q (%scommands: %s; see scsim --help)", c.Args().First(), hint, strings.Join(names, ", "))
		}
		return cli.ShowAppHelp(c)
	}
	shardActions(app)
	guardActions(app)
	return app
}

// onUsageError returns the OnUsageError function of command cmd ("" for
// scsim itself), which rewrites the flag package's errors in scsim's words.
func onUsageError(cmd string) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, isSubcommand bool) error {
		return flagError(cmd, err)
	}
}

// flagValues describes, for an error message, the values each flag takes.
var flagValues = map[string]string{
	"replications": "a whole number >= 1",
	"n":            "a whole number >= 1",
	"seed":         "a whole number >= 0",
	"horizon":      "a number",
	"warmup":       "a number",
	"workers":      "a whole number >= 1",
	"j":            "a whole number >= 1",
	"quiet":        "true or false",
	"q":            "true or false",
	"version":      "true or false",
	"limit":        "a whole number >= 0",
	"replication":  "a whole number >= 0",
	"r":            "a whole number >= 0",
	"from":         "a number",
	"to":           "a number",
}

// invalidValue matches the flag package's errors for a value that does not
// parse: `invalid value "x" for flag -seed: parse error` and
// `invalid boolean value "x" for -q: parse error`.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+?): `)

// flagError rewrites an error of the flag package, met parsing the flags of
// command cmd ("" for scsim itself), as a usage error in scsim's words:
// "run: --seed must be a whole number >= 0, got "-1"".
func flagError(cmd string, err error) error {
	prefix, help := "", "scsim --help"
	if cmd != "" {
		prefix, help = cmd+": ", "scsim "+cmd+" --help"
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return usagef("%sunknown flag %s (see %s)", prefix, dashed(name), help)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return usagef("%sflag needs an argument: %s (see %s)", prefix, dashed(strings.TrimLeft(name, "-")), help)
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		val, qerr := strconv.Unquote(m[1])
		if want, ok := flagValues[m[2]]; ok && qerr == nil {
			tail := ""
			if strings.HasSuffix(msg, ": value out of range") {
				tail = " (out of range)"
			}
			return usagef("%s%s must be %s, got %q%s", prefix, dashed(m[2]), want, val, tail)
		}
	}
	return usagef("%s%s (see %s)", prefix, msg, help)
}

// dashed writes a flag name as a user would type it: "-n", "--seed".
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// needArgs checks the number of positional arguments of a command.
func needArgs(c *cli.Context, lo, hi int, what string) error {
	if n := c.NArg(); n < lo || (hi >= 0 && n > hi) {
		return usagef("%s: expected %s, got %d argument(s) (see scsim %s --help)", c.Command.Name, what, n, c.Command.Name)
	}
	return nil
}

var formats = []string{"table", "json", "csv"}

// runFlags returns the flags of every command that runs a scenario: run,
// compare, sweep and report.
func runFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "print `FORMAT` on stdout: table, json or csv"},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "also write every output format into `DIR` (created if missing)", Action: nonEmptyOut},
		&cli.IntFlag{Name: "replications", Aliases: []string{"n"}, Usage: "run `N` replications", DefaultText: "from the scenario"},
		&cli.Uint64Flag{Name: "seed", Usage: "master random `SEED`", DefaultText: "from the scenario"},
		&cli.Float64Flag{Name: "horizon", Usage: "simulated `DAYS` per replication", DefaultText: "from the scenario"},
		&cli.Float64Flag{Name: "warmup", Usage: "`DAYS` after which statistics start", DefaultText: "from the scenario"},
		&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "run `N` replications at once; results do not depend on it", DefaultText: "number of CPUs"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print the timing line on stderr", DisableDefaultText: true},
		allowAnyPathFlag(),
	}, append(append(budgetFlags(), scenarioLimitFlags()...), shardFlags()...)...)
}

// nonEmptyOut refuses --out "", which would otherwise write nothing
// without a word.
func nonEmptyOut(c *cli.Context, dir string) error {
	if strings.TrimSpace(dir) == "" {
		return usagef("%s: --out needs a directory, got %q", c.Command.Name, dir)
	}
	return nil
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a scenario and print its metrics",
		ArgsUsage: "FILE|NAME",
		Description: `Runs every replication of the scenario (a YAML file, or a bundled scenario's
name) in parallel and prints each metric per site-item, and in total, as a mean
with the half-width of its 95% confidence interval. The output is identical
for the same scenario and seed, whatever the number of workers.

With --out DIR it also writes summary.txt, summary.json, summary.csv and
replications.csv (one row per replication and site-item) into DIR, with a
manifest of their SHA-256 (scsim-manifest.sha256), as one set: DIR must be
new, empty or hold a set scsim wrote, which the new one replaces whole.
Nothing is written if the scenario or a flag is invalid, or if anything fails.

A run estimated to process more than --max-events events, or to keep more
than --max-memory of results, is refused before it starts.

` + describeSet("run") + `

` + fingerprintNote,
		OnUsageError: onUsageError("run"),
		Flags: append(runFlags(), setFlag(setUsage),
			variantFlag("run the variant `NAME` declared in the scenario instead of its base")),
		Action: runAction,
	}
}

func runAction(c *cli.Context) error {
	if err := needArgs(c, 1, 1, "one scenario file or bundled name"); err != nil {
		return err
	}
	format := c.String("format")
	if !slices.Contains(formats, format) {
		return usagef("run: --format must be one of %s, got %q", strings.Join(formats, ", "), format)
	}
	if c.IsSet("workers") && c.Int("workers") < 1 {
		return usagef("run: --workers must be >= 1, got %d", c.Int("workers"))
	}
	// every error up to here is the user's: a missing or invalid file
	sc, err := loadScenario(c)
	if err != nil {
		return err
	}
	net, err := sc.CompileUnchanged() // the network the checks of the parse built
	if err != nil {
		return usageError{err}
	}
	if sc.VariantName != "" {
		net.Name += "/" + sc.VariantName // output names a variant SCENARIO/VARIANT
	}
	// from here on only the network and what output says of the scenario
	// (its name, source, description, fingerprint) are needed: let the
	// decoded file be collected before the run
	sc = sc.Compact()
	setScenario(c, sc)
	jobs := []job{{name: "base", sc: sc, net: net}}
	if err := checkBudget(c, jobsBudget(jobs)); err != nil {
		return err
	}
	if err := checkOut(c.String("out")); err != nil {
		return err
	}
	run := runJobs(c, sc.Name, jobs)
	if run.err != nil {
		return run.err
	}
	sum, wall := run.sums[0], run.wall

	meta := metaOf(sc)
	meta.Theory = net.Theories()
	renders := map[string]render{
		"table":        func(w io.Writer) error { return output.WriteTable(w, sum, meta) },
		"json":         func(w io.Writer) error { return output.WriteJSON(w, sum, meta) },
		"csv":          func(w io.Writer) error { return output.WriteCSV(w, sum, meta) },
		"replications": func(w io.Writer) error { return output.WriteReplicationsCSV(w, sum, meta) },
	}
	files := []namedRender{{"summary.txt", "table"}, {"summary.json", "json"}, {"summary.csv", "csv"}, {"replications.csv", "replications"}}
	if err := emit(c, renders, files, func() []namedPlot { return nil }); err != nil {
		return err
	}
	warnTargets(c.App.ErrWriter, sum, "")
	if !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "scsim: %s: %d replication(s), %d events in %.2f s (%.1f M events/s)\n",
			output.Printable(sc.Name), sc.Replications, sum.Events, wall.Seconds(), float64(sum.Events)/wall.Seconds()/1e6)
	}
	return nil
}

// warnTargets prints a warning on w for each site-item of sum that missed
// its policy's service target, even with --quiet; what names the variant
// ("" for a plain run).
func warnTargets(w io.Writer, sum *stats.Summary, what string) {
	for _, line := range output.TargetWarnings(sum, what) {
		fmt.Fprintf(w, "scsim: %s\n", output.Printable(line))
	}
}

// loadScenario opens the scenario named by c's argument and applies, in
// order, the flags that change it (--replications, --seed, ...),
// --variant and --set; every error is the user's.
func loadScenario(c *cli.Context) (*scenarios.Scenario, error) {
	ovs, err := sets(c)
	if err != nil {
		return nil, err
	}
	sc, err := openScenario(c, c.Args().First())
	if err != nil {
		return nil, usageError{err}
	}
	setScenario(c, sc)
	if err := applyOverrides(c, sc); err != nil {
		return nil, err
	}
	if sc, err = override(sc, c.String("variant"), ovs); err != nil {
		return nil, err
	}
	setScenario(c, sc)
	return sc, nil
}

// maxHorizon is the longest --horizon, in the scenario's time units: far
// beyond any run the event budget allows, and small enough that times keep
// a fraction of a time unit (a float64 holds 2^53).
const maxHorizon = 1e12

// applyOverrides applies the run flags that override scenario settings and
// checks the result.
func applyOverrides(c *cli.Context, sc *scenarios.Scenario) error {
	if c.IsSet("replications") {
		if n := c.Int("replications"); n < 1 {
			return usagef(c.Command.Name+": --replications must be >= 1, got %d", n)
		}
		sc.Replications = c.Int("replications")
	}
	if c.IsSet("seed") {
		sc.Seed = c.Uint64("seed")
	}
	if c.IsSet("horizon") {
		sc.Horizon = c.Float64("horizon")
		if !(sc.Horizon > 0) || sc.Horizon > maxHorizon {
			return usagef(c.Command.Name+": --horizon must be a number of %ss > 0 and at most %g, got %v", sc.TimeUnitName(), maxHorizon, sc.Horizon)
		}
	}
	if c.IsSet("warmup") {
		sc.Warmup = c.Float64("warmup")
	}
	if !(sc.Warmup >= 0 && sc.Warmup < sc.Horizon) {
		u := sc.TimeUnitName() + "s"
		return usagef(c.Command.Name+": the warm-up (%v %s) must be >= 0 and less than the horizon (%v %s); set --warmup or --horizon", sc.Warmup, u, sc.Horizon, u)
	}
	return nil
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check scenario files without running them",
		ArgsUsage: "FILE|NAME...",
		Description: `Checks every scenario given and reports every problem found, one per line as
file:line:column: field.path: message. Prints "FILE: ok (...)" for each valid
scenario, with its size and its fingerprint: a hash of the scenario as it
would run, which ignores comments, layout, key order and the file's name and
leaves out the seed and the replications. Exits with 2 if any scenario is
invalid.

--variant NAME and --set PATH=VALUE check the scenario as scsim run would run
it with them, each file in turn:
  scsim validate rq-single --set 'sites[store].stock[widget].policy.reorder_point=40'`,
		OnUsageError: onUsageError("validate"),
		Flags: append([]cli.Flag{allowAnyPathFlag(), setFlag(setUsage),
			variantFlag("check the variant `NAME` declared in each scenario instead of its base")}, scenarioLimitFlags()...),
		Action: func(c *cli.Context) error {
			if err := needArgs(c, 1, -1, "at least one scenario file or bundled name"); err != nil {
				return err
			}
			ovs, err := sets(c)
			if err != nil {
				return err
			}
			var errs []error
			for _, arg := range c.Args().Slice() {
				sc, err := openScenario(c, arg)
				if err == nil {
					sc, err = override(sc, c.String("variant"), ovs)
				}
				if err == nil {
					var net *model.Network
					if net, err = sc.CompileUnchanged(); err == nil {
						name := arg
						if arg == scenarios.Stdin {
							name = scenarios.StdinName
						}
						fmt.Fprintf(c.App.Writer, "%s: ok (%s, %s, %s, %s, fingerprint %s)\n", output.Printable(name),
							plural(len(net.Sites), "site"), plural(len(net.SKUs()), "site-item"),
							plural(len(net.Items), "item"), plural(len(net.Suppliers), "supplier"), sc.Fingerprint())
						continue
					}
				}
				errs = append(errs, err)
			}
			if len(errs) > 0 {
				return usageError{errors.Join(errs...)}
			}
			return nil
		},
	}
}

func listCommand() *cli.Command {
	return &cli.Command{
		Name:         "list",
		Usage:        "list the bundled scenarios",
		OnUsageError: onUsageError("list"),
		Description:  `Lists the scenarios built into scsim, with a one-line summary each. Run one with "scsim run NAME"; print its file with "scsim show NAME".`,
		Action: func(c *cli.Context) error {
			if err := needArgs(c, 0, 0, "no arguments"); err != nil {
				return err
			}
			tw := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
			for _, b := range scenarios.Bundled() {
				fmt.Fprintf(tw, "%s\t%s\n", b.Name, b.Summary)
			}
			return tw.Flush()
		},
	}
}

func showCommand() *cli.Command {
	return &cli.Command{
		Name:         "show",
		Usage:        "print a bundled scenario's YAML",
		OnUsageError: onUsageError("show"),
		ArgsUsage:    "NAME",
		Description: `Prints the YAML file of a bundled scenario, to read or to copy and edit: "scsim show starter > my.yaml".
A NAME ending in .csv prints a bundled data file instead, such as the demand history of the
history scenario, to copy beside the YAML: "scsim show history.csv > history.csv".`,
		Action: func(c *cli.Context) error {
			if err := needArgs(c, 1, 1, "one bundled scenario name"); err != nil {
				return err
			}
			name := c.Args().First()
			if strings.HasSuffix(name, ".csv") {
				data, ok := scenarios.BundledData(name)
				if !ok {
					return usagef("show: no bundled data file %q (bundled: %s)", name, strings.Join(scenarios.BundledDataNames(), ", "))
				}
				_, err := c.App.Writer.Write(data)
				return err
			}
			data, ok := scenarios.BundledYAML(name)
			if !ok {
				var names []string
				for _, b := range scenarios.Bundled() {
					names = append(names, b.Name)
				}
				return usagef("show: no bundled scenario %q (bundled: %s)", name, strings.Join(names, ", "))
			}
			_, err := c.App.Writer.Write(data)
			return err
		},
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:         "version",
		Usage:        "print scsim's version",
		OnUsageError: onUsageError("version"),
		Action:       printVersion,
	}
}

// printVersion prints scsim's version, for "scsim version" and
// "scsim --version".
func printVersion(c *cli.Context) error {
	_, err := fmt.Fprintf(c.App.Writer, "scsim %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// plural formats a count with its noun: "1 site", "3 sites".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// nearestName returns the one name within two edits (insertions,
// deletions, substitutions) of word, ignoring case, or "" if there is
// none or more than one: "runn" gives run (see [scenarios.Closest]).
func nearestName(word string, names []string) string {
	if c := scenarios.Closest(word, names, 2); len(c) == 1 {
		return c[0]
	}
	return ""
}
