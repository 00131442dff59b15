package output

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"scsim/model"
	"scsim/stats"
)

var plotsDir = flag.String("plots", "", "also write the example plots and report to this directory (e.g. /tmp/scsim-plots)")

// storePolicies are the base and variants of mustComparison, by name.
var storePolicies = []struct {
	name   string
	policy model.Policy
}{
	{BaseName, &model.RQ{R: 36, Q: 40}},
	{"sS-weekly", &model.SS{Small: 60, Big: 120, Period: 7}},
	{"base-stock-daily", &model.BaseStock{S: 48, Period: 1}},
}

// mustStoreNet returns the one-site-item store of mustOneSKUNet with
// policy pol and a horizon of 1000 days.
func mustStoreNet(tb testing.TB, pol model.Policy) *model.Network {
	tb.Helper()
	net := mustOneSKUNet(tb)
	net.Horizon = 1000
	net.Sites[0].Stocks[0].Policy = pol
	return net
}

// storeRunTheory returns the exact theory of each run of storePolicies, by
// run name, as a comparison's meta holds them.
func storeRunTheory(tb testing.TB) map[string][]model.Theory {
	tb.Helper()
	out := map[string][]model.Theory{}
	for _, sp := range storePolicies {
		out[sp.name] = mustStoreNet(tb, sp.policy).Theories()
	}
	return out
}

// mustComparison runs the store under its (r, Q) base policy and the two
// variants of storePolicies, 10 replications each with seed 1 (common
// random numbers: the same demand in every run), and compares them.
func mustComparison(tb testing.TB) (*stats.Comparison, []*model.Result) {
	tb.Helper()
	var sums []*stats.Summary
	var names []string
	var baseRes []*model.Result
	for i, sp := range storePolicies {
		net := mustStoreNet(tb, sp.policy)
		res := model.RunAll(net, 1, 10, 0)
		if i == 0 {
			baseRes = res
		}
		sums = append(sums, stats.Summarize(net, 1, res))
		names = append(names, sp.name)
	}
	return stats.Compare(sums[0], names[1:], sums[1:]), baseRes
}

// mustSweep runs the store's (r, Q) policy with Q = 40 and reorder points
// 24 to 48 in steps of 6, 10 replications each.
func mustSweep(tb testing.TB) []SweepPoint {
	tb.Helper()
	var pts []SweepPoint
	for r := int64(24); r <= 48; r += 6 {
		net := mustStoreNet(tb, &model.RQ{R: r, Q: 40})
		s := stats.Summarize(net, 1, model.RunAll(net, 1, 10, 0))
		pts = append(pts, SweepPoint{Label: fmt.Sprintf("r=%d", r), Fill: s.Total[model.MFillRate], Cost: s.Total[model.MTotalCost]})
	}
	return pts
}

// examplePlots returns the five plots of the store example with file
// names, titles and captions.
func examplePlots(tb testing.TB) ([]NamedPlot, []string, *stats.Comparison) {
	tb.Helper()
	cmp, res := mustComparison(tb)
	_, tr := model.RunTraced(mustStoreNet(tb, storePolicies[1].policy), 1, 0, 0)
	plots := []NamedPlot{
		{Title: "Fill rate", Caption: "Unit fill rate of each policy, network total, with 95% confidence intervals over 10 replications.", P: BarChart(VariantBars(cmp), model.MFillRate)},
		{Title: "Cost breakdown", Caption: "Cost per day by part; whiskers: 95% interval of the total.", P: CostBreakdown(VariantBars(cmp))},
		{Title: "Cost against fill rate", Caption: "(r, Q = 40) store, reorder points 24 to 48.", P: CostVsFill(mustSweep(tb), "")},
		{Title: "Levels over time", Caption: "Replication 0 of the sS-weekly variant, days 100 to 200.", P: LevelsOverTime(tr, 100, 200, "")},
		{Title: "Waiting times", Caption: "Waits of backordered customer orders, replication 0 of the base.", P: WaitHistogram("base, store/widget", false, []WaitSeries{{"base", res[0].SKUs[0].Waits}}, "")},
		{Title: "Waiting times by class", Caption: "Two made-up classes of customers.", P: WaitHistogram("store/widget", false, []WaitSeries{{"gold", hist(0.5, 1, 1.5, 1, 2)}, {"walk-in", hist(1, 2, 3, 4, 2.5, 3.5, 6, 2)}}, "")},
		{Title: "Drop-ship delivery times", Caption: "Every order of a drop-ship site-item.", P: WaitHistogram("web/widget", true, []WaitSeries{{"base", hist(3, 3.5, 4, 4, 5, 3.2, 6)}}, "")},
	}
	files := []string{"fill-rate", "cost-breakdown", "cost-vs-fill", "levels", "waits", "waits-classes", "waits-dropship"}
	return plots, files, cmp
}

// TestPlotsRender encodes every plot of the example as PNG and SVG and
// checks the files; with -plots DIR it also writes them there for a
// person to look at.
func TestPlotsRender(t *testing.T) {
	plots, files, _ := examplePlots(t)
	dir := t.TempDir()
	if *plotsDir != "" {
		if err := os.MkdirAll(*plotsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		dir = *plotsDir
	}
	for i, np := range plots {
		t.Run(files[i], func(t *testing.T) {
			savePlot(t, np.P, dir, files[i])
			checkPNG(t, filepath.Join(dir, files[i]+".png"))
			svg, err := os.ReadFile(filepath.Join(dir, files[i]+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte(np.P.Title.Text)) {
				t.Errorf("%s.svg has no <svg> element or lacks the title %q", files[i], np.P.Title.Text)
			}
		})
	}
}

// savePlot writes p to dir as base.png and base.svg, as the command's
// --out does with [EncodePlot].
func savePlot(tb testing.TB, p *plot.Plot, dir, base string) {
	tb.Helper()
	for _, format := range []string{"png", "svg"} {
		b, err := EncodePlot(p, format)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, base+"."+format), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkPNG checks that path is a PNG of PlotWidth × PlotHeight at PlotDPI.
func checkPNG(tb testing.TB, path string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	w, h := int(PlotWidth/vg.Inch*PlotDPI), int(PlotHeight/vg.Inch*PlotDPI)
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		tb.Errorf("%s is %d×%d pixels, want %d×%d", path, b.Dx(), b.Dy(), w, h)
	}
}

// handComparison returns a comparison of made-up totals: fill rates
// 0.9 ± 0.01 (base), 0.95 ± 0.02 (significant gain, variant "a") and
// undefined (variant "b"); total costs 10, 12 and 9 with no half-width
// for the last (one replication); and cost parts that add up.
func handComparison() *stats.Comparison {
	mk := func(fill, fillHW, cost, costHW float64, n int, parts [5]float64) *stats.Summary {
		s := &stats.Summary{Scenario: "hand", Replications: 5}
		for i := range s.Total {
			s.Total[i] = stats.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
		}
		s.Total[model.MFillRate] = stats.Estimate{Mean: fill, HalfWidth: fillHW, N: n}
		s.Total[model.MTotalCost] = stats.Estimate{Mean: cost, HalfWidth: costHW, N: n}
		for j, m := range costParts {
			s.Total[m] = stats.Estimate{Mean: parts[j], HalfWidth: 0.1, N: n}
		}
		return s
	}
	base := mk(0.9, 0.01, 10, 1, 5, [5]float64{4, 3, 2, 0, 1})
	a := mk(0.95, 0.02, 12, 1.5, 5, [5]float64{6, 3, 1, 0, 2})
	b := mk(math.NaN(), math.NaN(), 9, math.NaN(), 1, [5]float64{5, 4, math.NaN(), 0, 0})
	cmp := &stats.Comparison{Base: base, Variants: []stats.VariantComparison{{Name: "a", Summary: a}, {Name: "b", Summary: b}}}
	cmp.Variants[0].Total[model.MFillRate] = stats.Diff{Mean: 0.05, HalfWidth: 0.01, N: 5, Significant: true}
	return cmp
}

func TestBarData(t *testing.T) {
	nan := math.NaN()
	b, bh, a, ah := 0.9, 0.01, 0.95, 0.02 // handComparison's fill rates
	cmp := handComparison()
	tests := []struct {
		name                string
		metric              int
		values, lows, highs []float64
	}{
		// mean ∓ half-width in float64 arithmetic, as barData computes them
		{"fill rate", model.MFillRate, []float64{b, a, nan}, []float64{b - bh, a - ah, nan}, []float64{b + bh, a + ah, nan}},
		{"total cost", model.MTotalCost, []float64{10, 12, 9}, []float64{9, 10.5, 9}, []float64{11, 13.5, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := VariantBars(cmp)
			values, lows, highs := barData(&b, tt.metric)
			labels := b.Labels
			for _, c := range []struct {
				what      string
				got, want []float64
			}{{"values", values, tt.values}, {"lows", lows, tt.lows}, {"highs", highs, tt.highs}} {
				if !sameFloats(c.got, c.want) {
					t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
				}
			}
			if want := []string{"base", "a", "b"}; !reflect.DeepEqual(labels, want) {
				t.Errorf("labels = %q, want %q", labels, want)
			}
		})
	}
}

// sameFloats reports whether a and b hold the same values, NaN equal to
// NaN.
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestCostData(t *testing.T) {
	b := VariantBars(handComparison())
	parts, totals, lows, highs := costData(&b)
	want := [5][]float64{{4, 6, 5}, {3, 3, 4}, {2, 1, 0}, {0, 0, 0}, {1, 2, 0}}
	if !reflect.DeepEqual(parts, want) {
		t.Errorf("parts = %v, want %v (NaN as 0)", parts, want)
	}
	for _, c := range []struct {
		what      string
		got, want []float64
	}{{"totals", totals, []float64{10, 12, 9}}, {"lows", lows, []float64{9, 10.5, 9}}, {"highs", highs, []float64{11, 13.5, 9}}} {
		if !sameFloats(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestFrontier(t *testing.T) {
	pt := func(fill, cost float64) SweepPoint {
		return SweepPoint{Fill: stats.Estimate{Mean: fill}, Cost: stats.Estimate{Mean: cost}}
	}
	tests := []struct {
		name   string
		points []SweepPoint
		want   []int
	}{
		{"none", nil, nil},
		{"one", []SweepPoint{pt(0.9, 10)}, []int{0}},
		{"trade-off, sorted by fill", []SweepPoint{pt(0.99, 20), pt(0.8, 5), pt(0.9, 10)}, []int{1, 2, 0}},
		{"dominated: less fill, more cost", []SweepPoint{pt(0.8, 12), pt(0.9, 10), pt(0.95, 15)}, []int{1, 2}},
		{"equal fill, higher cost is dominated", []SweepPoint{pt(0.9, 11), pt(0.9, 10)}, []int{1}},
		{"equal cost, lower fill is dominated", []SweepPoint{pt(0.9, 10), pt(0.95, 10)}, []int{1}},
		{"identical points both stay", []SweepPoint{pt(0.9, 10), pt(0.9, 10)}, []int{0, 1}},
		{"undefined left out", []SweepPoint{pt(math.NaN(), 1), pt(0.9, math.NaN()), pt(0.5, 20)}, []int{2}},
		{"U-shaped cost", []SweepPoint{pt(0.7, 30), pt(0.8, 20), pt(0.9, 18), pt(0.95, 19), pt(0.99, 25), pt(0.85, 25)}, []int{2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := frontier(tt.points); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("frontier = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStepXYs(t *testing.T) {
	// levels: 10 on hand over [0, 2), 4 over [2, 5), 0 and 3 backordered
	// over [5, 7), 8 from 7 to the horizon
	tr := &model.Trace{
		SKU:        "s/i",
		Times:      []float64{0, 2, 5, 7},
		OnHand:     []int64{10, 4, 0, 8},
		Backorders: []int64{0, 0, 3, 0},
	}
	tests := []struct {
		name          string
		from, to      float64
		onHand, backs plotter.XYs
	}{
		{"all", 0, 10,
			plotter.XYs{{X: 0, Y: 10}, {X: 2, Y: 4}, {X: 5, Y: 0}, {X: 7, Y: 8}, {X: 10, Y: 8}},
			plotter.XYs{{X: 0, Y: 0}, {X: 2, Y: 0}, {X: 5, Y: 3}, {X: 7, Y: 0}, {X: 10, Y: 0}}},
		{"inside one step", 3, 4,
			plotter.XYs{{X: 3, Y: 4}, {X: 4, Y: 4}},
			plotter.XYs{{X: 3, Y: 0}, {X: 4, Y: 0}}},
		{"from on a change, to on a change", 2, 7,
			plotter.XYs{{X: 2, Y: 4}, {X: 5, Y: 0}, {X: 7, Y: 0}},
			plotter.XYs{{X: 2, Y: 0}, {X: 5, Y: 3}, {X: 7, Y: 3}}},
		{"clipped start", 1, 6,
			plotter.XYs{{X: 1, Y: 10}, {X: 2, Y: 4}, {X: 5, Y: 0}, {X: 6, Y: 0}},
			plotter.XYs{{X: 1, Y: 0}, {X: 2, Y: 0}, {X: 5, Y: 3}, {X: 6, Y: 3}}},
		{"after the last change", 8, 9,
			plotter.XYs{{X: 8, Y: 8}, {X: 9, Y: 8}},
			plotter.XYs{{X: 8, Y: 0}, {X: 9, Y: 0}}},
		{"empty window", 5, 5, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oh, bo := stepXYs(tr, tt.from, tt.to)
			if !reflect.DeepEqual(oh, tt.onHand) {
				t.Errorf("on hand = %v, want %v", oh, tt.onHand)
			}
			if !reflect.DeepEqual(bo, tt.backs) {
				t.Errorf("backorders = %v, want %v", bo, tt.backs)
			}
		})
	}
}

func TestMarkBins(t *testing.T) {
	mark := func(ts ...float64) []model.Mark {
		var out []model.Mark
		for _, t := range ts {
			out = append(out, model.Mark{T: t, Qty: 5})
		}
		return out
	}
	tests := []struct {
		name     string
		marks    []model.Mark
		from, to float64
		maxN     int
		want     plotter.XYs
		width    float64
	}{
		{"each its own, both ends included, same times together", mark(1, 2, 3, 3, 3.5, 9), 2, 3.5, 10,
			plotter.XYs{{X: 2, Y: 1}, {X: 3, Y: 2}, {X: 3.5, Y: 1}}, 0},
		// 12 marks over [0, 10] > 4: bins of niceStep(10/4) = 5 days,
		// [0, 5) and [5, 10], the mark at 10 in the last
		{"binned", mark(0, 0.5, 1, 2, 3, 4.9, 5, 6, 7, 8, 9, 10), 0, 10, 4,
			plotter.XYs{{X: 2.5, Y: 6}, {X: 7.5, Y: 6}}, 5},
		// 5 marks over [100, 130] > 2: bins of 20 days from 100; the
		// second bin's middle, 130, is clipped to the window's end
		{"binned, empty bins left out", mark(100, 101, 102, 103, 125), 100, 130, 2,
			plotter.XYs{{X: 110, Y: 4}, {X: 130, Y: 1}}, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, width := markBins(tt.marks, tt.from, tt.to, tt.maxN)
			if !reflect.DeepEqual(got, tt.want) || width != tt.width {
				t.Errorf("markBins = %v, width %v; want %v, width %v", got, width, tt.want, tt.width)
			}
		})
	}
}

// TestLevelsOfLongRun: over a 3650-day window with an order and a receipt
// every day, the levels plot draws at most maxMarks marks of each, not
// 3650 that merge into a bar.
func TestLevelsOfLongRun(t *testing.T) {
	net := mustOneSKUNet(t)
	net.Horizon = 3650
	net.Sites[0].Stocks[0].Policy = &model.BaseStock{S: 48, Period: 1}
	_, tr := model.RunTraced(net, 1, 0, 0)
	if len(tr.Orders) < 3000 || len(tr.Receipts) < 3000 {
		t.Fatalf("%d orders and %d receipts in 3650 days, want a daily order: the test needs many", len(tr.Orders), len(tr.Receipts))
	}
	_, drawn := levelsOverTime(tr, 0, 3650, "")
	for k, name := range []string{"orders", "receipts"} {
		if n := len(drawn[k]); n > maxMarks || n < maxMarks/2 {
			t.Errorf("%d marks of %s drawn, want between %d and %d", n, name, maxMarks/2, maxMarks)
		}
	}
	xys, width := markBins(tr.Orders, 0, 3650, maxMarks)
	total := 0.0
	for _, xy := range xys {
		total += xy.Y
	}
	if width != 100 || total != float64(len(tr.Orders)) {
		t.Errorf("bins of %v days counting %v orders, want 100 days (niceStep(3650/60)) counting all %d", width, total, len(tr.Orders))
	}
}

func TestHistogramBins(t *testing.T) {
	bin := func(lo, hi, w float64) plotter.HistogramBin { return plotter.HistogramBin{Min: lo, Max: hi, Weight: w} }
	tests := []struct {
		name    string
		waits   []float64
		maxBins int
		want    []plotter.HistogramBin
	}{
		{"none", nil, 10, nil},
		{"all zero", []float64{0, 0}, 10, []plotter.HistogramBin{bin(0, 1, 2)}},
		{"max on an edge joins the last bin", []float64{0, 0.5, 1, 1.9, 2}, 2, []plotter.HistogramBin{bin(0, 1, 2), bin(1, 2, 3)}},
		{"nice width 0.5", []float64{0.1, 0.6, 0.7, 2.2}, 5, []plotter.HistogramBin{bin(0, 0.5, 1), bin(0.5, 1, 2), bin(1, 1.5, 0), bin(1.5, 2, 0), bin(2, 2.5, 1)}},
		{"nice width 2", []float64{3, 13}, 7, []plotter.HistogramBin{bin(0, 2, 0), bin(2, 4, 1), bin(4, 6, 0), bin(6, 8, 0), bin(8, 10, 0), bin(10, 12, 0), bin(12, 14, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := histogramBins(ptr(hist(tt.waits...)), tt.maxBins); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("bins = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{0.07, 0.1}, {0.1, 0.1}, {0.11, 0.2}, {0.44, 0.5}, {1, 1}, {1.5, 2}, {2.5, 5}, {5, 5}, {6, 10}, {1234, 2000},
	}
	for _, tt := range tests {
		if got := niceStep(tt.x); math.Abs(got-tt.want) > 1e-12*tt.want {
			t.Errorf("niceStep(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestWaitStats(t *testing.T) {
	// 20 waits 1..20: mean 10.5, nearest-rank p95 = the 19th = 19, read
	// from the histogram within 1%
	var w []float64
	for i := 20; i >= 1; i-- {
		w = append(w, float64(i))
	}
	if mean, p95 := waitStats(ptr(hist(w...))); mean != 10.5 || math.Abs(p95-19) > 19*model.WaitRelErr {
		t.Errorf("waitStats = %v, %v, want 10.5 and 19 within 1%%", mean, p95)
	}
	if mean, p95 := waitStats(&model.WaitHist{}); !math.IsNaN(mean) || !math.IsNaN(p95) {
		t.Errorf("waitStats(nil) = %v, %v, want NaN, NaN", mean, p95)
	}
}

// TestWaitP95MatchesMetric: the 95th percentile marked on the histogram is
// the wait_p95 metric of the same waits.
func TestWaitP95MatchesMetric(t *testing.T) {
	res := model.Run(mustStoreNet(t, storePolicies[0].policy), 1, 0)
	c := res.SKUs[0]
	var m [model.NumMetrics]float64
	c.Metrics(m[:])
	if _, p95 := waitStats(&c.Waits); p95 != m[model.MWaitP95] {
		t.Errorf("p95 = %v, want wait_p95 %v", p95, m[model.MWaitP95])
	}
}

// TestPlotsOfEdgeCases: plots of undefined, empty and one-point data
// render without error.
func TestPlotsOfEdgeCases(t *testing.T) {
	cmp := handComparison()
	empty := &model.Trace{SKU: "s/i"}
	plots := map[string]*plot.Plot{
		"bar-undefined": BarChart(VariantBars(cmp), model.MFillRate),
		"cost":          CostBreakdown(VariantBars(cmp)),
		"sweep-empty":   CostVsFill(nil, ""),
		"sweep-one":     CostVsFill([]SweepPoint{{Label: "x", Fill: stats.Estimate{Mean: 0.5, HalfWidth: math.NaN()}, Cost: stats.Estimate{Mean: 3}}}, ""),
		"levels-empty":  LevelsOverTime(empty, 0, 10, ""),
		"waits-none":    WaitHistogram("none", false, nil, ""),
		"waits-empty":   WaitHistogram("empty", true, []WaitSeries{{"a", model.WaitHist{}}}, ""),
		"waits-zero":    WaitHistogram("zero", false, []WaitSeries{{"a", hist(0, 0, 0)}}, ""),
		"waits-two":     WaitHistogram("two", false, []WaitSeries{{"a", hist(0, 0, 0)}, {"b", model.WaitHist{}}}, ""),
	}
	for name, p := range plots {
		for _, format := range []string{"png", "svg"} {
			if _, err := EncodePlot(p, format); err != nil {
				t.Errorf("%s.%s: %v", name, format, err)
			}
		}
	}
}

func TestStepArea(t *testing.T) {
	got := stepArea(plotter.XYs{{X: 0, Y: 0}, {X: 2, Y: 3}, {X: 5, Y: 1}, {X: 6, Y: 1}})
	want := plotter.XYs{{X: 0, Y: 0}, {X: 2, Y: 0}, {X: 2, Y: 3}, {X: 5, Y: 3}, {X: 5, Y: 1}, {X: 6, Y: 1}, {X: 6, Y: 0}, {X: 0, Y: 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stepArea = %v, want %v", got, want)
	}
}

func TestSweepPoints(t *testing.T) {
	sw := sweepOf(t, 28, 36)
	sw.Paths = append(sw.Paths, "horizon")
	for i := range sw.Points {
		sw.Points[i].Values = append(sw.Points[i].Values, "1000")
	}
	got := SweepPoints(sw)
	if len(got) != 2 || got[1].Label != "reorder_point=36, horizon=1000" ||
		got[1].Fill != sw.Points[1].Summary.Total[model.MFillRate] || got[1].Cost != sw.Points[1].Summary.Total[model.MTotalCost] {
		t.Errorf("SweepPoints = %+v", got)
	}
}

func TestCountTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string // the labels, in order
	}{
		{-60, 675, []string{"0", "300", "600"}},
		{-0.12, 1.35, []string{"0", "1"}},
		{0, 12.5, []string{"0", "4", "8", "12"}},
		{0, 0.9, []string{"0"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (countTicks{}).Ticks(tt.min, tt.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ticks of [%g, %g] labelled %q, want %q", tt.min, tt.max, got, tt.want)
		}
	}
}

func TestSiteItemBars(t *testing.T) {
	s := &stats.Summary{SKUs: []stats.SKUSummary{{Site: "dc", Item: "widget"}, {Site: "store", Item: "widget"}}}
	s.SKUs[1].Metrics[model.MFillRate] = stats.Estimate{Mean: 0.9, HalfWidth: 0.02, N: 5}
	b := SiteItemBars(s)
	if !reflect.DeepEqual(b.Labels, []string{"dc", "store"}) || b.By != "site-item" || b.Colors || b.Diffs != nil {
		t.Errorf("one item: bars %q by %q (colours %v, diffs %v)", b.Labels, b.By, b.Colors, b.Diffs)
	}
	if values, lows, highs := barData(&b, model.MFillRate); values[1] != 0.9 || lows[1] != 0.9-0.02 || highs[1] != 0.9+0.02 {
		t.Errorf("store fill bar %v [%v, %v]", values[1], lows[1], highs[1])
	}
	if b.color(1) != VariantColor(0) {
		t.Error("the site-items of one run are not in the base's colour")
	}
	s.SKUs = append(s.SKUs, stats.SKUSummary{Site: "store", Item: "gadget"})
	if b := SiteItemBars(s); !reflect.DeepEqual(b.Labels, []string{"dc/widget", "store/widget", "store/gadget"}) {
		t.Errorf("two items: bars %q", b.Labels)
	}
	for range maxTableSKUs {
		s.SKUs = append(s.SKUs, stats.SKUSummary{Site: "x", Item: "y"})
	}
	s.Echelons = []stats.Group{{Level: 1}, {Level: 2}}
	if b := SiteItemBars(s); !reflect.DeepEqual(b.Labels, []string{"echelon 1", "echelon 2"}) || b.By != "echelon" || &s.Echelons[1].Metrics != b.Values[1] {
		t.Errorf("large network: bars %q by %q", b.Labels, b.By)
	}
	cmp := handComparison()
	vb := VariantBars(cmp)
	if !vb.significant(1, model.MFillRate) || vb.significant(2, model.MFillRate) || vb.significant(0, model.MFillRate) || vb.color(2) != VariantColor(2) {
		t.Error("variant bars: wrong significance marks or colours")
	}
}

func TestEmptiestCorner(t *testing.T) {
	tests := []struct {
		name      string
		xys       plotter.XYs
		top, left bool
	}{
		{"no points: bottom right", nil, false, false},
		{"bottom right taken", plotter.XYs{{X: 0.95, Y: 0.1}, {X: 0.9, Y: 0.05}, {X: 0.1, Y: 0.9}}, true, false},
		{"both right corners taken", plotter.XYs{{X: 0.95, Y: 0.1}, {X: 0.9, Y: 0.95}}, true, true},
		{"all but bottom left", plotter.XYs{{X: 0.95, Y: 0.1}, {X: 0.9, Y: 0.95}, {X: 0.1, Y: 0.9}}, false, true},
	}
	for _, tt := range tests {
		if top, left := emptiestCorner(tt.xys, 0, 1, 0, 1); top != tt.top || left != tt.left {
			t.Errorf("%s: top %v left %v, want %v %v", tt.name, top, left, tt.top, tt.left)
		}
	}
}

func TestSeriesBins(t *testing.T) {
	// every wait together: largest 6, bins of niceStep(6/3) = 2 days
	series := []WaitSeries{{"a", hist(0.5, 1, 2.5)}, {"b", hist(6, 5.9, 0)}, {"c", model.WaitHist{}}}
	got := seriesBins(series, 3)
	bin := func(lo, hi, w float64) plotter.HistogramBin { return plotter.HistogramBin{Min: lo, Max: hi, Weight: w} }
	want := [][]plotter.HistogramBin{
		{bin(0, 2, 2), bin(2, 4, 1), bin(4, 6, 0)},
		{bin(0, 2, 1), bin(2, 4, 0), bin(4, 6, 2)},
		{bin(0, 2, 0), bin(2, 4, 0), bin(4, 6, 0)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seriesBins = %v, want %v", got, want)
	}
	if got := seriesBins([]WaitSeries{{"a", model.WaitHist{}}}, 3); got != nil {
		t.Errorf("seriesBins of no waits = %v, want nil", got)
	}
}

func TestOutlineXYs(t *testing.T) {
	bins := []plotter.HistogramBin{{Min: 0, Max: 2, Weight: 1}, {Min: 2, Max: 4, Weight: 3}}
	got := outlineXYs(bins, 4)
	want := plotter.XYs{{X: 0, Y: 0}, {X: 0, Y: 0.25}, {X: 2, Y: 0.25}, {X: 2, Y: 0.75}, {X: 4, Y: 0.75}, {X: 4, Y: 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outlineXYs = %v, want %v", got, want)
	}
}

// TestWaitHistogramKeepsDropShipApart: drop-ship delivery times are
// titled, labelled and coloured as such, never as backorder waits.
func TestWaitHistogramKeepsDropShipApart(t *testing.T) {
	ds := WaitHistogram("web/x", true, []WaitSeries{{"base", hist(3, 4)}}, "")
	bo := WaitHistogram("store/x", false, []WaitSeries{{"base", hist(3, 4)}}, "")
	if !strings.Contains(ds.Title.Text, "Drop-ship delivery times") || strings.Contains(ds.Title.Text, "backorder") ||
		!strings.Contains(ds.X.Label.Text, "delivery time") {
		t.Errorf("drop-ship plot titled %q, x axis %q", ds.Title.Text, ds.X.Label.Text)
	}
	if !strings.Contains(bo.Title.Text, "backorders") || !strings.Contains(bo.X.Label.Text, "backordered order") {
		t.Errorf("backorder plot titled %q, x axis %q", bo.Title.Text, bo.X.Label.Text)
	}
	if _, _, c := waitStyle(true, ""); c != dropShipColor || c == waitColor {
		t.Errorf("drop-ship fill %v, want %v, not the wait colour %v", c, dropShipColor, waitColor)
	}
}

// boxesOverlap reports whether any two of boxes overlap.
func boxesOverlap(boxes []vg.Rectangle) (int, int, bool) {
	for i := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			if overlapArea(boxes[i], boxes[j]) > 0 {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func TestPlaceLabels(t *testing.T) {
	bounds := vg.Rectangle{Max: vg.Point{X: 500, Y: 300}}
	size := vg.Point{X: 40, Y: 10}
	const r = 4
	t.Run("alone: above left", func(t *testing.T) {
		got := placeLabels([]vg.Point{{X: 100, Y: 100}}, []vg.Point{size}, r, bounds)
		d := (r + labelGap) * 0.7
		want := vg.Rectangle{Min: vg.Point{X: 100 - d - 40, Y: 100 + d}, Max: vg.Point{X: 100 - d, Y: 100 + d + 10}}
		if got[0] != want {
			t.Errorf("box %v, want %v", got[0], want)
		}
	})
	t.Run("at the left edge: inside", func(t *testing.T) {
		got := placeLabels([]vg.Point{{X: 5, Y: 100}}, []vg.Point{size}, r, bounds)
		if got[0].Min.X < 0 {
			t.Errorf("box %v leaves the plot", got[0])
		}
	})
	// points 8 apart on a rising diagonal, as a sweep's frontier: every
	// label "above left" would overlap the next point's
	t.Run("a tight cluster", func(t *testing.T) {
		var pts, sizes []vg.Point
		for i := range 6 {
			pts = append(pts, vg.Point{X: 200 + 8*vg.Length(i), Y: 100 + 8*vg.Length(i)})
			sizes = append(sizes, size)
		}
		got := placeLabels(pts, sizes, r, bounds)
		if i, j, ok := boxesOverlap(got); ok {
			t.Errorf("labels %d %v and %d %v overlap", i, got[i], j, got[j])
		}
		for i, b := range got {
			for j, p := range pts {
				g := vg.Rectangle{Min: vg.Point{X: p.X - r, Y: p.Y - r}, Max: vg.Point{X: p.X + r, Y: p.Y + r}}
				if overlapArea(b, g) > 0 {
					t.Errorf("label %d %v covers point %d", i, b, j)
				}
			}
		}
	})
}

// TestCostVsFillLabelsApart draws a sweep whose points crowd together and
// checks that the labels, as placed on the canvas, do not overlap.
func TestCostVsFillLabelsApart(t *testing.T) {
	est := func(v float64) stats.Estimate { return stats.Estimate{Mean: v, HalfWidth: 0.001, N: 3} }
	var pts []SweepPoint
	for i := range 8 {
		// seven points in a tight rising row and one far away, so the
		// row takes a small part of the plot
		f, c := 0.90+0.002*float64(i), 10+0.1*float64(i)
		if i == 7 {
			f, c = 0.99, 20
		}
		pts = append(pts, SweepPoint{Label: fmt.Sprintf("reorder_point=%d", 30+i), Fill: est(f), Cost: est(c)})
	}
	p, labels := costVsFill(pts, "")
	if p.X.Label.Text == "" || !strings.Contains(p.X.Label.Text, "customer fill rate") || !strings.Contains(p.Y.Label.Text, "total cost per day, network") {
		t.Errorf("axes %q and %q, want them to name the customer fill rate and the network's total cost per day", p.X.Label.Text, p.Y.Label.Text)
	}
	if _, err := EncodePlot(p, "png"); err != nil {
		t.Fatal(err)
	}
	if labels == nil || len(labels.placed) != len(pts) {
		t.Fatalf("labels %v, want %d placed", labels, len(pts))
	}
	if i, j, ok := boxesOverlap(labels.placed); ok {
		t.Errorf("labels %q %v and %q %v overlap", labels.Texts[i], labels.placed[i], labels.Texts[j], labels.placed[j])
	}
	if *plotsDir != "" {
		savePlot(t, p, *plotsDir, "cost-vs-fill-crowded")
	}
}

// hist returns the histogram of waits.
func hist(waits ...float64) model.WaitHist {
	var h model.WaitHist
	for _, w := range waits {
		h.Record(w)
	}
	return h
}

func ptr[T any](x T) *T { return &x }
