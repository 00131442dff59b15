package output

import (
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
	"scsim/stats"
)

// The cost-vs-fill plot of a sweep: each point's total cost against its
// fill rate with both intervals, the efficient frontier, and labels
// placed where they overlap least.

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
// Cost is labelled per the time unit tu ("" for days).
func CostVsFill(points []SweepPoint, tu string) *plot.Plot {
	p, _ := costVsFill(points, tu)
	return p
}

// costVsFill is [CostVsFill], which also returns the points' labels (nil
// when no point has a defined fill rate and cost).
func costVsFill(points []SweepPoint, tu string) (*plot.Plot, *pointLabels) {
	p := newPlot("Cost against customer fill rate", "customer fill rate (share of units customers demanded filled at once from stock)", "total cost per "+TimeUnit(tu)+", network ("+UnitLabel("money/day", tu)+")")
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
