package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// storeMeta is the Meta of the store comparison.
var storeMeta = Meta{Version: "0.1.0-test", Source: "output/plot_test.go", Description: "One store selling widgets under three replenishment policies."}

// TestComparePin writes the table of a real comparison: the store under
// three policies. A pin: it freezes what the code printed; a model change
// that moves it is reviewed (go test ./output -update), not a formatter
// bug. The formatting rules are tested on hand-built comparisons below.
func TestComparePin(t *testing.T) {
	cmp, _ := mustComparison(t)
	var b bytes.Buffer
	if err := WriteCompareTable(&b, cmp, storeMeta); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "pin-compare.golden", b.Bytes())
}

// handCompareNet returns handNet with store-1/widget's reorder point at
// 44, or, with outlet, with a fourth site, outlet, selling widgets from
// the DC: a site-item the base lacks.
func handCompareNet(tb testing.TB, outlet bool) *model.Network {
	tb.Helper()
	net := handNet(tb)
	if !outlet {
		net.Sites[1].Stocks[0].Policy = &model.RQ{R: 44, Q: 25}
		return net
	}
	o := model.Site{Name: "outlet", Kind: model.Store, Stocks: []model.Stock{net.Sites[2].Stocks[0]}}
	net.Sites = append(net.Sites, o)
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// handDiffs are paired differences set by hand into the comparison of
// mustTwoSKUComparison, with the cell of the table's Δ column.
var handDiffs = []struct {
	variant int
	metric  int
	d       stats.Diff
	cell    string
}{
	{0, model.MFillRate, stats.Diff{Mean: 0.0123, HalfWidth: 0.0041, N: 3, Significant: true}, "+0.0123 ± 0.0041*"},
	{0, model.MAvgOnHand, stats.Diff{Mean: -1.5, HalfWidth: 2.31, N: 3}, "-1.5 ± 2.3"},
	{0, model.MTotalCost, stats.Diff{Mean: 0, HalfWidth: 0, N: 3}, "0.00 ± 0.00"},
	{0, model.MWaitMean, stats.Diff{Mean: 3, HalfWidth: math.NaN(), N: 1}, "+3.00†"},
	{1, model.MFillRate, stats.Diff{Mean: math.NaN(), HalfWidth: math.NaN()}, "-"},
	{1, model.MDemandUnits, stats.Diff{Mean: -1.23456789e12, HalfWidth: 1e9, N: 3, Significant: true}, "-1234567890000 ± 1000000000*"},
	// at most 6 decimals: a significant 4e-7 shows as 0.000000, unsigned
	{1, model.MBackorderRate, stats.Diff{Mean: 4e-7, HalfWidth: 2e-7, N: 3, Significant: true}, "0.000000 ± 2.0e-07*"},
}

// mustTwoSKUComparison compares the hand-built summary of handNet (3
// replications) with two hand-built variants: r=44, whose store-1/widget
// has a higher reorder point, and outlet, with a site-item the base lacks;
// then sets handDiffs into the differences. No simulation runs.
func mustTwoSKUComparison(tb testing.TB) *stats.Comparison {
	tb.Helper()
	base := handSummary(tb, 3)
	more := fillHand(tb, summarizeZero(tb, handCompareNet(tb, false), 3), false)
	outlet := fillHand(tb, summarizeZero(tb, handCompareNet(tb, true), 3), false)
	cmp := stats.Compare(base, []string{"r=44", "outlet"}, []*stats.Summary{more, outlet})
	for _, c := range handDiffs {
		cmp.Variants[c.variant].Total[c.metric] = c.d
	}
	return cmp
}

func TestCompareTable(t *testing.T) {
	cmp := mustTwoSKUComparison(t)
	var b bytes.Buffer
	if err := WriteCompareTable(&b, cmp, testMeta); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if t.Failed() || testing.Verbose() {
		defer func() { t.Logf("\n%s", out) }()
	}
	blocks := parseTables(out)
	for i, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > maxLineWidth {
			t.Errorf("line %d is %d columns wide, want <= %d: %q", i+1, n, maxLineWidth, l)
		}
	}
	for _, want := range []string{
		"compared (same seed and replications: common random numbers)\n" +
			"  base    dc-Zürich/widget sS(reorder_point=60, order_up_to=160, review=continuous)\n" +
			"          dc-Zürich/gadget-β rq(reorder_point=20, order_quantity=30)\n" +
			"          and 3 more site-items\n" +
			"  r=44    store-1/widget rq(reorder_point=44, order_quantity=25)\n" + // only what changed
			"  outlet  outlet/widget sS(reorder_point=5, order_up_to=20, review_period=0.5)\n", // what the base lacks
		"\n* " + sigLegend + "\n",
		`"†": undefined in some replications`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	// the totals: base and variants, then the differences in a block of
	// their own (the columns do not fit one)
	var cols []string
	for _, bl := range blocks[:2] {
		for _, h := range bl.header[2:] {
			cols = append(cols, h.text)
		}
		checkAligned(t, bl)
	}
	if want := []string{BaseName, "r=44", "outlet", "Δ r=44", "Δ outlet"}; !equal(cols, want) {
		t.Errorf("totals columns %q, want %q", cols, want)
	}
	for _, c := range handDiffs {
		col := "Δ " + cmp.Variants[c.variant].Name
		if got := findCell(t, blocks[:2], "", col, model.Metrics[c.metric].Name); got != c.cell {
			t.Errorf("%s %s = %q, want %q", col, model.Metrics[c.metric].Key, got, c.cell)
		}
	}
	// the same site-items under the same values: differences of exactly 0
	if got := findCell(t, blocks[:2], "", "Δ r=44", "on-order"); got != "0 ± 0" {
		t.Errorf("Δ r=44 on-order = %q, want 0 ± 0", got)
	}
	// roll-ups: a table each, with the few roll-up metrics
	var titles []string
	for _, bl := range blocks[2:] {
		if bl.title != "" {
			titles = append(titles, bl.title)
		}
		checkAligned(t, bl)
	}
	for _, want := range []string{"by echelon: echelon 1 (", "by echelon: echelon 2 (", "by site (across its items): dc-Zürich (", "by item (across sites; service to its customers): gadget-β ("} {
		if !slices.ContainsFunc(titles, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no roll-up table titled %q...", want)
		}
	}
}

func TestFormatDiff(t *testing.T) {
	tests := []struct {
		name string
		d    stats.Diff
		want cell
	}{
		{"significant gain", stats.Diff{Mean: 0.0123, HalfWidth: 0.0041, N: 5, Significant: true}, cell{"+0.0123", "0.0041", "*"}},
		{"loss, not significant", stats.Diff{Mean: -1.5, HalfWidth: 2.31, N: 5}, cell{"-1.5", "2.3", ""}},
		{"zero under common random numbers", stats.Diff{Mean: 0, HalfWidth: 0, N: 5}, cell{"0", "0", ""}},
		{"one pair: no half-width", stats.Diff{Mean: 3, HalfWidth: nan(), N: 1}, cell{"+3.0", "", ""}},
		{"undefined", stats.Diff{Mean: nan(), HalfWidth: nan()}, cell{"-", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatDiff("units", tt.d); got != tt.want {
				t.Errorf("formatDiff(%+v) = %+v, want %+v", tt.d, got, tt.want)
			}
		})
	}
}

func TestCompareCSV(t *testing.T) {
	cmp := mustTwoSKUComparison(t)
	var b bytes.Buffer
	if err := WriteCompareCSV(&b, cmp, testMeta); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "scenario,fingerprint,seed,variant,scope,kind,site,item,metric,unit,mean,half_width,n,diff_mean,diff_half_width,diff_n,significant"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Errorf("header = %q, want %q", got, wantHeader)
	}
	// each run: every part of its results, in the order of Scopes
	want := len(cmp.Base.Scopes())
	for _, v := range cmp.Variants {
		want += len(v.Summary.Scopes())
	}
	if got := len(rows) - 1; got != want*baseMetrics {
		t.Errorf("%d rows, want %d", got, want*baseMetrics)
	}
	counts := map[string]int{}
	for _, r := range rows[1:] {
		counts[r[3]+"/"+r[4]]++
		diffs := strings.Join(r[13:], ",")
		switch {
		case r[3] == BaseName, r[3] == "outlet" && (r[6] == "outlet" || r[4] == "site:outlet"):
			if diffs != ",,," {
				t.Errorf("row %q: diff fields %q, want empty", r, diffs)
			}
		default:
			if r[16] != "true" && r[16] != "false" {
				t.Errorf("row %q: significant = %q, want true or false", r, r[16])
			}
		}
	}
	for _, k := range []string{"base/store-1/widget", "base/customers", "base/site:store-1", "r=44/dc-Zürich/gadget-β", "r=44/customers", "outlet/outlet/widget", "outlet/site:outlet", "outlet/customers", "outlet/echelon-1"} {
		if counts[k] != baseMetrics {
			t.Errorf("%d rows of %s, want %d", counts[k], k, baseMetrics)
		}
	}
}

func TestCompareJSON(t *testing.T) {
	cmp := mustTwoSKUComparison(t)
	var b bytes.Buffer
	if err := WriteCompareJSON(&b, cmp, testMeta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string
		Scenario struct{ Name string }
		Base     struct {
			Name  string
			Total struct {
				Diffs map[string]any
			}
		}
		Variants []struct {
			Name  string
			Total struct {
				Metrics map[string]struct{ Mean float64 }
				Diffs   map[string]struct {
					Mean        *float64
					HalfWidth   *float64 `json:"half_width"`
					N           int
					Significant bool
				}
			}
			SiteItems []struct {
				Site  string
				Diffs *map[string]any
			} `json:"site_items"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Schema != CompareSchema || doc.Scenario.Name != "hand — Zürich ⇄ 東京" || doc.Base.Name != BaseName || doc.Base.Total.Diffs != nil {
		t.Errorf("schema %q, scenario %q, base %q with diffs %v; want %q, the hand-built, base, null", doc.Schema, doc.Scenario.Name, doc.Base.Name, doc.Base.Total.Diffs, CompareSchema)
	}
	if len(doc.Variants) != 2 || doc.Variants[0].Name != "r=44" || doc.Variants[1].Name != "outlet" {
		t.Fatalf("variants %+v, want r=44 and outlet", doc.Variants)
	}
	got := doc.Variants[0].Total.Diffs["fill_rate"]
	want := cmp.Variants[0].Total[model.MFillRate]
	if got.Mean == nil || *got.Mean != want.Mean || got.HalfWidth == nil || *got.HalfWidth != want.HalfWidth || got.N != want.N || got.Significant != want.Significant {
		t.Errorf("fill_rate diff = %+v, want %+v", got, want)
	}
	if len(doc.Variants[0].Total.Diffs) != baseMetrics || len(doc.Variants[0].Total.Metrics) != baseMetrics {
		t.Errorf("%d diffs, %d metrics, want %d each", len(doc.Variants[0].Total.Diffs), len(doc.Variants[0].Total.Metrics), baseMetrics)
	}
	outlet := doc.Variants[1].SiteItems
	if len(outlet) != 6 || outlet[5].Site != "outlet" || outlet[5].Diffs != nil || outlet[0].Diffs == nil {
		t.Errorf("outlet variant site-items %+v: want 6, the outlet's diffs null, the others' set", outlet)
	}
	// every hand-set difference, null for NaN
	for _, c := range handDiffs {
		got := doc.Variants[c.variant].Total.Diffs[model.Metrics[c.metric].Key]
		same := func(p *float64, v float64) bool { return math.IsNaN(v) && p == nil || p != nil && *p == v }
		if !same(got.Mean, c.d.Mean) || !same(got.HalfWidth, c.d.HalfWidth) || got.N != c.d.N || got.Significant != c.d.Significant {
			t.Errorf("variant %d %s diff = %+v, want %+v", c.variant, model.Metrics[c.metric].Key, got, c.d)
		}
	}
}

// nan returns a NaN.
func nan() float64 { return math.NaN() }

// TestCompareOneSiteItemScope checks that a comparison of a one-site-item
// scenario shows that site-item's values, bullwhip included, as the run's
// results do, in the table and in the report; and that one of several
// site-items keeps the totals.
func TestCompareOneSiteItemScope(t *testing.T) {
	cmp, _ := mustComparison(t)
	k := &cmp.Base.SKUs[0]
	bw := k.Metrics[model.MBullwhip]
	if math.IsNaN(bw.Mean) || !math.IsNaN(cmp.Base.Total[model.MBullwhip].Mean) {
		t.Fatalf("store's bullwhip %v, total's %v: want a number and NaN", bw.Mean, cmp.Base.Total[model.MBullwhip].Mean)
	}
	want := formatEstimate("ratio", bw)
	var b bytes.Buffer
	if err := WriteCompareTable(&b, cmp, storeMeta); err != nil {
		t.Fatal(err)
	}
	row := lineOf(b.String(), "bullwhip ")
	if !strings.Contains(row, want.mean+" ± "+want.hw) {
		t.Errorf("comparison's bullwhip row %q lacks the site-item's %s ± %s", row, want.mean, want.hw)
	}
	if !strings.Contains(b.String(), k.Site+"/"+k.Item+", the only site-item") {
		t.Errorf("the comparison does not say it shows %s/%s:\n%s", k.Site, k.Item, b.String())
	}
	// the report: the results' bullwhip cell and the comparison's base
	// cell are the same
	page := string(mustReport(t))
	rows := regexp.MustCompile(`<tr><td[^>]*>bullwhip</td><td[^>]*>ratio</td><td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) < 2 || rows[0][1] != rows[1][1] || rows[0][1] == "-" {
		t.Errorf("report's bullwhip cells %v: want the results' and the comparison's alike, a number", rows)
	}
	// several site-items: the totals (hand-built here, with a bullwhip)
	two := mustTwoSKUComparison(t)
	b.Reset()
	if err := WriteCompareTable(&b, two, testMeta); err != nil {
		t.Fatal(err)
	}
	tw := formatEstimate("ratio", two.Base.Total[model.MBullwhip])
	if row := lineOf(b.String(), "bullwhip "); !strings.Contains(b.String(), "totals (customers' service") || !strings.Contains(row, tw.mean+" ± "+tw.hw) {
		t.Errorf("two site-items: bullwhip row %q, want the totals' %s ± %s", row, tw.mean, tw.hw)
	}
}

// lineOf returns the first line of s that starts with prefix.
func lineOf(s, prefix string) string {
	for l := range strings.Lines(s) {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimRight(l, "\n")
		}
	}
	return ""
}

// TestCompareTheoryPerRun checks that a comparison shows each run's
// theory beside that run's own estimates, in the table and the JSON, and
// that without theories the JSON has no "theory" (the fields are
// optional).
func TestCompareTheoryPerRun(t *testing.T) {
	cmp, _ := mustComparison(t)
	m := storeMeta
	m.RunTheory = storeRunTheory(t)
	// (r, Q): Hadley–Whitin; weekly (s, S): periodic (s, S); daily base
	// stock: periodic order-up-to
	runs := []*stats.Summary{cmp.Base, cmp.Variants[0].Summary, cmp.Variants[1].Summary}
	formulas := []string{model.FormulaHadleyWhitin, model.FormulaPeriodicSS, model.FormulaPeriodic}
	for i, sp := range storePolicies {
		if ths := m.RunTheory[sp.name]; len(ths) != 1 || ths[0].Formula != formulas[i] {
			t.Fatalf("%s: theories %+v, want %s", sp.name, ths, formulas[i])
		}
	}
	var b bytes.Buffer
	if err := WriteCompareTable(&b, cmp, m); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i, sp := range storePolicies {
		head := sp.name + ", store/widget: " + formulas[i] + "\n"
		at := strings.Index(out, head)
		if at < 0 {
			t.Errorf("table lacks %q:\n%s", head, out)
			continue
		}
		// the fill-rate row beside this run's own simulated mean
		th, _ := m.RunTheory[sp.name][0].Value(model.MFillRate)
		c := formatEstimate("share", runs[i].SKUs[0].Metrics[model.MFillRate])
		row := lineOf(out[at:], "  fill rate ")
		if !strings.Contains(row, c.mean+" ± "+c.hw) || !strings.Contains(row, theoryValue("share", th, c)) {
			t.Errorf("%s: fill-rate row %q, want theory %s beside %s ± %s", sp.name, row, theoryValue("share", th, c), c.mean, c.hw)
		}
	}
	type part struct {
		Name   string
		Theory []struct {
			Formula string
			Metrics []struct {
				Metric       string
				Theory, Mean float64
			}
		}
	}
	var doc struct {
		Base     part
		Variants []part
	}
	b.Reset()
	if err := WriteCompareJSON(&b, cmp, m); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	parts := append([]part{doc.Base}, doc.Variants...)
	for i, p := range parts {
		if len(p.Theory) != 1 || p.Theory[0].Formula != formulas[i] || p.Theory[0].Metrics[0].Metric != "fill_rate" ||
			p.Theory[0].Metrics[0].Mean != runs[i].SKUs[0].Metrics[model.MFillRate].Mean {
			t.Errorf("JSON %s: theory %+v, want %s beside its own fill rate %v", p.Name, p.Theory, formulas[i], runs[i].SKUs[0].Metrics[model.MFillRate].Mean)
		}
	}
	b.Reset()
	if err := WriteCompareJSON(&b, cmp, storeMeta); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(`"theory"`)) {
		t.Error("a comparison without theories writes a \"theory\" field")
	}
}
