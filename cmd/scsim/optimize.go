package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"scsim/optimize"
	"scsim/output"
	"scsim/scenarios"
)

func init() {
	for _, name := range []string{"initial-replications", "max-replications", "max-evaluations"} {
		flagValues[name] = "a whole number >= 1"
	}
}

func optimizeCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range runFlags() {
		if f.Names()[0] != "replications" { // optimize sets its own
			flags = append(flags, f)
		}
	}
	flags = append(flags,
		setFlag("set the field at `PATH=VALUE` before the search, at every point, as a variant would (repeatable; later ones win; a --vary of the same path wins over it)"),
		variantFlag("optimize the variant `NAME` declared in the scenario instead of its base (then --set on top)"),
		&cli.StringSliceFlag{Name: "vary", Usage: "vary a field path over `PATH=LO:HI[:STEP]`: values LO, LO+STEP, ..., HI (STEP 1 by default); repeat for more parameters"},
		&cli.StringFlag{Name: "minimize", Usage: "minimise the mean of `METRIC` (a metric key, such as total_cost)"},
		&cli.StringSliceFlag{Name: "subject-to", Usage: "bound the mean of a metric: `CONSTRAINT` is [SCOPE:]METRIC>=X or [SCOPE:]METRIC<=X; repeat for more"},
		&cli.StringFlag{Name: "scope", Value: "customers", Usage: "the `SCOPE` of the objective and constraints: customers, SITE/ITEM, echelon-N, site:NAME or item:NAME"},
		&cli.IntFlag{Name: "initial-replications", Value: optimize.DefaultInitialReplications, Usage: "run the search's first points with `N` replications, doubled each time the step halves"},
		&cli.IntFlag{Name: "max-replications", Usage: "run the final comparison with `N` replications, the most the search uses", DefaultText: "4 × initial"},
		&cli.IntFlag{Name: "max-evaluations", Value: optimize.DefaultMaxEvaluations, Usage: "budget of the search: at most `N` point evaluations (the final comparison comes on top)"},
	)
	return &cli.Command{
		Name:      "optimize",
		Usage:     "find the cheapest setting that meets a service target",
		ArgsUsage: "FILE|NAME --vary PATH=LO:HI[:STEP] ... --minimize METRIC [--subject-to 'METRIC>=X' ...]",
		Description: `Searches the grid of values given with --vary for the point that minimises the
mean of --minimize subject to every --subject-to, each a metric of --scope
(customers, the headline total, by default) or of the scope written in front
of it. Every point runs with the same seed and replication indices, so they
see the same demand (common random numbers).

The search is a compass search: from the scenario's own values (clamped to
the box; the box's centre for a path the file does not give) it tries a step
up and down each parameter, moves to the best point, and halves the steps
when none is better, doubling the replications each time (from
--initial-replications up to --max-replications), until unit steps find
nothing better or --max-evaluations is spent. Points are compared by their
means: one meeting every constraint beats one that does not; two that meet
them compare by the objective; two that do not, by how far they miss.

Then the final comparison re-runs the incumbent, the 3 next best points and
their neighbours one step away with --max-replications and judges each
constraint by its 95% confidence interval: feasible (the interval meets the
bound), infeasible (it misses it) or uncertain (it straddles it). The chosen
point is the feasible one with the lowest mean objective; the points whose
paired difference from it has an interval holding 0 are marked
indistinguishable. If no point is feasible, the verdict says so (exit code
0). This is a heuristic search with a statistically checked final step, not
a proof of global optimality: see docs/optimize.md.

Example: the cheapest reorder point and order quantity of the starter's
widget for a 95% fill rate to customers:

  scsim optimize starter \
    --vary 'sites[store].stock[widget].policy.reorder_point=20:60' \
    --vary 'sites[store].stock[widget].policy.order_quantity=10:500:10' \
    --minimize total_cost --subject-to 'store/widget:fill_rate>=0.95'

--set PATH=VALUE and --variant NAME change the scenario before the search,
as on run and compare (the variant first, then the --set on top), so the
question "what if the lead time doubles?" is one command:

  scsim optimize rq-single --horizon 20000 \
    --set 'suppliers[factory].lead_time=8' \
    --vary 'sites[store].stock[widget].policy.reorder_point=10:80' \
    --minimize total_cost --subject-to 'fill_rate>=0.99'

The outputs' fingerprint is the scenario's with them; in the JSON, the
chosen point (and each final point) carries the fingerprint of its own
scenario, the one "scsim run" with the same --variant and --set and a --set
of each varied path at the point's value reports.

With --out DIR it also writes optimize.txt, optimize.json, optimize.csv
(one row per evaluation) and the plot of the search (optimize.png and .svg).`,
		OnUsageError: onUsageError("optimize"),
		Flags:        flags,
		Action:       optimizeAction,
	}
}

// optimizeProblem reads the problem from the flags; sc gives the start.
func optimizeProblem(c *cli.Context, sc *scenarios.Scenario) (*optimize.Problem, error) {
	p := &optimize.Problem{Scope: c.String("scope"), InitialReplications: c.Int("initial-replications"),
		MaxReplications: c.Int("max-replications"), MaxEvaluations: c.Int("max-evaluations")}
	varies := c.StringSlice("vary")
	if len(varies) == 0 {
		return nil, usagef("optimize: give at least one --vary PATH=LO:HI[:STEP] (see scsim optimize --help)")
	}
	for _, arg := range varies {
		a, err := optimize.ParseAxis(arg)
		if err != nil {
			return nil, usagef("optimize: %v", err)
		}
		p.Axes = append(p.Axes, a)
	}
	if !c.IsSet("minimize") {
		return nil, usagef("optimize: give the objective with --minimize METRIC, such as --minimize total_cost (see scsim optimize --help)")
	}
	m, err := optimize.MetricIndex(c.String("minimize"))
	if err != nil {
		return nil, usagef("optimize: --minimize: %v", err)
	}
	p.Objective = m
	for _, arg := range c.StringSlice("subject-to") {
		con, err := optimize.ParseConstraint(arg)
		if err != nil {
			return nil, usagef("optimize: %v", err)
		}
		p.Constraints = append(p.Constraints, con)
	}
	for _, name := range []string{"initial-replications", "max-replications", "max-evaluations"} {
		if c.IsSet(name) && c.Int(name) < 1 {
			return nil, usagef("optimize: --%s must be >= 1, got %d", name, c.Int(name))
		}
	}
	if c.IsSet("initial-replications") && c.Int("initial-replications") < 2 {
		return nil, usagef("optimize: --initial-replications must be >= 2 (a confidence interval needs two), got %d", c.Int("initial-replications"))
	}
	if err := p.Defaults(); err != nil {
		return nil, usagef("optimize: %v", err)
	}
	// the start: the scenario's own values, clamped to the box; the
	// centre where the file gives none. Each path is checked there.
	p.Start = p.Centre()
	for i, a := range p.Axes {
		if v, ok := sc.Lookup(a.Path); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				p.Start[i] = a.Nearest(f)
			}
		}
		if _, err := sc.With(scenarios.Override{Path: a.Path, Value: a.Text(p.Start[i]), Origin: "--vary"}); err != nil {
			return nil, usageError{fmt.Errorf("optimize: --vary %s at its start value %s: %w", a.Path, a.Text(p.Start[i]), err)}
		}
	}
	return p, nil
}

func optimizeAction(c *cli.Context) error {
	ovs, err := sets(c)
	if err != nil {
		return err
	}
	sc, err := prepare(c, "optimize")
	if err != nil {
		return err
	}
	// --variant and --set, then the flags again, as run's loadScenario
	if sc, err = override(sc, c.String("variant"), ovs); err != nil {
		return err
	}
	setScenario(c, sc)
	p, err := optimizeProblem(c, sc)
	if err != nil {
		return err
	}
	if err := optimizeBudget(c, sc, p); err != nil {
		return err
	}
	start := time.Now()
	var total ran
	runs := 0
	var runErr error // the first run that counted beyond what it can
	eval := func(b optimize.Batch) []optimize.Outcome {
		out := make([]optimize.Outcome, len(b.Points))
		var jobs []job
		var at []int
		for i, pt := range b.Points {
			ps, err := pointScenario(sc, p, pt.Texts)
			if err == nil {
				ps.Replications = b.Reps
				var jb job
				if jb, err = build(pointLabel(pt), ps); err == nil {
					jobs = append(jobs, jb)
					at = append(at, i)
					continue
				}
			}
			out[i].Err = err
		}
		if len(jobs) > 0 {
			run := runJobs(c, sc.Name+" optimize: "+b.Label, jobs)
			if run.err != nil && runErr == nil {
				runErr = run.err
			}
			for k, i := range at {
				out[i].Summary = run.sums[k]
			}
			total.events += run.events
			runs += len(jobs)
		}
		return out
	}
	res, err := optimize.Run(p, eval)
	if runErr != nil {
		return runErr
	}
	if err != nil {
		return usagef("optimize: %v", err)
	}
	total.wall = time.Since(start)
	meta := metaOf(sc)
	meta.PointFingerprint = func(texts []string) string {
		if ps, err := pointScenario(sc, p, texts); err == nil {
			return ps.Fingerprint()
		}
		return ""
	}
	renders := map[string]render{
		"table": func(w io.Writer) error { return output.WriteOptimizeTable(w, res, meta) },
		"json":  func(w io.Writer) error { return output.WriteOptimizeJSON(w, res, meta) },
		"csv":   func(w io.Writer) error { return output.WriteOptimizeCSV(w, res, meta) },
	}
	files := []namedRender{{"optimize.txt", "table"}, {"optimize.json", "json"}, {"optimize.csv", "csv"}}
	plots := func() []namedPlot {
		return []namedPlot{{"optimize", output.NamedPlot{
			Title: "The search",
			Caption: "Each evaluation's mean objective against its mean of the first constraint's metric: the search's evaluations in grey, " +
				"the final comparison's coloured by verdict with 95% intervals, the chosen point ringed; the shaded side of the dashed bound is feasible.",
			P: output.OptimizePlot(res),
		}}}
	}
	if err := emit(c, renders, files, plots); err != nil {
		return err
	}
	if !c.Bool("quiet") && res.Chosen == nil {
		fmt.Fprintf(c.App.ErrWriter, "scsim: %s optimize: no feasible point: no final point's confidence interval satisfies every constraint\n", sc.Name)
	}
	timing(c, sc.Name+" optimize", total, runs)
	return nil
}

// pointScenario returns sc with each axis of p set to its value in texts:
// the scenario of a point.
func pointScenario(sc *scenarios.Scenario, p *optimize.Problem, texts []string) (*scenarios.Scenario, error) {
	ovs := make([]scenarios.Override, len(p.Axes))
	for j, a := range p.Axes {
		ovs[j] = scenarios.Override{Path: a.Path, Value: texts[j], Origin: "--vary"}
	}
	return sc.With(ovs...)
}

// pointLabel names a point's job: its values.
func pointLabel(pt optimize.Point) string {
	s := ""
	for i, t := range pt.Texts {
		if i > 0 {
			s += ","
		}
		s += t
	}
	return s
}

// optimizeBudget checks the search's cost against the limits before it
// starts, from the start point's network: at most --max-evaluations
// evaluations and the final comparison's points, each with up to
// --max-replications replications.
func optimizeBudget(c *cli.Context, sc *scenarios.Scenario, p *optimize.Problem) error {
	texts := make([]string, len(p.Axes))
	for j, a := range p.Axes {
		texts[j] = a.Text(p.Start[j])
	}
	ps, err := pointScenario(sc, p, texts)
	if err != nil {
		return usageError{err}
	}
	jb, err := build("start", ps)
	if err != nil {
		return err
	}
	var b budget
	b.add(jb.net, p.MaxReplications, p.MaxEvaluations+(optimize.FinalCandidates+1)*(2*len(p.Axes)+1))
	return checkBudget(c, b)
}
