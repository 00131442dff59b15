package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"scsim/model"
)

// storeMeta is the Meta of the store comparison.
var storeMeta = Meta{Version: "0.1.0-test", Source: "output/plot_test.go", Description: "One store selling widgets under three replenishment policies."}

func TestCompareGolden(t *testing.T) {
	cmp, _ := mustComparison(t)
	tests := []struct {
		name  string
		write func(w *bytes.Buffer) error
	}{
		{"store-compare.table.golden", func(w *bytes.Buffer) error { return WriteCompareTable(w, cmp, storeMeta) }},
		{"store-compare.json.golden", func(w *bytes.Buffer) error { return WriteCompareJSON(w, cmp, storeMeta) }},
		{"store-compare.csv.golden", func(w *bytes.Buffer) error { return WriteCompareCSV(w, cmp, testMeta) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, b.Bytes())
		})
	}
}

// mustTwoSKUComparison compares the two-site-item network with a variant
// whose store has a higher reorder point, and one with a third site-item
// the base lacks; 5 replications.
func mustTwoSKUComparison(tb testing.TB) *model.Comparison {
	tb.Helper()
	base := mustTwoSKUNet(tb)
	more := mustTwoSKUNet(tb)
	more.Sites[0].Stocks[0].Policy = &model.RQ{R: 44, Q: 40}
	three := mustThreeSKUNet(tb)
	run := func(net *model.Network) *model.Summary {
		return model.Summarize(net, 1, model.RunAll(net, 1, 5, 0))
	}
	return model.Compare(run(base), []string{"r=44", "outlet"}, []*model.Summary{run(more), run(three)})
}

func TestCompareTable(t *testing.T) {
	cmp := mustTwoSKUComparison(t)
	var b bytes.Buffer
	if err := WriteCompareTable(&b, cmp, testMeta); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(out, "\n")
	// columns past 120 go in a block of their own
	const maxWidth = maxLineWidth
	for i, l := range lines {
		if n := len([]rune(l)); n > maxWidth {
			t.Errorf("line %d is %d columns wide, want <= %d: %q", i+1, n, maxWidth, l)
		}
	}
	for _, want := range []string{
		"  base    store/widget rq(reorder_point=36, order_quantity=40)\n",
		"  r=44    store/widget rq(reorder_point=44, order_quantity=40)\n",
		"  outlet  outlet/widget rq(reorder_point=36, order_quantity=40)\n",
		"* " + sigLegend + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// the header row, then one row per metric, in each block of columns
	var header, fill string
	for _, l := range lines {
		if strings.HasPrefix(l, "metric ") {
			header += l
		}
		if strings.HasPrefix(l, "fill rate ") {
			fill += l
		}
	}
	for _, col := range []string{"base", "r=44", "outlet", "Δ r=44", "Δ outlet"} {
		if !strings.Contains(header, col) {
			t.Errorf("header %q lacks column %q", header, col)
		}
	}
	// a higher reorder point fills more: a significant positive difference
	d := cmp.Variants[0].Total[model.MFillRate]
	if !d.Significant || d.Mean <= 0 {
		t.Fatalf("fill rate difference %+v, want significant and positive", d)
	}
	if cl := formatDiff("share", d); !strings.Contains(fill, cl.mean+" ± "+cl.hw+"*") || !strings.HasPrefix(cl.mean, "+") {
		t.Errorf("fill rate row %q lacks the significant difference %q", fill, cl.mean+" ± "+cl.hw+"*")
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("\n%s", out)
	}
}

func TestFormatDiff(t *testing.T) {
	tests := []struct {
		name string
		d    model.Diff
		want cell
	}{
		{"significant gain", model.Diff{Mean: 0.0123, HalfWidth: 0.0041, N: 5, Significant: true}, cell{"+0.0123", "0.0041", "*"}},
		{"loss, not significant", model.Diff{Mean: -1.5, HalfWidth: 2.31, N: 5}, cell{"-1.5", "2.3", ""}},
		{"zero under common random numbers", model.Diff{Mean: 0, HalfWidth: 0, N: 5}, cell{"0", "0", ""}},
		{"one pair: no half-width", model.Diff{Mean: 3, HalfWidth: nan(), N: 1}, cell{"+3.0", "", ""}},
		{"undefined", model.Diff{Mean: nan(), HalfWidth: nan()}, cell{"-", "", ""}},
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
		case r[3] == BaseName, r[3] == "outlet" && (r[6] == "outlet" || r[4] == "item:gizmo"):
			if diffs != ",,," {
				t.Errorf("row %q: diff fields %q, want empty", r, diffs)
			}
		default:
			if r[16] != "true" && r[16] != "false" {
				t.Errorf("row %q: significant = %q, want true or false", r, r[16])
			}
		}
	}
	for _, k := range []string{"base/store/widget", "base/customers", "base/site:store", "r=44/warehouse/gadget", "r=44/customers", "outlet/outlet/widget", "outlet/customers", "outlet/echelon-1"} {
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
	if doc.Schema != CompareSchema || doc.Scenario.Name != "two-sku" || doc.Base.Name != BaseName || doc.Base.Total.Diffs != nil {
		t.Errorf("schema %q, scenario %q, base %q with diffs %v; want %q, two-sku, base, null", doc.Schema, doc.Scenario.Name, doc.Base.Name, doc.Base.Total.Diffs, CompareSchema)
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
	if len(outlet) != 3 || outlet[2].Site != "outlet" || outlet[2].Diffs != nil || outlet[0].Diffs == nil {
		t.Errorf("outlet variant site-items %+v: want 3, the outlet's diffs null, the store's set", outlet)
	}
}

// nan returns a NaN.
func nan() float64 { return math.NaN() }
