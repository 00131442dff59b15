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
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"scsim/model"
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

// mustOneSKUNet returns the store of mustTwoSKUNet alone.
func mustOneSKUNet(tb testing.TB) *model.Network {
	tb.Helper()
	net := mustTwoSKUNet(tb)
	net.Name = "one-sku"
	net.Sites = net.Sites[:1]
	return net
}

// mustRun runs reps replications of net with seed 1 and summarizes them.
func mustRun(tb testing.TB, net *model.Network, reps int) (*model.Summary, []*model.Result) {
	tb.Helper()
	results := model.RunAll(net, 1, reps, 0)
	return model.Summarize(net, 1, results), results
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

func TestGolden(t *testing.T) {
	two, twoRes := mustRun(t, mustTwoSKUNet(t), 5)
	oneNet := mustOneSKUNet(t)
	one, _ := mustRun(t, oneNet, 1)
	oneMeta := Meta{Version: "0.1.0-test", Source: "bundled:one-sku"}
	tests := []struct {
		name  string
		write func(w *bytes.Buffer) error
	}{
		{"two-sku.table.golden", func(w *bytes.Buffer) error { return WriteTable(w, two, testMeta) }},
		{"two-sku.json.golden", func(w *bytes.Buffer) error { return WriteJSON(w, two, testMeta) }},
		{"two-sku.csv.golden", func(w *bytes.Buffer) error { return WriteCSV(w, two) }},
		{"two-sku.replications.csv.golden", func(w *bytes.Buffer) error {
			return WriteReplicationsCSV(w, mustTwoSKUNet(t), twoRes)
		}},
		{"one-sku-one-rep.table.golden", func(w *bytes.Buffer) error { return WriteTable(w, one, oneMeta) }},
		{"one-sku-one-rep.json.golden", func(w *bytes.Buffer) error { return WriteJSON(w, one, oneMeta) }},
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
// in 100 columns.
func TestTableWidth(t *testing.T) {
	s, _ := mustRun(t, mustThreeSKUNet(t), 5)
	var b bytes.Buffer
	if err := WriteTable(&b, s, testMeta); err != nil {
		t.Fatal(err)
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
func nanSummary() *model.Summary {
	s := &model.Summary{
		Scenario: "nan", Seed: 7, Replications: 3, Horizon: 10,
		SKUs: []model.SKUSummary{{
			Site: "store", Item: "widget", SiteKind: "store",
			Policy: (&model.RQ{R: 1, Q: 2}).Describe(),
		}},
	}
	for i := range s.Total {
		s.SKUs[0].Metrics[i] = model.Estimate{Mean: 1, HalfWidth: 0.5, N: 3}
		s.Total[i] = model.Estimate{Mean: 1, HalfWidth: 0.5, N: 3}
	}
	s.SKUs[0].Metrics[model.MFillRate] = model.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
	s.Total[model.MFillRate] = model.Estimate{Mean: 1, HalfWidth: math.Inf(1), N: 3}
	s.SKUs[0].Metrics[model.MWaitMean] = model.Estimate{Mean: 2, HalfWidth: 1, N: 2}
	depot := s.SKUs[0]
	depot.Site = "depot"
	s.SKUs = append(s.SKUs, depot)
	return s
}

// mustDecodeJSON writes s with WriteJSON and decodes it into a map.
func mustDecodeJSON(tb testing.TB, s *model.Summary) (map[string]any, []byte) {
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

func TestJSONRoundTrip(t *testing.T) {
	s, _ := mustRun(t, mustTwoSKUNet(t), 5)
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
	if got := len(doc["metrics"].([]any)); got != model.NumMetrics {
		t.Errorf("len(metrics) = %d, want %d", got, model.NumMetrics)
	}
	skus := doc["site_items"].([]any)
	if len(skus) != len(s.SKUs) {
		t.Fatalf("len(site_items) = %d, want %d", len(skus), len(s.SKUs))
	}
	check := func(where string, metrics any, want *[model.NumMetrics]model.Estimate) {
		if got := len(metrics.(map[string]any)); got != model.NumMetrics {
			t.Errorf("%s: %d metrics, want %d", where, got, model.NumMetrics)
		}
		for i, mt := range model.Metrics {
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
}

// TestJSONMetricOrder checks that metric maps keep the order of
// model.Metrics and policy params their given order.
func TestJSONMetricOrder(t *testing.T) {
	s, _ := mustRun(t, mustTwoSKUNet(t), 2)
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
	for _, mt := range model.Metrics {
		keys = append(keys, mt.Key)
	}
	if got := objectKeys(t, doc.SiteItems[0].Metrics); !equal(got, keys) {
		t.Errorf("metric keys = %v, want %v", got, keys)
	}
	want := []string{"reorder_point", "order_up_to", "review_period"}
	if got := objectKeys(t, doc.SiteItems[1].Policy.Params); !equal(got, want) {
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
	s, _ := mustRun(t, mustOneSKUNet(t), 1)
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

func TestCSV(t *testing.T) {
	s, _ := mustRun(t, mustTwoSKUNet(t), 5)
	var b bytes.Buffer
	if err := WriteCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	recs := mustReadCSV(t, b.Bytes())
	if got, want := len(recs), 1+(len(s.SKUs)+1)*model.NumMetrics; got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	if got, want := strings.Join(recs[0], ","), "site,item,metric,unit,mean,half_width,n"; got != want {
		t.Errorf("header = %s, want %s", got, want)
	}
	// Every value reads back exactly; NaN is an empty field.
	for i, r := range recs[1:] {
		k, m := i/model.NumMetrics, i%model.NumMetrics
		want, site, item := s.Total[m], TotalSite, ""
		if k < len(s.SKUs) {
			want, site, item = s.SKUs[k].Metrics[m], s.SKUs[k].Site, s.SKUs[k].Item
		}
		if r[0] != site || r[1] != item || r[2] != model.Metrics[m].Key || r[3] != model.Metrics[m].Unit {
			t.Errorf("record %d = %v, want %s,%s,%s,%s", i+1, r[:4], site, item, model.Metrics[m].Key, model.Metrics[m].Unit)
		}
		for j, v := range []float64{want.Mean, want.HalfWidth} {
			if got := r[4+j]; math.IsNaN(v) && got != "" || !math.IsNaN(v) && got != strconv.FormatFloat(v, 'g', -1, 64) {
				t.Errorf("record %d field %d = %q, want %v", i+1, 4+j, got, v)
			}
		}
		if r[6] != strconv.Itoa(want.N) {
			t.Errorf("record %d n = %s, want %d", i+1, r[6], want.N)
		}
	}
}

// TestReplicationsCSV checks the per-replication rows against the Summary:
// the mean of each column over replications is the Summary's mean.
func TestReplicationsCSV(t *testing.T) {
	net := mustTwoSKUNet(t)
	const reps = 5
	s, results := mustRun(t, net, reps)
	var b bytes.Buffer
	if err := WriteReplicationsCSV(&b, net, results); err != nil {
		t.Fatal(err)
	}
	recs := mustReadCSV(t, b.Bytes())
	rowsPerRep := len(s.SKUs) + 1
	if got, want := len(recs), 1+reps*rowsPerRep; got != want {
		t.Fatalf("%d records, want %d", got, want)
	}
	if got, want := len(recs[0]), 3+model.NumMetrics; got != want {
		t.Fatalf("%d columns, want %d", got, want)
	}
	for k := range rowsPerRep {
		want, name := &s.Total, TotalSite
		if k < len(s.SKUs) {
			want, name = &s.SKUs[k].Metrics, s.SKUs[k].Site
		}
		for m, mt := range model.Metrics {
			var sum float64
			var n int
			for rep := range reps {
				r := recs[1+rep*rowsPerRep+k]
				if r[0] != strconv.Itoa(rep) || r[1] != name {
					t.Fatalf("record %v, want replication %d site %s", r[:3], rep, name)
				}
				if r[3+m] == "" {
					continue
				}
				v, err := strconv.ParseFloat(r[3+m], 64)
				if err != nil {
					t.Fatal(err)
				}
				sum += v
				n++
			}
			if n != want[m].N {
				t.Errorf("%s %s: %d defined values, want n = %d", name, mt.Key, n, want[m].N)
			}
			// Same values summed in the same order as model.Estimate95.
			if got := sum / float64(n); n > 0 && !scalar.EqualWithinAbsOrRel(got, want[m].Mean, 0, 1e-12) {
				t.Errorf("%s %s: mean of rows = %v, want %v", name, mt.Key, got, want[m].Mean)
			}
		}
	}
}

func TestReplicationsCSVMismatch(t *testing.T) {
	_, results := mustRun(t, mustTwoSKUNet(t), 2)
	var b bytes.Buffer
	err := WriteReplicationsCSV(&b, mustOneSKUNet(t), results)
	if err == nil {
		t.Fatal("WriteReplicationsCSV with results of another network: no error")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes before failing, want none", b.Len())
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
			got := formatEstimate(tt.unit, model.Estimate{Mean: tt.v, N: 1}).mean
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
	if !strings.Contains(table, `"*": undefined in some replications`) {
		t.Errorf("no footnote for \"*\" in\n%s", table)
	}
	tests := []struct {
		row          string
		store, total string
	}{
		{"fill rate", "-", "1.0000"},                 // NaN mean; +Inf half-width dropped
		{"wait mean", "2.00 ± 1.00*", "1.00 ± 0.50"}, // store: n = 2 of 3 replications
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
	net := mustTwoSKUNet(t)
	s, results := mustRun(t, net, 2)
	tests := []struct {
		name  string
		write func() error
	}{
		{"table", func() error { return WriteTable(errWriter{}, s, testMeta) }},
		{"json", func() error { return WriteJSON(errWriter{}, s, testMeta) }},
		{"csv", func() error { return WriteCSV(errWriter{}, s) }},
		{"replications", func() error { return WriteReplicationsCSV(errWriter{}, net, results) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.write(); !errors.Is(err, errWrite) {
				t.Errorf("error = %v, want %v", err, errWrite)
			}
		})
	}
}

// TestDocsListEveryMetric keeps docs/json-format.md in step with
// model.Metrics: every key must be documented there.
func TestDocsListEveryMetric(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "json-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mt := range model.Metrics {
		row := fmt.Sprintf("| `%s` | %s |", mt.Key, mt.Unit)
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/json-format.md has no row starting %q", row)
		}
	}
}
