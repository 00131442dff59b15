package output

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"scsim/stats"
)

// This file holds what every plot shares: the size and resolution, the
// palette and the colour of each series, fonts, the construction of a
// plot and its legend, error bars, labels, ticks and the encoding to PNG
// and SVG. Each plot kind has a file of its own: plot_bars.go (bar
// charts and cost breakdowns), plot_costfill.go (cost against fill rate),
// plot_levels.go (levels over time), plot_waits.go (wait histograms).

// Size of every plot encoded by [EncodePlot] and embedded by [WriteReport]:
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

// interval returns the 95% confidence interval of e, or [mean, mean]
// without a finite half-width; NaN bounds when the mean is undefined.
func interval(e stats.Estimate) (lo, hi float64) {
	if !finite(e.HalfWidth) {
		return e.Mean, e.Mean
	}
	return e.Mean - e.HalfWidth, e.Mean + e.HalfWidth
}

// formatCell formats e as a table cell, "mean ± hw".
func formatCell(unit string, e stats.Estimate) string {
	c := formatEstimate(unit, e)
	if c.hw == "" {
		return c.mean
	}
	return c.mean + " ± " + c.hw
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
