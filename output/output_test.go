package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gonum.org/v1/gonum/floats/scalar"

	"scsim/model"
	"scsim/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testMeta is the Meta of every test run.
var testMeta = Meta{
	Version:     "0.1.0-test",
	Source:      "output/output_test.go",
	Description: "Two site-items: an (r, Q) store with backorders and an (s, S)\nwarehouse reviewed weekly with lost sales.",
}

// mustTwoSKUNet returns a network of two site-items: store/widget, an (r,
// Q) = (36, 40) store with Poisson unit demand of 8/day and backorders, and
// warehouse/gadget, an (s, S) = (20, 60) weekly-review warehouse with daily
// Poisson(5) demand and lost sales. Horizon 2000 days, warm-up 100.
func mustTwoSKUNet(tb testing.TB) *model.Network {
	tb.Helper()
	daily, err := model.NewPoisson(5)
	if err != nil {
		tb.Fatal(err)
	}
	net := &model.Network{
		Name: "two-sku",
		Items: []model.Item{
			{Name: "widget", UnitCost: 10, Price: 20, HoldingCost: 1, BackorderCost: 10, OrderCost: 100},
			{Name: "gadget", UnitCost: 30, Price: 50, HoldingCost: 0.5, LostSaleCost: 25, OrderCost: 80},
		},
		Suppliers: []model.Supplier{
			{Name: "factory"},
			{Name: "importer"},
		},
		Sites: []model.Site{
			{Name: "store", Kind: model.Store, Stocks: []model.Stock{{
				Item: 0, Source: model.Node{Kind: model.SupplierNode, Index: 0}, Lane: model.Lane{Transit: model.Const(4)}, Initial: 76, Policy: &model.RQ{R: 36, Q: 40},
				Demand: []model.Demand{{Name: "walk-in", Rate: 8, Size: model.Const(1), Stockout: model.Backorder}},
			}}},
			{Name: "warehouse", Kind: model.Warehouse, Stocks: []model.Stock{{
				Item: 1, Source: model.Node{Kind: model.SupplierNode, Index: 1}, Lane: model.Lane{Transit: model.Const(9)}, Initial: 60, Policy: &model.SS{Small: 20, Big: 60, Period: 7},
				Demand: []model.Demand{{Name: "trade", Daily: daily, Stockout: model.LostSale}},
			}}},
		},
		Horizon: 2000,
		Warmup:  100,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// mustClassesNet returns the store of mustTwoSKUNet with a second class of
// customers: trade customers of 3 units, served first, quoted delivery
// dates, who cancel after 1.5 days and cost 2 per unit cancelled.
func mustClassesNet(tb testing.TB) *model.Network {
	tb.Helper()
	net := mustOneSKUNet(tb)
	net.Name = "classes"
	net.Items[0].CancelCost = 2
	patience := model.Const(1.5)
	st := &net.Sites[0].Stocks[0]
	st.Demand = append(st.Demand, model.Demand{Name: "trade", Rate: 1, Size: model.Const(3), Priority: 1,
		Customers: model.Customers{Patience: &patience, Quote: true}})
	return net
}

// mustOneSKUNet returns the store of mustTwoSKUNet alone.
func mustOneSKUNet(tb testing.TB) *model.Network {
	tb.Helper()
	net := mustTwoSKUNet(tb)
	net.Name = "one-sku"
	net.Sites = net.Sites[:1]
	return net
}

// mustDCNet returns a two-echelon network of one item, widget: a
// distribution centre, dc, replenished from a factory 7 days away with a
// continuous-review (s, S) = (60, 160) policy, feeds two stores 2 days
// away. store-1 is an (r, Q) = (15, 25) store with Poisson unit demand of
// 4/day and backorders; store-2 orders up to 30 every 7 days and loses
// daily Poisson(3) demand it cannot fill. Horizon 1000 days, warm-up 100.
func mustDCNet(tb testing.TB) *model.Network {
	tb.Helper()
	daily, err := model.NewPoisson(3)
	if err != nil {
		tb.Fatal(err)
	}
	const dc = 0 // index of the DC in Sites
	fromDC := model.Node{Kind: model.SiteNode, Index: dc}
	net := &model.Network{
		Name:      "dc-two-stores",
		Items:     []model.Item{{Name: "widget", UnitCost: 10, Price: 20, HoldingCost: 0.1, BackorderCost: 2, LostSaleCost: 5, OrderCost: 50}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{
			{Name: "dc", Kind: model.Warehouse, Stocks: []model.Stock{{
				Source: model.Node{Kind: model.SupplierNode, Index: 0}, Lane: model.Lane{Transit: model.Const(7), UnitCost: 0.2, ShipmentCost: 40},
				Initial: 160, Policy: &model.SS{Small: 60, Big: 160},
			}}},
			{Name: "store-1", Kind: model.Store, Stocks: []model.Stock{{
				Source: fromDC, Lane: model.Lane{Transit: model.Const(2), ShipmentCost: 5},
				Initial: 40, Policy: &model.RQ{R: 15, Q: 25},
				Demand: []model.Demand{{Name: "walk-in", Rate: 4, Size: model.Const(1), Stockout: model.Backorder}},
			}}},
			{Name: "store-2", Kind: model.Store, Stocks: []model.Stock{{
				Source: fromDC, Lane: model.Lane{Transit: model.Const(2), ShipmentCost: 5},
				Initial: 30, Policy: &model.BaseStock{S: 30, Period: 7},
				Demand: []model.Demand{{Name: "walk-in", Daily: daily, Stockout: model.LostSale}},
			}}},
		},
		Horizon: 1000,
		Warmup:  100,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// mustRun runs reps replications of net with seed 1 and summarizes them.
func mustRun(tb testing.TB, net *model.Network, reps int) (*stats.Summary, []*model.Result) {
	tb.Helper()
	results := model.RunAll(net, 1, reps, 0)
	return stats.Summarize(net, 1, results), results
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./output -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test ./output -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the lines that differ between want and got, position by
// position, up to maxDiffLines of them.
func lineDiff(want, got string) string {
	const maxDiffLines = 20
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		if n++; n > maxDiffLines {
			b.WriteString("...\n")
			break
		}
		fmt.Fprintf(&b, "line %d:\n-want %q\n+got  %q\n", i+1, wl, gl)
	}
	return b.String()
}

// TestPins writes one summary of a real run per output kind. A pin: it
// freezes what the code printed; a model change that moves it is
// reviewed (go test ./output -update, and say why in the commit), not a
// formatter bug. The formatting rules themselves are tested on hand-built
// summaries (hand_test.go), which no model change moves.
func TestPins(t *testing.T) {
	two, _ := mustRun(t, mustTwoSKUNet(t), 5)
	dc, _ := mustRun(t, mustDCNet(t), 5)
	dcMeta := Meta{Version: "0.1.0-test", Source: "output/output_test.go", Description: "A DC feeding two stores."}
	classes, _ := mustRun(t, mustClassesNet(t), 5)
	classesMeta := Meta{Version: "0.1.0-test", Source: "output/output_test.go", Description: "Walk-in customers and impatient trade customers served first."}
	tests := []struct {
		name  string
		write func(w *bytes.Buffer) error
	}{
		{"pin-table.golden", func(w *bytes.Buffer) error { return WriteTable(w, dc, dcMeta) }},
		{"pin-json.golden", func(w *bytes.Buffer) error { return WriteJSON(w, classes, classesMeta) }},
		{"pin-csv.golden", func(w *bytes.Buffer) error { return WriteCSV(w, two, testMeta) }},
		{"pin-replications.csv.golden", func(w *bytes.Buffer) error { return WriteReplicationsCSV(w, two, testMeta) }},
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

// mustThreeSKUNet returns mustTwoSKUNet with a third site-item, an outlet
// selling widgets.
func mustThreeSKUNet(tb testing.TB) *model.Network {
	tb.Helper()
	net := mustTwoSKUNet(tb)
	net.Name = "three-sku"
	outlet := net.Sites[0]
	outlet.Name = "outlet"
	net.Sites = append(net.Sites, outlet)
	return net
}

// TestTableWidth checks that the table of three site-items and a total fits
// in 100 columns, with cells as wide as a run's usually are: shares to 4
// decimals (0.9778 ± 0.0058), the rest with one decimal (245.4 ± 9.4).
func TestTableWidth(t *testing.T) {
	s := summarizeZero(t, mustThreeSKUNet(t), 5)
	for _, sc := range s.Scopes() {
		for m := range sc.Metrics {
			sc.Metrics[m] = stats.Estimate{Mean: 245.37, HalfWidth: 9.4, N: 5}
			if model.Metrics[m].Unit == "share" {
				sc.Metrics[m] = stats.Estimate{Mean: 0.97781, HalfWidth: 0.0058, N: 5}
			}
		}
	}
	var b bytes.Buffer
	if err := WriteTable(&b, s, testMeta); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0.9778 ± 0.0058") || !strings.Contains(b.String(), "245.4 ± 9.4") {
		t.Fatalf("the cells are not as wide as the test means them:\n%s", b.String())
	}
	for i, l := range strings.Split(b.String(), "\n") {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("line %d is %d columns wide, want <= 100: %q", i+1, n, l)
		}
	}
	if testing.Verbose() {
		t.Logf("\n%s", b.String())
	}
}

// nanSummary returns a hand-made summary of two identical site-items,
// store/widget and depot/widget, whose fill rate has a NaN mean and
// half-width (no demand in any replication) and whose wait_mean is defined
// in only two of the three replications. The total fill rate has an
// infinite half-width.
func nanSummary() *stats.Summary {
	s := &stats.Summary{
		Scenario: "nan", Seed: 7, Replications: 3, Horizon: 10,
		SKUs: []stats.SKUSummary{{
			Site: "store", Item: "widget", SiteKind: "store",
			Policy: (&model.RQ{R: 1, Q: 2}).Describe(),
		}},
	}
	for i := range s.Total {
		s.SKUs[0].Metrics[i] = stats.Estimate{Mean: 1, HalfWidth: 0.5, N: 3}
		s.Total[i] = stats.Estimate{Mean: 1, HalfWidth: 0.5, N: 3}
	}
	s.SKUs[0].Metrics[model.MFillRate] = stats.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
	s.Total[model.MFillRate] = stats.Estimate{Mean: 1, HalfWidth: math.Inf(1), N: 3}
	s.SKUs[0].Metrics[model.MWaitMean] = stats.Estimate{Mean: 2, HalfWidth: 1, N: 2}
	depot := s.SKUs[0]
	depot.Site = "depot"
	s.SKUs = append(s.SKUs, depot)
	return s
}

// mustDecodeJSON writes s with WriteJSON and decodes it into a map.
func mustDecodeJSON(tb testing.TB, s *stats.Summary) (map[string]any, []byte) {
	tb.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, s, testMeta); err != nil {
		tb.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		tb.Fatalf("output is not JSON: %v\n%s", err, b.Bytes())
	}
	return doc, b.Bytes()
}

// metricEstimate returns the estimate object of key in a decoded "metrics"
// member.
func metricEstimate(tb testing.TB, metrics any, key string) map[string]any {
	tb.Helper()
	e, ok := metrics.(map[string]any)[key].(map[string]any)
	if !ok {
		tb.Fatalf("metrics[%q] missing or not an object: %v", key, metrics)
	}
	return e
}

func TestJSONNaNIsNull(t *testing.T) {
	doc, raw := mustDecodeJSON(t, nanSummary())
	sku := doc["site_items"].([]any)[0].(map[string]any)
	e := metricEstimate(t, sku["metrics"], "fill_rate")
	if e["mean"] != nil || e["half_width"] != nil {
		t.Errorf("store fill_rate = %v, want mean and half_width null", e)
	}
	if e["n"] != 0.0 {
		t.Errorf("store fill_rate n = %v, want 0", e["n"])
	}
	tot := metricEstimate(t, doc["total"].(map[string]any)["metrics"], "fill_rate")
	if tot["mean"] != 1.0 || tot["half_width"] != nil {
		t.Errorf("total fill_rate = %v, want mean 1 and half_width null", tot)
	}
	if bytes.Contains(raw, []byte("NaN")) || bytes.Contains(raw, []byte("Inf")) {
		t.Errorf("output contains NaN or Inf:\n%s", raw)
	}
}

// TestJSONRoundTrip checks every estimate of the hand-built summary in the
// JSON: finite values bit for bit (1.2e12, 3e-7, negative ones), NaN and
// infinite half-widths as null, n as given, names (ü, β, 東京) exactly.
func TestJSONRoundTrip(t *testing.T) {
	s := handSummary(t, 3)
	doc, raw := mustDecodeJSON(t, s)
	if doc["schema"] != Schema {
		t.Errorf("schema = %v, want %q", doc["schema"], Schema)
	}
	if !bytes.HasSuffix(raw, []byte("}\n")) || bytes.HasSuffix(raw, []byte("\n\n")) {
		t.Errorf("output does not end with exactly one newline")
	}
	if !bytes.HasPrefix(raw, []byte("{\n  \"schema\"")) {
		t.Errorf("output is not indented by two spaces: %.40q", raw)
	}
	sc := doc["scenario"].(map[string]any)
	if sc["name"] != s.Scenario || sc["seed"] != float64(s.Seed) || sc["replications"] != float64(s.Replications) ||
		sc["horizon"] != s.Horizon || sc["warmup"] != s.Warmup || sc["source"] != testMeta.Source {
		t.Errorf("scenario = %v, want the summary's", sc)
	}
	if got := len(doc["metrics"].([]any)); got != baseMetrics {
		t.Errorf("len(metrics) = %d, want %d", got, baseMetrics)
	}
	skus := doc["site_items"].([]any)
	if len(skus) != len(s.SKUs) {
		t.Fatalf("len(site_items) = %d, want %d", len(skus), len(s.SKUs))
	}
	check := func(where string, metrics any, want *[model.NumMetrics]stats.Estimate) {
		if got := len(metrics.(map[string]any)); got != baseMetrics {
			t.Errorf("%s: %d metrics, want %d", where, got, baseMetrics)
		}
		for i, mt := range model.Metrics[:baseMetrics] {
			e, w := metricEstimate(t, metrics, mt.Key), want[i]
			// encoding/json writes the shortest decimal that reads back
			// exactly, so finite values round-trip bit for bit.
			for _, f := range []struct {
				name string
				got  any
				want float64
			}{{"mean", e["mean"], w.Mean}, {"half_width", e["half_width"], w.HalfWidth}} {
				if finite(f.want) && f.got != f.want || !finite(f.want) && f.got != nil {
					t.Errorf("%s %s.%s = %v, want %v", where, mt.Key, f.name, f.got, f.want)
				}
			}
			if e["n"] != float64(w.N) {
				t.Errorf("%s %s.n = %v, want %d", where, mt.Key, e["n"], w.N)
			}
		}
	}
	for i, v := range skus {
		k := v.(map[string]any)
		if k["site"] != s.SKUs[i].Site || k["item"] != s.SKUs[i].Item || k["site_type"] != s.SKUs[i].SiteKind {
			t.Errorf("site_items[%d] = %v %v %v, want %s %s %s", i, k["site"], k["item"], k["site_type"],
				s.SKUs[i].Site, s.SKUs[i].Item, s.SKUs[i].SiteKind)
		}
		check("site_items["+strconv.Itoa(i)+"]", k["metrics"], &s.SKUs[i].Metrics)
	}
	check("total", doc["total"].(map[string]any)["metrics"], &s.Total)
	for _, part := range []struct {
		key string
		gs  []stats.Group
	}{{"sites", s.Sites}, {"items", s.Items}} {
		got := doc[part.key].([]any)
		if len(got) != len(part.gs) {
			t.Fatalf("len(%s) = %d, want %d", part.key, len(got), len(part.gs))
		}
		for i, v := range got {
			g := v.(map[string]any)
			if g["name"] != part.gs[i].Name || g["scope"] != part.gs[i].ScopeName() {
				t.Errorf("%s[%d] = %v %v, want %s %s", part.key, i, g["name"], g["scope"], part.gs[i].Name, part.gs[i].ScopeName())
			}
			check(part.key+"["+strconv.Itoa(i)+"]", g["metrics"], &part.gs[i].Metrics)
		}
	}
	// the hand-built awkward values, spelled out
	for _, c := range handCases {
		if c.scope != "store-1/widget" {
			continue
		}
		e := metricEstimate(t, skus[2].(map[string]any)["metrics"], model.Metrics[c.metric].Key)
		want := map[string]any{"mean": nil, "half_width": nil, "n": float64(c.e.N)}
		if finite(c.e.Mean) {
			want["mean"] = c.e.Mean
		}
		if finite(c.e.HalfWidth) {
			want["half_width"] = c.e.HalfWidth
		}
		if fmt.Sprint(e) != fmt.Sprint(want) {
			t.Errorf("store-1/widget %s = %v, want %v", model.Metrics[c.metric].Key, e, want)
		}
	}
	for _, want := range []string{`"mean": 1234567890000,`, `"mean": 3e-7,`, `"name": "hand — Zürich ⇄ 東京",`, `"site": "` + longSite + `",`} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	classes := doc["customer_classes"].([]any)
	if len(classes) != 2 {
		t.Fatalf("%d customer classes, want store-1/widget's 2", len(classes))
	}
	if c := classes[1].(map[string]any); c["stream"] != "trade" || c["priority"] != 1.0 || c["site"] != "store-1" {
		t.Errorf("customer class 2 = %v, want store-1's trade at priority 1", c)
	}
	echelons := doc["echelons"].([]any)
	if len(echelons) != len(s.Echelons) {
		t.Fatalf("len(echelons) = %d, want %d", len(echelons), len(s.Echelons))
	}
	for i, v := range echelons {
		e, want := v.(map[string]any), &s.Echelons[i]
		var members []string
		for _, m := range e["site_items"].([]any) {
			members = append(members, m.(string))
		}
		if e["level"] != float64(want.Level) || !equal(members, want.Members) {
			t.Errorf("echelons[%d] = level %v site_items %v, want %d %v", i, e["level"], members, want.Level, want.Members)
		}
		check("echelons["+strconv.Itoa(i)+"]", e["metrics"], &want.Metrics)
	}
}

// TestJSONMetricOrder checks that metric maps keep the order of
// model.Metrics and policy params their given order.
func TestJSONMetricOrder(t *testing.T) {
	s := handSummary(t, 2)
	var b bytes.Buffer
	if err := WriteJSON(&b, s, testMeta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SiteItems []struct {
			Policy struct {
				Params json.RawMessage `json:"params"`
			} `json:"policy"`
			Metrics json.RawMessage `json:"metrics"`
		} `json:"site_items"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, mt := range model.Metrics[:baseMetrics] {
		keys = append(keys, mt.Key)
	}
	if got := objectKeys(t, doc.SiteItems[0].Metrics); !equal(got, keys) {
		t.Errorf("metric keys = %v, want %v", got, keys)
	}
	want := []string{"reorder_point", "order_up_to", "review_period"}
	if got := objectKeys(t, doc.SiteItems[4].Policy.Params); !equal(got, want) {
		t.Errorf("sS params = %v, want %v", got, want)
	}
}

// objectKeys returns the member names of a JSON object in order.
func objectKeys(tb testing.TB, raw json.RawMessage) []string {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // '{'
		tb.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			tb.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			tb.Fatal(err)
		}
	}
	return keys
}

func equal(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

func TestSingleReplication(t *testing.T) {
	s := fillHand(t, summarizeZero(t, mustOneSKUNet(t), 1), false)
	doc, _ := mustDecodeJSON(t, s)
	metrics := doc["site_items"].([]any)[0].(map[string]any)["metrics"]
	e := metricEstimate(t, metrics, "fill_rate")
	if e["half_width"] != nil || e["n"] != 1.0 {
		t.Errorf("fill_rate = %v, want half_width null and n 1", e)
	}
	if _, ok := e["mean"].(float64); !ok {
		t.Errorf("fill_rate mean = %v, want a number", e["mean"])
	}
	var b bytes.Buffer
	if err := WriteTable(&b, s, Meta{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "±") {
		t.Errorf("table of one replication shows a half-width:\n%s", b.String())
	}
	if strings.Contains(b.String(), "  total") {
		t.Errorf("table of one site-item has a total column:\n%s", b.String())
	}
}

// mustReadCSV parses CSV output and checks that every record has the
// header's field count (encoding/csv enforces it).
func mustReadCSV(tb testing.TB, b []byte) [][]string {
	tb.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatalf("output is not CSV: %v", err)
	}
	return recs
}

// TestCSV checks the tidy CSV of the hand-built summary: a row per
// metric shown of every scope in the order of Scopes, every value the
// shortest decimal that reads back exactly, NaN an empty field, names as
// they are.
func TestCSV(t *testing.T) {
	s := handSummary(t, 3)
	meta := Meta{Fingerprint: "0123abcd"}
	var b bytes.Buffer
	if err := WriteCSV(&b, s, meta); err != nil {
		t.Fatal(err)
	}
	recs := mustReadCSV(t, b.Bytes())
	blocks := s.Scopes()
	if len(blocks) != 1+5+2+3+2 {
		t.Fatalf("%d scopes, want the total, 5 site-items, 2 echelons, 3 sites and 2 items", len(blocks))
	}
	if got, want := len(recs), 1+len(blocks)*baseMetrics; got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	if got, want := strings.Join(recs[0], ","), "scenario,fingerprint,seed,scope,kind,site,item,metric,unit,mean,half_width,n"; got != want {
		t.Errorf("header = %s, want %s", got, want)
	}
	for i, r := range recs[1:] {
		k, m := blocks[i/baseMetrics], i%baseMetrics
		want := k.Metrics[m]
		if got, want := strings.Join(r[:9], ","), strings.Join([]string{s.Scenario, "0123abcd", "7", k.Name, k.Kind, k.Site, k.Item, model.Metrics[m].Key, model.Metrics[m].Unit}, ","); got != want {
			t.Errorf("record %d = %v, want %s", i+1, got, want)
		}
		for j, v := range []float64{want.Mean, want.HalfWidth} {
			got := r[9+j]
			if math.IsNaN(v) || math.IsInf(v, 0) { // as JSON's null
				if got != "" {
					t.Errorf("record %d field %d = %q, want empty for %v", i+1, 9+j, got, v)
				}
				continue
			}
			if f, err := strconv.ParseFloat(got, 64); err != nil || f != v || len(got) > len(strconv.FormatFloat(v, 'g', -1, 64)) {
				t.Errorf("record %d field %d = %q, want the shortest decimal of %v", i+1, 9+j, got, v)
			}
		}
		if r[11] != strconv.Itoa(want.N) {
			t.Errorf("record %d n = %s, want %d", i+1, r[11], want.N)
		}
	}
	// a few rows spelled out
	for _, want := range []string{
		"hand — Zürich ⇄ 東京,0123abcd,7,store-1/widget,site-item,store-1,widget,fill_rate,share,,,0\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,store-1/widget,site-item,store-1,widget,demand_units,units,1.23456789e+12,5.1e+09,3\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,store-1/widget,site-item,store-1,widget,backorder_rate,share,3e-07,1.04e-08,3\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,dc-Zürich/widget,site-item,dc-Zürich,widget,total_cost,money/day,-1e-05,0.0012,3\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,echelon-2,echelon,,,avg_on_hand,units,0.0523,,1\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,site:store-1,site,store-1,,total_cost,money/day,48.666,0,3\n",
		"hand — Zürich ⇄ 東京,0123abcd,7,item:gadget-β,item,,gadget-β,wait_max,days,,,0\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("CSV lacks the row %q", want)
		}
	}
}

// TestReplicationsCSV checks the per-replication rows of the hand-built
// summary: for each replication, a row per scope in the order of Scopes,
// a column per metric shown, each cell the replication's value read back
// exactly (NaN empty), the awkward ones spelled out.
func TestReplicationsCSV(t *testing.T) {
	const reps = 3
	s := handSummary(t, reps)
	var b bytes.Buffer
	if err := WriteReplicationsCSV(&b, s, testMeta); err != nil {
		t.Fatal(err)
	}
	recs := mustReadCSV(t, b.Bytes())
	blocks := s.Scopes()
	if got, want := len(recs), 1+reps*len(blocks); got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	const first = 8 // scenario,fingerprint,seed,replication,scope,kind,site,item
	if got, want := len(recs[0]), first+baseMetrics; got != want {
		t.Fatalf("%d columns, want %d", got, want)
	}
	for m, mt := range model.Metrics[:baseMetrics] {
		if recs[0][first+m] != mt.Key {
			t.Errorf("column %d = %s, want %s", first+m, recs[0][first+m], mt.Key)
		}
	}
	for rep := range reps {
		for k, bl := range blocks {
			r := recs[1+rep*len(blocks)+k]
			if got, want := strings.Join(r[:first], ","), strings.Join([]string{s.Scenario, "", "7", strconv.Itoa(rep), bl.Name, bl.Kind, bl.Site, bl.Item}, ","); got != want {
				t.Fatalf("record %v, want %s", got, want)
			}
			for m := range baseMetrics {
				if got, want := r[first+m], csvFloat(bl.Reps[rep][m]); got != want {
					t.Errorf("replication %d %s %s = %q, want %q", rep, bl.Name, model.Metrics[m].Key, got, want)
				}
			}
		}
	}
	for _, c := range handRepCases {
		k := slices.IndexFunc(blocks, func(sc stats.ScopeResult) bool { return sc.Name == c.scope })
		if got := recs[1+1*len(blocks)+k][first+c.metric]; got != c.csv {
			t.Errorf("replication 1 %s %s = %q, want %q", c.scope, model.Metrics[c.metric].Key, got, c.csv)
		}
	}
	// a summary whose scopes lack replications is refused, not cut short
	short := handSummary(t, reps)
	short.Replications = reps + 1
	if err := WriteReplicationsCSV(&bytes.Buffer{}, short, testMeta); err == nil || !strings.Contains(err.Error(), "has 3 replications, the summary 4") {
		t.Errorf("replications CSV of a summary with too few rows: err = %v", err)
	}
}

func TestDecimals(t *testing.T) {
	tests := []struct {
		unit string
		v    float64
		want string
	}{
		{"share", 0.97931, "0.9793"},
		{"units", 16012.4, "16012"},
		{"units", 21.34, "21.3"},
		{"units", 0.0523, "0.05"},
		{"orders", 150, "150"},
		{"money/day", 48.666, "48.67"},
		{"money", 1234.567, "1234.57"},
		{"money", 1234567.891, "1234568"},
		{"units", 0, "0"},
		{"days", 0.51234, "0.512"},
		{"days", 12.345, "12.3"},
		{"days", 1234.5, "1234"}, // round half to even
		{"days", 0.000123, "0.0001"},
		{"days", 0, "0"},
		{"1/year", 97.5, "97.5"},
	}
	for _, tt := range tests {
		t.Run(tt.unit+"/"+strconv.FormatFloat(tt.v, 'g', -1, 64), func(t *testing.T) {
			got := formatEstimate(tt.unit, stats.Estimate{Mean: tt.v, N: 1}).mean
			if got != tt.want {
				t.Errorf("format %v %s = %q, want %q", tt.v, tt.unit, got, tt.want)
			}
		})
	}
}

func TestTableNaN(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, nanSummary(), Meta{}); err != nil {
		t.Fatal(err)
	}
	table := b.String()
	if !strings.Contains(table, `"†": undefined in some replications`) {
		t.Errorf("no footnote for \"†\" in\n%s", table)
	}
	tests := []struct {
		row          string
		store, total string
	}{
		{"fill rate", "-", "1.0000"},               // NaN mean; +Inf half-width dropped
		{"wait mean", "2.0 ± 1.0†", "1.00 ± 0.50"}, // store: n = 2 of 3 replications
	}
	for _, tt := range tests {
		t.Run(tt.row, func(t *testing.T) {
			got := tableCells(t, table, tt.row)
			if len(got) != 5 || got[2] != tt.store || got[4] != tt.total {
				t.Errorf("%s cells = %q, want store %q and total %q", tt.row, got, tt.store, tt.total)
			}
		})
	}
}

// tableCells returns the fields of the table row named row: name, unit,
// then one cell per column. Cells are separated by two or more spaces and
// contain at most single spaces.
func tableCells(tb testing.TB, table, row string) []string {
	tb.Helper()
	for _, l := range strings.Split(table, "\n") {
		if strings.HasPrefix(l, row+"  ") {
			return regexp.MustCompile(` {2,}`).Split(strings.TrimSpace(l), -1)
		}
	}
	tb.Fatalf("no %s row in\n%s", row, table)
	return nil
}

// errWriter fails every write.
type errWriter struct{}

var errWrite = errors.New("disk full")

func (errWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteErrors(t *testing.T) {
	s := handSummary(t, 2)
	tests := []struct {
		name  string
		write func() error
	}{
		{"table", func() error { return WriteTable(errWriter{}, s, testMeta) }},
		{"json", func() error { return WriteJSON(errWriter{}, s, testMeta) }},
		{"csv", func() error { return WriteCSV(errWriter{}, s, testMeta) }},
		{"replications", func() error { return WriteReplicationsCSV(errWriter{}, s, testMeta) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.write(); !errors.Is(err, errWrite) {
				t.Errorf("error = %v, want %v", err, errWrite)
			}
		})
	}
}

// baseMetrics is the number of metrics output shows for networks without
// optional features (stats.ShownMetrics(0)): the first ones of
// model.Metrics, since features' metrics come last.
var baseMetrics = len(stats.ShownMetrics(0))

// TestDocsListEveryMetric keeps docs/json-format.md in step with
// model.Metrics: every metric must have its row there, in order, with the
// key, unit, table name and definition of the model.
func TestDocsListEveryMetric(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "json-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	last := -1
	for _, mt := range model.Metrics {
		row := fmt.Sprintf("| `%s` | %s | %s | %s |\n", mt.Key, mt.Unit, mt.Name, mt.Doc)
		i := bytes.Index(doc, []byte(row))
		switch {
		case i < 0:
			t.Errorf("docs/json-format.md has no row %q", row)
		case i < last:
			t.Errorf("docs/json-format.md lists %s out of the order of model.Metrics", mt.Key)
		}
		last = max(last, i)
	}
}

func TestFormatEstimate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name             string
		unit             string
		mean, hw         float64
		n                int
		wantMean, wantHW string // wantHW "" for no half-width
	}{
		// rq-single: the half-width's second digit sets the decimals
		{name: "on-hand", unit: "units", mean: 24.5637, hw: 0.0142, n: 10, wantMean: "24.564", wantHW: "0.014"},
		{name: "backorders", unit: "units", mean: 0.052912, hw: 0.00041, n: 10, wantMean: "0.05291", wantHW: "0.00041"},
		{name: "share", unit: "share", mean: 0.979293, hw: 0.000182, n: 10, wantMean: "0.97929", wantHW: "0.00018"},
		{name: "rounds up to 3 digits", unit: "days", mean: 0.3421, hw: 0.0996, n: 5, wantMean: "0.342", wantHW: "0.100"},
		{name: "hw above 10", unit: "units", mean: 338.4, hw: 94.2, n: 5, wantMean: "338", wantHW: "94"},
		{name: "hw 1 to 10", unit: "orders", mean: 379.96, hw: 5.63, n: 5, wantMean: "380.0", wantHW: "5.6"},
		{name: "large whole", unit: "units", mean: 1599888.4, hw: 6.3, n: 10, wantMean: "1599888", wantHW: "6"},
		{name: "large precise", unit: "money", mean: 1234.5, hw: 0.37, n: 10, wantMean: "1234.50", wantHW: "0.37"},
		{name: "capped decimals", unit: "ratio", mean: 1, hw: 3e-9, n: 10, wantMean: "1.000000", wantHW: "3.0e-09"},
		{name: "negative zero", unit: "money/day", mean: -0.00001, hw: 0.0012, n: 5, wantMean: "0.0000", wantHW: "0.0012"},
		// fallbacks to the unit's format
		{name: "zero hw", unit: "share", mean: 0, hw: 0, n: 5, wantMean: "0.0000", wantHW: "0.0000"},
		{name: "noise hw", unit: "money/day", mean: 7.111111111111111, hw: 1.2e-15, n: 5, wantMean: "7.11", wantHW: "0.00"},
		{name: "one replication", unit: "units", mean: 24.5637, hw: nan, n: 1, wantMean: "24.6"},
		{name: "infinite hw", unit: "share", mean: 1, hw: math.Inf(1), n: 3, wantMean: "1.0000"},
		{name: "no mean", unit: "days", mean: nan, hw: nan, n: 0, wantMean: "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatEstimate(tt.unit, stats.Estimate{Mean: tt.mean, HalfWidth: tt.hw, N: tt.n})
			if got.mean != tt.wantMean || got.hw != tt.wantHW {
				t.Errorf("format %v ± %v %s = %q ± %q, want %q ± %q", tt.mean, tt.hw, tt.unit, got.mean, got.hw, tt.wantMean, tt.wantHW)
			}
		})
	}
}

// TestNoZeroHalfWidth checks over many magnitudes that a half-width that
// is not rounding noise is never shown as zero.
func TestNoZeroHalfWidth(t *testing.T) {
	for _, unit := range []string{"units", "share", "money", "days", "ratio"} {
		for e := -12; e <= 7; e++ {
			for _, mant := range []float64{1, 4.9999, 5, 9.96} {
				hw := mant * math.Pow10(e)
				for _, mean := range []float64{0.01, 1, 24.5, 1999, 1e6} {
					if hw <= noiseRel*mean {
						continue
					}
					c := formatEstimate(unit, stats.Estimate{Mean: mean, HalfWidth: hw, N: 5})
					v, err := strconv.ParseFloat(c.hw, 64)
					if err != nil || v == 0 {
						t.Errorf("%s %v ± %v: half-width shown as %q", unit, mean, hw, c.hw)
					}
				}
			}
		}
	}
}

func TestFormatPolicy(t *testing.T) {
	tests := []struct {
		policy model.Policy
		want   string
	}{
		{&model.RQ{R: 36, Q: 40}, "rq(reorder_point=36, order_quantity=40)"},
		{&model.SS{Small: 20, Big: 60}, "sS(reorder_point=20, order_up_to=60, review=continuous)"},
		{&model.SS{Small: 20, Big: 60, Period: 7}, "sS(reorder_point=20, order_up_to=60, review_period=7)"},
		{&model.BaseStock{S: 30, Period: 0.5}, "base_stock(order_up_to=30, review_period=0.5)"},
		{&model.BaseStock{S: 30}, "base_stock(order_up_to=30, review=continuous)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := formatPolicy(tt.policy.Describe()); got != tt.want {
				t.Errorf("formatPolicy = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListMembers(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "s1/w"},
		{4, "s1/w, s2/w, s3/w, s4/w"},
		{5, "s1/w, s2/w, s3/w and 2 more"},
		{12, "s1/w, s2/w, s3/w and 9 more"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.n), func(t *testing.T) {
			var names []string
			for i := range tt.n {
				names = append(names, fmt.Sprintf("s%d/w", i+1))
			}
			if got := listMembers(names); got != tt.want {
				t.Errorf("listMembers(%d names) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

// TestEchelonTable checks that the "by echelon" table appears only for
// networks of more than one echelon, with a column per echelon.
func TestEchelonTable(t *testing.T) {
	tests := []struct {
		net  func(testing.TB) *model.Network
		want []string // cells of the header row of the echelon table; nil for none
	}{
		{mustTwoSKUNet, nil},
		{mustOneSKUNet, nil},
		{mustDCNet, []string{"metric", "unit", "echelon 1", "echelon 2"}},
	}
	for _, tt := range tests {
		net := tt.net(t)
		t.Run(net.Name, func(t *testing.T) {
			s := fillHand(t, summarizeZero(t, net, 2), false)
			var b bytes.Buffer
			if err := WriteTable(&b, s, testMeta); err != nil {
				t.Fatal(err)
			}
			table := b.String()
			_, after, found := strings.Cut(table, "\nby echelon\n")
			if found != (tt.want != nil) {
				t.Fatalf("by echelon table present = %v, want %v:\n%s", found, tt.want != nil, table)
			}
			if !found {
				return
			}
			lines := strings.Split(after, "\n")
			for i, e := range s.Echelons {
				if want := fmt.Sprintf("  echelon %d  %s", e.Level, strings.Join(e.Members, ", ")); lines[i] != want {
					t.Errorf("members line %d = %q, want %q", i, lines[i], want)
				}
			}
			header := regexp.MustCompile(` {2,}`).Split(lines[len(s.Echelons)], -1)
			if !equal(header, tt.want) {
				t.Errorf("echelon table header = %q, want %q", header, tt.want)
			}
		})
	}
}

// TestOneEchelonIsTotal checks what docs/json-format.md promises: in a
// network of one echelon, the echelon's estimates are the total's, apart
// from bullwhip, which is undefined for the total.
func TestOneEchelonIsTotal(t *testing.T) {
	s, _ := mustRun(t, mustTwoSKUNet(t), 5)
	if len(s.Echelons) != 1 {
		t.Fatalf("%d echelons, want 1", len(s.Echelons))
	}
	e := &s.Echelons[0]
	if e.Level != 1 || !equal(e.Members, []string{"store/widget", "warehouse/gadget"}) {
		t.Errorf("echelon = level %d members %v, want 1 [store/widget warehouse/gadget]", e.Level, e.Members)
	}
	for i, mt := range model.Metrics {
		got, want := e.Metrics[i], s.Total[i]
		if i == model.MBullwhip {
			if !math.IsNaN(want.Mean) || math.IsNaN(got.Mean) {
				t.Errorf("bullwhip: echelon %v, total %v; want a number and NaN", got.Mean, want.Mean)
			}
			continue
		}
		same := func(a, b float64) bool {
			return math.IsNaN(a) && math.IsNaN(b) || scalar.EqualWithinAbsOrRel(a, b, 1e-12, 1e-12)
		}
		if got.N != want.N || !same(got.Mean, want.Mean) || !same(got.HalfWidth, want.HalfWidth) {
			t.Errorf("%s: echelon %+v, total %+v", mt.Key, got, want)
		}
	}
}

// TestWriteWrapped checks that long lines break after a separator within
// maxLineWidth, continue under their start, and lose nothing.
func TestWriteWrapped(t *testing.T) {
	var params []string
	for i := range 30 {
		params = append(params, fmt.Sprintf("param_%d=%d", i, i*i))
	}
	text := "safety_stock(" + strings.Join(params, ", ") + ")"
	var b strings.Builder
	lead := "  store/widget  "
	writeWrapped(&b, lead, text, ", ")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("%d lines, want the text wrapped:\n%s", len(lines), b.String())
	}
	var parts []string
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > maxLineWidth {
			t.Errorf("line %d is %d wide: %q", i, n, l)
		}
		if i > 0 && !strings.HasPrefix(l, strings.Repeat(" ", len(lead))+"param_") {
			t.Errorf("line %d does not continue under the text: %q", i, l)
		}
		parts = append(parts, strings.TrimPrefix(l, strings.Repeat(" ", len(lead))))
	}
	parts[0] = strings.TrimPrefix(lines[0], lead)
	if got := strings.Join(parts, " "); got != text {
		t.Errorf("wrapped text reads %q, want %q", got, text)
	}
	b.Reset()
	writeWrapped(&b, "x ", "short", " ")
	if b.String() != "x short\n" {
		t.Errorf("short line = %q", b.String())
	}
}
