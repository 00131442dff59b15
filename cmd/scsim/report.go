package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
)

func reportCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range runFlags() {
		if f.Names()[0] != "format" { // the report is HTML
			flags = append(flags, f)
		}
	}
	return &cli.Command{
		Name:      "report",
		Usage:     "write a self-contained HTML report of a scenario, with plots",
		ArgsUsage: "FILE|NAME --out DIR",
		Description: `Runs the scenario — and, if it declares variants, every variant, as scsim
compare does — and writes DIR/report.html: the scenario's description, the
modelling assumptions (same-instant event order, shortage rule, review timing,
warm-up, common random numbers), the results and comparison tables and the
plots, all in one file that opens offline. The plots are also written as PNG
and SVG files beside it, with the tables as text, JSON and CSV.

The levels and waiting-time plots show the site-items --items SITE/ITEM,...
names, in that order; by default the customer-facing ones (with customer
demand), worst customer fill rate first, at most six.

--set PATH=VALUE changes a field of the base and of every variant alike, one
value per --set. --variant NAME reports on that declared variant alone, as
scsim run --variant NAME runs it, with the --set on top.`,
		OnUsageError: onUsageError("report"),
		Flags: append(flags, itemsFlag(), setFlag("set the field at `PATH=VALUE` in the base and every variant before running (repeatable; later ones win)"),
			variantFlag("report on the variant `NAME` alone instead of comparing every variant with the base")),
		Action: reportAction,
	}
}

func reportAction(c *cli.Context) error {
	if c.String("out") == "" {
		return usagef("report: --out DIR is required: the directory to write report.html and the plots into")
	}
	sc, err := prepare(c, "report")
	if err != nil {
		return err
	}
	ovs, err := sets(c)
	if err != nil {
		return err
	}
	var jobs []job
	if variant := c.String("variant"); variant == "" && len(sc.Variants) > 0 {
		var names []string
		for _, v := range sc.Variants {
			names = append(names, v.Name)
		}
		if jobs, err = compareJobs(sc, names, ovs); err != nil {
			return err
		}
	} else {
		one, err := override(sc, variant, ovs)
		if err != nil {
			return err
		}
		jb, err := build(cmp.Or(variant, "base"), one)
		if err != nil {
			return err
		}
		if variant != "" {
			jb.net.Name += "/" + variant // output names a variant SCENARIO/VARIANT
		}
		jobs = []job{jb}
	}
	if _, err := selectItems(c, "report", namesOnly(jobs[0].net)); err != nil {
		return err // before running: a misspelt site-item fails fast
	}
	if err := checkBudget(c, jobsBudget(jobs)); err != nil {
		return err
	}
	meta := metaOf(jobs[0].sc)
	meta.Theory = jobs[0].net.Theories() // the base's, beside its results
	if len(jobs) > 1 {
		meta.RunTheory = map[string][]model.Theory{}
		for _, jb := range jobs { // and each run's, beside its own in the theory section
			meta.RunTheory[jb.name] = jb.net.Theories()
		}
	}
	run := runJobs(c, sc.Name+" report", jobs)
	if run.err != nil {
		return run.err
	}
	skus, err := selectItems(c, "report", run.sums[0])
	if err != nil {
		return err
	}
	rep := output.Report{Meta: meta, Summary: run.sums[0]}
	var plots []namedPlot
	renders := map[string]render{}
	var files []namedRender
	if len(jobs) > 1 {
		cmp := comparison(jobs, run)
		rep.Comparison = cmp
		plots = comparePlots(jobs, run, cmp, skus)
		renders["table"] = func(w io.Writer) error { return output.WriteCompareTable(w, cmp, meta) }
		renders["json"] = func(w io.Writer) error { return output.WriteCompareJSON(w, cmp, meta) }
		renders["csv"] = func(w io.Writer) error { return output.WriteCompareCSV(w, cmp, meta) }
		files = []namedRender{{"comparison.txt", "table"}, {"comparison.json", "json"}, {"comparison.csv", "csv"}}
	} else {
		sum := run.sums[0]
		plots = runPlots(jobs[0], run.results[0], sum, skus)
		renders["table"] = func(w io.Writer) error { return output.WriteTable(w, sum, meta) }
		renders["json"] = func(w io.Writer) error { return output.WriteJSON(w, sum, meta) }
		renders["csv"] = func(w io.Writer) error { return output.WriteCSV(w, sum, meta) }
		files = []namedRender{{"summary.txt", "table"}, {"summary.json", "json"}, {"summary.csv", "csv"}}
	}
	for _, p := range plots {
		rep.Plots = append(rep.Plots, p.plot)
	}
	var html bytes.Buffer
	if err := output.WriteReport(&html, rep); err != nil {
		return err
	}
	hook("render")
	renders["html"] = func(w io.Writer) error { _, err := w.Write(html.Bytes()); return err }
	files = append(files, namedRender{"report.html", "html"})
	if err := emitFiles(c, renders, files, plots); err != nil {
		return err
	}
	for j, jb := range jobs {
		what := jb.name
		if len(jobs) == 1 {
			what = ""
		}
		warnTargets(c.App.ErrWriter, run.sums[j], what)
	}
	fmt.Fprintf(c.App.Writer, "report: %s (%d plots beside it, as PNG and SVG)\n", output.Printable(filepath.Join(c.String("out"), "report.html")), len(plots))
	timing(c, sc.Name+" report", run, len(jobs))
	return nil
}
