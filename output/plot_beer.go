package output

import (
	"fmt"
	"math"
	"scsim/stats"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"scsim/model"
)

// Plots of a serial supply chain, the Beer Game's: every stage's orders
// and net inventory over time, and the bullwhip ratio by stage.

// SerialChain returns the site-items of s (indices into s.SKUs) stage by
// stage, echelon 1 (the one serving customers) first, when s is a serial
// chain like the Beer Game's: at least [MinChainStages] echelons, each of
// one site-item. Otherwise nil.
func SerialChain(s *stats.Summary) []int {
	if len(s.Echelons) < MinChainStages {
		return nil
	}
	index := map[string]int{}
	for i := range s.SKUs {
		index[s.SKUs[i].Site+"/"+s.SKUs[i].Item] = i
	}
	var out []int
	for _, g := range s.Echelons {
		if len(g.Members) != 1 {
			return nil
		}
		i, ok := index[g.Members[0]]
		if !ok {
			return nil
		}
		out = append(out, i)
	}
	return out
}

// MinChainStages is the fewest stages of a serial chain that
// [SerialChain] reports: a store and its DC alone are not plotted as one.
const MinChainStages = 3

// ChainStage is one stage of a serial chain over one replication: its
// name and its [model.Trace].
type ChainStage struct {
	Name  string
	Trace *model.Trace
}

// chainXYs returns the orders of tr placed in each period of length
// period from from (X the period's start, Y the units ordered in it, 0
// when none) and its net inventory (on hand − backorders) as a post-step
// series, both over [from, to).
func chainXYs(tr *model.Trace, period, from, to float64) (orders, net plotter.XYs) {
	n := int(math.Ceil((to - from) / period))
	orders = make(plotter.XYs, n)
	for k := range orders {
		orders[k].X = from + float64(k)*period
	}
	for _, m := range tr.Orders {
		if m.T < from || m.T >= to {
			continue
		}
		if k := int((m.T - from) / period); k < n {
			orders[k].Y += float64(m.Qty)
		}
	}
	onHand, back := stepXYs(tr, from, to)
	net = make(plotter.XYs, len(onHand))
	for i := range onHand {
		net[i] = plotter.XY{X: onHand[i].X, Y: onHand[i].Y - back[i].Y}
	}
	return orders, net
}

// ChainOverTime plots every stage of a serial chain over [from, to): its
// net inventory (on hand − backorders; below 0, backorders) as a solid
// step line and the units it orders each period (of length period) as a
// dashed line with a dot per period, one colour per stage. The waves that
// grow from stage to stage are the bullwhip effect. Time is labelled in
// the time unit tu ("" for days).
func ChainOverTime(stages []ChainStage, period, from, to float64, title, tu string) *plot.Plot {
	p := newPlot(title, "time ("+TimeUnits(tu)+")", "units")
	var all plotter.XYs
	zero := must(plotter.NewLine(plotter.XYs{{X: from, Y: 0}, {X: to, Y: 0}}))
	zero.LineStyle = draw.LineStyle{Color: greyColor, Width: vg.Points(0.75)}
	p.Add(zero)
	for i, st := range stages {
		c := palette[i%len(palette)]
		orders, net := chainXYs(st.Trace, period, from, to)
		all = append(append(all, orders...), net...)
		if len(net) > 0 {
			nl := must(plotter.NewLine(net))
			nl.StepStyle = plotter.PostStep
			nl.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.75)}
			p.Add(nl)
			p.Legend.Add(st.Name+" net inventory", nl)
		}
		if len(orders) > 0 {
			ol, pts := must2(plotter.NewLinePoints(orders))
			ol.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
			pts.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(1.75), Shape: draw.CircleGlyph{}}
			p.Add(ol, pts)
			p.Legend.Add(st.Name+" orders", ol, pts)
		}
	}
	p.X.Min, p.X.Max = from, to
	lo, hi := 0.0, 1.0
	for _, xy := range all {
		lo, hi = min(lo, xy.Y), max(hi, xy.Y)
	}
	// room above the lines for the legend, in the emptiest corner
	p.Y.Min, p.Y.Max = lo-0.05*(hi-lo), hi+0.5*(hi-lo)
	top, left := emptiestCorner(all, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	legendAt(p, top, left)
	p.Y.Tick.Marker = stepTicks{}
	return p
}

// stepTicks labels an axis every 1, 2 or 5 × 10^k units, the smallest
// step that gives at most 8 labels, negative values included.
type stepTicks struct{}

// Ticks implements [plot.Ticker].
func (stepTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return nil
	}
	step := 1.0
	for mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/8))); ; mag *= 10 {
		if step = mag; (hi-lo)/step <= 8 {
			break
		}
		if step = 2 * mag; (hi-lo)/step <= 8 {
			break
		}
		if step = 5 * mag; (hi-lo)/step <= 8 {
			break
		}
	}
	// each tick a whole multiple of step (no drift from adding steps),
	// labelled with the step's decimals, and 0 never as "-0"
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // not -0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ticks
}

// must2 is must for a constructor of two values.
func must2[T, U any](a T, b U, err error) (T, U) {
	if err != nil {
		panic("output: " + err.Error())
	}
	return a, b
}

// EchelonBullwhip returns the mean bullwhip ratio of every echelon (the
// stages of a serial chain) in every run of cmp, base first:
// [run][echelon], NaN where undefined.
func EchelonBullwhip(cmp *stats.Comparison) [][]float64 {
	row := func(s *stats.Summary) []float64 {
		v := make([]float64, len(s.Echelons))
		for e := range s.Echelons {
			v[e] = s.Echelons[e].Metrics[model.MBullwhip].Mean
		}
		return v
	}
	out := [][]float64{row(cmp.Base)}
	for _, vc := range cmp.Variants {
		out = append(out, row(vc.Summary))
	}
	return out
}

// Amplification returns, for every echelon of one run's results, the
// variance of the units it orders per day divided by the variance of
// the units demanded per day of echelon 1 (the end customers' demand in a
// serial chain), averaged over the replications where both are defined:
// the bullwhip ratio measured from the customers, which grows stage by
// stage when every stage amplifies. NaN where undefined.
func Amplification(results []*model.Result) []float64 {
	if len(results) == 0 {
		return nil
	}
	out := make([]float64, len(results[0].Echelons))
	for e := range out {
		sum, n := 0.0, 0
		for _, res := range results {
			vd := dailyVariance(res.Echelons[0].Daily.Days, res.Echelons[0].Daily.DemandSum, res.Echelons[0].Daily.DemandSumSq)
			d := &res.Echelons[e].Daily
			vo := dailyVariance(d.Days, d.OrderSum, d.OrderSumSq)
			if vd > 0 && !math.IsNaN(vo) {
				sum += vo / vd
				n++
			}
		}
		out[e] = math.NaN()
		if n > 0 {
			out[e] = sum / float64(n)
		}
	}
	return out
}

// dailyVariance is the sample variance of days values of sum s and sum
// of squares ss, as [model.DailyStats.Bullwhip] works it out; NaN for
// fewer than two days.
func dailyVariance(days int64, s, ss float64) float64 {
	if days < 2 {
		return math.NaN()
	}
	n := float64(days)
	return max(0, (ss-s*s/n)/(n-1))
}

// StageBars plots values[run][stage] as bars grouped by stage, one bar
// per run in its [VariantColor] with its value written above, and a grey
// line at 1 (no amplification). Undefined values are left out.
func StageBars(title, ylabel string, stages, runs []string, values [][]float64) *plot.Plot {
	p := newPlot(title, "stage (echelon 1 serves the customers)", ylabel)
	p.NominalX(stages...)
	nr := len(runs)
	// a group takes about 70% of a stage's slot of the data area
	slot := 520 / (float64(len(stages)) + 0.2)
	w := vg.Points(min(barWidth, 0.7*slot/float64(max(nr, 1))))
	top := 1.0
	for r, name := range runs {
		vals := make(plotter.Values, len(stages))
		var at plotter.XYs
		var texts []string
		for s := range stages {
			if v := values[r][s]; !math.IsNaN(v) {
				vals[s] = v
				top = max(top, v)
				at, texts = append(at, plotter.XY{X: float64(s), Y: v}), append(texts, strconv.FormatFloat(v, 'f', 1, 64))
			}
		}
		bar := must(plotter.NewBarChart(vals, w))
		bar.Color = VariantColor(r)
		bar.LineStyle.Width = 0
		bar.Offset = vg.Length(float64(r)-float64(nr-1)/2) * w
		p.Add(bar)
		p.Legend.Add(name, bar)
		if len(at) > 0 {
			p.Add(newLabels(at, texts, draw.XCenter, vg.Point{X: bar.Offset, Y: vg.Points(4)}))
		}
	}
	one := must(plotter.NewLine(plotter.XYs{{X: -0.6, Y: 1}, {X: float64(len(stages)) - 0.4, Y: 1}}))
	one.LineStyle = draw.LineStyle{Color: greyColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	p.Add(one)
	p.X.Min, p.X.Max = -0.6, float64(len(stages))-0.4
	p.Y.Min, p.Y.Max = 0, top*1.25
	return p
}

// StageName returns the name of stage e (0-based) of a serial chain for
// plots: its site-item's site.
func StageName(s *stats.Summary, sku int) string { return s.SKUs[sku].Site }

// ChainTitle returns the title of [ChainOverTime] for run name.
func ChainTitle(name string, from, to float64, tu string) string {
	return fmt.Sprintf("Orders and net inventory by stage (%s), %s %s to %s", name, TimeUnits(tu),
		strconv.FormatFloat(from, 'g', -1, 64), strconv.FormatFloat(to, 'g', -1, 64))
}
