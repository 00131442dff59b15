package output

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// stdJSON is what json.Encoder writes for v with [encodeJSON]'s settings:
// two-space indentation, no HTML escaping, a final newline.
func stdJSON(tb testing.TB, v any) string {
	tb.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// trickyFloats are floats whose JSON spelling has a rule of its own:
// signed zeros, the exponent cutoffs (1e-6 and 1e21) on either side,
// whole numbers around 2^53, subnormals and the extremes.
var trickyFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, -0.1, 1.0 / 3, 2.0 / 3, 0.95, 24.553, 1e-6, 1e-7, -1e-7, 9.999999999999999e-7,
	1.0000000000000002e-6, 1e20, 1e21, -1e21, 9.999999999999999e20, 1e22, 1.5e300, 1e-300, 5e-324, -5e-324,
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 53, 1<<53 + 2, 1<<53 - 1, -(1 << 53), 1 << 62, 1 << 63, 1 << 64,
	123456789012345680, 1.23456789e12, 1234567.891, 1e15, 1e15 + 0.5, 4503599627370495.5, 0.5, -0.5, 1e-5, 1.25e-8, 3e-10,
}

// TestAppendFloatAsEncodingJSON: every float is spelled as
// encoding/json spells it, the tricky ones and a million random bit
// patterns and decimals; NaN and ±Inf are null.
func TestAppendFloatAsEncodingJSON(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%v: %v", v, err)
		}
		if got := appendFloat(nil, v); string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %s, want %s", v, got, want)
		}
	}
	for _, v := range trickyFloats {
		check(v)
		check(-v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		if v := math.Float64frombits(r.Uint64()); finite(v) {
			check(v)
		}
		check(float64(r.IntN(1e6)) / float64(1+r.IntN(1000))) // everyday decimals
		check(math.Round(r.NormFloat64() * 1e6))              // whole numbers
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := appendFloat(nil, v); string(got) != "null" {
			t.Errorf("appendFloat(%v) = %s, want null", v, got)
		}
	}
}

// trickyStrings are names with every kind of character JSON escapes or
// encoding/json treats apart: quotes, backslashes, control characters
// with and without a short escape, DEL, HTML characters (left as they
// are), non-ASCII, invalid UTF-8, U+2028 and U+2029.
var trickyStrings = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnewline\ncr\rbs\bff\f", "nul\x00 esc\x1b[2J bell\a us\x1f", "del\x7f",
	"</script><b>&amp;", "café ± 95% — ünïcode 東京駅 ⇄ 🚚", "bad \xff\x9b utf-8 \xe6\x9d", "line\u2028para\u2029end",
	"=cmd|'/c calc'!A1", "\u00a0nbsp", "\xed\xa0\x80 surrogate",
}

// TestAppendJSONStringAsEncodingJSON: strings are quoted as
// encoding/json quotes them without HTML escaping, the tricky ones and
// random bytes.
func TestAppendJSONStringAsEncodingJSON(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want := strings.TrimSuffix(stdJSON(t, s), "\n")
		if got := appendJSONString(nil, s); string(got) != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, s := range trickyStrings {
		check(s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 24)
	for range 20000 {
		for i := range b {
			b[i] = byte(r.UintN(256))
			if r.IntN(2) == 0 {
				b[i] &= 0x7f
			}
		}
		check(string(b))
	}
}

// trickySummary is a hand-built summary with every member WriteJSON can
// write: site-items with and without a review, a learning policy's
// parameters at the horizon, a service target, customer classes, theory
// beside the estimates, roll-ups with and without members, and tricky
// numbers and names throughout.
func trickySummary(t *testing.T) (*stats.Summary, Meta) {
	s := handSummary(t, 3)
	ss, err := model.NewSafetyStock(model.CycleServiceLevel, 0.95, 10, 3, 2, 0, 7, 0)
	if err != nil {
		t.Fatal(err)
	}
	s.SKUs[1].Policy = ss.Describe()
	s.SKUs[2].PolicyEnd = []model.Param{{Name: "reorder_point", Value: 1e21}, {Name: "odd \"name\" <&>", Value: math.NaN()}, {Name: "q", Value: math.Copysign(0, -1)}}
	s.SKUs[3].PolicyEnd = []model.Param{}
	s.SKUs[0].Policy.Params = nil
	s.SKUs[0].Site = "tricky " + strings.Join(trickyStrings, "|")
	m := &s.SKUs[0].Metrics
	for i, v := range trickyFloats {
		m[i%model.NumMetrics] = stats.Estimate{Mean: v, HalfWidth: -v / 3, N: i}
	}
	m[1].N = math.MaxInt
	m[2].N = math.MinInt
	m[3] = stats.Estimate{Mean: math.Inf(-1), HalfWidth: math.NaN()}
	s.SKUs[1].Metrics[model.MCycleServiceLevel] = stats.Estimate{Mean: 0.951, HalfWidth: 0.004, N: 3}
	s.Echelons = append(s.Echelons, stats.Group{Kind: stats.KindEchelon, Name: "echelon-3", Level: 3})
	s.Items = append(s.Items, stats.Group{Kind: stats.KindItem, Name: "html <&> \x01"})
	s.Events = math.MaxUint64
	s.Seed = math.MaxUint64 - 1
	s.Conservation = math.MinInt64
	s.Horizon, s.Warmup = 1e-7, math.Copysign(0, -1)
	th := model.Theory{SKU: 0, Model: "(r, Q) = <36, 40>", Formula: model.FormulaHadleyWhitin, Source: "H&W \u2028", Values: []model.TheoryValue{
		{Metric: model.MFillRate, Value: 0.9795}, {Metric: model.MAvgOnHand, Value: 24.553}, {Metric: model.MTotalCost, Value: 1e-7},
	}}
	meta := Meta{Version: "v<1>&", Source: "src\t\"x\"", Description: "desc \x1b]0;title\a </script>\nline 2", Fingerprint: "f00", TimeUnit: "week", Theory: []model.Theory{th}}
	return s, meta
}

// TestWriteJSONSameBytes: the directly written document has, byte for
// byte, what encoding/json writes for the document's value (and what the
// streaming encoder writes), on hand-built summaries of every shape:
// tricky numbers and names, NaN, a target, learning policies, theory,
// customer classes, one replication, an empty summary.
func TestWriteJSONSameBytes(t *testing.T) {
	tricky, trickyMeta := trickySummary(t)
	hostile, hostileMeta := hostileSummary(t)
	theory, ths := theorySummary(1)
	tests := []struct {
		name string
		s    *stats.Summary
		m    Meta
	}{
		{"tricky", tricky, trickyMeta},
		{"hand", handSummary(t, 3), handMeta},
		{"one replication", handSummary(t, 1), handMeta},
		{"hostile", hostile, hostileMeta},
		{"nan", nanSummary(), testMeta},
		{"targets", targetSummary(t), testMeta},
		{"theory", theory, Meta{Theory: ths}},
		{"empty", &stats.Summary{}, Meta{}},
		{"features", fillHand(t, summarizeZero(t, mustClassesNet(t), 2), false), testMeta},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := newRunJSON(tt.s, tt.m)
			want := stdJSON(t, doc)
			var streamed bytes.Buffer
			if err := encodeJSON(&streamed, doc, "json"); err != nil {
				t.Fatal(err)
			}
			if streamed.String() != want {
				t.Fatalf("the streaming encoder differs from encoding/json:\n%s", lineDiff(want, streamed.String()))
			}
			var got bytes.Buffer
			if err := WriteJSON(&got, tt.s, tt.m); err != nil {
				t.Fatal(err)
			}
			if got.String() != want {
				t.Errorf("WriteJSON differs from encoding/json:\n%s", lineDiff(want, got.String()))
			}
			if !json.Valid(got.Bytes()) {
				t.Error("WriteJSON wrote invalid JSON")
			}
		})
	}
	if !strings.Contains(stdJSON(t, newRunJSON(tricky, trickyMeta)), `"theory": [`) {
		t.Error("the tricky summary has no theory: the test misses a shape")
	}
}

// TestWriteJSONLarge: a document larger than the writer's buffer, written
// in pieces, has the same bytes as encoding/json's.
func TestWriteJSONLarge(t *testing.T) {
	s := handSummary(t, 3)
	for len(s.SKUs) < 200 {
		s.SKUs = append(s.SKUs, s.SKUs...)
	}
	var got bytes.Buffer
	if err := WriteJSON(&got, s, handMeta); err != nil {
		t.Fatal(err)
	}
	if got.Len() < 4*jsonFlushAt {
		t.Fatalf("document of %d bytes: not larger than the buffer", got.Len())
	}
	if want := stdJSON(t, newRunJSON(s, handMeta)); got.String() != want {
		t.Errorf("WriteJSON differs from encoding/json:\n%s", lineDiff(want, got.String()))
	}
}

// TestWriteJSONRefusesNaNHorizon: a number JSON cannot hold where null
// is not allowed (the horizon) is refused with encoding/json's error, as
// encoding/json refuses it.
func TestWriteJSONRefusesNaNHorizon(t *testing.T) {
	s := &stats.Summary{Horizon: math.NaN()}
	_, want := json.Marshal(newRunJSON(s, Meta{}))
	err := WriteJSON(&bytes.Buffer{}, s, Meta{})
	if err == nil || want == nil || !strings.Contains(err.Error(), "write json: json: unsupported value: NaN") {
		t.Errorf("WriteJSON: %v; encoding/json: %v", err, want)
	}
}

// TestWriteJSONAllocations: writing a large summary allocates a few
// times in all, not per site-item.
func TestWriteJSONAllocations(t *testing.T) {
	s := handSummary(t, 3)
	for len(s.SKUs) < 500 {
		s.SKUs = append(s.SKUs, s.SKUs...)
	}
	allocs := testing.AllocsPerRun(3, func() {
		if err := WriteJSON(discard{}, s, handMeta); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 50 {
		t.Errorf("WriteJSON of %d site-items: %.0f allocations", len(s.SKUs), allocs)
	}
}

// discard is io.Discard without its pooled buffers.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
