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
// Plots of a single run (levels, waits, a sweep) draw in black and greys,
// so a colour always means a variant.
func VariantColor(i int) color.Color { return palette[i%len(palette)] }

// Neutral colours of the plots that show no variant.
var (
	inkColor   = color.RGBA{0x20, 0x20, 0x20, 0xFF}
	greyColor  = color.RGBA{0x80, 0x80, 0x80, 0xFF}
	lightColor = color.RGBA{0xC8, 0xC8, 0xC8, 0xFF}
	// backorderFill shades the area under the backorder line, so that a
	// few units owed show against the zero line.
	backorderFill = color.NRGBA{0x80, 0x80, 0x80, 0x50}
)

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
func runNames(cmp *model.Comparison) []string {
	names := []string{BaseName}
	for _, v := range cmp.Variants {
		names = append(names, v.Name)
	}
	return names
}

// runTotals returns the total estimates of the runs of cmp, base first.
func runTotals(cmp *model.Comparison) []*[model.NumMetrics]model.Estimate {
	out := []*[model.NumMetrics]model.Estimate{&cmp.Base.Total}
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
	Values []*[model.NumMetrics]model.Estimate
	// Diffs, for the variants of a comparison, holds the paired
	// differences of bar i ≥ 1 from bar 0 in Diffs[i-1]; nil otherwise.
	Diffs []*[model.NumMetrics]model.Diff
	// Colors colours each bar in its [VariantColor]; otherwise every bar
	// is in the base's colour (the bars of one run).
	Colors bool
}

// VariantBars returns a bar per run of cmp, base first, with its network
// totals and paired differences, each in its run's [VariantColor].
func VariantBars(cmp *model.Comparison) Bars {
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
func SiteItemBars(s *model.Summary) Bars {
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
func interval(e model.Estimate) (lo, hi float64) {
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
func formatCell(unit string, e model.Estimate) string {
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

// costShades fills the parts of [CostBreakdown], one grey per part from
// dark to light, so that colour stays the mark of a variant.
var costShades = [len(costParts)]color.Gray{{0x3A}, {0x6E}, {0x98}, {0xBE}, {0xE2}}

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
// part (holding, ordering, backorder, lost sales, transport; greys from
// dark at the bottom to light at the top), each stack outlined in its
// bar's colour, with whiskers over the 95% confidence interval of the
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
			bar.Color = costShades[j]
			bar.LineStyle = draw.LineStyle{Color: b.color(i), Width: vg.Points(1.5)}
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
		p.Legend.Add(model.Metrics[costParts[j]].Name, swatch{fill: costShades[j], outline: draw.LineStyle{Color: greyColor, Width: vg.Points(0.5)}})
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
	Fill, Cost model.Estimate
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

// CostVsFill plots a sweep: each point's mean total cost per day against
// its mean fill rate, with grey whiskers over both 95% intervals and its
// label. The efficient frontier (see [frontier]) is joined by a line and
// drawn as filled circles; dominated points are open circles. Points with
// an undefined fill rate or cost are left out.
func CostVsFill(points []SweepPoint) *plot.Plot {
	p := newPlot("Cost against fill rate", "fill rate (share of units demanded at once from stock)", "total cost (money/day)")
	// the frontier rises to the right, so labels go above left
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
		return p
	}
	grey := draw.LineStyle{Color: greyColor, Width: vg.Points(1)}
	xb := must(plotter.NewXErrorBars(xe))
	xb.LineStyle, xb.CapWidth = grey, vg.Points(6)
	yb := must(plotter.NewYErrorBars(ye))
	yb.LineStyle, yb.CapWidth = grey, vg.Points(6)
	p.Add(xb, yb)
	line := must(plotter.NewLine(front))
	line.LineStyle = draw.LineStyle{Color: inkColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	sc := must(plotter.NewScatter(all))
	sc.GlyphStyle = draw.GlyphStyle{Color: inkColor, Radius: vg.Points(4), Shape: draw.RingGlyph{}}
	fr := must(plotter.NewScatter(front))
	fr.GlyphStyle = draw.GlyphStyle{Color: inkColor, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
	p.Add(line, sc, fr, newLabels(all, texts, draw.XRight, vg.Point{X: -vg.Points(5), Y: vg.Points(5)}))
	p.Legend.Add("dominated setting", sc)
	p.Legend.Add("efficient frontier", line, fr)
	p.Legend.Add("95% confidence intervals", whisker{yb.LineStyle})
	padRange(&p.X, 0.08)
	padRange(&p.Y, 0.12)
	top, left := emptiestCorner(all, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	legendAt(p, top, left)
	return p
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

// markXs returns the times of the marks in [from, to].
func markXs(marks []model.Mark, from, to float64) []float64 {
	var xs []float64
	for _, m := range marks {
		if m.T >= from && m.T <= to {
			xs = append(xs, m.T)
		}
	}
	return xs
}

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
// to: units on hand (black) and backordered (grey, dashed) as step lines
// (a level holds until the next change), the days replenishment orders
// were placed as triangles along the bottom and the receipts as
// triangles pointing down along the top.
func LevelsOverTime(tr *model.Trace, from, to float64) *plot.Plot {
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
		oh.LineStyle = draw.LineStyle{Color: inkColor, Width: vg.Points(1.5)}
		bo := must(plotter.NewLine(back))
		bo.StepStyle = plotter.PostStep
		bo.LineStyle = draw.LineStyle{Color: greyColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
		area := must(plotter.NewPolygon(stepArea(back)))
		area.Color, area.LineStyle.Width = backorderFill, 0
		p.Add(area, oh, bo)
		p.Legend.Add("on hand", oh)
		p.Legend.Add("backorders", bo)
	}
	marks := func(xs []float64, y float64, shape draw.GlyphDrawer, name string) {
		if len(xs) == 0 {
			return
		}
		pts := make(plotter.XYs, len(xs))
		for i, x := range xs {
			pts[i] = plotter.XY{X: x, Y: y}
		}
		sc := must(plotter.NewScatter(pts))
		sc.GlyphStyle = draw.GlyphStyle{Color: inkColor, Radius: vg.Points(4), Shape: shape}
		p.Add(sc)
		p.Legend.Add(name, sc)
	}
	marks(markXs(tr.Orders, from, to), lowY, draw.PyramidGlyph{}, "order placed")
	marks(markXs(tr.Receipts, from, to), highY, downTriangle{}, "receipt")
	p.X.Min, p.X.Max = from, to
	p.Y.Min, p.Y.Max = -0.12*top, 1.35*top // room for the marks and the legend
	p.Y.Tick.Marker = countTicks{}
	return p
}

// histogramBins returns the bins of [WaitHistogram]:
// from 0 to the largest wait in bins of a "nice" width (1, 2 or 5 × a
// power of ten) chosen so there are at most maxBins of them, each
// counting the waits in [Min, Max) (the last one also its Max). Negative
// waits, which cannot happen, are counted in the first bin. No bins for
// no waits; one bin [0, 1) when every wait is 0.
func histogramBins(waits []float64, maxBins int) []plotter.HistogramBin {
	if len(waits) == 0 {
		return nil
	}
	hi := slices.Max(waits)
	width := 1.0
	if hi > 0 {
		width = niceStep(hi / float64(maxBins))
	}
	n := max(1, int(math.Ceil(hi/width))) // hi on an edge joins the last bin
	bins := make([]plotter.HistogramBin, n)
	for i := range bins {
		bins[i] = plotter.HistogramBin{Min: float64(i) * width, Max: float64(i+1) * width}
	}
	for _, w := range waits {
		i := min(n-1, max(0, int(math.Floor(w/width))))
		bins[i].Weight++
	}
	return bins
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

// waitStats returns the mean and the 95th percentile (nearest rank, as
// the wait_p95 metric) of waits; NaN for none.
func waitStats(waits []float64) (mean, p95 float64) {
	if len(waits) == 0 {
		return math.NaN(), math.NaN()
	}
	var sum float64
	for _, w := range waits {
		sum += w
	}
	s := slices.Sorted(slices.Values(waits))
	i := max(0, min(len(s)-1, int(math.Ceil(0.95*float64(len(s))))-1))
	return sum / float64(len(s)), s[i]
}

// WaitHistogram plots the distribution of customer waiting times in days
// (such as [model.Counters.Waits] of one replication) of name: a
// histogram of the number of customer orders by wait (see
// [histogramBins]), with the mean (solid) and the 95th percentile
// (dashed) marked by vertical lines, their values in the legend.
func WaitHistogram(waits []float64, name string) *plot.Plot {
	p := newPlot("Customer waiting times: "+name, "wait from order to last unit shipped (days)", "customer orders")
	bins := histogramBins(waits, waitBins)
	if len(bins) == 0 {
		p.Title.Text += " (no waits)"
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		return p
	}
	h := &plotter.Histogram{Bins: bins, Width: bins[0].Max - bins[0].Min, FillColor: lightColor,
		LineStyle: draw.LineStyle{Color: greyColor, Width: vg.Points(0.5)}}
	p.Add(h)
	top := 0.0
	for _, b := range bins {
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
	p.Legend.Add(fmt.Sprintf("%d customer orders", len(waits)), swatch{fill: lightColor, outline: draw.LineStyle{Color: greyColor, Width: vg.Points(0.5)}})
	vline(mean, nil, "mean "+formatDays(mean)+" days")
	vline(p95, []vg.Length{vg.Points(5), vg.Points(3)}, "95th percentile "+formatDays(p95)+" days")
	p.X.Min, p.X.Max = 0, bins[len(bins)-1].Max
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
