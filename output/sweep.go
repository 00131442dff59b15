package output

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"scsim/model"
	"scsim/stats"
)

// SweepSchema identifies the layout written by [WriteSweepJSON]; see
// docs/json-format.md.
//
// v2 (scsim 0.2): the run's scenario header, numeric values as numbers,
// invalid points, linked paths, the objective and the paired differences
// from the reference point, and per-site-item and roll-up results.
const SweepSchema = "scsim/sweep/v2"

// Sweep is a grid of scenario runs: one point per combination of values of
// the swept field paths (paths linked together vary as one), each
// summarised over the same replications with the same seed, so every point
// sees the same random numbers.
type Sweep struct {
	Paths []string // the field paths swept, as the user gave them
	// Links[i] is the index in Paths of the path that path i varies with
	// (itself when it is an axis of its own).
	Links  []int
	Points []SweepRow
	// Objective is the metric (index into [model.Metrics]) that ranks the
	// points, of the part Scope names; Maximize says higher is better.
	Objective int
	Maximize  bool
	// Scope names the part of the results (see [stats.Summary.Scope])
	// the table shows and the objective is read from; "" is the
	// customers' total.
	Scope string
	// Ref is the index in Points of the reference point every other is
	// compared with (paired differences); -1 if no point ran.
	Ref int
	// Metrics are the metrics the table shows (indices into
	// [model.Metrics]); nil for [DefaultSweepMetrics].
	Metrics []int
}

// SweepRow is one point of a sweep: a value per path and its summary, or
// the error that kept it from running.
type SweepRow struct {
	Values  []string
	Summary *stats.Summary // nil for an invalid point
	Err     error          // why the point is invalid; nil if it ran
	// Diff holds the paired differences from the reference point of every
	// part of the results; nil for the reference itself and for invalid
	// points.
	Diff *stats.VariantComparison
	// Theory is the exact theory of the point's site-items that have one
	// (see [model.Network.Theories]), shown beside its own estimates
	Theory []model.Theory
}

// DefaultSweepMetrics are the metrics a sweep table shows unless told
// otherwise; CSV and JSON have all.
var DefaultSweepMetrics = []int{model.MFillRate, model.MBackorderRate, model.MAvgOnHand, model.MAvgBackorders,
	model.MWaitMean, model.MLostRate, model.MTotalCost}

// Invalid returns the number of points that could not run.
func (sw *Sweep) Invalid() int {
	n := 0
	for _, p := range sw.Points {
		if p.Err != nil {
			n++
		}
	}
	return n
}

// Better reports whether objective value a is better than b for sw.
func (sw *Sweep) better(a, b float64) bool {
	if sw.Maximize {
		return a > b
	}
	return a < b
}

// Best returns the index of the valid point with the best mean objective
// (the first of equals), or -1 if none ran or none has it defined.
func (sw *Sweep) Best() int {
	best := -1
	for i, p := range sw.Points {
		if p.Summary == nil {
			continue
		}
		v := sw.estimates(i)[sw.Objective].Mean
		if !finite(v) {
			continue
		}
		if best < 0 || sw.better(v, sw.estimates(best)[sw.Objective].Mean) {
			best = i
		}
	}
	return best
}

// Compare sets the paired differences of every valid point from point ref
// (common random numbers: the same seed and replications).
func (sw *Sweep) Compare(ref int) {
	sw.Ref = ref
	if ref < 0 {
		return
	}
	base := sw.Points[ref].Summary
	for i := range sw.Points {
		p := &sw.Points[i]
		p.Diff = nil
		if p.Summary == nil || i == ref {
			continue
		}
		p.Diff = &stats.Compare(base, []string{strconv.Itoa(i + 1)}, []*stats.Summary{p.Summary}).Variants[0]
	}
}

// objectiveDiff returns point i's paired difference from the reference in
// the objective of the customers' total, or nil.
func (sw *Sweep) objectiveDiff(i int) *stats.Diff {
	p := &sw.Points[i]
	if p.Diff == nil {
		return nil
	}
	for j, sc := range p.Summary.Scopes() {
		if sc.Name == sw.scope() {
			if d := p.Diff.ScopeDiffs()[j]; d != nil {
				return &d[sw.Objective]
			}
		}
	}
	return nil
}

// scope returns the name of the part of the results sw reports.
func (sw *Sweep) scope() string { return cmp.Or(sw.Scope, stats.ScopeCustomers) }

// estimates returns the estimates of valid point i in sw's scope: its
// customers' total when it lacks the scope.
func (sw *Sweep) estimates(i int) *[model.NumMetrics]stats.Estimate {
	s := sw.Points[i].Summary
	if sc, err := s.Scope(sw.scope()); err == nil {
		return sc.Metrics
	}
	return &s.Total
}

// sweepSummary returns a summary of a point that ran, for the header.
func (sw *Sweep) sweepSummary() *stats.Summary {
	for _, p := range sw.Points {
		if p.Summary != nil {
			return p.Summary
		}
	}
	return nil
}

// direction names the sense of the objective.
func (sw *Sweep) direction() string {
	if sw.Maximize {
		return "maximize"
	}
	return "minimize"
}

// WriteSweepTable writes one row per point: its values, then the chosen
// metrics of the customers' total as "mean ± half-width", then the paired
// difference of the objective from the reference point, marked "*" when its
// 95% interval excludes 0; points without the mark are indistinguishable
// from the reference at that level. An invalid point shows its error.
func WriteSweepTable(w io.Writer, sw *Sweep, m Meta) error {
	var b strings.Builder
	if s := sw.sweepSummary(); s != nil {
		fmt.Fprintf(&b, "scenario      %s\n", s.Scenario)
		if m.Source != "" {
			fmt.Fprintf(&b, "source        %s\n", m.Source)
		}
		if m.Fingerprint != "" {
			fmt.Fprintf(&b, "fingerprint   %s (of the scenario before the sweep's values)\n", m.Fingerprint)
		}
		fmt.Fprintf(&b, "seed          %d (every point uses the same random numbers)\nreplications  %d\nhorizon       %s\nwarm-up       %s\n\n",
			s.Seed, s.Replications, Duration(s.Horizon, m.TimeUnit), Duration(s.Warmup, m.TimeUnit))
	}
	what := "customers' service and network costs"
	if sw.scope() != stats.ScopeCustomers {
		what = "scope " + sw.scope()
	}
	fmt.Fprintf(&b, "sweep of %s over %s; %s, %g%% confidence half-widths\n",
		plural(len(sw.Points), "point", "points"), sweepAxes(sw), what, confidence*100)
	obj := &model.Metrics[sw.Objective]
	if sw.Ref >= 0 {
		how := "the best point by"
		if sw.Ref != sw.Best() {
			how = "the point chosen, compared by"
		}
		fmt.Fprintf(&b, "reference: point %d (%s), %s %s (%s); Δ = point − reference, paired\n",
			sw.Ref+1, strings.Join(sw.Points[sw.Ref].Values, ", "), how, obj.Key, sw.direction())
	}
	metrics := sw.Metrics
	if metrics == nil {
		metrics = DefaultSweepMetrics
	}
	labels := pathLabels(sw.Paths)
	for i, l := range labels {
		if l != sw.Paths[i] {
			fmt.Fprintf(&b, "  %s = %s\n", l, sw.Paths[i])
		}
	}
	header := append([]string{"#"}, labels...)
	units := make([]string, 1+len(sw.Paths))
	for _, mt := range metrics {
		header = append(header, model.Metrics[mt].Name)
		units = append(units, model.Metrics[mt].Unit)
	}
	header = append(header, "Δ "+obj.Name)
	units = append(units, obj.Unit)
	rows := [][]string{header, units}
	var notes []string
	indistinct := 0
	for i, p := range sw.Points {
		row := append([]string{strconv.Itoa(i + 1)}, p.Values...)
		if p.Err != nil {
			notes = append(notes, fmt.Sprintf("point %d (%s): %s", i+1, strings.Join(p.Values, ", "), firstLine(p.Err.Error())))
			row = append(row, "invalid: see below")
			rows = append(rows, row)
			continue
		}
		for _, mt := range metrics {
			row = append(row, cellText(formatEstimate(model.Metrics[mt].Unit, sw.estimates(i)[mt])))
		}
		switch d := sw.objectiveDiff(i); {
		case i == sw.Ref:
			row = append(row, "reference")
		case d == nil:
			row = append(row, "")
		default:
			row = append(row, cellText(formatDiff(obj.Unit, *d)))
			if !d.Significant {
				indistinct++
			}
		}
		rows = append(rows, row)
	}
	writeAligned(&b, rows, len(header), func(c string) bool { return false },
		func(i int) bool { return i == 0 || i > len(sw.Paths) })
	if sw.Ref >= 0 {
		switch indistinct {
		case 0:
			fmt.Fprintf(&b, "\n%s %s; every other point differs from the reference\n", sigMark, sigLegend)
		case 1:
			fmt.Fprintf(&b, "\n%s %s; the 1 other point without it is indistinguishable from the reference\n", sigMark, sigLegend)
		default:
			fmt.Fprintf(&b, "\n%s %s; the %d other points without it are indistinguishable from the reference\n", sigMark, sigLegend, indistinct)
		}
	}
	var runs []theoryRun
	for i, p := range sw.Points {
		if p.Summary != nil && len(p.Theory) > 0 {
			runs = append(runs, theoryRun{fmt.Sprintf("point %d (%s)", i+1, strings.Join(p.Values, ", ")), p.Summary, p.Theory})
		}
	}
	if s := sw.sweepSummary(); s != nil {
		writeTheoryRuns(&b, runs, s.Replications, "point")
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, "\n%d invalid point(s), not run:\n", len(notes))
		for _, n := range notes {
			b.WriteString("  " + n + "\n")
		}
	}
	if _, err := io.WriteString(w, Printable(b.String())); err != nil {
		return fmt.Errorf("write sweep table: %w", err)
	}
	return nil
}

// writeAligned writes rows as aligned columns two spaces apart, the first
// n of each row padded to the widest cell of the column, right-aligned
// where right(i) says so; a cell past n, or one raw(cell) says to leave
// alone (it does not count towards the width either), is written as it is.
func writeAligned(b *strings.Builder, rows [][]string, n int, raw func(cell string) bool, right func(col int) bool) {
	widths := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			if i < n && !raw(c) {
				widths[i] = max(widths[i], utf8.RuneCountInString(c))
			}
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			switch {
			case i >= n || raw(c):
				line.WriteString(c)
			case right(i):
				line.WriteString(padLeft(c, widths[i]))
			default:
				line.WriteString(pad(c, widths[i]))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// pathLabels returns short column labels for paths: the last field of
// each path ("reorder_point"), or the whole path where two would share a
// label.
func pathLabels(paths []string) []string {
	out := make([]string, len(paths))
	count := map[string]int{}
	for i, p := range paths {
		out[i] = p
		if k := strings.LastIndexByte(p, '.'); k >= 0 && !strings.ContainsAny(p[k:], "[]") {
			out[i] = p[k+1:]
		}
		count[out[i]]++
	}
	for i := range out {
		if count[out[i]] > 1 {
			out[i] = paths[i]
		}
	}
	return out
}

// sweepAxes describes the swept paths, linked ones joined by "+".
func sweepAxes(sw *Sweep) string {
	var axes []string
	for i, p := range sw.Paths {
		if sw.Links[i] != i {
			axes[len(axes)-1] += " + " + p
			continue
		}
		axes = append(axes, p)
	}
	return strings.Join(axes, ", ")
}

// cellText joins a cell's parts as the sweep table shows them.
func cellText(c cell) string {
	s := c.mean
	if c.hw != "" {
		s += " ± " + c.hw
	}
	return s + c.mark
}

// WriteSweepCSV writes the sweep as tidy rows with the header
//
//	scenario,fingerprint,seed,point,<one column per path>,valid,scope,kind,site,item,metric,unit,mean,half_width,n,diff_mean,diff_half_width,diff_n,significant
//
// point is 1-based as in the table; for each valid point, one row per
// metric of every part of its results in the order of
// [stats.Summary.Scopes] (scope and kind as in [WriteCSV]), with the paired
// difference from the reference point (empty for the reference itself);
// an invalid point has one row, valid "false", the other fields empty.
func WriteSweepCSV(w io.Writer, sw *Sweep, m Meta) error {
	var buf bytes.Buffer
	cw := newCSVWriter(&buf)
	header := slices.Concat(provenanceHeader, []string{"point"}, sw.Paths, []string{"valid"}, scopeHeader,
		[]string{"metric", "unit", "mean", "half_width", "n", "diff_mean", "diff_half_width", "diff_n", "significant"})
	cw.Write(header)
	var prov []string
	if s := sw.sweepSummary(); s != nil {
		prov = provenance(s, m)
	} else {
		prov = []string{"", m.Fingerprint, ""}
	}
	for i, p := range sw.Points {
		if p.Summary != nil {
			prov = provenance(p.Summary, m) // the point's own fingerprint
		}
		lead := slices.Concat(prov, []string{strconv.Itoa(i + 1)}, p.Values)
		if p.Summary == nil {
			row := append(lead, "false")
			cw.Write(append(row, make([]string, len(header)-len(row))...))
			continue
		}
		var diffs []*[model.NumMetrics]stats.Diff
		if p.Diff != nil {
			diffs = p.Diff.ScopeDiffs()
		}
		for j, sc := range p.Summary.Scopes() {
			for _, mi := range p.Summary.Shown() {
				mt := &model.Metrics[mi]
				e := sc.Metrics[mi]
				row := slices.Concat(lead, []string{"true"}, scopeCells(sc),
					[]string{mt.Key, mt.Unit, csvFloat(e.Mean), csvFloat(e.HalfWidth), strconv.Itoa(e.N)})
				if diffs == nil || diffs[j] == nil {
					row = append(row, "", "", "", "")
				} else {
					d := &diffs[j][mi]
					row = append(row, csvFloat(d.Mean), csvFloat(d.HalfWidth), strconv.Itoa(d.N), strconv.FormatBool(d.Significant))
				}
				cw.Write(row)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write sweep csv: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write sweep csv: %w", err)
	}
	return nil
}

// sweepValue is a swept value in JSON: a number when the YAML value is one,
// else its text.
type sweepValue string

// MarshalJSON implements [json.Marshaler].
func (v sweepValue) MarshalJSON() ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(v), &n); err == nil && len(n.Content) == 1 {
		if c := n.Content[0]; c.Kind == yaml.ScalarNode && (c.Tag == "!!int" || c.Tag == "!!float") {
			var f float64
			if err := c.Decode(&f); err == nil && finite(f) {
				return json.Marshal(f)
			}
		}
	}
	return marshal(string(v))
}

// WriteSweepJSON writes the sweep as one indented JSON document of schema
// [SweepSchema]: the scenario header of run's JSON, the swept paths and
// their links, the objective and reference point, the metric list, and per
// point its values (numbers as numbers), whether it ran (with the error if
// not), and the estimates of every part of its results as run's JSON has
// them, each with its paired difference from the reference. The format is
// documented in docs/json-format.md.
func WriteSweepJSON(w io.Writer, sw *Sweep, m Meta) error {
	type pointJSON struct {
		Point    int               `json:"point"`
		Values   []sweepValue      `json:"values"`
		Valid    bool              `json:"valid"`
		Finger   string            `json:"fingerprint,omitempty"`
		Error    *string           `json:"error"`
		Events   uint64            `json:"events,omitempty"`
		Total    *compareTotalJSON `json:"total,omitempty"`
		Sites    []compareSKUJSON  `json:"site_items,omitempty"`
		Echelons []compareGroup    `json:"echelons,omitempty"`
		SiteGrp  []compareGroup    `json:"sites,omitempty"`
		Items    []compareGroup    `json:"items,omitempty"`
		Theory   []theoryJSON      `json:"theory,omitempty"`
	}
	type objectiveJSON struct {
		Metric    string `json:"metric"`
		Scope     string `json:"scope"`
		Direction string `json:"direction"`
	}
	doc := struct {
		Schema     string        `json:"schema"`
		Version    string        `json:"scsim_version"`
		Scenario   scenarioJSON  `json:"scenario"`
		Confidence float64       `json:"confidence"`
		Paths      []string      `json:"paths"`
		Links      []int         `json:"linked_to"`
		Objective  objectiveJSON `json:"objective"`
		Reference  *int          `json:"reference_point"`
		Invalid    int           `json:"invalid_points"`
		Metrics    []metricJSON  `json:"metrics"`
		Points     []pointJSON   `json:"points"`
	}{Schema: SweepSchema, Version: m.Version, Confidence: confidence, Paths: sw.Paths, Links: sw.Links,
		Objective: objectiveJSON{model.Metrics[sw.Objective].Key, sw.scope(), sw.direction()},
		Invalid:   sw.Invalid(), Points: []pointJSON{}}
	if s := sw.sweepSummary(); s != nil {
		doc.Scenario = newScenarioJSON(s, m)
		doc.Metrics = metricList(s.Shown())
	} else {
		doc.Scenario = scenarioJSON{Source: m.Source, Description: m.Description, Fingerprint: m.Fingerprint, TimeUnit: m.TimeUnit}
		doc.Metrics = []metricJSON{}
	}
	if sw.Ref >= 0 {
		ref := sw.Ref + 1
		doc.Reference = &ref
	}
	for i, p := range sw.Points {
		pj := pointJSON{Point: i + 1, Valid: p.Summary != nil}
		for _, v := range p.Values {
			pj.Values = append(pj.Values, sweepValue(v))
		}
		if p.Err != nil {
			msg := p.Err.Error()
			pj.Error = &msg
		}
		if s := p.Summary; s != nil {
			part := comparePart("", s, p.Diff, s.Shown())
			pj.Events, pj.Finger = s.Events, s.Fingerprint
			pj.Total = &part.Total
			pj.Sites, pj.Echelons, pj.SiteGrp, pj.Items = part.SiteItems, part.Echelons, part.Sites, part.Items
			pj.Theory = theoriesOfJSON(s, p.Theory)
		}
		doc.Points = append(doc.Points, pj)
	}
	return encodeJSON(w, doc, "sweep json")
}
