package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
	"scsim/optimize"
	"scsim/stats"
)

// OptimizeSchema identifies the layout written by [WriteOptimizeJSON];
// see docs/json-format.md.
const OptimizeSchema = "scsim/optimize/v1"

// Verdicts of an optimisation as a whole, in JSON "verdict".
const (
	VerdictFound      = "feasible_point_found"
	VerdictNoFeasible = "no_feasible_point"
)

// optVerdict returns the verdict of res.
func optVerdict(res *optimize.Result) string {
	if res.Chosen != nil {
		return VerdictFound
	}
	return VerdictNoFeasible
}

// optHeader returns a summary for the scenario header: the first valid
// evaluation of the final comparison, or of the search.
func optHeader(res *optimize.Result) *stats.Summary {
	for _, evs := range [][]*optimize.Eval{res.Final, res.Evals} {
		for _, e := range evs {
			if e.Err == nil && e.Summary != nil {
				return e.Summary
			}
		}
	}
	return nil
}

// axisName is the column name of axis i: the last element of its path,
// or the whole path if another axis ends alike.
func axisName(axes []optimize.Axis, i int) string {
	last := func(p string) string {
		if k := strings.LastIndexByte(p, '.'); k >= 0 {
			return p[k+1:]
		}
		return p
	}
	name := last(axes[i].Path)
	for j := range axes {
		if j != i && last(axes[j].Path) == name {
			return axes[i].Path
		}
	}
	return name
}

// metricLabel describes metric m in scope: "fill_rate (customers)".
func metricLabel(m int, scope string) string {
	return model.Metrics[m].Key + " (" + scope + ")"
}

// constraintLabel describes constraint i of p: "fill_rate (customers) >= 0.95".
func constraintLabel(p *optimize.Problem, i int) string {
	c := p.Constraints[i]
	return metricLabel(c.Metric, p.ConstraintScope(i)) + " " + c.Op + " " + strconv.FormatFloat(c.Bound, 'g', -1, 64)
}

// pointText writes a point as "reorder_point=38, order_quantity=40".
func pointText(axes []optimize.Axis, pt optimize.Point) string {
	parts := make([]string, len(pt.Texts))
	for i, t := range pt.Texts {
		parts[i] = axisName(axes, i) + "=" + t
	}
	return strings.Join(parts, ", ")
}

// estimateText writes e as "mean ± half-width" rounded for unit.
func estimateText(unit string, e stats.Estimate) string {
	c := formatEstimate(unit, e)
	if c.hw != "" {
		return c.mean + " ± " + c.hw
	}
	return c.mean
}

// WriteOptimizeTable writes an optimisation for people: the problem, how
// the search went, the verdict and the chosen point, then the final
// comparison, best first.
func WriteOptimizeTable(w io.Writer, res *optimize.Result, m Meta) error {
	var b strings.Builder
	p := res.Problem
	if s := optHeader(res); s != nil {
		const width = len("replications  ")
		line := func(label, value string) { fmt.Fprintf(&b, "%-*s%s\n", width, label, value) }
		line("scenario", s.Scenario)
		if m.Source != "" {
			line("source", m.Source)
		}
		if m.Fingerprint != "" {
			line("fingerprint", m.Fingerprint)
		}
		line("seed", strconv.FormatUint(s.Seed, 10)+" (every point uses the same random numbers)")
		line("horizon", Duration(s.Horizon, m.TimeUnit))
		line("warm-up", Duration(s.Warmup, m.TimeUnit))
		if m.Version != "" {
			line("scsim", m.Version)
		}
		b.WriteString("\n")
	}
	const width = len("subject to  ")
	line := func(label, value string) { fmt.Fprintf(&b, "%-*s%s\n", width, label, value) }
	obj := model.Metrics[p.Objective]
	line("minimize", fmt.Sprintf("%s, %s", metricLabel(p.Objective, p.Scope), obj.Unit))
	for i := range p.Constraints {
		label := ""
		if i == 0 {
			label = "subject to"
		}
		line(label, constraintLabel(p, i))
	}
	if len(p.Constraints) == 0 {
		line("subject to", "no constraints")
	}
	for i, a := range p.Axes {
		label := ""
		if i == 0 {
			label = "varying"
		}
		line(label, fmt.Sprintf("%s = %s to %s step %s (%s)", a.Path, a.Text(0), a.Text(a.Len()-1),
			strconv.FormatFloat(a.Step, 'g', -1, 64), plural(a.Len(), "value", "values")))
	}
	stop := "converged at unit steps"
	if res.Stop == "budget" {
		stop = "stopped at the budget of " + plural(p.MaxEvaluations, "evaluation", "evaluations")
	}
	line("search", "compass search from "+pointText(p.Axes, res.Start))
	reps := fmt.Sprintf("%d to %d replications", p.InitialReplications, p.MaxReplications)
	if p.InitialReplications == p.MaxReplications {
		reps = plural(p.MaxReplications, "replication", "replications")
	}
	line("", fmt.Sprintf("%s in %s with %s, %s", plural(res.SearchEvaluations, "evaluation", "evaluations"), plural(res.Iterations, "step", "steps"),
		reps, stop))
	line("final", fmt.Sprintf("%s with %s each, compared under common random numbers; %g%% intervals",
		plural(len(res.Final), "point", "points"), plural(p.MaxReplications, "replication", "replications"), confidence*100))
	b.WriteString("\n")
	if ch := res.Chosen; ch != nil {
		line("result", "cheapest feasible point: "+pointText(p.Axes, ch.Point))
		parts := []string{obj.Key + " " + estimateText(obj.Unit, ch.Objective)}
		for i, c := range p.Constraints {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", model.Metrics[c.Metric].Key, estimateText(model.Metrics[c.Metric].Unit, ch.Constraints[i].Estimate), ch.Constraints[i].Verdict))
		}
		line("", strings.Join(parts, ", "))
		for i, a := range p.Axes {
			switch idx := ch.Index[i]; {
			case a.Len() > 1 && idx == a.Len()-1:
				line("", fmt.Sprintf("%s is at the top of its range (%s): a larger value may be cheaper; widen --vary", axisName(p.Axes, i), a.Text(idx)))
			case a.Len() > 1 && idx == 0:
				line("", fmt.Sprintf("%s is at the bottom of its range (%s): a smaller value may be cheaper; widen --vary", axisName(p.Axes, i), a.Text(idx)))
			}
		}
		if len(p.Constraints) > 0 && !constraintsBind(res) {
			line("", "the constraints do not bind: no point of the final comparison has a lower "+obj.Key+", feasible or not,")
			line("", "so it is also the unconstrained optimum near it; only a target above what it achieves would move it")
		}
		n := 0
		for _, e := range res.Final {
			if e.Indistinguishable {
				n++
			}
		}
		switch n {
		case 0:
			line("", "every other final point differs from it in "+obj.Key+" (paired interval excludes 0) or is infeasible")
		default:
			line("", fmt.Sprintf("%s not distinguishable from it in %s (paired interval holds 0): \"indistinguishable\"",
				plural(n, "other point is", "other points are"), obj.Key))
		}
	} else {
		line("result", "NO FEASIBLE POINT: no final point's confidence interval satisfies every constraint")
		if cl := res.Closest; cl != nil {
			line("", "closest to feasible: "+pointText(p.Axes, cl.Point))
		}
	}
	b.WriteString("\n")

	// the final comparison, with a second header row naming scopes
	header, scopes := []string{}, []string{}
	for i := range p.Axes {
		header, scopes = append(header, axisName(p.Axes, i)), append(scopes, "")
	}
	header, scopes = append(header, obj.Name, "vs chosen"), append(scopes, p.Scope, "paired")
	for i, c := range p.Constraints {
		header = append(header, fmt.Sprintf("%s %s %s", model.Metrics[c.Metric].Name, c.Op, strconv.FormatFloat(c.Bound, 'g', -1, 64)))
		scopes = append(scopes, p.ConstraintScope(i))
		if len(p.Constraints) > 1 {
			header, scopes = append(header, ""), append(scopes, "")
		}
	}
	header, scopes = append(header, "verdict", ""), append(scopes, "", "")
	rows := [][]string{header, scopes}
	numeric := len(p.Axes)
	for _, e := range res.Final {
		row := slices.Clone(e.Texts)
		if e.Err != nil {
			row = append(row, "invalid: "+firstLine(e.Err.Error()))
			rows = append(rows, row)
			continue
		}
		row = append(row, estimateText(obj.Unit, e.Objective))
		switch {
		case e.Chosen:
			row = append(row, "-")
		case e.Diff != nil:
			c := formatDiff(obj.Unit, *e.Diff)
			s := c.mean
			if c.hw != "" {
				s += " ± " + c.hw
			}
			row = append(row, s)
		default:
			row = append(row, "")
		}
		for i, c := range p.Constraints {
			row = append(row, estimateText(model.Metrics[c.Metric].Unit, e.Constraints[i].Estimate))
			if len(p.Constraints) > 1 {
				row = append(row, e.Constraints[i].Verdict)
			}
		}
		note := ""
		switch {
		case e.Chosen:
			note = "chosen"
		case e.Indistinguishable:
			note = "indistinguishable"
		}
		row = append(row, e.Verdict, note)
		rows = append(rows, row)
	}
	b.WriteString("final comparison, best first (feasible by objective, then uncertain, then infeasible)\n")
	writeAligned(&b, rows, len(header), func(c string) bool { return strings.HasPrefix(c, "invalid: ") },
		func(i int) bool { return i < numeric || i == numeric+1 })
	if n := countInvalid(res.Evals); n > 0 {
		fmt.Fprintf(&b, "\n%s invalid for the scenario and never chosen (see the CSV's error column)\n", plural(n, "evaluated point was", "evaluated points were"))
	}
	_, err := io.WriteString(w, Printable(b.String()))
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// constraintsBind reports whether the constraints bind at the chosen
// point: some point of the final comparison with a lower mean objective
// is not feasible.
func constraintsBind(res *optimize.Result) bool {
	ch := res.Chosen
	if ch == nil {
		return true
	}
	for _, e := range res.Final {
		if e.Err == nil && e.Verdict != optimize.Feasible && e.Objective.Mean < ch.Objective.Mean {
			return true
		}
	}
	return false
}

func countInvalid(evs []*optimize.Eval) (n int) {
	for _, e := range evs {
		if e.Err != nil {
			n++
		}
	}
	return n
}

// optimizeJSON is the document of [WriteOptimizeJSON].
type optimizeJSON struct {
	Schema      string            `json:"schema"`
	Version     string            `json:"scsim_version"`
	Scenario    *scenarioJSON     `json:"scenario"`
	Confidence  float64           `json:"confidence"`
	Objective   optObjectiveJSON  `json:"objective"`
	Constraints []optConstraintJS `json:"constraints"`
	Axes        []optAxisJSON     `json:"axes"`
	Search      optSearchJSON     `json:"search"`
	Verdict     string            `json:"verdict"`
	Bind        bool              `json:"constraints_bind"`
	Chosen      *optPointJSON     `json:"chosen"`
	Closest     *optPointJSON     `json:"closest_to_feasible"`
	Final       []optPointJSON    `json:"final"`
	Evaluations []optPointJSON    `json:"evaluations"`
}

type optObjectiveJSON struct {
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
	Scope  string `json:"scope"`
	Sense  string `json:"sense"` // "minimize"
}

type optConstraintJS struct {
	Metric string  `json:"metric"`
	Unit   string  `json:"unit"`
	Scope  string  `json:"scope"`
	Op     string  `json:"op"`
	Bound  float64 `json:"bound"`
}

type optAxisJSON struct {
	Path   string  `json:"path"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Step   float64 `json:"step"`
	Values int     `json:"values"`
	Start  float64 `json:"start"`
}

type optSearchJSON struct {
	Method              string `json:"method"`
	InitialReplications int    `json:"initial_replications"`
	MaxReplications     int    `json:"max_replications"`
	MaxEvaluations      int    `json:"max_evaluations"`
	Evaluations         int    `json:"evaluations"`
	Steps               int    `json:"steps"`
	Stop                string `json:"stop"`
	FinalPoints         int    `json:"final_points"`
	Replications        int    `json:"replications_run"`
}

type optPointJSON struct {
	Values            []float64            `json:"values"`
	Replications      int                  `json:"replications"`
	Stage             string               `json:"stage"`
	Final             bool                 `json:"final"`
	Error             string               `json:"error,omitempty"`
	Objective         *estimateJSON        `json:"objective,omitempty"`
	Constraints       []optConstraintValue `json:"constraints,omitempty"`
	Verdict           string               `json:"verdict,omitempty"`
	Difference        *optDiffJSON         `json:"difference_from_chosen,omitempty"`
	Chosen            bool                 `json:"chosen"`
	Indistinguishable bool                 `json:"indistinguishable"`
	// Fingerprint is the point's scenario's, for the chosen, the closest
	// and the final points, when known
	Fingerprint string `json:"fingerprint,omitempty"`
}

type optConstraintValue struct {
	estimateJSON
	Verdict string `json:"verdict"`
}

type optDiffJSON struct {
	Mean        *float64 `json:"mean"`
	HalfWidth   *float64 `json:"half_width"`
	N           int      `json:"n"`
	Significant bool     `json:"significant"`
}

// num returns v for JSON, nil (null) if not finite.
func num(v float64) *float64 {
	if !finite(v) {
		return nil
	}
	return &v
}

func newEstimateJSON(e stats.Estimate) estimateJSON {
	return estimateJSON{Mean: num(e.Mean), HalfWidth: num(e.HalfWidth), N: e.N}
}

func newOptPointJSON(e *optimize.Eval) optPointJSON {
	out := optPointJSON{Values: slices.Clone(e.Values), Replications: e.Reps, Stage: e.Stage, Final: e.Final,
		Chosen: e.Chosen, Indistinguishable: e.Indistinguishable}
	if e.Err != nil {
		out.Error = e.Err.Error()
		return out
	}
	o := newEstimateJSON(e.Objective)
	out.Objective, out.Verdict = &o, e.Verdict
	out.Constraints = []optConstraintValue{}
	for _, c := range e.Constraints {
		out.Constraints = append(out.Constraints, optConstraintValue{newEstimateJSON(c.Estimate), c.Verdict})
	}
	if d := e.Diff; d != nil {
		out.Difference = &optDiffJSON{Mean: num(d.Mean), HalfWidth: num(d.HalfWidth), N: d.N, Significant: d.Significant}
	}
	return out
}

// WriteOptimizeJSON writes an optimisation as JSON, schema
// [OptimizeSchema] (see docs/json-format.md).
func WriteOptimizeJSON(w io.Writer, res *optimize.Result, m Meta) error {
	p := res.Problem
	doc := optimizeJSON{Schema: OptimizeSchema, Version: m.Version, Confidence: confidence, Verdict: optVerdict(res), Bind: constraintsBind(res),
		Objective:   optObjectiveJSON{Metric: model.Metrics[p.Objective].Key, Unit: model.Metrics[p.Objective].Unit, Scope: p.Scope, Sense: "minimize"},
		Constraints: []optConstraintJS{}, Final: []optPointJSON{}, Evaluations: []optPointJSON{},
		Search: optSearchJSON{Method: "compass search with step halving, then a paired comparison of the best points and their neighbours",
			InitialReplications: p.InitialReplications, MaxReplications: p.MaxReplications, MaxEvaluations: p.MaxEvaluations,
			Evaluations: res.SearchEvaluations, Steps: res.Iterations, Stop: res.Stop, FinalPoints: len(res.Final), Replications: res.Replications}}
	if s := optHeader(res); s != nil {
		h := newScenarioJSON(s, m)
		h.Replications = p.MaxReplications
		doc.Scenario = &h
	}
	for i, c := range p.Constraints {
		doc.Constraints = append(doc.Constraints, optConstraintJS{Metric: model.Metrics[c.Metric].Key, Unit: model.Metrics[c.Metric].Unit,
			Scope: p.ConstraintScope(i), Op: c.Op, Bound: c.Bound})
	}
	for i, a := range p.Axes {
		doc.Axes = append(doc.Axes, optAxisJSON{Path: a.Path, Lo: a.Value(0), Hi: a.Value(a.Len() - 1), Step: a.Step, Values: a.Len(), Start: res.Start.Values[i]})
	}
	// the fingerprints of the points a user would run next
	withFingerprint := func(e *optimize.Eval) optPointJSON {
		out := newOptPointJSON(e)
		if m.PointFingerprint != nil && e.Err == nil {
			out.Fingerprint = m.PointFingerprint(e.Texts)
		}
		return out
	}
	if res.Chosen != nil {
		c := withFingerprint(res.Chosen)
		doc.Chosen = &c
	}
	if res.Closest != nil {
		c := withFingerprint(res.Closest)
		doc.Closest = &c
	}
	for _, e := range res.Final {
		doc.Final = append(doc.Final, withFingerprint(e))
	}
	for _, e := range res.Evals {
		doc.Evaluations = append(doc.Evaluations, newOptPointJSON(e))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteOptimizeCSV writes one row per evaluation, in the order made, with
// the header
//
//	scenario,fingerprint,seed,PATH...,replications,stage,final,objective_mean,objective_half_width,
//	METRIC_mean,METRIC_half_width,METRIC_verdict (per constraint),verdict,
//	diff_mean,diff_half_width,chosen,indistinguishable,error
//
// where a constraint's columns are named by its scope and metric
// ("customers:fill_rate_mean").
func WriteOptimizeCSV(w io.Writer, res *optimize.Result, m Meta) error {
	p := res.Problem
	cw := newCSVWriter(w)
	header := slices.Clone(provenanceHeader)
	for _, a := range p.Axes {
		header = append(header, a.Path)
	}
	header = append(header, "replications", "stage", "final", "objective_mean", "objective_half_width")
	for i, c := range p.Constraints {
		name := p.ConstraintScope(i) + ":" + model.Metrics[c.Metric].Key
		header = append(header, name+"_mean", name+"_half_width", name+"_verdict")
	}
	header = append(header, "verdict", "diff_mean", "diff_half_width", "chosen", "indistinguishable", "error")
	cw.Write(header)
	s := optHeader(res)
	for _, e := range res.Evals {
		var row []string
		if s != nil {
			row = provenance(s, m)
		} else {
			row = []string{"", m.Fingerprint, ""}
		}
		row = append(row, e.Texts...)
		row = append(row, strconv.Itoa(e.Reps), e.Stage, strconv.FormatBool(e.Final))
		if e.Err != nil {
			row = append(row, make([]string, 2+3*len(p.Constraints)+3)...)
			row = append(row, "false", "false", e.Err.Error())
			cw.Write(row)
			continue
		}
		row = append(row, csvFloat(e.Objective.Mean), csvFloat(e.Objective.HalfWidth))
		for _, c := range e.Constraints {
			row = append(row, csvFloat(c.Mean), csvFloat(c.HalfWidth), c.Verdict)
		}
		row = append(row, e.Verdict)
		if e.Diff != nil {
			row = append(row, csvFloat(e.Diff.Mean), csvFloat(e.Diff.HalfWidth))
		} else {
			row = append(row, "", "")
		}
		row = append(row, strconv.FormatBool(e.Chosen), strconv.FormatBool(e.Indistinguishable), "")
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// Colours of the optimisation plot's verdicts.
var (
	feasibleColor   = palette[2] // bluish green
	uncertainColor  = palette[4] // orange
	infeasibleColor = palette[1] // vermillion
	regionColor     = color.NRGBA{0x00, 0x9E, 0x73, 0x22}
)

// OptimizePlot plots an optimisation: each evaluation's objective against
// the first constraint's metric (against the first axis's value without
// constraints), the search's evaluations as small grey dots, the final
// comparison's points coloured by verdict with their 95% intervals, the
// chosen point as a large star, and the feasible side of the first
// constraint's bound shaded, the bound drawn as a line.
func OptimizePlot(res *optimize.Result) *plot.Plot {
	p := res.Problem
	obj := model.Metrics[p.Objective]
	xLabel := axisName(p.Axes, 0) + " (parameter value)"
	if len(p.Constraints) > 0 {
		c := model.Metrics[p.Constraints[0].Metric]
		xLabel = fmt.Sprintf("%s, %s (%s)", c.Key, p.ConstraintScope(0), c.Unit)
	}
	pl := newPlot("Optimisation: "+obj.Key+" against "+strings.SplitN(xLabel, ",", 2)[0],
		xLabel, fmt.Sprintf("%s, %s (%s)", obj.Key, p.Scope, obj.Unit))
	xOf := func(e *optimize.Eval) stats.Estimate {
		if len(p.Constraints) > 0 {
			return e.Constraints[0].Estimate
		}
		return stats.Estimate{Mean: e.Values[0], HalfWidth: 0, N: 0}
	}
	type shown struct {
		e    *optimize.Eval
		x, y stats.Estimate
	}
	var pts []shown
	for _, e := range res.Evals {
		if e.Err != nil {
			continue
		}
		if x, y := xOf(e), e.Objective; finite(x.Mean) && finite(y.Mean) {
			pts = append(pts, shown{e, x, y})
		}
	}
	if len(pts) == 0 {
		return pl
	}
	// the view: the final points' objectives, widened by 4 times their
	// spread each way; search points beyond it are left out, so that a
	// far first guess does not flatten the points that matter
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, pt := range pts {
		if pt.e.Final {
			ylo, yhi = min(ylo, pt.y.Mean), max(yhi, pt.y.Mean)
		}
	}
	if !math.IsInf(ylo, 0) {
		span := max(yhi-ylo, 0.05*max(math.Abs(yhi), math.Abs(ylo)), 1e-9)
		ylo, yhi = ylo-4*span, yhi+4*span
	} else {
		ylo, yhi = math.Inf(-1), math.Inf(1)
	}
	var search, all plotter.XYs
	byVerdict := map[string]plotter.XYs{}
	var xe xErrors
	var ye yErrors
	hidden := 0
	for _, pt := range pts {
		xy := plotter.XY{X: pt.x.Mean, Y: pt.y.Mean}
		if !pt.e.Final {
			if xy.Y < ylo || xy.Y > yhi {
				hidden++
				continue
			}
			search, all = append(search, xy), append(all, xy)
			continue
		}
		all = append(all, xy)
		byVerdict[pt.e.Verdict] = append(byVerdict[pt.e.Verdict], xy)
		xlo, xhi := interval(pt.x)
		eylo, eyhi := interval(pt.y)
		xe.XYs, ye.XYs = append(xe.XYs, xy), append(ye.XYs, xy)
		xe.XErrors = append(xe.XErrors, struct{ Low, High float64 }{xy.X - xlo, xhi - xy.X})
		ye.YErrors = append(ye.YErrors, struct{ Low, High float64 }{xy.Y - eylo, eyhi - xy.Y})
	}
	// the axes' ranges: the points shown and the bound
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, xy := range all {
		xmin, xmax = min(xmin, xy.X), max(xmax, xy.X)
		ymin, ymax = min(ymin, xy.Y), max(ymax, xy.Y)
	}
	if len(p.Constraints) > 0 {
		b := p.Constraints[0].Bound
		xmin, xmax = min(xmin, b), max(xmax, b)
	}
	if xmax == xmin {
		xmin, xmax = xmin-0.5, xmax+0.5
	}
	if ymax == ymin {
		ymin, ymax = ymin-0.5, ymax+0.5
	}
	dx, dy := (xmax-xmin)*0.08, (ymax-ymin)*0.1
	xmin, xmax, ymin, ymax = xmin-dx, xmax+dx, ymin-dy, ymax+dy
	if len(p.Constraints) > 0 {
		c := p.Constraints[0]
		lo, hi := c.Bound, xmax
		if c.Op == "<=" {
			lo, hi = xmin, c.Bound
		}
		region := must(plotter.NewPolygon(plotter.XYs{{X: lo, Y: ymin}, {X: hi, Y: ymin}, {X: hi, Y: ymax}, {X: lo, Y: ymax}}))
		region.Color, region.LineStyle.Width = regionColor, 0
		bound := must(plotter.NewLine(plotter.XYs{{X: c.Bound, Y: ymin}, {X: c.Bound, Y: ymax}}))
		bound.LineStyle = draw.LineStyle{Color: feasibleColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		pl.Add(region, bound)
		pl.Legend.Add(fmt.Sprintf("feasible side of %s %s %s", model.Metrics[c.Metric].Key, c.Op, strconv.FormatFloat(c.Bound, 'g', -1, 64)), region)
	}
	if len(search) > 0 {
		sc := must(plotter.NewScatter(search))
		sc.GlyphStyle = draw.GlyphStyle{Color: greyColor, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		pl.Add(sc)
		label := "search (fewer replications)"
		if hidden > 0 {
			label += fmt.Sprintf(", %d off the plot", hidden)
		}
		pl.Legend.Add(label, sc)
	}
	if len(xe.XYs) > 0 {
		grey := draw.LineStyle{Color: tint(greyColor, 0x90), Width: vg.Points(1)}
		xb := must(plotter.NewXErrorBars(xe))
		xb.LineStyle, xb.CapWidth = grey, vg.Points(4)
		yb := must(plotter.NewYErrorBars(ye))
		yb.LineStyle, yb.CapWidth = grey, vg.Points(4)
		pl.Add(xb, yb)
	}
	for _, v := range []struct {
		verdict string
		col     color.Color
		shape   draw.GlyphDrawer
	}{
		{optimize.Feasible, feasibleColor, draw.CircleGlyph{}},
		{optimize.Uncertain, uncertainColor, draw.SquareGlyph{}},
		{optimize.Infeasible, infeasibleColor, draw.CrossGlyph{}},
	} {
		if xys := byVerdict[v.verdict]; len(xys) > 0 {
			sc := must(plotter.NewScatter(xys))
			sc.GlyphStyle = draw.GlyphStyle{Color: v.col, Radius: vg.Points(4), Shape: v.shape}
			pl.Add(sc)
			pl.Legend.Add("final: "+v.verdict, sc)
		}
	}
	if ch := res.Chosen; ch != nil {
		x := xOf(ch)
		xy := plotter.XYs{{X: x.Mean, Y: ch.Objective.Mean}}
		ring := must(plotter.NewScatter(xy))
		ring.GlyphStyle = draw.GlyphStyle{Color: inkColor, Radius: vg.Points(9), Shape: draw.RingGlyph{}}
		// the label goes on the side of the point with more room
		align, off := draw.XLeft, vg.Point{X: vg.Points(12), Y: vg.Points(10)}
		if x.Mean > (xmin+xmax)/2 {
			align, off.X = draw.XRight, -vg.Points(12)
		}
		pl.Add(ring, newLabels(xy, []string{"chosen: " + pointText(p.Axes, ch.Point)}, align, off))
		pl.Legend.Add("chosen point", ring)
	}
	pl.X.Min, pl.X.Max, pl.Y.Min, pl.Y.Max = xmin, xmax, ymin, ymax
	top, left := emptiestCorner(all, xmin, xmax, ymin, ymax)
	legendAt(pl, top, left)
	return pl
}
