package output

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
)

// Levels over time: the traced on-hand and backorder steps of one
// site-item, with its orders and receipts binned into marks.

// Radii of the marks of [LevelsOverTime].
const (
	minMarkRadius = vg.Length(2)
	maxMarkRadius = vg.Length(4.5)
)

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
func LevelsOverTime(tr *model.Trace, from, to float64, tu string) *plot.Plot {
	p, _ := levelsOverTime(tr, from, to, tu)
	return p
}

// levelsOverTime is [LevelsOverTime], which also returns the points where
// it draws marks: the orders' then the receipts'.
func levelsOverTime(tr *model.Trace, from, to float64, tu string) (*plot.Plot, [2]plotter.XYs) {
	var drawn [2]plotter.XYs
	onHand, back := stepXYs(tr, from, to)
	p := newPlot(fmt.Sprintf("Levels of %s, %s %s to %s", tr.SKU, TimeUnits(tu), strconv.FormatFloat(from, 'g', -1, 64), strconv.FormatFloat(to, 'g', -1, 64)),
		"time ("+TimeUnits(tu)+")", "units")
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
			name += fmt.Sprintf(" (one mark per %s %s, larger for more: up to %d)", strconv.FormatFloat(width, 'g', -1, 64), TimeUnits(tu), int(most))
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
