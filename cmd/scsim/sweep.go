package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
	"scsim/scenarios"
	"scsim/stats"
)

// exitPartial is the exit code of a sweep some of whose points were
// invalid: the others ran and their results were written.
const exitPartial = 3

func sweepCommand() *cli.Command {
	flags := append(runFlags(),
		setFlag("sweep `PATH=V1,V2,...`: a field path and its values; repeat for a grid, start the path with + to vary it with the --set before"),
		&cli.StringFlag{Name: "minimize", Usage: "rank the points by the customers' total of `METRIC`, lowest first", DefaultText: "total_cost"},
		&cli.StringFlag{Name: "maximize", Usage: "rank the points by the customers' total of `METRIC`, highest first"},
		&cli.StringFlag{Name: "scope", Usage: "the part of the results the table shows and the objective ranks: customers, SITE/ITEM, echelon-N, site:NAME or item:NAME", Value: "customers"},
		&cli.IntFlag{Name: "reference", Usage: "compare every point with point `N` (1-based, as in the table)", DefaultText: "the best point"},
		&cli.IntFlag{Name: "max-points", Value: defaultMaxPoints, Usage: "refuse, before building them, a grid of more than `N` points"},
		&cli.StringFlag{Name: "metrics", Usage: "the table's columns: comma-separated metric `KEYS` (see docs/json-format.md#metrics)", DefaultText: "fill_rate,backorder_rate,avg_on_hand,avg_backorders,wait_mean,lost_rate,total_cost"},
	)
	return &cli.Command{
		Name:      "sweep",
		Usage:     "run a scenario over a grid of parameter values",
		ArgsUsage: "FILE|NAME --set PATH=V1,V2,... [--set ...]",
		Description: `Runs the scenario at every combination of the values given with --set (the
first --set varies slowest), all with the same seed and replications, so the
points see the same demand (common random numbers). Prints one row per point
with the key metrics of the customers' total (service to customers, costs of
the whole network) as mean ± 95% half-width, and the paired difference of the
objective (--minimize, default total_cost, or --maximize) from the reference
point (--reference, default the best point): a point whose difference is not
marked * is indistinguishable from the reference at the 95% level.

A path names a field as in a scenario's variants, by index or by name:
  --set 'sites[store].stock[widget].policy.reorder_point=30,36,42'
  --set 'suppliers[factory].lead_time=2,4,8'
Values are YAML: numbers, words, or flow mappings such as {type: eoq}; quote
a value that holds a comma. A path starting with + is linked to the --set
before it: the two vary together, value by value (as many values each),
instead of forming a grid (three points here, s and S of starter's (s, S)
gadget moving together):
  scsim sweep starter --scope store/gadget \
    --set 'sites[store].stock[gadget].policy.reorder_point=110,130,150' \
    --set '+sites[store].stock[gadget].policy.order_up_to=170,190,210'

A point whose values make the scenario invalid is reported with its error
and the others still run; the exit code is then 3 (2 if no point is valid).

With --out DIR it also writes sweep.txt, sweep.json, sweep.csv and the plot
of cost against fill rate with the efficient frontier (cost-vs-fill.png and
.svg).`,
		OnUsageError: onUsageError("sweep"),
		Flags:        flags,
		Action:       sweepAction,
	}
}

// sweepAxis is one axis of a sweep's grid: one or more linked paths, with
// a value of each per step.
type sweepAxis struct {
	paths []int                  // indices into the sweep's paths
	steps [][]scenarios.Override // steps[k]: the k-th value of every path
}

// sweepAxes parses the --set flags into the paths swept, the links between
// them and the grid's axes.
func sweepAxes(sets []string) (paths []string, links []int, axes []sweepAxis, err error) {
	for _, arg := range sets {
		linked := strings.HasPrefix(strings.TrimSpace(arg), "+")
		ovs, err := scenarios.ParseOverride(strings.TrimPrefix(strings.TrimSpace(arg), "+"))
		if err != nil {
			return nil, nil, nil, usageError{err}
		}
		if linked {
			if len(axes) == 0 {
				return nil, nil, nil, usagef("sweep: --set %s: a path starting with + varies with the --set before it, and there is none", arg)
			}
			ax := &axes[len(axes)-1]
			if len(ovs) != len(ax.steps) {
				return nil, nil, nil, usagef("sweep: --set %s: %d value(s), but it is linked to %s with %d; linked paths need as many values each",
					arg, len(ovs), paths[ax.paths[0]], len(ax.steps))
			}
			links = append(links, ax.paths[0])
			ax.paths = append(ax.paths, len(paths))
			for k := range ax.steps {
				ax.steps[k] = append(ax.steps[k], ovs[k])
			}
		} else {
			links = append(links, len(paths))
			ax := sweepAxis{paths: []int{len(paths)}}
			for _, ov := range ovs {
				ax.steps = append(ax.steps, []scenarios.Override{ov})
			}
			axes = append(axes, ax)
		}
		paths = append(paths, ovs[0].Path)
	}
	return paths, links, axes, nil
}

// metricIndex returns the index in model.Metrics of the metric keyed key.
func metricIndex(key string) (int, bool) {
	i := slices.IndexFunc(model.Metrics[:], func(m model.Metric) bool { return m.Key == key })
	return i, i >= 0
}

// metricKeys lists every metric key, for error messages.
func metricKeys() string {
	keys := make([]string, len(model.Metrics))
	for i, m := range model.Metrics {
		keys[i] = m.Key
	}
	return strings.Join(keys, ", ")
}

func sweepAction(c *cli.Context) error {
	sc, err := prepare(c, "sweep")
	if err != nil {
		return err
	}
	sets := c.StringSlice("set")
	if len(sets) == 0 {
		return usagef("sweep: give at least one --set PATH=V1,V2,... (see scsim sweep --help)")
	}
	paths, links, axes, err := sweepAxes(sets)
	if err != nil {
		return err
	}
	if err := checkPoints(c, axes); err != nil {
		return err // before building the points
	}
	sw := &output.Sweep{Paths: paths, Links: links, Ref: -1}
	if err := sweepObjective(c, sw); err != nil {
		return err
	}
	meta := metaOf(sc) // the scenario before the grid's values

	// every point of the grid: build it, or record why it is invalid; an
	// error that several points share is reported once
	var jobs []job
	var points []int // index in sw.Points of each job
	var errs []error
	seen := map[string]bool{}
	for _, combo := range grid(axes, len(paths)) {
		values := make([]string, len(combo))
		for i, ov := range combo {
			values[i] = ov.Value
		}
		pt, err := sc.With(combo...)
		var jb job
		if err == nil {
			jb, err = build(strings.Join(values, ","), pt)
		}
		if err != nil {
			sw.Points = append(sw.Points, output.SweepRow{Values: values, Err: err})
			if msg := err.Error(); !seen[msg] {
				seen[msg] = true
				errs = append(errs, err)
			}
			continue
		}
		points = append(points, len(sw.Points))
		sw.Points = append(sw.Points, output.SweepRow{Values: values})
		jobs = append(jobs, jb)
	}
	if len(jobs) == 0 {
		return usageError{fmt.Errorf("sweep: no point of the grid is valid:\n%w", errors.Join(errs...))}
	}
	if r := c.Int("reference"); c.IsSet("reference") && (r < 1 || r > len(sw.Points) || sw.Points[r-1].Err != nil) {
		return usagef("sweep: --reference must be the number of a valid point, 1 to %d, got %d", len(sw.Points), r)
	}
	// the scope's name, checked before running against the network's parts
	sw.Scope = c.String("scope")
	if _, err := stats.Summarize(jobs[0].net, 0, nil).Scope(sw.Scope); err != nil {
		return usagef("sweep: --scope: %v", err)
	}
	if err := checkBudget(c, jobsBudget(jobs)); err != nil {
		return err
	}
	run := runJobs(c, sc.Name+" sweep", jobs)
	if run.err != nil {
		return run.err
	}
	for j, i := range points {
		sw.Points[i].Summary = run.sums[j]
		sw.Points[i].Theory = jobs[j].net.Theories()
	}
	ref := sw.Best()
	if c.IsSet("reference") {
		ref = c.Int("reference") - 1
	}
	sw.Compare(ref)
	renders := map[string]render{
		"table": func(w io.Writer) error { return output.WriteSweepTable(w, sw, meta) },
		"json":  func(w io.Writer) error { return output.WriteSweepJSON(w, sw, meta) },
		"csv":   func(w io.Writer) error { return output.WriteSweepCSV(w, sw, meta) },
	}
	files := []namedRender{{"sweep.txt", "table"}, {"sweep.json", "json"}, {"sweep.csv", "csv"}}
	plots := func() []namedPlot {
		return []namedPlot{{"cost-vs-fill", output.NamedPlot{
			Title:   "Cost against fill rate",
			Caption: "Each point of the sweep: total cost per " + output.TimeUnit(meta.TimeUnit) + " of the network against the customers' unit fill rate, with 95% intervals; the efficient frontier joins the points no other point beats on both.",
			P:       output.CostVsFill(output.SweepPoints(sw), meta.TimeUnit),
		}}}
	}
	if err := emit(c, renders, files, plots); err != nil {
		return err
	}
	timing(c, sc.Name+" sweep", run, len(jobs))
	if n := sw.Invalid(); n > 0 {
		errs = append(errs, fmt.Errorf("sweep: %d of %s invalid (each error above; every point in the output); the other %d ran", n, plural(len(sw.Points), "point"), len(jobs)))
		return codeError{errors.Join(errs...), exitPartial}
	}
	return nil
}

// sweepObjective sets sw's objective and table metrics from the flags.
func sweepObjective(c *cli.Context, sw *output.Sweep) error {
	if c.IsSet("minimize") && c.IsSet("maximize") {
		return usagef("sweep: give --minimize or --maximize, not both")
	}
	key := "total_cost"
	switch {
	case c.IsSet("minimize"):
		key = c.String("minimize")
	case c.IsSet("maximize"):
		key, sw.Maximize = c.String("maximize"), true
	}
	var ok bool
	if sw.Objective, ok = metricIndex(key); !ok {
		return usagef("sweep: unknown metric %q (%smetrics: %s)", key, scenarios.MetricHint(key), metricKeys())
	}
	if c.IsSet("metrics") {
		for _, k := range strings.Split(c.String("metrics"), ",") {
			i, ok := metricIndex(strings.TrimSpace(k))
			if !ok {
				return usagef("sweep: --metrics: unknown metric %q (%smetrics: %s)", strings.TrimSpace(k), scenarios.MetricHint(strings.TrimSpace(k)), metricKeys())
			}
			sw.Metrics = append(sw.Metrics, i)
		}
	}
	return nil
}

// grid returns every combination of one step per axis, the first axis
// varying slowest, each as one override per path in path order (n paths).
func grid(axes []sweepAxis, n int) [][]scenarios.Override {
	combos := [][]scenarios.Override{make([]scenarios.Override, n)}
	for _, axis := range axes {
		var next [][]scenarios.Override
		for _, c := range combos {
			for _, step := range axis.steps {
				combo := slices.Clone(c)
				for k, p := range axis.paths {
					combo[p] = step[k]
				}
				next = append(next, combo)
			}
		}
		combos = next
	}
	return combos
}
