package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"scsim/model"
	"scsim/optimize"
	"scsim/stats"
)

// optResult optimises the reorder point of a one-store (r, Q) network with
// Q = 10 (λ = 5, L = 2) over axis for the fill-rate bound, briefly; r = 3
// is invalid.
func optResult(t *testing.T, axis string, bound float64) *optimize.Result {
	t.Helper()
	p := &optimize.Problem{
		Axes:                []optimize.Axis{must(optimize.ParseAxis(axis))},
		Objective:           model.MTotalCost,
		Constraints:         []optimize.Constraint{{Metric: model.MFillRate, Op: ">=", Bound: bound}},
		InitialReplications: 3, MaxReplications: 6,
		Start: []int{3},
	}
	eval := func(b optimize.Batch) []optimize.Outcome {
		out := make([]optimize.Outcome, len(b.Points))
		for i, pt := range b.Points {
			r := int64(pt.Values[0])
			if r == 3 {
				out[i].Err = errInvalid
				continue
			}
			net := &model.Network{
				Name:      "rq",
				Items:     []model.Item{{Name: "widget", HoldingCost: 1, BackorderCost: 10, OrderCost: 50}},
				Suppliers: []model.Supplier{{Name: "factory"}},
				Sites: []model.Site{{Name: "store", Kind: model.Store, Stocks: []model.Stock{{
					Item: 0, Source: model.Node{Kind: model.SupplierNode}, Lane: model.Lane{Transit: model.Const(2)},
					Initial: r + 10, Policy: &model.RQ{R: r, Q: 10},
					Demand: []model.Demand{{Name: "d0", Rate: 5, Size: model.Const(1), Stockout: model.Backorder}},
				}}}},
				Horizon: 300, Warmup: 50,
			}
			out[i].Summary = stats.Summarize(net, 1, model.RunAll(net, 1, b.Reps, 1))
		}
		return out
	}
	res, err := optimize.Run(p, eval)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

type invalid struct{}

func (invalid) Error() string { return "sites[0].stock[0].policy.reorder_point: 3 is not allowed here" }

var errInvalid error = invalid{}

func TestOptimizeOutputs(t *testing.T) {
	res := optResult(t, "r=0:30", 0.95)
	if res.Chosen == nil {
		t.Fatal("nothing chosen")
	}
	m := Meta{Version: "test", Source: "test.yaml", Fingerprint: "abc123"}
	var js bytes.Buffer
	if err := WriteOptimizeJSON(&js, res, m); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string `json:"schema"`
		Verdict  string `json:"verdict"`
		Scenario struct {
			Fingerprint  string `json:"fingerprint"`
			Replications int    `json:"replications"`
		} `json:"scenario"`
		Chosen struct {
			Values    []float64 `json:"values"`
			Objective struct {
				Mean float64 `json:"mean"`
			} `json:"objective"`
		} `json:"chosen"`
		Final       []map[string]any `json:"final"`
		Evaluations []map[string]any `json:"evaluations"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != OptimizeSchema || doc.Verdict != VerdictFound || doc.Scenario.Fingerprint != "abc123" || doc.Scenario.Replications != 6 ||
		doc.Chosen.Values[0] != res.Chosen.Values[0] || doc.Chosen.Objective.Mean != res.Chosen.Objective.Mean ||
		len(doc.Final) != len(res.Final) || len(doc.Evaluations) != len(res.Evals) {
		t.Errorf("JSON: %s", js.String()[:min(js.Len(), 2000)])
	}
	chosen, invalids := 0, 0
	for _, e := range doc.Evaluations {
		if e["chosen"] == true {
			chosen++
		}
		if _, ok := e["error"]; ok {
			invalids++
			if _, ok := e["objective"]; ok {
				t.Errorf("an invalid point has an objective: %v", e)
			}
		}
	}
	if chosen != 1 || invalids != 1 {
		t.Errorf("%d chosen, %d invalid evaluations; want 1 and 1 (r = 3)", chosen, invalids)
	}

	var cb bytes.Buffer
	if err := WriteOptimizeCSV(&cb, res, m); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "scenario,fingerprint,seed,r,replications,stage,final,objective_mean,objective_half_width,customers:fill_rate_mean,customers:fill_rate_half_width,customers:fill_rate_verdict,verdict,diff_mean,diff_half_width,chosen,indistinguishable,error"
	if strings.Join(rows[0], ",") != want || len(rows) != len(res.Evals)+1 {
		t.Errorf("CSV header %v, %d rows for %d evaluations", rows[0], len(rows), len(res.Evals))
	}
	for _, r := range rows[1:] {
		if len(r) != len(rows[0]) || r[1] != "abc123" {
			t.Errorf("CSV row %v", r)
		}
	}

	var tb bytes.Buffer
	if err := WriteOptimizeTable(&tb, res, m); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"cheapest feasible point: r=", "fill rate >= 0.95", "chosen", "1 evaluated point was invalid"} {
		if !strings.Contains(tb.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, tb.String())
		}
	}
	for _, line := range strings.Split(tb.String(), "\n") {
		if n := len([]rune(line)); n > 120 {
			t.Errorf("table line of %d columns: %q", n, line)
		}
	}
	for _, f := range []string{"png", "svg"} {
		if b, err := EncodePlot(OptimizePlot(res), f); err != nil || len(b) == 0 {
			t.Errorf("plot %s: %v", f, err)
		}
	}
}

func TestOptimizeNoFeasible(t *testing.T) {
	res := optResult(t, "r=0:12", 0.9999)
	var tb, js bytes.Buffer
	if err := WriteOptimizeTable(&tb, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteOptimizeJSON(&js, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), "NO FEASIBLE POINT") || !strings.Contains(js.String(), `"verdict": "no_feasible_point"`) ||
		!strings.Contains(js.String(), `"chosen": null`) {
		t.Errorf("table:\n%s\nJSON:\n%s", tb.String(), js.String())
	}
	if _, err := EncodePlot(OptimizePlot(res), "png"); err != nil {
		t.Error(err)
	}
}

// TestConstraintsBind checks the binding test on hand-built final
// comparisons: a cheaper infeasible or uncertain point binds, cheaper
// feasible or dearer points do not.
func TestConstraintsBind(t *testing.T) {
	ev := func(cost float64, verdict string) *optimize.Eval {
		return &optimize.Eval{Objective: stats.Estimate{Mean: cost, N: 2}, Verdict: verdict}
	}
	chosen := ev(10, optimize.Feasible)
	tests := []struct {
		name  string
		other *optimize.Eval
		want  bool
	}{
		{"cheaper and infeasible", ev(9, optimize.Infeasible), true},
		{"cheaper and uncertain", ev(9.5, optimize.Uncertain), true},
		{"dearer and infeasible", ev(11, optimize.Infeasible), false},
		{"dearer and feasible", ev(12, optimize.Feasible), false},
		{"invalid", &optimize.Eval{Err: errors.New("bad"), Objective: stats.Estimate{Mean: 1}}, false},
	}
	for _, tt := range tests {
		res := &optimize.Result{Chosen: chosen, Final: []*optimize.Eval{chosen, tt.other}}
		if got := constraintsBind(res); got != tt.want {
			t.Errorf("%s: constraintsBind = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !constraintsBind(&optimize.Result{}) {
		t.Error("no chosen point: want binding (nothing is said)")
	}
}
