package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"scsim/model"
)

func traceRec() model.TraceRecord {
	return model.TraceRecord{Event: 3, T: 12.4, Kind: model.TraceReview, SKU: 0, Where: "store/widget", Other: "factory",
		Before: model.TraceLevels{OnHand: 5, Backorders: 0, OnOrder: 22}, After: model.TraceLevels{OnHand: 5, Backorders: 0, OnOrder: 62},
		Qty: 40, Due: 16.4, DueQty: 40, Rule: "position 27 ≤ r = 28, order Q = 40 from factory, due 16.40"}
}

func TestTraceTextForm(t *testing.T) {
	r := traceRec()
	got := traceText(&r)
	want := "t=12.40 store/widget review: position 27 ≤ r = 28, order Q = 40 from factory, due 16.40\n" +
		"      on hand 5 · backorders 0 · on order 22 → 62 · position 27 → 67\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// a long rule wraps at 100 columns, continuation lines indented
	r.Rule = strings.Repeat("word ", 60)
	for _, line := range strings.Split(strings.TrimSuffix(traceText(&r), "\n"), "\n") {
		if n := len([]rune(line)); n > TraceWidth || n == 0 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

func TestTraceJSONAndCSV(t *testing.T) {
	r := traceRec()
	var b bytes.Buffer
	tw, _ := NewTraceWriter(&b, "jsonl")
	tw.Record(&r)
	w := model.TraceRecord{Event: 9, T: 100, Kind: model.TraceWarmup, SKU: -1, Rule: "end of warm-up"}
	tw.Record(&w)
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	var j map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &j); err != nil {
		t.Fatal(err)
	}
	after := j["after"].(map[string]any)
	if j["kind"] != "review" || j["due"] != 16.4 || after["position"] != 67.0 || j["other"] != "factory" {
		t.Errorf("jsonl record %s", lines[0])
	}
	if want := `{"event":9,"t":100,"kind":"warmup","where":"","qty":0,"shipped":0,"backordered":0,"lost":0,"substituted":0,"due":null,"due_qty":0,"rule":"end of warm-up"}`; lines[1] != want {
		t.Errorf("got  %s\nwant %s", lines[1], want)
	}
	b.Reset()
	tw, _ = NewTraceWriter(&b, "csv")
	tw.Header(TraceHeader{})
	tw.Record(&r)
	tw.Record(&w)
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(TraceCSVHeader, ",") + "\n" +
		"3,12.4,review,store/widget,,factory,5,0,22,27,5,0,62,67,40,0,0,0,0,16.4,40,\"position 27 ≤ r = 28, order Q = 40 from factory, due 16.40\"\n" +
		"9,100,warmup,,,,,,,,,,,,0,0,0,0,0,,0,end of warm-up\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if _, err := NewTraceWriter(&b, "xml"); err == nil {
		t.Error("format xml accepted")
	}
}
