package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
	"scsim/scenarios"
	"scsim/stats"
)

func compareCommand() *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "run a scenario and its what-if variants, and compare them",
		ArgsUsage: "FILE|NAME",
		Description: `Runs the base scenario and every variant declared in its variants: section with
the same seed and replications, so that they see the same demand and lead-time
draws (common random numbers). For each metric it prints the mean ± 95%
half-width per variant and the paired difference from the base with its own
interval, marked * when the interval excludes 0.

With --out DIR it also writes comparison.txt, comparison.json and
comparison.csv, and the plots (PNG and SVG): a bar chart per key metric with
confidence whiskers, the cost breakdown, the base's stock levels over time and
the customer waiting times of the chosen site-items in every run (drop-ship
delivery times apart). --items SITE/ITEM,... chooses the site-items plotted;
by default, the customer-facing ones, worst customer fill rate first.

--set PATH=VALUE changes a field of the base and of every variant alike (a
variant applied first, then the --set on top, as scsim run --variant does),
one value per --set:
  scsim compare what-if --set 'suppliers[factory].lead_time=6'
--variant NAME compares only that variant with the base.

` + fingerprintNote + ` A comparison's fingerprint is its base's.`,
		OnUsageError: onUsageError("compare"),
		Flags: append(runFlags(), itemsFlag(), setFlag("set the field at `PATH=VALUE` in the base and every variant before running (repeatable; later ones win)"),
			variantFlag("compare only the variant `NAME` with the base")),
		Action: compareAction,
	}
}

// prepare checks the common flags and opens the scenario with its run
// overrides applied.
func prepare(c *cli.Context, cmd string) (*scenarios.Scenario, error) {
	if err := needArgs(c, 1, 1, "one scenario file or bundled name"); err != nil {
		return nil, err
	}
	if format := c.String("format"); format != "" && !slices.Contains(formats, format) { // report has no --format
		return nil, usagef("%s: --format must be one of %s, got %q", cmd, strings.Join(formats, ", "), format)
	}
	if c.IsSet("workers") && c.Int("workers") < 1 {
		return nil, usagef("%s: --workers must be >= 1, got %d", cmd, c.Int("workers"))
	}
	sc, err := openScenario(c, c.Args().First())
	if err != nil {
		return nil, usageError{err}
	}
	setScenario(c, sc)
	if err := applyOverrides(c, sc); err != nil {
		return nil, err
	}
	if err := checkOut(c.String("out")); err != nil {
		return nil, err
	}
	return sc, nil
}

// build builds a job's network; errors are the user's.
func build(name string, sc *scenarios.Scenario) (job, error) {
	net, err := sc.Build()
	if err != nil {
		return job{}, usageError{err}
	}
	return job{name: name, sc: sc, net: net}, nil
}

// compareJobs returns the base of sc and its variants called names as
// jobs, each with the overrides ovs (--set) applied on top. The base is
// built first, so that an error in ovs is reported once, not once per
// variant.
func compareJobs(sc *scenarios.Scenario, names []string, ovs []scenarios.Override) ([]job, error) {
	bs, err := override(sc, "", ovs)
	if err != nil {
		return nil, err
	}
	base, err := build("base", bs)
	if err != nil {
		return nil, err
	}
	jobs := []job{base}
	var errs []error
	for _, name := range names {
		vs, err := override(sc, name, ovs)
		if err == nil {
			var jb job
			if jb, err = build(name, vs); err == nil {
				jobs = append(jobs, jb)
				continue
			}
		}
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, usageError{errors.Join(errs...)}
	}
	return jobs, nil
}

func compareAction(c *cli.Context) error {
	sc, err := prepare(c, "compare")
	if err != nil {
		return err
	}
	if len(sc.Variants) == 0 {
		return usagef("compare: %s declares no variants; add a variants: section (see docs/scenario-format.md, \"Variants and field paths\"), or use scsim sweep --set", c.Args().First())
	}
	ovs, err := sets(c)
	if err != nil {
		return err
	}
	names, err := variantsOf(c, sc)
	if err != nil {
		return err
	}
	jobs, err := compareJobs(sc, names, ovs)
	if err != nil {
		return err
	}
	if len(c.StringSlice("items")) > 0 && c.String("out") == "" {
		return usagef("compare: --items chooses the site-items of the plots, which only --out DIR writes")
	}
	if _, err := selectItems(c, "compare", namesOnly(jobs[0].net)); err != nil {
		return err // before running: a misspelt site-item fails fast
	}
	if err := checkBudget(c, jobsBudget(jobs)); err != nil {
		return err
	}
	run := runJobs(c, sc.Name+" compare", jobs)
	if run.err != nil {
		return run.err
	}
	cmp := comparison(jobs, run)
	skus, err := selectItems(c, "compare", cmp.Base)
	if err != nil {
		return err
	}
	meta := metaOf(jobs[0].sc)
	meta.RunTheory = map[string][]model.Theory{}
	for _, jb := range jobs { // each run's theory, beside its own results
		meta.RunTheory[jb.name] = jb.net.Theories()
	}
	renders := map[string]render{
		"table": func(w io.Writer) error { return output.WriteCompareTable(w, cmp, meta) },
		"json":  func(w io.Writer) error { return output.WriteCompareJSON(w, cmp, meta) },
		"csv":   func(w io.Writer) error { return output.WriteCompareCSV(w, cmp, meta) },
	}
	files := []namedRender{{"comparison.txt", "table"}, {"comparison.json", "json"}, {"comparison.csv", "csv"}}
	plots := func() []namedPlot { return comparePlots(jobs, run, cmp, skus) }
	if err := emit(c, renders, files, plots); err != nil {
		return err
	}
	for j, jb := range jobs {
		warnTargets(c.App.ErrWriter, run.sums[j], jb.name)
	}
	timing(c, sc.Name+" compare", run, len(jobs))
	return nil
}

// comparison pairs the jobs' summaries with the first (the base).
func comparison(jobs []job, run ran) *stats.Comparison {
	names := make([]string, 0, len(jobs)-1)
	for _, jb := range jobs[1:] {
		names = append(names, jb.name)
	}
	return stats.Compare(run.sums[0], names, run.sums[1:])
}

// namedPlot is a plot with its file name (without extension), title and
// caption.
type namedPlot struct {
	file string
	plot output.NamedPlot
}

// itemsFlag is the --items flag of report and compare.
func itemsFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "items", Usage: "plot the site-items `SITE/ITEM,...` in this order", DefaultText: "the customer-facing site-items, worst customer fill rate first"}
}

// selectItems returns the site-items (indices into s.SKUs) that --items
// names, or the default choice of [output.SelectSKUs]; an unknown one is
// a usage error.
func selectItems(c *cli.Context, cmd string, s *stats.Summary) ([]int, error) {
	var names []string
	for _, v := range c.StringSlice("items") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	skus, err := output.SelectSKUs(s, names)
	if err != nil {
		return nil, usagef("%s: --items: %v", cmd, err)
	}
	return skus, nil
}

// namesOnly returns a summary of net with its site-items' names only,
// for checking --items before a run.
func namesOnly(net *model.Network) *stats.Summary {
	s := &stats.Summary{Scenario: net.Name}
	for _, ref := range net.SKUs() {
		site := &net.Sites[ref.Site]
		s.SKUs = append(s.SKUs, stats.SKUSummary{Site: site.Name, Item: net.Items[site.Stocks[ref.Stock].Item].Name})
	}
	return s
}

// comparePlots draws the comparison's plots: a bar chart per key metric
// and the cost breakdown by variant, the chosen site-items (skus) over
// time in each of the first runs, and the customer waits of each chosen
// site-item, a series per run.
func comparePlots(jobs []job, run ran, cmp *stats.Comparison, skus []int) []namedPlot {
	tu := timeUnit(jobs[0].sc)
	bars := output.VariantBars(cmp)
	bars.TimeUnit = tu
	out := barPlots(bars, cmp.Base.Replications)
	out = append(out, chainPlots(jobs, run.results, run.sums)...)
	n := 0
levels:
	for _, sku := range skus {
		for j, jb := range jobs {
			if n == maxLevelsPlots {
				break levels
			}
			if !dropShip(run.sums[j], sku) {
				out = append(out, levelsPlot(jb, j, sku))
				n++
			}
		}
	}
	names := make([]string, len(jobs))
	for j, jb := range jobs {
		names[j] = jb.name
	}
	for _, sku := range skus[:min(len(skus), maxWaitsPlots)] {
		out = append(out, waitsPlots(run.sums[0].SKUs[sku], sku, names, run.sums, func(j int) model.WaitHist { return skuWaits(run.results[j], sku) }, tu)...)
	}
	return out
}

// runPlots draws the plots of one run: a bar chart per key metric and the
// cost breakdown by site-item (by echelon in large networks), the chosen
// site-items (skus) over time, and their customer waits, a series per
// customer class.
func runPlots(jb job, results []*model.Result, sum *stats.Summary, skus []int) []namedPlot {
	bars := output.SiteItemBars(sum)
	bars.TimeUnit = timeUnit(jb.sc)
	out := barPlots(bars, sum.Replications)
	out = append(out, chainPlots([]job{jb}, [][]*model.Result{results}, []*stats.Summary{sum})...)
	n := 0
	for _, sku := range skus {
		if n < maxLevelsPlots && !dropShip(sum, sku) {
			out = append(out, levelsPlot(jb, 0, sku))
			n++
		}
	}
	for _, sku := range skus[:min(len(skus), maxWaitsPlots)] {
		out = append(out, classWaitsPlot(jb.name, sum, sku, results, bars.TimeUnit))
	}
	return out
}

// keyMetrics are the metrics with a bar chart in reports and comparisons.
var keyMetrics = []int{model.MFillRate, model.MTotalCost, model.MAvgBackorders, model.MWaitMean, model.MAvgOnHand}

// maxLevelsPlots is the most levels-over-time plots a report draws, and
// maxWaitsPlots the most site-items whose waits it plots.
const (
	maxLevelsPlots = 6
	maxWaitsPlots  = 6
)

// barPlots draws a bar chart per key metric and the cost breakdown of b.
func barPlots(b output.Bars, reps int) []namedPlot {
	scope := "per " + b.By
	if b.Scope != "" {
		scope = b.Scope
	}
	var out []namedPlot
	for _, m := range keyMetrics {
		mt := model.Metrics[m]
		out = append(out, namedPlot{"bar-" + mt.Key, output.NamedPlot{
			Title:   strings.ToUpper(mt.Name[:1]) + mt.Name[1:] + " by " + b.By,
			Caption: fmt.Sprintf("%s (%s), %s: mean and 95%% confidence interval over %s.", mt.Doc, output.UnitLabel(mt.Unit, b.TimeUnit), scope, plural(reps, "replication")),
			P:       output.BarChart(b, m),
		}})
	}
	return append(out, namedPlot{"cost-breakdown", output.NamedPlot{
		Title:   "Cost breakdown by " + b.By,
		Caption: fmt.Sprintf("Holding, ordering, backorder, lost-sale and transport cost per %s, %s, mean over replications; whiskers: 95%% confidence interval of the total.", output.TimeUnit(b.TimeUnit), scope),
		P:       output.CostBreakdown(b),
	}})
}

// dropShip reports whether site-item sku of s is drop-ship: it holds no
// stock, and its customers' waits are delivery times.
func dropShip(s *stats.Summary, sku int) bool { return s.SKUs[sku].Policy.Type == "dropship" }

// levelsPlot traces site-item sku of job j in replication 0.
func levelsPlot(jb job, j, sku int) namedPlot {
	_, tr := model.RunTraced(jb.net, jb.sc.Seed, 0, sku)
	from := jb.net.Warmup
	to := min(jb.net.Horizon, from+max(60, min(365, (jb.net.Horizon-from)/10)))
	return namedPlot{fmt.Sprintf("levels-%d-%s-%s", j, fileSafe(jb.name), fileSafe(tr.SKU)), output.NamedPlot{
		Title:   "Stock over time: " + tr.SKU + " (" + jb.name + ")",
		Caption: fmt.Sprintf("On-hand and backorders of %s (%s) in replication 0, %s %g to %g, with replenishment orders and receipts marked.", tr.SKU, jb.name, output.TimeUnits(timeUnit(jb.sc)), from, to),
		P:       output.LevelsOverTime(tr, from, to, timeUnit(jb.sc)),
	}}
}

// skuWaits returns the customer waits of site-item sku over every
// replication of results.
func skuWaits(results []*model.Result, sku int) model.WaitHist {
	var waits model.WaitHist
	for _, res := range results {
		waits.Add(&res.SKUs[sku].Waits)
	}
	return waits
}

// waitsPlots plots the customer waits of site-item sku, k its summary in
// the base, one series per run (names, sums) with waits(j) of run j: the
// runs where it is drop-ship apart from those where it is not, since
// delivery times are no backorder waits.
func waitsPlots(k stats.SKUSummary, sku int, names []string, sums []*stats.Summary, waits func(j int) model.WaitHist, tu string) []namedPlot {
	var out []namedPlot
	for _, ds := range []bool{false, true} {
		var series []output.WaitSeries
		var runs []string
		var n int64
		for j := range names {
			if dropShip(sums[j], sku) != ds {
				continue
			}
			w := waits(j)
			series = append(series, output.WaitSeries{Name: names[j], Waits: w})
			runs = append(runs, names[j])
			n += w.Count()
		}
		if len(series) == 0 {
			continue
		}
		name := k.Site + "/" + k.Item
		file, what := "waits-", "Waits of backordered customer orders"
		if ds {
			file, what = "delivery-", "Delivery times of drop-ship customer orders (every order: the time from order to delivery, not a backorder wait)"
		}
		out = append(out, namedPlot{file + fileSafe(name), output.NamedPlot{
			Title:   "Customer waits: " + name,
			Caption: fmt.Sprintf("%s at %s in %s, all replications: %s.", what, name, strings.Join(runs, ", "), plural(int(n), "order")),
			P:       output.WaitHistogram(name, ds, series, tu),
		}})
	}
	return out
}

// classWaitsPlot plots the customer waits of site-item sku of one run,
// a series per customer class (demand stream) when it has several.
func classWaitsPlot(name string, sum *stats.Summary, sku int, results []*model.Result, tu string) namedPlot {
	k := sum.SKUs[sku]
	skuName := k.Site + "/" + k.Item
	var series []output.WaitSeries
	if classes := streamsOf(sum, sku); len(classes) > 1 {
		for _, st := range classes {
			var w model.WaitHist
			for _, res := range results {
				w.Add(&res.Streams[st].Waits)
			}
			series = append(series, output.WaitSeries{Name: sum.Streams[st].Name, Waits: w})
		}
	} else {
		series = []output.WaitSeries{{Name: name, Waits: skuWaits(results, sku)}}
	}
	var n int64
	for _, s := range series {
		n += s.Waits.Count()
	}
	ds := dropShip(sum, sku)
	file, what := "waits-", "Waits of backordered customer orders"
	if ds {
		file, what = "delivery-", "Delivery times of drop-ship customer orders (every order: the time from order to delivery, not a backorder wait)"
	}
	by := ""
	if len(series) > 1 {
		by = ", by customer class"
	}
	return namedPlot{file + fileSafe(skuName), output.NamedPlot{
		Title:   "Customer waits: " + skuName,
		Caption: fmt.Sprintf("%s at %s%s, all replications: %s.", what, skuName, by, plural(int(n), "order")),
		P:       output.WaitHistogram(skuName, ds, series, tu),
	}}
}

// streamsOf returns the demand streams of site-item sku of s (indices
// into s.Streams).
func streamsOf(s *stats.Summary, sku int) []int {
	k := s.SKUs[sku]
	var out []int
	for i, st := range s.Streams {
		if st.Site == k.Site && st.Item == k.Item {
			out = append(out, i)
		}
	}
	return out
}

// fileSafe keeps letters, digits, '-' and '_' of a name for a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// render writes one output format.
type render func(io.Writer) error

// namedRender names the file an output format goes to under --out.
type namedRender struct{ file, format string }

// emit writes, with --out DIR, every named file and the plots into DIR,
// then the --format output to stdout. The files are rendered first and
// written only once they all rendered; stdout comes last, streamed as it
// renders, so a large network's document is never held whole for it.
func emit(c *cli.Context, renders map[string]render, files []namedRender, plots func() []namedPlot) error {
	hook("render")
	if c.String("out") != "" {
		if err := emitFiles(c, renders, files, plots()); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(c.App.Writer)
	if err := renders[c.String("format")](w); err != nil {
		return err
	}
	return w.Flush()
}

// emitFiles renders every named file and plot, then writes them all into
// the --out directory.
func emitFiles(c *cli.Context, renders map[string]render, files []namedRender, plots []namedPlot) error {
	dir := c.String("out")
	var out []outFile
	for _, f := range files {
		var b bytes.Buffer
		if err := renders[f.format](&b); err != nil {
			return err
		}
		out = append(out, outFile{f.file, b.Bytes()})
	}
	for _, p := range plots {
		png, svg, err := plotFiles(p)
		if err != nil {
			return err
		}
		out = append(out, png, svg)
	}
	if err := writeFiles(dir, out); err != nil {
		return err
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "scsim: wrote %s to %s\n", plural(len(out), "file"), output.Printable(filepath.Clean(dir)))
	}
	return nil
}

// plotFiles renders a plot as PNG and SVG files.
func plotFiles(p namedPlot) (png, svg outFile, err error) {
	pb, err := output.EncodePlot(p.plot.P, "png")
	if err != nil {
		return png, svg, fmt.Errorf("draw %s.png: %w", p.file, err)
	}
	sb, err := output.EncodePlot(p.plot.P, "svg")
	if err != nil {
		return png, svg, fmt.Errorf("draw %s.svg: %w", p.file, err)
	}
	return outFile{p.file + ".png", pb}, outFile{p.file + ".svg", sb}, nil
}

// timing prints the run's timing line on stderr unless --quiet.
func timing(c *cli.Context, title string, run ran, jobs int) {
	if c.Bool("quiet") {
		return
	}
	fmt.Fprintf(c.App.ErrWriter, "scsim: %s: %d run(s), %d events in %.2f s (%.1f M events/s)\n",
		output.Printable(title), jobs, run.events, run.wall.Seconds(), float64(run.events)/run.wall.Seconds()/1e6)
}
