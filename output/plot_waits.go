package output

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
)

// Wait histograms: the waits of backordered orders (or drop-ship delivery
// times) of one or more series, binned alike, with their mean and p95.

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
func waitStyle(dropShip bool, tu string) (title, xlabel string, fill color.Color) {
	if dropShip {
		return "Drop-ship delivery times: ", "delivery time of a drop-ship order, from order to delivery (" + TimeUnits(tu) + ")", dropShipColor
	}
	return "Customer waiting times (backorders): ", "wait of a backordered order, from order to last unit shipped (" + TimeUnits(tu) + ")", waitColor
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
func WaitHistogram(name string, dropShip bool, series []WaitSeries, tu string) *plot.Plot {
	title, xlabel, c := waitStyle(dropShip, tu)
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
			p.Legend.Add(fmt.Sprintf("%s: %s, mean %s, 95th pct %s %s", s.Name, plural(int(s.Waits.Count()), "order", "orders"), formatDays(mean), formatDays(p95), TimeUnits(tu)), l)
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
	vline(mean, nil, "mean "+formatDays(mean)+" "+TimeUnits(tu))
	vline(p95, []vg.Length{vg.Points(5), vg.Points(3)}, "95th percentile "+formatDays(p95)+" "+TimeUnits(tu))
	return p
}

// formatDays formats a time in days to 3 significant digits.
func formatDays(d float64) string {
	return strconv.FormatFloat(d, 'f', significant(d, 3, 4), 64)
}
