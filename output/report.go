package output

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"

	"scsim/model"
	"scsim/stats"
)

// NamedPlot is a plot of a [Report] with its heading and caption.
type NamedPlot struct {
	Title, Caption string
	P              *plot.Plot
}

// Report is the content of an HTML report (see [WriteReport]).
type Report struct {
	// Meta describes the run; its Description is the scenario
	// description.
	Meta Meta
	// Title heads the report; "" means "scsim report: SCENARIO".
	Title string
	// Assumptions lists what this scenario assumes beyond the modelling
	// rules every report states (see [ModelAssumptions]), one sentence
	// or paragraph each; may be empty.
	Assumptions []string
	// Summary is the run reported; when nil, the base of Comparison.
	Summary *stats.Summary
	// Comparison, when not nil, adds the comparison of the base (which
	// should be Summary) with its variants.
	Comparison *stats.Comparison
	// Plots are shown in order, each with its title and caption.
	Plots []NamedPlot
}

// ModelAssumptions are the modelling rules of scsim that every report
// states.
var ModelAssumptions = []string{
	"Same-instant events: at one instant the warm-up reset runs first, then the starts and ends of supplier and lane outages, then receipts of replenishments, then customer demand, then policy reviews; events of one kind at one instant run in the order they were scheduled.",
	"Shortages: an order ships at once what is on hand, and the rest is backordered (or lost, for demand streams with lost sales). Waiting orders are served first come first served within a priority class, higher classes first; a new order is served from stock only when no order of its class or a higher one is waiting.",
	"Review timing: every policy reviews at time 0; a continuous-review policy reviews again after every order it receives, a periodic one at R, 2R, 3R, … for its review period R.",
	"Warm-up: at the warm-up time every statistic is reset while the stock, pipeline and backorders are kept; metrics cover the window from the warm-up to the horizon.",
	"Common random numbers: every random source (each demand stream, each lane's transit times) draws from its own stream keyed by its name and the replication, so the base and its variants, run with the same seed and replications, see the same demand; their differences are paired replication by replication.",
	"Confidence intervals: 95%, Student t over the replications; a metric undefined in a replication (a fill rate without demand, a wait without backorders) is left out of that replication's estimate.",
}

// htmlTable is a table of the report: header cells and rows of cells.
type htmlTable struct {
	Head []string
	Rows [][]htmlCell
	// ID is the table's id attribute, set by [tableBlocks].
	ID string
}

// Widths for [tableBlocks], in CSS pixels: the report's text column at a
// laptop's 1024-pixel window (977 px: the window less the body's padding
// and a scroll bar, with a margin), a table cell's padding, and the mean
// width of a character of the cells at the tables' 0.9em of 16 px
// (Liberation Sans digits are 0.556 em, 8 px, wide; spaces and "." about
// half that), measured in Chromium on the bundled scenarios' reports.
const (
	tableBudget  = 940
	cellPadding  = 22
	tableCharPx  = 7.2
	fixedColumns = 2 // metric and unit, repeated in every block
)

// tableBlocks splits a metrics table t into blocks that each fit
// [tableBudget] pixels, as estimated from the length of the texts: every
// block has the first fixedColumns columns (metric, unit) and as many of
// the others, in order, as fit (at least one). The first block's id is id,
// the next ones' id-2, id-3, ….
func tableBlocks(id string, t htmlTable) []htmlTable {
	width := func(col int) float64 {
		n := 0
		if col < len(t.Head) {
			n = utf8.RuneCountInString(t.Head[col])
		}
		for _, r := range t.Rows {
			if col < len(r) {
				n = max(n, utf8.RuneCountInString(r[col].Text))
			}
		}
		return float64(n)*tableCharPx + cellPadding
	}
	fixed := min(fixedColumns, len(t.Head))
	base := 0.0
	for c := range fixed {
		base += width(c)
	}
	var blocks []htmlTable
	for start := fixed; start < len(t.Head) || len(blocks) == 0; {
		end, w := start, base
		for end < len(t.Head) && (end == start || w+width(end) <= tableBudget) {
			w += width(end)
			end++
		}
		b := htmlTable{ID: id, Head: append(slices.Clone(t.Head[:fixed]), t.Head[start:end]...)}
		if len(blocks) > 0 {
			b.ID = id + "-" + strconv.Itoa(len(blocks)+1)
		}
		for _, r := range t.Rows {
			b.Rows = append(b.Rows, append(slices.Clone(r[:min(fixed, len(r))]), r[min(start, len(r)):min(end, len(r))]...))
		}
		blocks = append(blocks, b)
		if end == start {
			break
		}
		start = end
	}
	return blocks
}

// htmlCell is one table cell: its text, a tooltip with every digit, and a
// CSS class ("sig" for a significant difference).
type htmlCell struct {
	Text, Title, Class string
}

// reportView is what the template renders.
type reportView struct {
	Title       string
	Facts       [][2]string
	Description []textBlock
	Policies    htmlTable
	Assumptions []string
	Results     htmlTable
	ResultsNote string
	TotalNote   string       // what the total column covers
	Classes     *htmlTable   // by customer class, when a site-item has several
	Theory      []theoryView // exact theory beside the simulation, when it applies
	Compare     *htmlTable
	CompareNote string       // what the comparison's table covers
	Rollups     []rollupView // by echelon, site and item
	Variants    []runPolicies
	Legend      string
	Plots       []plotView
}

// rollupView is a table of roll-ups: of a run's echelons, sites or
// items, or of one roll-up in every run of a comparison.
type rollupView struct {
	Title, Note, ID string
	Table           *htmlTable // nil when there are too many to show
}

// runPolicies is a run of a comparison and the policies it sets, one
// site-item each.
type runPolicies struct {
	Name     string
	Policies []string
}

// textBlock is a paragraph of a description, or a list when Items is set.
type textBlock struct {
	Text  string
	Items []string
	Pre   string // lines kept as they are (formulas, aligned columns)
}

// textBlocks splits a plain-text description into paragraphs (separated
// by blank lines), lists and preformatted lines: a line starting with "- "
// or "* " starts a list item, and the indented lines after it continue the
// item; other indented lines (formulas, aligned tables) are kept line for
// line, their common indentation removed. Lines of a paragraph or an item
// are joined with spaces.
func textBlocks(s string) []textBlock {
	var out []textBlock
	var para, pre []string
	inList := false
	flush := func() {
		if len(para) > 0 {
			out = append(out, textBlock{Text: strings.Join(para, " ")})
			para = nil
		}
		if len(pre) > 0 {
			cut := -1
			for _, l := range pre {
				if n := len(l) - len(strings.TrimLeft(l, " \t")); cut < 0 || n < cut {
					cut = n
				}
			}
			for i := range pre {
				pre[i] = strings.TrimRight(pre[i][cut:], " \t")
			}
			out = append(out, textBlock{Pre: strings.Join(pre, "\n")})
			pre = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
			inList = false
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* "):
			flush()
			if !inList {
				out = append(out, textBlock{})
				inList = true
			}
			b := &out[len(out)-1]
			b.Items = append(b.Items, strings.TrimSpace(trimmed[2:]))
		case inList && line != trimmed: // an indented line continues the item
			b := &out[len(out)-1]
			b.Items[len(b.Items)-1] += " " + trimmed
		case strings.TrimLeft(line, " \t") != line: // kept as it is
			if len(para) > 0 {
				flush()
			}
			pre = append(pre, line)
		default:
			inList = false
			if len(pre) > 0 {
				flush()
			}
			para = append(para, trimmed)
		}
	}
	flush()
	return out
}

// plotView is one embedded plot.
type plotView struct {
	ID, Title, Caption string
	Src                template.URL // a data: URI of the PNG
	Alt                string
}

// estimateCell formats e for an HTML cell.
func estimateCell(unit string, e stats.Estimate, reps int) htmlCell {
	c := htmlCell{Text: formatCell(unit, e), Title: fmt.Sprintf("mean %s, half-width %s, n %d", csvFloat(e.Mean), csvFloat(e.HalfWidth), e.N)}
	if e.N > 0 && e.N < reps {
		c.Text += comparePartialMark
	}
	return c
}

// diffCell formats d for an HTML cell.
func diffCell(unit string, d stats.Diff, reps int) htmlCell {
	cl := formatDiff(unit, d)
	c := htmlCell{Text: cl.mean, Title: fmt.Sprintf("mean %s, half-width %s, n %d", csvFloat(d.Mean), csvFloat(d.HalfWidth), d.N)}
	if cl.hw != "" {
		c.Text += " ± " + cl.hw
	}
	c.Text += cl.mark
	if d.N > 0 && d.N < reps {
		c.Text += comparePartialMark
	}
	if d.Significant {
		c.Class = "sig"
	}
	return c
}

// metricsTable builds a table with a row per metric: its name and unit,
// then one cell per column.
// Only the metrics in shown (indices into [model.Metrics]) have a row.
// Units of time are labelled in the time unit tu ("" for days).
func metricsTable(head []string, shown []int, cell func(metric, col int) htmlCell, cols int, tu string) htmlTable {
	t := htmlTable{Head: append([]string{"metric", "unit"}, head...)}
	for _, i := range shown {
		mt := &model.Metrics[i]
		row := []htmlCell{{Text: mt.Name, Title: mt.Key + ": " + mt.Doc}, {Text: UnitLabel(mt.Unit, tu)}}
		for c := range cols {
			row = append(row, cell(i, c))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// WriteReport writes r as one self-contained HTML5 page: inline CSS, the
// plots as PNG data: URIs, no scripts and no external references. Its
// sections are the scenario (run facts, description, policies), the
// assumptions ([ModelAssumptions], then r.Assumptions), the results (a
// table of every metric, "mean ± half-width", per site-item when there
// are at most 8 and for the total), the comparison with the variants when
// r.Comparison is set (as [WriteCompareTable]: network totals, paired
// differences, significant ones marked "*" and highlighted), and each plot
// with its caption. Every cell's tooltip holds the exact values.
func WriteReport(w io.Writer, r Report) error {
	s := r.Summary
	if s == nil && r.Comparison != nil {
		s = r.Comparison.Base
	}
	if s == nil {
		return errors.New("write report: no summary and no comparison")
	}
	v := reportView{Title: r.Title, Assumptions: append(append([]string{}, ModelAssumptions...), r.Assumptions...)}
	if v.Title == "" {
		v.Title = "scsim report: " + s.Scenario
	}
	facts := compareHeaderFacts(s, r)
	v.Facts = facts
	v.Description = textBlocks(r.Meta.Description)
	v.Policies.Head = []string{"site-item", "site type", "policy"}
	for _, k := range s.SKUs {
		v.Policies.Rows = append(v.Policies.Rows, []htmlCell{{Text: k.Site + "/" + k.Item}, {Text: k.SiteKind}, {Text: formatPolicy(k.Policy)}})
	}
	// results
	var head []string
	var cols []*[model.NumMetrics]stats.Estimate
	if len(s.SKUs) <= maxTableSKUs {
		for i := range s.SKUs {
			head = append(head, s.SKUs[i].Site+"/"+s.SKUs[i].Item)
			cols = append(cols, &s.SKUs[i].Metrics)
		}
	} else {
		v.ResultsNote = fmt.Sprintf("%d site-items: the table shows the network total; every site-item is in the CSV and JSON outputs.", len(s.SKUs))
	}
	if len(s.SKUs) != 1 {
		head = append(head, TotalSite)
		cols = append(cols, &s.Total)
		v.TotalNote = strings.ToUpper(totalLegend[:1]) + totalLegend[1:]
	}
	v.Results = metricsTable(head, s.Shown(), func(m, c int) htmlCell {
		return estimateCell(model.Metrics[m].Unit, cols[c][m], s.Replications)
	}, len(cols), r.Meta.TimeUnit)
	if classes := classStreams(s); len(classes) > 0 {
		var head []string
		var shown []int
		for _, i := range classes {
			head = append(head, classColumn(&s.Streams[i]))
		}
		for _, m := range s.Shown() {
			if stats.StreamMetric(m) {
				shown = append(shown, m)
			}
		}
		t := metricsTable(head, shown, func(m, c int) htmlCell {
			return estimateCell(model.Metrics[m].Unit, s.Streams[classes[c]].Metrics[m], s.Replications)
		}, len(classes), r.Meta.TimeUnit)
		v.Classes = &t
	}
	runs := []theoryRun{{"", s, r.Meta.Theory}}
	if cmp := r.Comparison; cmp != nil && r.Meta.RunTheory != nil {
		runs = compareTheoryRuns(cmp, r.Meta) // each run's beside its own
	}
	v.Theory = theoryViews(runs, r.Meta)
	// comparison
	if cmp := r.Comparison; cmp != nil {
		names := runNames(cmp)
		sc := compareScopeOf(cmp)
		totals := sc.est
		v.CompareNote = "Totals: the service to customers (external demand only) and the stock and costs of the whole network"
		if sc.sku != "" {
			v.CompareNote = sc.sku + ", the only site-item, as in the results: its values are the network's totals, and its bullwhip (which a total, a sum of demand streams, has not) its own"
		}
		head := append([]string{}, names...)
		for _, n := range names[1:] {
			head = append(head, "Δ "+n)
		}
		t := metricsTable(head, cmp.Shown(), func(m, c int) htmlCell {
			unit := model.Metrics[m].Unit
			if c < len(totals) {
				return estimateCell(unit, totals[c][m], cmp.Base.Replications)
			}
			return diffCell(unit, sc.diffs[c-len(totals)][m], cmp.Base.Replications)
		}, len(head), r.Meta.TimeUnit)
		v.Compare = &t
		v.Variants = append(v.Variants, runPolicies{BaseName, policyChanges(cmp.Base, nil)})
		for i := range cmp.Variants {
			v.Variants = append(v.Variants, runPolicies{cmp.Variants[i].Name, policyChanges(cmp.Variants[i].Summary, cmp.Base)})
		}
		v.Legend = sigMark + " " + sigLegend + " (highlighted); Δ = variant − base, paired by replication."
		shown := rollupShown(cmp.Shown())
		for si, sec := range compareRollups(cmp) {
			if len(sec.groups) > maxTableSKUs {
				v.Rollups = append(v.Rollups, rollupView{Title: sec.title, Note: fmt.Sprintf("%d roll-ups: in the comparison CSV and JSON.", len(sec.groups))})
				continue
			}
			for gi, g := range sec.groups {
				var head []string
				var cells []func(m int) htmlCell
				for i, n := range names {
					if e := g.est[i]; e != nil {
						head = append(head, n)
						cells = append(cells, func(m int) htmlCell { return estimateCell(model.Metrics[m].Unit, e[m], cmp.Base.Replications) })
					}
				}
				for i, n := range names[1:] {
					if d := g.diffs[i]; d != nil {
						head = append(head, "Δ "+n)
						cells = append(cells, func(m int) htmlCell { return diffCell(model.Metrics[m].Unit, d[m], cmp.Base.Replications) })
					}
				}
				t := metricsTable(head, shown, func(m, c int) htmlCell { return cells[c](m) }, len(head), r.Meta.TimeUnit)
				v.Rollups = append(v.Rollups, rollupView{Title: sec.title + ": " + g.name, Note: listMembers(g.members),
					ID: fmt.Sprintf("rollup-%d-%d", si, gi), Table: &t})
			}
		}
	} else {
		for si, ru := range rollups(s) {
			if len(ru.gs) > maxTableSKUs {
				v.Rollups = append(v.Rollups, rollupView{Title: ru.title, Note: fmt.Sprintf("%d roll-ups: in the CSV and JSON outputs.", len(ru.gs))})
				continue
			}
			head := make([]string, len(ru.gs))
			var members []string
			for i := range ru.gs {
				head[i] = groupColumn(&ru.gs[i])
				members = append(members, head[i]+": "+listMembers(ru.gs[i].Members))
			}
			t := metricsTable(head, s.Shown(), func(m, c int) htmlCell {
				return estimateCell(model.Metrics[m].Unit, ru.gs[c].Metrics[m], s.Replications)
			}, len(head), r.Meta.TimeUnit)
			v.Rollups = append(v.Rollups, rollupView{Title: ru.title, Note: strings.Join(members, "; "), ID: fmt.Sprintf("rollup-%d", si), Table: &t})
		}
	}
	for i, np := range r.Plots {
		b, err := EncodePlot(np.P, "png")
		if err != nil {
			return fmt.Errorf("write report: plot %q: %w", np.Title, err)
		}
		v.Plots = append(v.Plots, plotView{
			ID:      "plot-" + strconv.Itoa(i+1),
			Title:   np.Title,
			Caption: np.Caption,
			Src:     template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b)),
			Alt:     np.P.Title.Text,
		})
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, v); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	// html/template escapes markup; control characters are escaped too
	if _, err := io.WriteString(w, Printable(b.String())); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// compareHeaderFacts returns the "label, value" facts of the run shown at
// the top of the report: as the text table's header, with events and
// conservation over every run of a comparison.
func compareHeaderFacts(s *stats.Summary, r Report) [][2]string {
	h := s
	if r.Comparison != nil {
		h = compareHeader(r.Comparison)
	}
	facts := [][2]string{{"scenario", s.Scenario}}
	if r.Meta.Source != "" {
		facts = append(facts, [2]string{"source", r.Meta.Source})
	}
	facts = append(facts,
		[2]string{"seed", strconv.FormatUint(s.Seed, 10)},
		[2]string{"replications", strconv.Itoa(s.Replications)},
		[2]string{"horizon", Duration(s.Horizon, r.Meta.TimeUnit)},
		[2]string{"warm-up", Duration(s.Warmup, r.Meta.TimeUnit)})
	if tu := r.Meta.TimeUnit; tu != "" {
		facts = append(facts, [2]string{"time unit", tu + " (the scenario's time_unit): read every day of the metrics' descriptions as a " + tu})
	}
	facts = append(facts,
		[2]string{"events", strconv.FormatUint(h.Events, 10)})
	if h.Conservation == 0 {
		facts = append(facts, [2]string{"conservation", "every unit accounted for"})
	} else {
		facts = append(facts, [2]string{"conservation", fmt.Sprintf("IMBALANCE of up to %s (a model bug; please report it)", plural(int(h.Conservation), "unit", "units"))})
	}
	if r.Meta.Version != "" {
		facts = append(facts, [2]string{"scsim", r.Meta.Version})
	}
	return facts
}

// reportTemplate is the page of [WriteReport].
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"blocks": tableBlocks}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #202020; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
pre.desc { font-size: 0.9em; background: #f6f6f6; padding: 0.5em 0.8em; overflow-x: auto; line-height: 1.3; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; white-space: nowrap; }
th { background: #f2f2f2; }
td:first-child, th:first-child, td.text { text-align: left; }
table.metrics td:nth-child(2) { text-align: left; color: #666; }
table.metrics th:nth-child(2), table.policies th, table.policies td { text-align: left; }
table.policies td:last-child { white-space: normal; overflow-wrap: anywhere; }
table.facts th { text-align: left; background: none; font-weight: normal; color: #666; }
table.facts td { text-align: left; }
td.sig { background: #fff1c2; font-weight: bold; }
.note { color: #555; font-size: 0.9em; }
.scroll { overflow-x: auto; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
figcaption { color: #444; font-size: 0.9em; margin-top: 0.3em; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<table class="facts">
{{- range .Facts}}
<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{- end}}
</table>

<section id="scenario">
<h2>Scenario</h2>
{{- range .Description}}
{{- if .Items}}
<ul>
{{- range .Items}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- else if .Pre}}
<pre class="desc">{{.Pre}}</pre>
{{- else}}
<p>{{.Text}}</p>
{{- end}}
{{- else}}
<p class="note">No description given.</p>
{{- end}}
<h3>Policies</h3>
<table class="policies">
<tr>{{range .Policies.Head}}<th>{{.}}</th>{{end}}</tr>
{{- range .Policies.Rows}}
<tr>{{range .}}<td class="text">{{.Text}}</td>{{end}}</tr>
{{- end}}
</table>
</section>

<section id="assumptions">
<h2>Assumptions</h2>
<ul>
{{- range .Assumptions}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>

<section id="results">
<h2>Results</h2>
<p class="note">Mean ± half-width of the 95% confidence interval over the replications; "-": nothing to measure; "†": undefined in some replications, mean of the others. Hover over a cell for every digit.{{if .TotalNote}} {{.TotalNote}}.{{end}}</p>
{{- with .ResultsNote}}
<p class="note">{{.}}</p>
{{- end}}
{{- range blocks "results-table" .Results}}
{{template "metrics" .}}
{{- end}}
{{- with .Classes}}
<h3>By customer class</h3>
<p class="note">Each demand stream's customers on their own: the service each class got. Levels and costs of stock belong to the site-item and are not repeated here.</p>
{{- range blocks "classes-table" .}}
{{template "metrics" .}}
{{- end}}
{{- end}}
</section>
{{- with .Theory}}

<section id="theory">
<h2>Theory beside the simulation</h2>
<p class="note">Where a site-item's setting is exactly one of inventory theory's classic models, the theory's long-run value beside the simulated mean ± half-width; a value outside the 95% interval is marked (by chance about 1 value in 20 is; a real difference stays outside with more replications). Site-items not shown have no exact theory.</p>
{{- range .}}
<h3>{{.Title}}</h3>
<p class="note">{{.Model}}</p>
{{template "metrics" .Table}}
{{- end}}
</section>
{{- end}}
{{- with .Compare}}

<section id="comparison">
<h2>Comparison</h2>
<table class="policies">
<tr><th>run</th><th>policies</th></tr>
{{- range $.Variants}}
<tr><td class="text">{{.Name}}</td><td class="text">{{range $i, $p := .Policies}}{{if $i}}<br>{{end}}{{$p}}{{else}}the same policies as the base{{end}}</td></tr>
{{- end}}
</table>
<p class="note">{{$.CompareNote}}; the base and its variants ran with the same seed and replications (common random numbers). {{$.Legend}}</p>
{{- range blocks "comparison-table" .}}
{{template "metrics" .}}
{{- end}}
</section>
{{- end}}
{{- if .Rollups}}

<section id="rollups">
<h2>Roll-ups</h2>
<p class="note">Echelons and sites count every order they receive, a downstream site's included; items count the service to their customers and the costs of every site holding them.{{if .Compare}} {{$.Legend}}{{end}}</p>
{{- range $r := .Rollups}}
<h3>{{.Title}}</h3>
<p class="note">{{.Note}}</p>
{{- with .Table}}
{{- range blocks $r.ID .}}
{{template "metrics" .}}
{{- end}}
{{- end}}
{{- end}}
</section>
{{- end}}
{{- if .Plots}}

<section id="plots">
<h2>Plots</h2>
{{- range .Plots}}
<figure id="{{.ID}}">
<h3>{{.Title}}</h3>
<img src="{{.Src}}" alt="{{.Alt}}" width="960" height="600">
<figcaption>{{.Caption}}</figcaption>
</figure>
{{- end}}
</section>
{{- end}}
</body>
</html>
{{define "metrics"}}<div class="scroll">
<table class="metrics" id="{{.ID}}">
<tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr>
{{- range .Rows}}
<tr>{{range .}}<td title="{{.Title}}"{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</table>
</div>
{{end}}`))
