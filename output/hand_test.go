package output

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// Hand-built summaries: the formatters are tested on values written here,
// not on what the simulator happens to produce, so that a change of the
// model moves none of these tests. A network is written out (never run)
// for its structure — site-items, echelons, sites, items, customer
// classes — and summarized from replications whose counters are all zero;
// then every estimate and every per-replication value is set by hand.

// handNet returns a network of three sites, two items and two echelons,
// never run: dc-Zürich (echelon 2) holds widget and gadget-β from a
// factory; store-1 holds both from the DC, widget with two customer
// classes (walk-in, and trade at priority 1); a store with a long
// name in CJK holds widget. Horizon 1000 days, warm-up 100.
func handNet(tb testing.TB) *model.Network {
	tb.Helper()
	factory := model.Node{Kind: model.SupplierNode, Index: 0}
	fromDC := model.Node{Kind: model.SiteNode, Index: 0}
	lane := func(d float64) model.Lane { return model.Lane{Transit: model.Const(d)} }
	net := &model.Network{
		Name:      "hand — Zürich ⇄ 東京",
		Items:     []model.Item{{Name: "widget", Price: 20}, {Name: "gadget-β", Price: 50}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{
			{Name: "dc-Zürich", Kind: model.Warehouse, Stocks: []model.Stock{
				{Item: 0, Source: factory, Lane: lane(7), Initial: 160, Policy: &model.SS{Small: 60, Big: 160}},
				{Item: 1, Source: factory, Lane: lane(7), Initial: 50, Policy: &model.RQ{R: 20, Q: 30}},
			}},
			{Name: "store-1", Kind: model.Store, Stocks: []model.Stock{
				{Item: 0, Source: fromDC, Lane: lane(2), Initial: 40, Policy: &model.RQ{R: 15, Q: 25}, Demand: []model.Demand{
					{Name: "walk-in", Rate: 4, Size: model.Const(1)},
					{Name: "trade", Rate: 1, Size: model.Const(3), Priority: 1},
				}},
				{Item: 1, Source: fromDC, Lane: lane(2), Initial: 30, Policy: &model.BaseStock{S: 30, Period: 7}, Demand: []model.Demand{
					{Name: "walk-in", Rate: 2, Size: model.Const(1), Stockout: model.LostSale},
				}},
			}},
			{Name: longSite, Kind: model.Store, Stocks: []model.Stock{
				{Item: 0, Source: fromDC, Lane: lane(2), Initial: 20, Policy: &model.SS{Small: 5, Big: 20, Period: 0.5}, Demand: []model.Demand{
					{Name: "walk-in", Rate: 1, Size: model.Const(1)},
				}},
			}},
		},
		Horizon: 1000,
		Warmup:  100,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// longSite is the long, non-ASCII name of handNet's third site.
const longSite = "a-store-with-a-rather-long-name-東京駅"

// handMeta is the Meta of the hand-built summaries.
var handMeta = Meta{Version: "9.9.9-hand", Source: "output/hand_test.go", Description: "First line of a hand-built summary.\nSecond line, not in the table."}

// summarizeZero summarizes reps replications of net whose counters are
// all zero: the structure of a Summary (scopes, roll-ups, streams and
// their per-replication matrices) with no simulation behind it.
func summarizeZero(tb testing.TB, net *model.Network, reps int) *stats.Summary {
	tb.Helper()
	levels, _ := net.Echelons()
	echelons := 0
	for _, l := range levels {
		echelons = max(echelons, l)
	}
	results := make([]*model.Result, reps)
	for r := range results {
		results[r] = &model.Result{
			Replication: r,
			Events:      1000 + uint64(r),
			SKUs:        make([]model.Counters, len(net.SKUs())),
			Echelons:    make([]model.Counters, echelons),
			Streams:     make([]model.Counters, len(net.Streams())),
		}
	}
	return stats.Summarize(net, 7, results)
}

// handRep is the value of metric m in replication r of scope k of a
// hand-built summary: distinct for every (k, r, m) and exact in binary.
func handRep(k, r, m int) float64 { return float64(100*k+m) + float64(r)/8 }

// handEstimate is the estimate of metric m of scope k of a hand-built
// summary of reps replications.
func handEstimate(k, m, reps int) stats.Estimate {
	e := stats.Estimate{Mean: float64(10*k+m) + 0.25, HalfWidth: 0.125 * float64(1+m%4), N: reps}
	if reps < 2 {
		e.HalfWidth = math.NaN() // as Estimate95 leaves it
	}
	return e
}

// handCase is an awkward estimate set by hand into a hand-built summary,
// with the cell the table must show for it.
type handCase struct {
	scope  string // as Summary.Scope takes it
	metric int
	e      stats.Estimate
	cell   string // the table's cell: mean, " ± half-width", mark
}

// handCases are the awkward estimates of handSummary (3 replications).
var handCases = []handCase{
	{"store-1/widget", model.MFillRate, stats.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}, "-"},
	{"store-1/widget", model.MAvgOnHand, stats.Estimate{Mean: 12, HalfWidth: 0, N: 3}, "12.0 ± 0.0"},
	{"store-1/widget", model.MWaitMean, stats.Estimate{Mean: 2, HalfWidth: 1, N: 2}, "2.0 ± 1.0†"},
	{"store-1/widget", model.MDemandUnits, stats.Estimate{Mean: 1.23456789e12, HalfWidth: 5.1e9, N: 3}, "1234567890000 ± 5100000000"},
	{"store-1/widget", model.MBackorderRate, stats.Estimate{Mean: 3e-7, HalfWidth: 1.04e-8, N: 3}, "0.000000 ± 1.0e-08"},
	{"store-1/gadget-β", model.MOrdersPlaced, stats.Estimate{Mean: 379.96, HalfWidth: 5.63, N: 3}, "380.0 ± 5.6"},
	{"store-1/gadget-β", model.MWaitMean, stats.Estimate{Mean: 0.51234, HalfWidth: math.NaN(), N: 1}, "0.512†"},
	{"dc-Zürich/widget", model.MTotalCost, stats.Estimate{Mean: -0.00001, HalfWidth: 0.0012, N: 3}, "0.0000 ± 0.0012"},
	{"dc-Zürich/gadget-β", model.MAvgOnHand, stats.Estimate{Mean: 24.5637, HalfWidth: 0.0142, N: 3}, "24.564 ± 0.014"},
	{longSite + "/widget", model.MHoldingCost, stats.Estimate{Mean: 7.111111111111111, HalfWidth: 1.2e-15, N: 3}, "7.11 ± 0.00"},
	{longSite + "/widget", model.MAvgBackorders, stats.Estimate{Mean: 338.4, HalfWidth: 94.2, N: 3}, "338 ± 94"},
	{"customers", model.MFillRate, stats.Estimate{Mean: 0.97931, HalfWidth: math.Inf(1), N: 3}, "0.9793"},
	{"customers", model.MLostValue, stats.Estimate{Mean: 1234567.891, HalfWidth: 0, N: 3}, "1234568 ± 0"},
	{"customers", model.MDemandUnits, stats.Estimate{Mean: 1599888.4, HalfWidth: 6.3, N: 3}, "1599888 ± 6"},
	{"echelon-2", model.MAvgOnHand, stats.Estimate{Mean: 0.0523, HalfWidth: math.NaN(), N: 1}, "0.05†"},
	{"echelon-1", model.MFillRate, stats.Estimate{Mean: 0.979293, HalfWidth: 0.000182, N: 3}, "0.97929 ± 0.00018"},
	{"site:store-1", model.MTotalCost, stats.Estimate{Mean: 48.666, HalfWidth: 0, N: 3}, "48.67 ± 0.00"},
	{"item:gadget-β", model.MWaitMax, stats.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}, "-"},
}

// handSummary returns the hand-built summary of handNet over reps
// replications: every estimate handEstimate, every per-replication value
// handRep, then handCases (when reps is 3) and a few awkward
// per-replication values (see handRepCases).
func handSummary(tb testing.TB, reps int) *stats.Summary {
	tb.Helper()
	return fillHand(tb, summarizeZero(tb, handNet(tb), reps), reps == 3)
}

// handRepCases are awkward per-replication values set into replication 1
// of handSummary, with how CSV writes them.
var handRepCases = []struct {
	scope  string
	metric int
	v      float64
	csv    string
}{
	{"customers", model.MFillRate, math.NaN(), ""},
	{"store-1/widget", model.MDemandUnits, 1e300, "1e+300"},
	{"store-1/widget", model.MBackorderRate, 5e-324, "5e-324"},
	{"store-1/widget", model.MFillRate, 1.0 / 3, "0.3333333333333333"},
	{"dc-Zürich/widget", model.MTotalCost, -0.1, "-0.1"},
	{"echelon-2", model.MAvgOnHand, 123456789012345680, "1.2345678901234568e+17"},
}

// fillHand sets every estimate and per-replication value of s by hand,
// and the awkward cases when awkward is set.
func fillHand(tb testing.TB, s *stats.Summary, awkward bool) *stats.Summary {
	tb.Helper()
	for k, sc := range s.Scopes() {
		for r := range sc.Reps {
			for m := range sc.Reps[r] {
				sc.Reps[r][m] = handRep(k, r, m)
			}
		}
		for m := range sc.Metrics {
			sc.Metrics[m] = handEstimate(k, m, s.Replications)
		}
	}
	for i := range s.Streams {
		s.Streams[i].Metrics = new([model.NumMetrics]stats.Estimate) // its own, even when alone
		for m := range s.Streams[i].Metrics {
			s.Streams[i].Metrics[m] = handEstimate(50+i, m, s.Replications)
		}
	}
	s.Events = 123456789
	if !awkward {
		return s
	}
	for _, c := range handCases {
		sc, err := s.Scope(c.scope)
		if err != nil {
			tb.Fatal(err)
		}
		sc.Metrics[c.metric] = c.e
	}
	for _, c := range handRepCases {
		sc, err := s.Scope(c.scope)
		if err != nil {
			tb.Fatal(err)
		}
		sc.Reps[1][c.metric] = c.v
	}
	return s
}

// tableBlock is one block of columns of a metrics table as printed:
// its title (the line above its member list, or "" for the main table),
// the header's cells and a row of cells per metric.
type tableBlock struct {
	title  string
	header []tableCell
	rows   [][]tableCell
}

// tableCell is a cell of a printed table and its rune columns [start,
// end).
type tableCell struct {
	text       string
	start, end int
}

// cellRE matches a cell of a printed table: words separated by single
// spaces; cells are separated by two or more.
var cellRE = regexp.MustCompile(`\S+( \S+)*`)

// splitCells returns the cells of line with their rune columns.
func splitCells(line string) []tableCell {
	var out []tableCell
	for _, ix := range cellRE.FindAllStringIndex(line, -1) {
		out = append(out, tableCell{
			text:  line[ix[0]:ix[1]],
			start: utf8.RuneCountInString(line[:ix[0]]),
			end:   utf8.RuneCountInString(line[:ix[1]]),
		})
	}
	return out
}

// parseTables returns every block of a metrics table in text: a block
// starts at a line "metric  unit  ..." and runs to the first empty line.
func parseTables(text string) []tableBlock {
	var out []tableBlock
	lines := strings.Split(text, "\n")
	title := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "by ") {
			title = l
		}
		if !strings.HasPrefix(l, "metric  ") {
			continue
		}
		b := tableBlock{title: title, header: splitCells(l)}
		for i++; i < len(lines) && lines[i] != ""; i++ {
			b.rows = append(b.rows, splitCells(lines[i]))
		}
		out = append(out, b)
	}
	return out
}

// findCell returns the cell of column col and row metric (its table
// name) in the blocks, searching those whose title has prefix title.
func findCell(tb testing.TB, blocks []tableBlock, title, col, metric string) string {
	tb.Helper()
	for _, b := range blocks {
		if !strings.HasPrefix(b.title, title) {
			continue
		}
		for j, h := range b.header {
			if h.text != col {
				continue
			}
			for _, r := range b.rows {
				if r[0].text == metric {
					if len(r) != len(b.header) {
						tb.Fatalf("row %q has %d cells, the header %d", metric, len(r), len(b.header))
					}
					return r[j].text
				}
			}
			tb.Fatalf("column %q has no row %q", col, metric)
		}
	}
	tb.Fatalf("no column %q in the tables titled %q", col, title)
	return ""
}
