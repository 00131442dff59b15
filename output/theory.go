package output

import (
	"fmt"
	"math"
	"scsim/stats"
	"slices"
	"strings"

	"scsim/model"
)

// Theory beside the simulation: for the site-items whose setting is
// exactly one of inventory theory's classic models ([model.Theory]), the
// theory's long-run values beside the simulated means and intervals, in
// the table, the JSON and the report.

// TheoryMark marks a theoretical value outside the simulation's interval.
const TheoryMark = "!"

// TheoryRow is one metric of a theory beside its simulated estimate.
type TheoryRow struct {
	Metric int // index into [model.Metrics]
	Theory float64
	Sim    stats.Estimate
	// Inside says the theory lies inside the simulation's interval; Known
	// that there is an interval to tell (two replications or more).
	Inside, Known bool
}

// TheoryCheck is a theory of one site-item beside the simulation.
type TheoryCheck struct {
	SKU                    int    // index into the summary's SKUs
	Name                   string // "site/item"
	Model, Formula, Source string
	Rows                   []TheoryRow
	Outside                int // rows whose theory lies outside the interval
}

// TheoryChecks sets the theories ths of the site-items of s beside their
// simulated estimates.
func TheoryChecks(s *stats.Summary, ths []model.Theory) []TheoryCheck {
	var out []TheoryCheck
	for _, th := range ths {
		if th.SKU < 0 || th.SKU >= len(s.SKUs) {
			continue
		}
		k := &s.SKUs[th.SKU]
		tc := TheoryCheck{SKU: th.SKU, Name: k.Site + "/" + k.Item, Model: th.Model, Formula: th.Formula, Source: th.Source}
		for _, v := range th.Values {
			e := k.Metrics[v.Metric]
			in, known := stats.TheoryInside(e, v.Value)
			tc.Rows = append(tc.Rows, TheoryRow{Metric: v.Metric, Theory: v.Value, Sim: e, Inside: in, Known: known})
			if known && !in {
				tc.Outside++
			}
		}
		out = append(out, tc)
	}
	return out
}

// theoryValue formats a theoretical value v beside the simulated cell sim
// of a metric in unit: one decimal more than the simulated mean shows, at
// least four significant digits.
func theoryValue(unit string, v float64, sim cell) string {
	d := decimalsOf(sim.mean)
	if sim.mean == "-" {
		d = decimals(unit, v)
	}
	d = max(d+1, significant(v, 4, maxDecimals))
	return fixed(v, min(d, maxDecimals+2))
}

// writeTheory writes the theory section of the table.
func writeTheory(b *strings.Builder, s *stats.Summary, m Meta) {
	writeTheoryRuns(b, []theoryRun{{"", s, m.Theory}}, s.Replications, "run")
}

// theoryRun is one run's theory: in a comparison, the base's or a
// variant's, named, beside its own estimates.
type theoryRun struct {
	name string // "" for a run alone
	s    *stats.Summary
	ths  []model.Theory
}

// compareTheoryRuns returns the theories of a comparison's runs, in the
// comparison's order.
func compareTheoryRuns(cmp *stats.Comparison, m Meta) []theoryRun {
	if m.RunTheory == nil {
		return nil
	}
	runs := []theoryRun{{BaseName, cmp.Base, m.RunTheory[BaseName]}}
	for i := range cmp.Variants {
		v := &cmp.Variants[i]
		runs = append(runs, theoryRun{v.Name, v.Summary, m.RunTheory[v.Name]})
	}
	return runs
}

// writeTheoryRuns writes the theory section of a table: each run's
// theories beside its estimates, with reps replications; noun says what a
// run is ("run", or "point" of a sweep).
func writeTheoryRuns(b *strings.Builder, runs []theoryRun, reps int, noun string) {
	type named struct {
		run string
		TheoryCheck
	}
	var checks []named
	for _, r := range runs {
		for _, tc := range TheoryChecks(r.s, r.ths) {
			checks = append(checks, named{r.name, tc})
		}
	}
	if len(checks) == 0 {
		return
	}
	if len(runs) > 1 {
		fmt.Fprintf(b, "\ntheory beside the simulation: exact long-run values where a site-item's setting is a\nclassic model's, each %s's beside its own simulation (site-items not listed have no\nexact theory);", noun)
	} else {
		b.WriteString("\ntheory beside the simulation: exact long-run values where a site-item's setting is a\nclassic model's (site-items not listed have no exact theory);")
	}
	deterministic := false // a value marked where the replications agree: no chance in it
	for _, tc := range checks {
		for _, r := range tc.Rows {
			deterministic = deterministic || r.Known && !r.Inside && r.Sim.HalfWidth <= 1e-9*max(1, math.Abs(r.Theory))
		}
	}
	switch {
	case reps < 2:
		b.WriteString(" with one replication there is no\ninterval to check them against\n")
	case deterministic:
		fmt.Fprintf(b, " %q: outside the simulated\n%g%% interval; where the replications all agree (no ±), the run is deterministic and\nthe difference is its start before the long run, which a longer warm-up or horizon shrinks\n", TheoryMark, confidence*100)
	default:
		fmt.Fprintf(b, " %q: outside the simulated\n%g%% interval, which by chance happens to about 1 value in 20\n", TheoryMark, confidence*100)
	}
	for _, tc := range checks {
		if tc.run != "" {
			fmt.Fprintf(b, "%s, %s: %s\n", tc.run, tc.Name, tc.Formula)
		} else {
			fmt.Fprintf(b, "%s: %s\n", tc.Name, tc.Formula)
		}
		writeWrapped(b, "  ", tc.Model, ", ")
		writeWrapped(b, "  ", "source: "+tc.Source, "; ")
		rows := [][3]string{{"metric", "theory", "simulated"}}
		for _, r := range tc.Rows {
			mt := &model.Metrics[r.Metric]
			c := formatEstimate(mt.Unit, r.Sim)
			th := theoryValue(mt.Unit, r.Theory, c)
			sim := c.mean
			switch {
			case c.hw != "":
				sim += " ± " + c.hw
			case c.mean != "-": // no interval: as many digits as the theory
				sim = fixed(r.Sim.Mean, decimalsOf(th))
			}
			if r.Known && !r.Inside {
				sim += "  " + TheoryMark
			}
			rows = append(rows, [3]string{mt.Name, th, sim})
		}
		w := [3]int{}
		for _, r := range rows {
			for i := range 3 {
				w[i] = max(w[i], len([]rune(r[i])))
			}
		}
		for _, r := range rows {
			fmt.Fprintf(b, "  %s  %s  %s\n", pad(r[0], w[0]), padLeft(r[1], w[1]), r[2])
		}
	}
}

// decimalsOf returns the decimals of a formatted number.
func decimalsOf(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// theoryJSON is a theory beside the simulation in the JSON output.
type theoryJSON struct {
	Site    string             `json:"site"`
	Item    string             `json:"item"`
	Formula string             `json:"formula"`
	Source  string             `json:"source"`
	Model   string             `json:"model"`
	Metrics []theoryMetricJSON `json:"metrics"`
}

// theoryMetricJSON is one metric of a theory.
type theoryMetricJSON struct {
	Metric    string   `json:"metric"`
	Theory    *float64 `json:"theory"`
	Mean      *float64 `json:"mean"`
	HalfWidth *float64 `json:"half_width"`
	// Inside is null when there is no interval (one replication)
	Inside *bool `json:"inside"`
}

// theoriesJSON returns the theories of m beside the estimates of s, nil
// when there are none.
func theoriesJSON(s *stats.Summary, m Meta) []theoryJSON {
	return theoriesOfJSON(s, m.Theory)
}

// theoriesOfJSON returns the theories ths beside the estimates of s, nil
// when there are none.
func theoriesOfJSON(s *stats.Summary, ths []model.Theory) []theoryJSON {
	var out []theoryJSON
	for _, tc := range TheoryChecks(s, ths) {
		k := &s.SKUs[tc.SKU]
		tj := theoryJSON{Site: k.Site, Item: k.Item, Formula: tc.Formula, Source: tc.Source, Model: tc.Model}
		for _, r := range tc.Rows {
			mj := theoryMetricJSON{Metric: model.Metrics[r.Metric].Key, Theory: jsonFloat(r.Theory), Mean: jsonFloat(r.Sim.Mean), HalfWidth: jsonFloat(r.Sim.HalfWidth)}
			if r.Known {
				in := r.Inside
				mj.Inside = &in
			}
			tj.Metrics = append(tj.Metrics, mj)
		}
		out = append(out, tj)
	}
	return out
}

// theoryCSVRows returns the rows of the theories of m in the summary CSV,
// after the simulated ones and in the same columns: for each site-item
// with a theory, in the order of [TheoryChecks], one row per metric the
// theory gives, with scope SITE/ITEM, kind "theory", the theory's value in
// mean, and half_width and n empty (a theory has no interval). The
// simulated estimate it stands beside is the site-item's row of the same
// metric.
func theoryCSVRows(s *stats.Summary, m Meta) [][]string {
	var rows [][]string
	prov := provenance(s, m)
	for _, tc := range TheoryChecks(s, m.Theory) {
		k := &s.SKUs[tc.SKU]
		for _, r := range tc.Rows {
			mt := &model.Metrics[r.Metric]
			rows = append(rows, slices.Concat(prov, []string{tc.Name, "theory", k.Site, k.Item, mt.Key, mt.Unit, csvFloat(r.Theory), "", ""}))
		}
	}
	return rows
}

// theoryView is a theory beside the simulation in the report.
type theoryView struct {
	Title, Model string
	Table        htmlTable
}

// theoryViews returns the report's views of the theories of runs, each
// beside its run's own estimates, titled by its run's name when it has
// one.
func theoryViews(runs []theoryRun, m Meta) []theoryView {
	var out []theoryView
	for _, run := range runs {
		s := run.s
		for _, tc := range TheoryChecks(s, run.ths) {
			v := theoryView{Title: fmt.Sprintf("%s: %s", tc.Name, tc.Formula), Model: tc.Model + " (" + tc.Source + ")"}
			if run.name != "" {
				v.Title = run.name + ", " + v.Title
			}
			v.Table.ID = fmt.Sprintf("theory-%d", len(out)+1)
			v.Table.Head = []string{"metric", "unit", "theory", "simulated", ""}
			for _, r := range tc.Rows {
				mt := &model.Metrics[r.Metric]
				sim := estimateCell(mt.Unit, r.Sim, s.Replications)
				c := formatEstimate(mt.Unit, r.Sim)
				mark := htmlCell{}
				switch {
				case !r.Known:
					mark.Text = "no interval"
				case !r.Inside:
					mark = htmlCell{Text: "outside the interval", Class: "sig"}
				default:
					mark.Text = "inside"
				}
				v.Table.Rows = append(v.Table.Rows, []htmlCell{
					{Text: mt.Name, Title: mt.Key + ": " + mt.Doc}, {Text: UnitLabel(mt.Unit, m.TimeUnit)},
					{Text: theoryValue(mt.Unit, r.Theory, c), Title: "theory " + csvFloat(r.Theory)}, sim, mark,
				})
			}
			out = append(out, v)
		}
	}
	return out
}
