package output

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
	"scsim/stats"
)

// Bar charts of one metric across variants or site-items, and the cost
// breakdown: stacked cost parts with the total's interval.

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
	// TimeUnit labels times and rates: the scenario's time unit, "" for
	// days (see [UnitLabel]).
	TimeUnit string
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

// axisLabel returns "name (unit)" for metric i, in the time unit tu.
func axisLabel(i int, tu string) string {
	return model.Metrics[i].Name + " (" + UnitLabel(model.Metrics[i].Unit, tu) + ")"
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
	p := newPlot(b.title(capitalize(mt.Name)), xlabel, axisLabel(metric, b.TimeUnit))
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

// CostBreakdown plots, for each of b's bars (the variants of a
// comparison, or the site-items of a run), the cost per day stacked by
// part (holding, ordering, backorder, lost sales, transport, from the
// bottom up, each in its colour of [costColors]), with whiskers over the 95% confidence interval of the
// total cost and its value above. The legend stands to the right of the
// bars.
func CostBreakdown(b Bars) *plot.Plot {
	parts, totals, lows, highs := costData(&b)
	labels := b.Labels
	p := newPlot(b.title("Cost per "+TimeUnit(b.TimeUnit)), b.By, "cost ("+UnitLabel("money/day", b.TimeUnit)+")")
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
