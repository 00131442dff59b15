package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// sweepNet returns the one-store network of a sweep point: an (r, Q =
// 40) store at reorder point r.
func sweepNet(tb testing.TB, r int64) *model.Network {
	tb.Helper()
	net := &model.Network{
		Name:      "sweep",
		Items:     []model.Item{{Name: "widget", HoldingCost: 1, BackorderCost: 5}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{{Name: "store", Stocks: []model.Stock{{
			Item: 0, Source: model.Node{Kind: model.SupplierNode}, Lane: model.Lane{Transit: model.Const(4)},
			Initial: r + 40, Policy: &model.RQ{R: r, Q: 40},
			Demand: []model.Demand{{Name: "d0", Rate: 8, Size: model.Const(1)}},
		}}}},
		Horizon: 1000, Warmup: 50,
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// sweepOf runs the one-store network at each reorder point, 4
// replications each.
func sweepOf(t *testing.T, points ...int64) *Sweep {
	t.Helper()
	sw := &Sweep{Paths: []string{"sites[store].stock[widget].policy.reorder_point"}}
	for _, r := range points {
		net := sweepNet(t, r)
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, 4, 0))
		sw.Points = append(sw.Points, SweepRow{Values: []string{itoa(r)}, Summary: sum})
	}
	return sw
}

// handSweepOf returns a sweep of the one-store network at each reorder
// point whose summaries are built by hand (4 replications, no
// simulation): the total cost of point r is r + 12 in every part of the
// results, and r + 12 + rep/4 in replication rep, so paired differences
// are exact with a half-width of 0; every other value is handRep's.
func handSweepOf(t *testing.T, points ...int64) *Sweep {
	t.Helper()
	sw := &Sweep{Paths: []string{"sites[store].stock[widget].policy.reorder_point"}}
	for _, r := range points {
		sum := fillHand(t, summarizeZero(t, sweepNet(t, r), 4), false)
		for _, sc := range sum.Scopes() {
			sc.Metrics[model.MTotalCost] = stats.Estimate{Mean: float64(r) + 12, HalfWidth: 0.5, N: 4}
			for rep := range sc.Reps {
				sc.Reps[rep][model.MTotalCost] = float64(r) + 12 + float64(rep)/4
			}
		}
		sw.Points = append(sw.Points, SweepRow{Values: []string{itoa(r)}, Summary: sum})
	}
	return sw
}

// TestSweepPin writes the table of a real sweep. A pin: it freezes what
// the code printed; a model change that moves it is reviewed (go test
// ./output -update), not a formatter bug.
func TestSweepPin(t *testing.T) {
	sw := sweepOf(t, 28, 36, 44, 36)
	sw.Links = []int{0}
	sw.Points = append(sw.Points, SweepRow{Values: []string{"-5"}, Err: errors.New("scenario.yaml:3:4: --set: reorder_point: must be >= 0, got -5")})
	sw.Objective = model.MTotalCost
	sw.Compare(1)
	var table bytes.Buffer
	if err := WriteSweepTable(&table, sw, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "pin-sweep.golden", table.Bytes())
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func TestSweepWriters(t *testing.T) {
	sw := handSweepOf(t, 28, 36, 44, 36)
	sw.Links = []int{0}
	sw.Points = append(sw.Points, SweepRow{Values: []string{"-5"}, Err: errors.New("scenario.yaml:3:4: --set: reorder_point: must be >= 0, got -5")})
	sw.Objective = model.MTotalCost
	best := sw.Best()
	for i, p := range sw.Points[:4] {
		if c := p.Summary.Total[model.MTotalCost].Mean; c < sw.Points[best].Summary.Total[model.MTotalCost].Mean {
			t.Errorf("Best() = point %d, but point %d costs less (%v)", best, i, c)
		}
	}
	if best != 0 { // the hand-built costs rise with r
		t.Fatalf("best point %d, want 0 (r=28)", best)
	}
	sw.Compare(1) // r=36, chosen
	var table, js, cs bytes.Buffer
	if err := WriteSweepTable(&table, sw, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"28", "36", "44", "fill rate", "total cost", "reference", "1 invalid point(s), not run:\n  point 5 (-5): scenario.yaml:3:4"} {
		if !strings.Contains(table.String(), v) {
			t.Errorf("sweep table lacks %q", v)
		}
	}
	// the same setting twice: the same random numbers, a difference of exactly 0
	if d := sw.Points[3].Diff.Total[model.MTotalCost]; d.Mean != 0 || d.Significant {
		t.Errorf("difference of a point from its copy = %+v, want 0, not significant", d)
	}
	if d := sw.Points[0].Diff.Total[model.MTotalCost]; !d.Significant || d.Mean != -8 || d.HalfWidth != 0 {
		t.Errorf("difference of r=28 from r=36 = %+v, want -8 ± 0, significant", d)
	}
	if !strings.Contains(table.String(), "the 1 other point without it is indistinguishable") {
		t.Errorf("table does not count the indistinguishable point:\n%s", table.String())
	}
	if err := WriteSweepCSV(&cs, sw, Meta{Fingerprint: "abc"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	scopes := len(sw.Points[0].Summary.Scopes())
	if want := 1 + 4*scopes*baseMetrics + 1; len(rows) != want {
		t.Errorf("%d CSV rows, want %d", len(rows), want)
	}
	if last := rows[len(rows)-1]; last[3] != "5" || last[4] != "-5" || last[5] != "false" {
		t.Errorf("invalid point's row = %q", last)
	}
	if err := WriteSweepJSON(&js, sw, Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema    string
		Reference int `json:"reference_point"`
		Invalid   int `json:"invalid_points"`
		Points    []struct {
			Values []any
			Valid  bool
			Error  *string
			Total  struct {
				Metrics map[string]struct{ Mean *float64 }
				Diffs   map[string]struct {
					Mean        *float64
					Significant bool
				}
			}
			SiteItems []struct{ Site string } `json:"site_items"`
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != SweepSchema || len(doc.Points) != 5 || doc.Reference != 2 || doc.Invalid != 1 {
		t.Fatalf("sweep JSON header: %+v", doc)
	}
	if v, ok := doc.Points[2].Values[0].(float64); !ok || v != 44 {
		t.Errorf("value %#v, want the number 44", doc.Points[2].Values[0])
	}
	if *doc.Points[2].Total.Metrics["fill_rate"].Mean != sw.Points[2].Summary.Total[model.MFillRate].Mean {
		t.Errorf("sweep JSON fill rate differs from the summary")
	}
	if d := doc.Points[0].Total.Diffs["total_cost"]; d.Mean == nil || !d.Significant || len(doc.Points[0].SiteItems) != 1 {
		t.Errorf("point 1's difference %+v, site-items %+v", d, doc.Points[0].SiteItems)
	}
	if p := doc.Points[4]; p.Valid || p.Error == nil || !strings.Contains(*p.Error, "must be >= 0") {
		t.Errorf("invalid point in JSON: %+v", p)
	}
}

// TestSweepScope checks that --scope makes the table and the objective read
// a part of the results other than the customers' total.
func TestSweepScope(t *testing.T) {
	sw := handSweepOf(t, 28, 36)
	for _, p := range sw.Points { // on hand rises with r too
		p.Summary.Sites[0].Metrics[model.MAvgOnHand].Mean = float64(p.Summary.SKUs[0].Policy.Params[0].Value)
	}
	sw.Links, sw.Objective, sw.Scope = []int{0}, model.MAvgOnHand, "site:store"
	sw.Compare(sw.Best())
	if got, want := sw.Best(), 0; got != want {
		t.Errorf("best = %d, want %d (least on hand)", got, want)
	}
	d := sw.objectiveDiff(1)
	want := sw.Points[1].Diff.Sites[0].Metrics[model.MAvgOnHand]
	if d == nil || *d != want {
		t.Errorf("objective difference %+v, want the site's %+v", d, want)
	}
	var b bytes.Buffer
	if err := WriteSweepTable(&b, sw, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "scope site:store") {
		t.Errorf("the table does not name its scope:\n%s", b.String())
	}
}

// TestSweepTheoryPerPoint checks that a sweep shows each point's exact
// theory beside that point's own estimates, in the table and the JSON,
// and writes no "theory" without theories (the field is optional).
func TestSweepTheoryPerPoint(t *testing.T) {
	points := []int64{28, 36}
	sw := handSweepOf(t, points...)
	sw.Links, sw.Objective = []int{0}, model.MTotalCost
	sw.Compare(0)
	var b bytes.Buffer
	if err := WriteSweepJSON(&b, sw, storeMeta); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(`"theory"`)) {
		t.Error("a sweep without theories writes a \"theory\" field")
	}
	for i, r := range points {
		sw.Points[i].Theory = sweepNet(t, r).Theories()
		if len(sw.Points[i].Theory) != 1 || sw.Points[i].Theory[0].Formula != model.FormulaHadleyWhitin {
			t.Fatalf("point %d: theories %+v, want Hadley–Whitin", i+1, sw.Points[i].Theory)
		}
	}
	b.Reset()
	if err := WriteSweepTable(&b, sw, storeMeta); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i, r := range points {
		head := fmt.Sprintf("point %d (%d), store/widget: %s\n", i+1, r, model.FormulaHadleyWhitin)
		at := strings.Index(out, head)
		if at < 0 {
			t.Errorf("table lacks %q:\n%s", head, out)
			continue
		}
		th, _ := sw.Points[i].Theory[0].Value(model.MFillRate)
		c := formatEstimate("share", sw.Points[i].Summary.SKUs[0].Metrics[model.MFillRate])
		row := lineOf(out[at:], "  fill rate ")
		if !strings.Contains(row, c.mean+" ± "+c.hw) || !strings.Contains(row, theoryValue("share", th, c)) {
			t.Errorf("point %d: fill-rate row %q, want theory %s beside %s ± %s", i+1, row, theoryValue("share", th, c), c.mean, c.hw)
		}
	}
	b.Reset()
	if err := WriteSweepJSON(&b, sw, storeMeta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Points []struct {
			Theory []struct {
				Formula string
				Metrics []struct {
					Metric       string
					Theory, Mean float64
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Points {
		th, _ := sw.Points[i].Theory[0].Value(model.MFillRate)
		if len(p.Theory) != 1 || p.Theory[0].Formula != model.FormulaHadleyWhitin || p.Theory[0].Metrics[0].Metric != "fill_rate" ||
			p.Theory[0].Metrics[0].Theory != th || p.Theory[0].Metrics[0].Mean != sw.Points[i].Summary.SKUs[0].Metrics[model.MFillRate].Mean {
			t.Errorf("JSON point %d: theory %+v, want Hadley–Whitin's %v beside its own fill rate", i+1, p.Theory, th)
		}
	}
}
