package main

import (
	"errors"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/output"
	"scsim/scenarios"
)

func sweepCommand() *cli.Command {
	flags := append(runFlags(), setFlag("sweep `PATH=V1,V2,...`: a field path and its values; repeat for a grid"))
	return &cli.Command{
		Name:      "sweep",
		Usage:     "run a scenario over a grid of parameter values",
		ArgsUsage: "FILE|NAME --set PATH=V1,V2,... [--set ...]",
		Description: `Runs the scenario at every combination of the values given with --set (the
first --set varies slowest), all with the same seed and replications, so the
points see the same demand (common random numbers). Prints one row per point
with the network total's key metrics as mean ± 95% half-width.

A path names a field as in a scenario's variants, by index or by name:
  --set 'sites[store].stock[widget].policy.reorder_point=30,36,42'
  --set 'suppliers[factory].lead_time=2,4,8'
Values are YAML: numbers, words, or flow mappings such as {type: eoq}; quote
a value that holds a comma.

With --out DIR it also writes sweep.txt, sweep.json, sweep.csv and the plot
of cost against fill rate with the efficient frontier (cost-vs-fill.png and
.svg).`,
		OnUsageError: onUsageError("sweep"),
		Flags:        flags,
		Action:       sweepAction,
	}
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
	var paths []string
	var axes [][]scenarios.Override
	for _, arg := range sets {
		ovs, err := scenarios.ParseOverride(arg)
		if err != nil {
			return usageError{err}
		}
		paths = append(paths, ovs[0].Path)
		axes = append(axes, ovs)
	}
	sw := &output.Sweep{Paths: paths}
	var jobs []job
	var errs []error
	for _, combo := range grid(axes) {
		values := make([]string, len(combo))
		for i, ov := range combo {
			values[i] = ov.Value
		}
		pt, err := sc.With(combo...)
		if err == nil {
			var jb job
			if jb, err = build(strings.Join(values, ","), pt); err == nil {
				jobs = append(jobs, jb)
				sw.Points = append(sw.Points, output.SweepRow{Values: values})
				continue
			}
		}
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return usageError{errors.Join(errs...)}
	}
	run := runJobs(c, sc.Name+" sweep", jobs)
	for i := range sw.Points {
		sw.Points[i].Summary = run.sums[i]
	}
	meta := metaOf(sc) // the scenario before the grid's values
	renders := map[string]render{
		"table": func(w io.Writer) error { return output.WriteSweepTable(w, sw, meta) },
		"json":  func(w io.Writer) error { return output.WriteSweepJSON(w, sw, meta) },
		"csv":   func(w io.Writer) error { return output.WriteSweepCSV(w, sw) },
	}
	files := []namedRender{{"sweep.txt", "table"}, {"sweep.json", "json"}, {"sweep.csv", "csv"}}
	plots := func() []namedPlot {
		return []namedPlot{{"cost-vs-fill", output.NamedPlot{
			Title:   "Cost against fill rate",
			Caption: "Each point of the sweep: network total cost per day against unit fill rate, with 95% intervals; the efficient frontier joins the points no other point beats on both.",
			P:       output.CostVsFill(output.SweepPoints(sw)),
		}}}
	}
	if err := emit(c, renders, files, plots); err != nil {
		return err
	}
	timing(c, sc.Name+" sweep", run, len(jobs))
	return nil
}

// grid returns every combination of one value per axis, the first axis
// varying slowest.
func grid(axes [][]scenarios.Override) [][]scenarios.Override {
	combos := [][]scenarios.Override{nil}
	for _, axis := range axes {
		var next [][]scenarios.Override
		for _, c := range combos {
			for _, ov := range axis {
				next = append(next, append(append([]scenarios.Override{}, c...), ov))
			}
		}
		combos = next
	}
	return combos
}
