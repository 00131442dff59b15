package output

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"scsim/model"
	"scsim/stats"
)

// Size of every plot written by [SavePlot] and embedded by [WriteReport]:
// 8 × 5 inches, which is 960 × 600 pixels at [PlotDPI].
const (
	PlotWidth  = 8 * vg.Inch
	PlotHeight = 5 * vg.Inch
	// PlotDPI is the resolution of PNG plots, in dots per inch.
	PlotDPI = 120
)

// palette is the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
// Design"), distinguishable with every common form of colour blindness,
// reordered so that the first colours contrast best on white; yellow, the
// weakest on white, comes last.
var palette = [...]color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	{0x00, 0x00, 0x00, 0xFF}, // black
}

// VariantColor returns the colour of run i of a comparison in every plot:
// 0 is the base, i ≥ 1 is variant i−1. Colours repeat after eight runs.
func VariantColor(i int) color.Color { return palette[i%len(palette)] }

// The colours of what the plots of one run show, each from [palette] and
// each meaning one thing in every plot: a colour-blind reader tells them
// apart, and no two series differ only by a shade of grey.
var (
	onHandColor    = palette[0] // units on hand (levels)
	backorderColor = palette[1] // units backordered (levels)
	orderColor     = palette[2] // replenishment orders placed (levels)
	receiptColor   = palette[3] // replenishment receipts (levels)
	waitColor      = palette[5] // waits of backordered customer orders
	dropShipColor  = palette[4] // delivery times of drop-ship orders
	frontierColor  = palette[1] // the efficient frontier of a sweep
	// costColors fills the parts of [CostBreakdown], in [costParts] order:
	// holding, ordering, backorder, lost sales, transport.
	costColors = [...]color.Color{palette[5], palette[2], palette[1], palette[3], palette[4]}
)

// Neutral colours: text, frames, whiskers and outlines, never a series.
var (
	inkColor  = color.RGBA{0x20, 0x20, 0x20, 0xFF}
	greyColor = color.RGBA{0x80, 0x80, 0x80, 0xFF}
)

// tint returns c blended with white, alpha a (0 to 255) of c: a fill
// behind a line of colour c.
func tint(c color.RGBA, a uint8) color.NRGBA { return color.NRGBA{c.R, c.G, c.B, a} }

// plotFont is the face of every text in a plot: a sans serif reads better
// at small sizes than gonum's default serif.
var plotFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Font sizes of plot texts.
const (
	titleSize = 14
	labelSize = 12
	tickSize  = 10
	noteSize  = 9
)

// newPlot returns a plot with a title, axis labels (with their units) and
// a legend at the top right, all in [plotFont].
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(plotFont, titleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(plotFont, labelSize)
		a.Tick.Label.Font = font.From(plotFont, tickSize)
	}
	p.X.Label.Text, p.Y.Label.Text = x, y
	p.Legend.TextStyle.Font = font.From(plotFont, tickSize)
	legendAt(p, true, false)
	p.Legend.ThumbnailWidth = vg.Points(20)
	p.Legend.Padding = vg.Points(2)
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0 // horizontal lines only
	grid.Horizontal.Color = color.Gray{0xE0}
	p.Add(grid)
	return p
}

// legendMargin keeps the legend off the edges of the plot.
const legendMargin = 8

// legendAt puts the legend of p in a corner: top or bottom, left or right,
// legendMargin points inside the plot area's edges.
func legendAt(p *plot.Plot, top, left bool) {
	p.Legend.Top, p.Legend.Left = top, left
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(legendMargin), -vg.Points(legendMargin/2)
	if left {
		p.Legend.XOffs = vg.Points(legendMargin)
	}
	if !top {
		p.Legend.YOffs = vg.Points(legendMargin)
	}
}

// newLabels returns labels at xys in [plotFont] of size noteSize, aligned
// by xAlign (draw.XCenter: centred) and offset by off.
func newLabels(xys plotter.XYs, texts []string, xAlign text.XAlignment, off vg.Point) *plotter.Labels {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		panic("output: " + err.Error()) // xys are finite by construction
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = font.From(plotFont, noteSize)
		l.TextStyle[i].XAlign = xAlign
	}
	l.Offset = off
	return l
}

// yErrors is points with asymmetric Y errors, for [plotter.YErrorBars].
type yErrors struct {
	plotter.XYs
	plotter.YErrors
}

// xErrors is points with asymmetric X errors, for [plotter.XErrorBars].
type xErrors struct {
	plotter.XYs
	plotter.XErrors
}

// must panics on err; the plotters built here get finite data by
// construction, so an error is a bug in this package.
func must[T any](v T, err error) T {
	if err != nil {
		panic("output: " + err.Error())
	}
	return v
}

// runNames returns the names of the runs of cmp: [BaseName], then each
// variant's.
func runNames(cmp *stats.Comparison) []string {
	names := []string{BaseName}
	for _, v := range cmp.Variants {
		names = append(names, v.Name)
	}
	return names
}

// runTotals returns the total estimates of the runs of cmp, base first.
func runTotals(cmp *stats.Comparison) []*[model.NumMetrics]stats.Estimate {
	out := []*[model.NumMetrics]stats.Estimate{&cmp.Base.Total}
	for i := range cmp.Variants {
		out = append(out, &cmp.Variants[i].Summary.Total)
	}
	return out
}

// Bars are what a [BarChart] or a [CostBreakdown] draws one bar for: the
// runs of a comparison (see [VariantBars]) or the site-items of one run
// (see [SiteItemBars]).
type Bars struct {
	// By names what the bars stand for in titles: "variant", "site-item"
	// or "echelon".
	By string
	// Scope says what each bar's values cover, for titles and captions:
	// "network total" for variants; "" when the label says it.
	Scope string
	// Labels name the bars, left to right.
	Labels []string
	// Values holds each bar's estimates, indexed by metric.
	Values []*[model.NumMetrics]stats.Estimate
	// Diffs, for the variants of a comparison, holds the paired
	// differences of bar i ≥ 1 from bar 0 in Diffs[i-1]; nil otherwise.
	Diffs []*[model.NumMetrics]stats.Diff
	// Colors colours each bar in its [VariantColor]; otherwise every bar
	// is in the base's colour (the bars of one run).
	Colors bool
}

// VariantBars returns a bar per run of cmp, base first, with its network
// totals and paired differences, each in its run's [VariantColor].
func VariantBars(cmp *stats.Comparison) Bars {
	b := Bars{By: "variant", Scope: "network total", Labels: runNames(cmp), Values: runTotals(cmp), Colors: true}
	for i := range cmp.Variants {
		b.Diffs = append(b.Diffs, &cmp.Variants[i].Total)
	}
	return b
}

// SiteItemBars returns a bar per site-item of s when it has at most
// [maxTableSKUs] (labelled by site alone when every site-item holds the
// same item), and otherwise a bar per echelon ("echelon 1" serves the
// customers).
func SiteItemBars(s *stats.Summary) Bars {
	if len(s.SKUs) > maxTableSKUs {
		b := Bars{By: "echelon"}
		for i := range s.Echelons {
			b.Labels = append(b.Labels, "echelon "+strconv.Itoa(s.Echelons[i].Level))
			b.Values = append(b.Values, &s.Echelons[i].Metrics)
		}
		return b
	}
	b := Bars{By: "site-item"}
	oneItem := true
	for _, k := range s.SKUs {
		oneItem = oneItem && k.Item == s.SKUs[0].Item
	}
	for i, k := range s.SKUs {
		label := k.Site + "/" + k.Item
		if oneItem {
			label = k.Site
		}
		b.Labels = append(b.Labels, label)
		b.Values = append(b.Values, &s.SKUs[i].Metrics)
	}
	return b
}

// title returns what heads a plot of b: "WHAT by BY, SCOPE".
func (b *Bars) title(what string) string {
	t := what + " by " + b.By
	if b.Scope != "" {
		t += ", " + b.Scope
	}
	return t
}

// color returns the colour of bar i.
func (b *Bars) color(i int) color.Color {
	if b.Colors {
		return VariantColor(i)
	}
	return VariantColor(0)
}

// significant reports whether bar i's paired difference from bar 0 in
// metric is significant.
func (b *Bars) significant(i, metric int) bool {
	return i > 0 && i-1 < len(b.Diffs) && b.Diffs[i-1][metric].Significant
}

// interval returns the 95% confidence interval of e, or [mean, mean]
// without a finite half-width; NaN bounds when the mean is undefined.
func interval(e stats.Estimate) (lo, hi float64) {
	if !finite(e.HalfWidth) {
		return e.Mean, e.Mean
	}
	return e.Mean - e.HalfWidth, e.Mean + e.HalfWidth
}

// barData returns the series of [BarChart]: for each bar in order, the
// mean of metric (an index into [model.Metrics]) and the bounds of its
// 95% interval (both the mean when it has no half-width; all NaN when the
// metric is undefined).
func barData(b *Bars, metric int) (values, lows, highs []float64) {
	for _, t := range b.Values {
		e := t[metric]
		lo, hi := interval(e)
		values, lows, highs = append(values, e.Mean), append(lows, lo), append(highs, hi)
	}
	return values, lows, highs
}

// axisLabel returns "name (unit)" for metric i.
func axisLabel(i int) string {
	return model.Metrics[i].Name + " (" + model.Metrics[i].Unit + ")"
}

// barWidth is the width of the bars of the bar charts.
const barWidth = 48

// BarChart plots metric (an index into [model.Metrics], such as
// [model.MFillRate] or [model.MTotalCost]) for each of b's bars (the
// variants of a comparison, or the site-items of a run): one bar each in
// its colour, with whiskers over the 95% confidence interval and the value
// written above, "*" after a variant's value when its paired difference
// from the base is significant. A bar where the metric is undefined is
// left out and reads "n/a". Bars start at 0.
func BarChart(b Bars, metric int) *plot.Plot {
	mt := &model.Metrics[metric]
	values, lows, highs := barData(&b, metric)
	xlabel := b.By
	if b.Diffs != nil {
		xlabel = "* the 95% interval of the paired difference from " + BaseName + " excludes 0"
	}
	p := newPlot(b.title(capitalize(mt.Name)), xlabel, axisLabel(metric))
	if b.Diffs != nil {
		p.X.Label.TextStyle.Font = font.From(plotFont, noteSize)
	}
	p.NominalX(b.Labels...)
	var errs yErrors
	var at plotter.XYs
	var texts []string
	top, bottom := 0.0, 0.0
	for i, v := range values {
		x := float64(i)
		if math.IsNaN(v) {
			at, texts = append(at, plotter.XY{X: x, Y: 0}), append(texts, "n/a")
			continue
		}
		bar := must(plotter.NewBarChart(plotter.Values{v}, vg.Points(barWidth)))
		bar.XMin = x
		bar.Color = b.color(i)
		bar.LineStyle.Width = 0
		p.Add(bar)
		errs.XYs = append(errs.XYs, plotter.XY{X: x, Y: v})
		errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{v - lows[i], highs[i] - v})
		top, bottom = max(top, highs[i]), min(bottom, lows[i])
		text := formatCell(mt.Unit, b.Values[i][metric])
		if b.significant(i, metric) {
			text += sigMark
		}
		at, texts = append(at, plotter.XY{X: x, Y: max(highs[i], 0)}), append(texts, text)
	}
	if len(errs.XYs) > 0 {
		eb := must(plotter.NewYErrorBars(errs))
		eb.LineStyle.Width = vg.Points(1.5)
		eb.CapWidth = vg.Points(12)
		p.Add(eb)
		p.Legend.Add("mean, 95% confidence interval", whisker{eb.LineStyle})
	}
	p.Add(newLabels(at, texts, draw.XCenter, vg.Point{Y: vg.Points(6)}))
	p.X.Min, p.X.Max = -0.6, float64(len(values))-0.4
	p.Y.Min = bottom
	p.Y.Max = top + 0.15*(top-bottom) // room for the values and the legend
	if p.Y.Max == p.Y.Min {
		p.Y.Max = p.Y.Min + 1
	}
	return p
}

// formatCell formats e as a table cell, "mean ± hw".
func formatCell(unit string, e stats.Estimate) string {
	c := formatEstimate(unit, e)
	if c.hw == "" {
		return c.mean
	}
	return c.mean + " ± " + c.hw
}

// capitalize upper-cases the first letter of an ASCII name.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// costParts are the metrics that add up to total_cost, bottom of the stack
// first.
var costParts = [...]int{model.MHoldingCost, model.MOrderingCost, model.MBackorderCost, model.MLostSaleCost, model.MTransportCost}

// costData returns the series of [CostBreakdown]: parts[j][i] is the mean
// of cost part j ([costParts] order) for bar i, 0 when undefined; and the
// total cost of each bar with its 95% interval.
func costData(b *Bars) (parts [len(costParts)][]float64, totals, lows, highs []float64) {
	for _, t := range b.Values {
		for j, m := range costParts {
			v := t[m].Mean
			if math.IsNaN(v) {
				v = 0
			}
			parts[j] = append(parts[j], v)
		}
		lo, hi := interval(t[model.MTotalCost])
		totals, lows, highs = append(totals, t[model.MTotalCost].Mean), append(lows, lo), append(highs, hi)
	}
	return parts, totals, lows, highs
}

// swatch is a legend thumbnail: a filled square with an outline.
type swatch struct {
	fill    color.Color
	outline draw.LineStyle
}

// Thumbnail implements [plot.Thumbnailer].
func (s swatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(s.fill, pts)
	if s.outline.Width > 0 {
		c.StrokeLines(s.outline, append(pts, pts[0]))
	}
}

// whisker is a legend thumbnail: a vertical error bar with caps.
type whisker struct{ style draw.LineStyle }

// Thumbnail implements [plot.Thumbnailer].
func (w whisker) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	cap := (c.Max.X - c.Min.X) / 4
	c.StrokeLine2(w.style, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(w.style, x-cap, c.Min.Y, x+cap, c.Min.Y)
	c.StrokeLine2(w.style, x-cap, c.Max.Y, x+cap, c.Max.Y)
}

// CostBreakdown plots, for each of b's bars (the variants of a
// comparison, or the site-items of a run), the cost per day stacked by
// part (holding, ordering, backorder, lost sales, transport, from the
// bottom up, each in its colour of [costColors]), with whiskers over the 95% confidence interval of the
// total cost and its value above. The legend stands to the right of the
// bars.
func CostBreakdown(b Bars) *plot.Plot {
	parts, totals, lows, highs := costData(&b)
	labels := b.Labels
	p := newPlot(b.title("Cost per day"), b.By, "cost (money/day)")
	p.NominalX(labels...)
	var errs yErrors
	var at plotter.XYs
	var texts []string
	top := 0.0
	for i := range labels {
		var below *plotter.BarChart
		for j := range costParts {
			bar := must(plotter.NewBarChart(plotter.Values{parts[j][i]}, vg.Points(barWidth)))
			bar.XMin = float64(i)
			bar.Color = costColors[j]
			bar.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.75)}
			if below != nil {
				bar.StackOn(below)
			}
			p.Add(bar)
			below = bar
		}
		sum := 0.0
		for j := range costParts {
			sum += parts[j][i]
		}
		top = max(top, sum)
		if math.IsNaN(totals[i]) {
			continue
		}
		errs.XYs = append(errs.XYs, plotter.XY{X: float64(i), Y: totals[i]})
		errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{totals[i] - lows[i], highs[i] - totals[i]})
		top = max(top, highs[i])
		at = append(at, plotter.XY{X: float64(i), Y: highs[i]})
		texts = append(texts, formatCell("money/day", b.Values[i][model.MTotalCost]))
	}
	if len(errs.XYs) > 0 {
		eb := must(plotter.NewYErrorBars(errs))
		eb.LineStyle.Width = vg.Points(1.5)
		eb.CapWidth = vg.Points(12)
		p.Add(eb, newLabels(at, texts, draw.XCenter, vg.Point{Y: vg.Points(6)}))
		p.Legend.Add("total, 95% confidence interval", whisker{eb.LineStyle})
	}
	for j := len(costParts) - 1; j >= 0; j-- { // top of the stack first
		p.Legend.Add(model.Metrics[costParts[j]].Name, swatch{fill: costColors[j]})
	}
	// empty room on the right of the bars for the legend
	p.X.Min, p.X.Max = -0.6, float64(len(labels))-0.4+legendRoom
	p.Y.Min, p.Y.Max = 0, max(1, top*1.12)
	return p
}

// legendRoom is the room left for a legend on the right of bar charts, in
// bars.
const legendRoom = 1.4

// SweepPoint is one setting of a parameter sweep: its label (e.g. "r=36")
// and its network total fill rate and cost per day.
type SweepPoint struct {
	Label      string
	Fill, Cost stats.Estimate
}

// SweepPoints returns the points of sw for [CostVsFill]: each labelled
// "path=value, ..." by its values (the last element of each path only,
// "reorder_point=36"), with the network total fill rate and cost per day.
func SweepPoints(sw *Sweep) []SweepPoint {
	var out []SweepPoint
	for _, p := range sw.Points {
		if p.Summary == nil { // invalid: not run
			continue
		}
		parts := make([]string, len(p.Values))
		for j, v := range p.Values {
			name := ""
			if j < len(sw.Paths) {
				name = sw.Paths[j]
				if k := strings.LastIndexByte(name, '.'); k >= 0 {
					name = name[k+1:]
				}
				name += "="
			}
			parts[j] = name + v
		}
		out = append(out, SweepPoint{Label: strings.Join(parts, ", "), Fill: p.Summary.Total[model.MFillRate], Cost: p.Summary.Total[model.MTotalCost]})
	}
	return out
}

// frontier returns the indices of the points on the efficient frontier in
// order of increasing fill rate (then cost, then index): the points that
// no other point dominates, where q dominates p if it has a fill rate at
// least as high and a cost at least as low, and is strictly better in one.
// Points with an undefined fill rate or cost are never on it.
func frontier(points []SweepPoint) []int {
	ok := func(p SweepPoint) bool { return finite(p.Fill.Mean) && finite(p.Cost.Mean) }
	var out []int
	for i, p := range points {
		if !ok(p) {
			continue
		}
		dominated := false
		for _, q := range points {
			if ok(q) && q.Fill.Mean >= p.Fill.Mean && q.Cost.Mean <= p.Cost.Mean &&
				(q.Fill.Mean > p.Fill.Mean || q.Cost.Mean < p.Cost.Mean) {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int {
		pa, pb := points[a], points[b]
		switch {
		case pa.Fill.Mean != pb.Fill.Mean:
			return cmpFloat(pa.Fill.Mean, pb.Fill.Mean)
		default:
			return cmpFloat(pa.Cost.Mean, pb.Cost.Mean)
		}
	})
	return out
}

// cmpFloat compares two finite floats.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// labelGap is the room between a point's glyph and its label in
// [CostVsFill].
const labelGap = vg.Length(2)

// placeLabels places a label of size sizes[i] (X its width, Y its height)
// beside each point pts[i], greedily in order, all in canvas coordinates:
// at the first candidate spot around the point — above left, above right,
// below left, below right, left, right, above, below, then stacked one
// label height at a time above and below the left and right spots — that
// lies inside bounds and overlaps no label
// placed before and no point's glyph (the square of side 2r around it);
// when no candidate is free, at the one overlapping least (area outside
// bounds counting as overlap). It returns each label's box.
func placeLabels(pts, sizes []vg.Point, r vg.Length, bounds vg.Rectangle) []vg.Rectangle {
	glyphs := make([]vg.Rectangle, len(pts))
	for i, p := range pts {
		glyphs[i] = vg.Rectangle{Min: vg.Point{X: p.X - r, Y: p.Y - r}, Max: vg.Point{X: p.X + r, Y: p.Y + r}}
	}
	var placed []vg.Rectangle
	for i, p := range pts {
		w, h := sizes[i].X, sizes[i].Y
		g := r + labelGap
		d := g * 0.7         // the diagonal spots, as far from the centre
		spots := []vg.Point{ // the lower left corners of the candidates
			{X: p.X - d - w, Y: p.Y + d}, // above left
			{X: p.X + d, Y: p.Y + d},     // above right
			{X: p.X - d - w, Y: p.Y - d - h},
			{X: p.X + d, Y: p.Y - d - h},
			{X: p.X - g - w, Y: p.Y - h/2}, // left
			{X: p.X + g, Y: p.Y - h/2},
			{X: p.X - w/2, Y: p.Y + g}, // above
			{X: p.X - w/2, Y: p.Y - g - h},
		}
		// then stacked above and below the left and right spots, one
		// label height at a time, as far as every label might need (at
		// most maxLabelStack: placing n labels is O(n² · maxLabelStack))
		for k := 1; k <= min(len(pts), maxLabelStack); k++ {
			dy := vg.Length(k) * (h + 1)
			for _, x := range []vg.Length{p.X - g - w, p.X + g} {
				spots = append(spots, vg.Point{X: x, Y: p.Y - h/2 + dy}, vg.Point{X: x, Y: p.Y - h/2 - dy})
			}
		}
		best, bestCost := vg.Rectangle{}, vg.Length(math.Inf(1))
		for _, min := range spots {
			box := vg.Rectangle{Min: min, Max: vg.Point{X: min.X + w, Y: min.Y + h}}
			cost := w*h - overlapArea(box, bounds)
			for _, o := range placed {
				cost += overlapArea(box, o)
			}
			for _, o := range glyphs {
				cost += overlapArea(box, o)
			}
			if cost < bestCost {
				best, bestCost = box, cost
			}
			if cost <= 0 {
				break
			}
		}
		placed = append(placed, best)
	}
	return placed
}

// maxLabelStack is how many label heights above or below its point
// [placeLabels] tries at most.
const maxLabelStack = 40

// overlapArea returns the area of the intersection of rectangles a and b.
func overlapArea(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// pointLabels is a [plot.Plotter] of a label beside each of XYs, placed
// by [placeLabels] when the plot is drawn (where the points land on the
// canvas is known only then) so that no two overlap.
type pointLabels struct {
	XYs    plotter.XYs
	Texts  []string
	Style  text.Style
	Radius vg.Length // of the points' glyphs
	// placed holds the label boxes of the last Plot, for tests.
	placed []vg.Rectangle
}

// newPointLabels returns labels of xys in [plotFont] of size noteSize,
// beside glyphs of radius r.
func newPointLabels(xys plotter.XYs, texts []string, r vg.Length) *pointLabels {
	return &pointLabels{XYs: xys, Texts: texts, Radius: r, Style: text.Style{
		Color: inkColor, Font: font.From(plotFont, noteSize), Handler: plot.DefaultTextHandler,
	}}
}

// Plot implements [plot.Plotter].
func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(l.XYs))
	sizes := make([]vg.Point, len(l.XYs))
	for i, xy := range l.XYs {
		pts[i] = vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		r := l.Style.Rectangle(l.Texts[i])
		sizes[i] = vg.Point{X: r.Max.X - r.Min.X, Y: r.Max.Y - r.Min.Y}
	}
	l.placed = placeLabels(pts, sizes, l.Radius, vg.Rectangle{Min: c.Min, Max: c.Max})
	for i, box := range l.placed {
		r := l.Style.Rectangle(l.Texts[i])
		c.FillText(l.Style, box.Min.Sub(r.Min), l.Texts[i])
	}
}

// CostVsFill plots a sweep: each point's mean total cost per day of the
// network against its mean customer fill rate, with light whiskers over
// both 95% intervals and its label, placed beside it where it overlaps no
// other label or point (see [placeLabels]). The efficient frontier (see
// [frontier]) is joined by a dashed line and drawn as filled circles;
// dominated points are open circles. Points with an undefined fill rate or
// cost are left out.
func CostVsFill(points []SweepPoint) *plot.Plot {
	p, _ := costVsFill(points)
	return p
}

// costVsFill is [CostVsFill], which also returns the points' labels (nil
// when no point has a defined fill rate and cost).
func costVsFill(points []SweepPoint) (*plot.Plot, *pointLabels) {
	p := newPlot("Cost against customer fill rate", "customer fill rate (share of units customers demanded filled at once from stock)", "total cost per day, network (money/day)")
	var all, front plotter.XYs
	var texts []string
	var xe xErrors
	var ye yErrors
	for _, pt := range points {
		if !finite(pt.Fill.Mean) || !finite(pt.Cost.Mean) {
			continue
		}
		xy := plotter.XY{X: pt.Fill.Mean, Y: pt.Cost.Mean}
		all, texts = append(all, xy), append(texts, pt.Label)
		flo, fhi := interval(pt.Fill)
		clo, chi := interval(pt.Cost)
		xe.XYs, ye.XYs = append(xe.XYs, xy), append(ye.XYs, xy)
		xe.XErrors = append(xe.XErrors, struct{ Low, High float64 }{xy.X - flo, fhi - xy.X})
		ye.YErrors = append(ye.YErrors, struct{ Low, High float64 }{xy.Y - clo, chi - xy.Y})
	}
	for _, i := range frontier(points) {
		front = append(front, plotter.XY{X: points[i].Fill.Mean, Y: points[i].Cost.Mean})
	}
	if len(all) == 0 {
		return p, nil
	}
	grey := draw.LineStyle{Color: tint(palette[0], 0x80), Width: vg.Points(1)}
	xb := must(plotter.NewXErrorBars(xe))
	xb.LineStyle, xb.CapWidth = grey, vg.Points(6)
	yb := must(plotter.NewYErrorBars(ye))
	yb.LineStyle, yb.CapWidth = grey, vg.Points(6)
	p.Add(xb, yb)
	line := must(plotter.NewLine(front))
	line.LineStyle = draw.LineStyle{Color: frontierColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	sc := must(plotter.NewScatter(all))
	sc.GlyphStyle = draw.GlyphStyle{Color: palette[0], Radius: vg.Points(4), Shape: draw.RingGlyph{}}
	fr := must(plotter.NewScatter(front))
	fr.GlyphStyle = draw.GlyphStyle{Color: frontierColor, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
	labels := newPointLabels(all, texts, vg.Points(4))
	p.Add(line, sc, fr, labels)
	p.Legend.Add("dominated setting", sc)
	p.Legend.Add("efficient frontier", line, fr)
	p.Legend.Add("95% confidence intervals", whisker{yb.LineStyle})
	padRange(&p.X, 0.08)
	padRange(&p.Y, 0.12)
	top, left := emptiestCorner(all, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	legendAt(p, top, left)
	return p, labels
}

// emptiestCorner returns the corner of the area [x0, x1] × [y0, y1] with
// the fewest of xys in it (a corner is 45% of the width by 30% of the
// height), for the legend: bottom right, top right, top left, bottom left
// in that order on ties.
func emptiestCorner(xys plotter.XYs, x0, x1, y0, y1 float64) (top, left bool) {
	best := -1
	for _, c := range [...]struct{ top, left bool }{{false, false}, {true, false}, {true, true}, {false, true}} {
		n := 0
		for _, xy := range xys {
			fx, fy := (xy.X-x0)/(x1-x0), (xy.Y-y0)/(y1-y0)
			if c.left {
				fx = 1 - fx
			}
			if c.top {
				fy = 1 - fy
			}
			if fx >= 0.55 && fy <= 0.3 {
				n++
			}
		}
		if best < 0 || n < best {
			best, top, left = n, c.top, c.left
		}
	}
	return top, left
}

// countTicks marks an axis of counts (units, orders): gonum's default
// ticks, with labels only at non-negative whole numbers, written without
// decimals; every whole number when the axis spans fewer than 5.
type countTicks struct{}

// Ticks implements [plot.Ticker].
func (countTicks) Ticks(min, max float64) []plot.Tick {
	if max-min < 5 {
		var ticks []plot.Tick
		for v := math.Max(0, math.Ceil(min)); v <= max; v++ {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		}
		return ticks
	}
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label == "" {
			continue
		}
		if v := ticks[i].Value; v < 0 || v != math.Trunc(v) {
			ticks[i].Label = "" // a minor tick
		} else {
			ticks[i].Label = strconv.FormatFloat(v, 'f', 0, 64)
		}
	}
	return ticks
}

// padRange widens an axis by frac of its range on each side (or by 1 when
// the range is empty), so that glyphs and labels at the edges stay inside.
func padRange(a *plot.Axis, frac float64) {
	d := (a.Max - a.Min) * frac
	if d == 0 {
		d = math.Max(1, math.Abs(a.Max)*frac)
	}
	a.Min, a.Max = a.Min-d, a.Max+d
}

// stepXYs returns the on-hand and backorder levels of tr between from and
// to as post-step series: point k's level holds from its X until the next
// point's, and a last point at to closes the final step. Times before
// from are clipped to from. Empty when the window holds no level.
func stepXYs(tr *model.Trace, from, to float64) (onHand, backorders plotter.XYs) {
	for i, t := range tr.Times {
		end := math.Inf(1)
		if i+1 < len(tr.Times) {
			end = tr.Times[i+1]
		}
		if end <= from || t >= to {
			continue
		}
		x := max(t, from)
		onHand = append(onHand, plotter.XY{X: x, Y: float64(tr.OnHand[i])})
		backorders = append(backorders, plotter.XY{X: x, Y: float64(tr.Backorders[i])})
	}
	if n := len(onHand); n > 0 {
		onHand = append(onHand, plotter.XY{X: to, Y: onHand[n-1].Y})
		backorders = append(backorders, plotter.XY{X: to, Y: backorders[n-1].Y})
	}
	return onHand, backorders
}

// stepArea returns the outline of the area between the post-step series
// xys and zero.
func stepArea(xys plotter.XYs) plotter.XYs {
	var out plotter.XYs
	for i, xy := range xys {
		if i > 0 && xy.Y == xys[i-1].Y {
			out = append(out, xy) // the step goes on
			continue
		}
		if i > 0 {
			out = append(out, plotter.XY{X: xy.X, Y: xys[i-1].Y})
		}
		out = append(out, xy)
	}
	if n := len(xys); n > 0 {
		out = append(out, plotter.XY{X: xys[n-1].X, Y: 0}, plotter.XY{X: xys[0].X, Y: 0})
	}
	return out
}

// maxMarks is the most order (or receipt) marks a levels plot draws: at
// most one every 13 pixels of its 800-pixel-wide data area, so that marks
// stay apart rather than merge into a bar over a long window.
const maxMarks = 60

// markBins returns where [LevelsOverTime] draws the marks in [from, to]
// (both ends included): X the time and Y the number of marks drawn there.
// With at most maxN marks, each is drawn at its own time (Y = 1; marks at
// the same time count together). With more, the window is cut into bins
// of a "nice" width (1, 2 or 5 × a power of ten days, see [niceStep]) from
// from, at most maxN of them, and each bin with marks is drawn once at its
// middle (clipped to to), Y its count; width is the bin width, 0 when
// the marks are not binned.
func markBins(marks []model.Mark, from, to float64, maxN int) (xys plotter.XYs, width float64) {
	n := 0
	for _, m := range marks {
		if m.T >= from && m.T <= to {
			n++
		}
	}
	if n <= maxN {
		for _, m := range marks {
			if m.T < from || m.T > to {
				continue
			}
			if k := len(xys); k > 0 && xys[k-1].X == m.T {
				xys[k-1].Y++
				continue
			}
			xys = append(xys, plotter.XY{X: m.T, Y: 1})
		}
		return xys, 0
	}
	width = niceStep((to - from) / float64(maxN))
	bins := max(1, int(math.Ceil((to-from)/width)))
	counts := make([]float64, bins)
	for _, m := range marks {
		if m.T >= from && m.T <= to {
			counts[min(bins-1, int((m.T-from)/width))]++
		}
	}
	for i, c := range counts {
		if c > 0 {
			xys = append(xys, plotter.XY{X: min(to, from+(float64(i)+0.5)*width), Y: c})
		}
	}
	return xys, width
}

// markRadius is the glyph radius of a mark of [LevelsOverTime] that
// stands for n of at most top marks: its area grows with n, from
// minMarkRadius to maxMarkRadius.
func markRadius(n, top float64) vg.Length {
	if top <= 1 {
		return maxMarkRadius
	}
	return minMarkRadius + (maxMarkRadius-minMarkRadius)*vg.Length(math.Sqrt((n-1)/(top-1)))
}

// Radii of the marks of [LevelsOverTime].
const (
	minMarkRadius = vg.Length(2)
	maxMarkRadius = vg.Length(4.5)
)

// downTriangle is a filled triangle pointing down.
type downTriangle struct{}

// DrawGlyph implements [draw.GlyphDrawer].
func (downTriangle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	p := vg.Path{}
	p.Move(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y + r*0.7})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r*0.7})
	p.Close()
	c.SetColor(sty.Color)
	c.Fill(p)
}

// LevelsOverTime plots the trace of one site-item from day from to day
// to: units on hand (solid) and backordered (dashed, the area under it
// shaded) as step lines (a level holds until the next change), the
// replenishment orders placed as triangles along the bottom and the
// receipts as triangles pointing down along the top. Over a long window,
// with more than [maxMarks] orders or receipts, each mark stands for the
// ones in a bin of days (see [markBins]), larger for more, and the legend
// says the bin width: the marks never merge into a bar.
func LevelsOverTime(tr *model.Trace, from, to float64) *plot.Plot {
	p, _ := levelsOverTime(tr, from, to)
	return p
}

// levelsOverTime is [LevelsOverTime], which also returns the points where
// it draws marks: the orders' then the receipts'.
func levelsOverTime(tr *model.Trace, from, to float64) (*plot.Plot, [2]plotter.XYs) {
	var drawn [2]plotter.XYs
	onHand, back := stepXYs(tr, from, to)
	p := newPlot(fmt.Sprintf("Levels of %s, days %s to %s", tr.SKU, strconv.FormatFloat(from, 'g', -1, 64), strconv.FormatFloat(to, 'g', -1, 64)),
		"time (days)", "units")
	top := 1.0
	for _, xy := range onHand {
		top = max(top, xy.Y)
	}
	for _, xy := range back {
		top = max(top, xy.Y)
	}
	lowY, highY := -0.06*top, 1.06*top
	if len(onHand) > 0 {
		oh := must(plotter.NewLine(onHand))
		oh.StepStyle = plotter.PostStep
		oh.LineStyle = draw.LineStyle{Color: onHandColor, Width: vg.Points(1.25)}
		bo := must(plotter.NewLine(back))
		bo.StepStyle = plotter.PostStep
		bo.LineStyle = draw.LineStyle{Color: backorderColor, Width: vg.Points(1.25), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
		area := must(plotter.NewPolygon(stepArea(back)))
		area.Color, area.LineStyle.Width = tint(backorderColor, 0x50), 0
		p.Add(area, oh, bo)
		p.Legend.Add("on hand", oh)
		p.Legend.Add("backorders", bo)
	}
	marks := func(k int, ms []model.Mark, y float64, c color.Color, shape draw.GlyphDrawer, name string) {
		xys, width := markBins(ms, from, to, maxMarks)
		if len(xys) == 0 {
			return
		}
		most := 0.0
		pts := make(plotter.XYs, len(xys))
		for i, xy := range xys {
			pts[i] = plotter.XY{X: xy.X, Y: y}
			most = max(most, xy.Y)
		}
		drawn[k] = pts
		sc := must(plotter.NewScatter(pts))
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: maxMarkRadius, Shape: shape}
		if width > 0 {
			sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
				return draw.GlyphStyle{Color: c, Radius: markRadius(xys[i].Y, most), Shape: shape}
			}
			name += fmt.Sprintf(" (one mark per %s days, larger for more: up to %d)", strconv.FormatFloat(width, 'g', -1, 64), int(most))
		}
		p.Add(sc)
		p.Legend.Add(name, sc)
	}
	marks(0, tr.Orders, lowY, orderColor, draw.PyramidGlyph{}, "order placed")
	marks(1, tr.Receipts, highY, receiptColor, downTriangle{}, "receipt")
	p.X.Min, p.X.Max = from, to
	p.Y.Min, p.Y.Max = -0.12*top, 1.35*top // room for the marks and the legend
	p.Y.Tick.Marker = countTicks{}
	return p, drawn
}

// histogramBins returns the bins of a [WaitHistogram]:
// from 0 to the largest wait in bins of a "nice" width (1, 2 or 5 × a
// power of ten) chosen so there are at most maxBins of them, each
// counting the waits in [Min, Max) (the last one also its Max). The waits
// come from a [model.WaitHist], whose buckets each place their waits at
// one value within 1% of each of them, so a wait within 1% of a bin's
// edge may be counted in its neighbour. No bins for no waits; one bin
// [0, 1) when every wait is 0.
func histogramBins(waits *model.WaitHist, maxBins int) []plotter.HistogramBin {
	if waits.Count() == 0 {
		return nil
	}
	hi := waits.Max()
	width := 1.0
	if hi > 0 {
		width = niceStep(hi / float64(maxBins))
	}
	n := max(1, int(math.Ceil(hi/width))) // hi on an edge joins the last bin
	bins := make([]plotter.HistogramBin, n)
	for i := range bins {
		bins[i] = plotter.HistogramBin{Min: float64(i) * width, Max: float64(i+1) * width}
	}
	fillBins(bins, width, waits)
	return bins
}

// fillBins adds the waits of h to bins, of the given width from 0.
func fillBins(bins []plotter.HistogramBin, width float64, h *model.WaitHist) {
	h.Buckets(func(w float64, count int64) {
		i := min(len(bins)-1, max(0, int(math.Floor(w/width))))
		bins[i].Weight += float64(count)
	})
}

// niceStep returns the smallest of 1, 2 and 5 times a power of ten that is
// at least x (> 0).
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// waitBins is the most bins of [WaitHistogram].
const waitBins = 30

// waitStats returns the mean (exact) and the 95th percentile (nearest
// rank within 1%, as the wait_p95 metric) of waits; NaN for none.
func waitStats(waits *model.WaitHist) (mean, p95 float64) {
	return waits.Mean(), waits.Quantile(0.95)
}

// WaitSeries is one distribution of a [WaitHistogram]: its name in the
// legend (a customer class, a run of a comparison) and its waits, in
// days.
type WaitSeries struct {
	Name  string
	Waits model.WaitHist
}

// seriesBins returns the bins of each of series for [WaitHistogram], all
// on the edges [histogramBins] gives every wait of every series together,
// so that they can be drawn over one another; nil for no waits at all.
func seriesBins(series []WaitSeries, maxBins int) [][]plotter.HistogramBin {
	var all model.WaitHist
	for i := range series {
		all.Add(&series[i].Waits)
	}
	edges := histogramBins(&all, maxBins)
	if len(edges) == 0 {
		return nil
	}
	width := edges[0].Max - edges[0].Min
	out := make([][]plotter.HistogramBin, len(series))
	for j := range series {
		bins := slices.Clone(edges)
		for i := range bins {
			bins[i].Weight = 0
		}
		fillBins(bins, width, &series[j].Waits)
		out[j] = bins
	}
	return out
}

// outlineXYs returns the outline of a histogram of bins as a line: up
// from 0 at the first bin's Min, along each bin's top (its weight ÷
// total: the share of the series in the bin), and down to 0 at the last
// bin's Max.
func outlineXYs(bins []plotter.HistogramBin, total float64) plotter.XYs {
	if len(bins) == 0 {
		return nil
	}
	out := plotter.XYs{{X: bins[0].Min, Y: 0}}
	for _, b := range bins {
		y := b.Weight / total
		out = append(out, plotter.XY{X: b.Min, Y: y}, plotter.XY{X: b.Max, Y: y})
	}
	return append(out, plotter.XY{X: bins[len(bins)-1].Max, Y: 0})
}

// waitStyle returns the start of the title, the x axis label and the
// fill of a [WaitHistogram] of backorder waits, or of drop-ship delivery
// times.
func waitStyle(dropShip bool) (title, xlabel string, fill color.Color) {
	if dropShip {
		return "Drop-ship delivery times: ", "delivery time of a drop-ship order, from order to delivery (days)", dropShipColor
	}
	return "Customer waiting times (backorders): ", "wait of a backordered order, from order to last unit shipped (days)", waitColor
}

// WaitHistogram plots the distribution of customer waiting times, in
// days, of name (a site-item, or a run): the waits of backordered
// customer orders, or, with dropShip, the delivery times of a drop-ship
// site-item's orders, which are every order's time from order to
// delivery and not a shortage; the title, the axis and the colour say
// which, so the two are never read as one.
//
// One series (such as [model.Counters.Waits] over the replications) is a
// histogram of the number of orders by wait (see [histogramBins]), with
// the mean (solid) and the 95th percentile (dashed) marked by vertical
// lines, their values in the legend. Several series (the customer
// classes of a site-item, or the runs of a comparison) share the bins
// and are drawn as outlines, series i in [VariantColor](i), each as the
// share of its own orders, so that classes or runs of different sizes
// compare; the legend gives each one's orders, mean and 95th percentile.
func WaitHistogram(name string, dropShip bool, series []WaitSeries) *plot.Plot {
	title, xlabel, c := waitStyle(dropShip)
	p := newPlot(title+name, xlabel, "customer orders")
	bins := seriesBins(series, waitBins)
	if len(bins) == 0 {
		p.Title.Text += " (none)"
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		return p
	}
	last := bins[0][len(bins[0])-1].Max
	p.X.Min, p.X.Max = 0, last
	if len(series) > 1 {
		p.Y.Label.Text = "share of the series' orders"
		top := 0.0
		for j, s := range series {
			if s.Waits.Count() == 0 {
				p.Legend.Add(s.Name+": none", swatch{fill: color.Transparent})
				continue
			}
			xys := outlineXYs(bins[j], float64(s.Waits.Count()))
			for _, xy := range xys {
				top = max(top, xy.Y)
			}
			l := must(plotter.NewLine(xys))
			// later series thinner, so that one drawn over an equal one
			// leaves it showing
			l.LineStyle = draw.LineStyle{Color: VariantColor(j), Width: vg.Points(max(1, 3-0.5*float64(j)))}
			p.Add(l)
			mean, p95 := waitStats(&s.Waits)
			p.Legend.Add(fmt.Sprintf("%s: %d orders, mean %s, 95th pct %s days", s.Name, s.Waits.Count(), formatDays(mean), formatDays(p95)), l)
		}
		p.Y.Min, p.Y.Max = 0, top*1.3
		return p
	}
	waits := &series[0].Waits
	h := &plotter.Histogram{Bins: bins[0], Width: bins[0][0].Max - bins[0][0].Min, FillColor: c,
		LineStyle: draw.LineStyle{Color: color.White, Width: vg.Points(0.75)}}
	p.Add(h)
	top := 0.0
	for _, b := range bins[0] {
		top = max(top, b.Weight)
	}
	p.Y.Min, p.Y.Max = 0, top*1.25
	p.Y.Tick.Marker = countTicks{}
	mean, p95 := waitStats(waits)
	vline := func(x float64, dashes []vg.Length, name string) {
		l := must(plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top * 1.05}}))
		l.LineStyle = draw.LineStyle{Color: inkColor, Width: vg.Points(1.5), Dashes: dashes}
		p.Add(l)
		p.Legend.Add(name, l)
	}
	p.Legend.Add(fmt.Sprintf("%d customer orders", waits.Count()), swatch{fill: c})
	vline(mean, nil, "mean "+formatDays(mean)+" days")
	vline(p95, []vg.Length{vg.Points(5), vg.Points(3)}, "95th percentile "+formatDays(p95)+" days")
	return p
}

// formatDays formats a time in days to 3 significant digits.
func formatDays(d float64) string {
	return strconv.FormatFloat(d, 'f', significant(d, 3, 4), 64)
}

// EncodePlot renders p at [PlotWidth] × [PlotHeight] as "png" (at
// [PlotDPI]) or "svg" (fonts referenced by name, not embedded).
func EncodePlot(p *plot.Plot, format string) ([]byte, error) {
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(PlotWidth, PlotHeight), vgimg.UseDPI(PlotDPI))}
	case "svg":
		c = vgsvg.New(PlotWidth, PlotHeight)
	default:
		return nil, fmt.Errorf("unknown plot format %q", format)
	}
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SavePlot writes p to dir as base.png ([PlotDPI] dots per inch) and
// base.svg, each [PlotWidth] × [PlotHeight]; the SVG names its fonts
// (Liberation Sans) rather than embedding them, and viewers without them
// substitute a sans serif. Each file is written to a
// temporary file in dir and renamed into place, so a reader never sees a
// partial plot; the error of writing or closing it is returned.
func SavePlot(p *plot.Plot, dir, base string) error {
	for _, format := range []string{"png", "svg"} {
		b, err := EncodePlot(p, format)
		if err != nil {
			return fmt.Errorf("save plot %s: %w", base, err)
		}
		if err := writeFileAtomic(filepath.Join(dir, base+"."+format), b); err != nil {
			return fmt.Errorf("save plot: %w", err)
		}
	}
	return nil
}

// writeFileAtomic writes b to path through a temporary file in the same
// directory, renamed into place once closed.
func writeFileAtomic(path string, b []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
