package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"scsim/stats"
	"strconv"
	"strings"
	"testing"

	"scsim/model"
)

// theorySummary is a summary of one site-item with the estimates of the
// theory's metrics set by hand, and a theory of it.
func theorySummary(reps int) (*stats.Summary, []model.Theory) {
	s := &stats.Summary{Scenario: "t", Replications: reps, SKUs: []stats.SKUSummary{{Site: "store", Item: "widget"}}}
	m := &s.SKUs[0].Metrics
	m[model.MFillRate] = stats.Estimate{Mean: 0.9790, HalfWidth: 0.0010, N: reps}    // theory 0.9795: inside
	m[model.MAvgOnHand] = stats.Estimate{Mean: 24.60, HalfWidth: 0.02, N: reps}      // theory 24.553: outside
	m[model.MAvgBackorders] = stats.Estimate{Mean: 0.053, HalfWidth: 0.001, N: reps} // theory 0.05296: inside
	m[model.MTotalCost] = stats.Estimate{Mean: 10.2, HalfWidth: 0, N: reps}          // no spread: equal to 9 digits
	th := model.Theory{SKU: 0, Model: "(r, Q) = (36, 40)", Formula: model.FormulaHadleyWhitin, Source: "H&W", Values: []model.TheoryValue{
		{Metric: model.MFillRate, Value: 0.9795}, {Metric: model.MAvgOnHand, Value: 24.553},
		{Metric: model.MAvgBackorders, Value: 0.05296}, {Metric: model.MTotalCost, Value: 10.2},
	}}
	return s, []model.Theory{th}
}

func TestTheoryChecks(t *testing.T) {
	s, ths := theorySummary(10)
	tc := TheoryChecks(s, ths)
	if len(tc) != 1 || tc[0].Name != "store/widget" || len(tc[0].Rows) != 4 {
		t.Fatalf("checks %+v", tc)
	}
	want := []bool{true, false, true, true}
	for i, r := range tc[0].Rows {
		if !r.Known || r.Inside != want[i] || r.Theory != ths[0].Values[i].Value || r.Sim != s.SKUs[0].Metrics[r.Metric] {
			t.Errorf("row %d: %+v, want inside %v", i, r, want[i])
		}
	}
	if tc[0].Outside != 1 {
		t.Errorf("outside %d, want 1", tc[0].Outside)
	}
	// the table: each theory beside its estimate, the one outside marked
	var b strings.Builder
	writeTheory(&b, s, Meta{Theory: ths})
	got := b.String()
	for _, line := range []string{
		"store/widget: Hadley–Whitin",
		// the theory with one decimal more than the simulated mean
		"  fill rate   0.97950  0.9790 ± 0.0010",
		"  on-hand     24.5530  24.600 ± 0.020  !",
		"  backorders  0.05296  0.0530 ± 0.0010",
		"  total cost   10.200  10.20 ± 0.00",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("table lacks %q:\n%s", line, got)
		}
	}
	if !strings.Contains(got, "by chance happens to about 1 value in 20") || strings.Contains(got, "deterministic") {
		t.Errorf("a mark on an interval: the caption should say chance:\n%s", got)
	}
	// a deterministic run (no spread) off the theory: the caption says why
	sd, _ := theorySummary(10)
	sd.SKUs[0].Metrics[model.MAvgOnHand] = stats.Estimate{Mean: 24.60, HalfWidth: 0, N: 10}
	sd.SKUs[0].Metrics[model.MFillRate] = stats.Estimate{Mean: 0.9795, HalfWidth: 0, N: 10}
	b.Reset()
	writeTheory(&b, sd, Meta{Theory: ths})
	if d := b.String(); !strings.Contains(d, "the run is deterministic") || strings.Contains(d, "by chance") {
		t.Errorf("a deterministic run off the theory: the caption should say it is its start, not chance:\n%s", d)
	}
	// one replication: no interval, no mark
	s1, _ := theorySummary(1)
	for i := range s1.SKUs[0].Metrics {
		s1.SKUs[0].Metrics[i].HalfWidth = 0
	}
	for _, m := range []int{model.MFillRate, model.MAvgOnHand, model.MAvgBackorders, model.MTotalCost} {
		s1.SKUs[0].Metrics[m].HalfWidth = nan()
	}
	b.Reset()
	writeTheory(&b, s1, Meta{Theory: ths})
	if strings.Contains(b.String(), " !") || !strings.Contains(b.String(), "no\ninterval") {
		t.Errorf("one replication:\n%s", b.String())
	}
	// no theory: nothing written
	b.Reset()
	writeTheory(&b, s, Meta{})
	if b.Len() != 0 {
		t.Errorf("no theory wrote %q", b.String())
	}
}

func TestTheoryJSON(t *testing.T) {
	s, ths := theorySummary(10)
	var buf bytes.Buffer
	if err := encodeJSON(&buf, struct {
		T []theoryJSON `json:"theory"`
	}{theoriesJSON(s, Meta{Theory: ths})}, "json"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Theory []struct {
			Site, Item, Formula string
			Metrics             []struct {
				Metric                  string
				Theory, Mean, HalfWidth float64
				Inside                  *bool
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Theory) != 1 || doc.Theory[0].Formula != model.FormulaHadleyWhitin || len(doc.Theory[0].Metrics) != 4 {
		t.Fatalf("%s", buf.String())
	}
	m := doc.Theory[0].Metrics[1]
	if m.Metric != "avg_on_hand" || m.Theory != 24.553 || m.Mean != 24.60 || m.Inside == nil || *m.Inside {
		t.Errorf("avg_on_hand: %+v", m)
	}
	if theoriesJSON(s, Meta{}) != nil {
		t.Error("no theory gave a theory section")
	}
}

func TestTheoryCSV(t *testing.T) {
	s, ths := theorySummary(10)
	var with, without bytes.Buffer
	if err := WriteCSV(&with, s, Meta{Theory: ths}); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&without, s, Meta{}); err != nil {
		t.Fatal(err)
	}
	// the simulated rows first, as without a theory; then the theory's
	if !bytes.HasPrefix(with.Bytes(), without.Bytes()) {
		t.Fatalf("the theory changed the simulated rows:\n%s\nwithout:\n%s", with.String(), without.String())
	}
	rows, err := csv.NewReader(bytes.NewReader(with.Bytes()[without.Len():])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, _ := csv.NewReader(&without).Read()
	if len(rows) != len(ths[0].Values) {
		t.Fatalf("%d theory rows, want %d:\n%s", len(rows), len(ths[0].Values), with.String())
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for i, r := range rows {
		v := ths[0].Values[i]
		mt := &model.Metrics[v.Metric]
		want := map[string]string{"scope": "store/widget", "kind": "theory", "site": "store", "item": "widget",
			"metric": mt.Key, "unit": mt.Unit, "mean": strconv.FormatFloat(v.Value, 'g', -1, 64), "half_width": "", "n": ""}
		if len(r) != len(header) {
			t.Fatalf("row %d has %d cells, the header %d", i, len(r), len(header))
		}
		for k, w := range want {
			if r[col[k]] != w {
				t.Errorf("row %d: %s = %q, want %q", i, k, r[col[k]], w)
			}
		}
	}
}
