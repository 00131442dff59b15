package shard

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

func TestParse(t *testing.T) {
	for s, want := range map[string]Spec{"0/1": {0, 1}, "3/4": {3, 4}, " 9/10 ": {9, 10}} {
		if got, err := Parse(s); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"4/4", "-1/4", "0/0", "1", "a/b", "1/2/3", "0/100001"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q): no error", s)
		}
	}
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestAuto(t *testing.T) {
	tests := []struct {
		env   map[string]string
		count int
		want  Spec
		err   string
	}{
		{map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, Spec{2, 4}, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, Spec{3, 4}, ""},
		// --array=1-9:4 is tasks 1, 5, 9: task 9 is shard 2 of 3
		{map[string]string{"SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9", "SLURM_ARRAY_TASK_STEP": "4"}, 0, Spec{2, 3}, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "5"}, 0, Spec{}, "not one range"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1"}, 0, Spec{}, "neither $SLURM_ARRAY_TASK_COUNT"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, Spec{}, "whole number"},
		{map[string]string{"JOB_COMPLETION_INDEX": "5"}, 8, Spec{5, 8}, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "5", CountEnv: "6"}, 0, Spec{5, 6}, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "5", CountEnv: "6"}, 10, Spec{5, 10}, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "5"}, 0, Spec{}, "--shard-count"},
		{map[string]string{"JOB_COMPLETION_INDEX": "6", CountEnv: "6"}, 0, Spec{}, "from 0 to 5"},
		{map[string]string{}, 0, Spec{}, "neither $SLURM_ARRAY_TASK_ID"},
	}
	for _, tc := range tests {
		got, err := Auto(env(tc.env), tc.count)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("%v: %v, %v; want %v", tc.env, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%v: error %v, want one saying %q", tc.env, err, tc.err)
		}
	}
}

func shardLoads(w []float64, a []int, n int) []float64 {
	l := make([]float64, n)
	for i, k := range a {
		l[k] += w[i]
	}
	return l
}

func TestAssign(t *testing.T) {
	// by hand: 5 -> 0; 4 -> 1; 3 -> 1 (4 < 5); 3 -> 0 (5 < 7); 3 -> 1 (7 < 8)
	w := []float64{3, 5, 3, 4, 3}
	if got, want := Assign(w, 2), []int{1, 0, 0, 1, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Assign(%v, 2) = %v, want %v", w, got, want)
	}
	// equal weights: dealt round-robin
	if got, want := Assign([]float64{1, 1, 1, 1, 1, 1, 1}, 3), []int{0, 1, 2, 0, 1, 2, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("equal weights: %v, want %v", got, want)
	}
	// more shards than units: each unit alone, the other shards empty
	if got := Assign([]float64{2, 1}, 5); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("2 units on 5 shards: %v", got)
	}
	// a cost growing along a grid (a sweep of horizons): within the
	// largest unit of the mean load
	var g []float64
	for p := 1; p <= 1000; p++ {
		for range 5 {
			g = append(g, float64(p))
		}
	}
	for _, n := range []int{4, 7, 64} {
		l := shardLoads(g, Assign(g, n), n)
		lo, hi := l[0], l[0]
		for _, x := range l {
			lo, hi = min(lo, x), max(hi, x)
		}
		if hi-lo > 1000 {
			t.Errorf("%d shards: loads from %v to %v", n, lo, hi)
		}
	}
}

// bitsEqual compares two values field by field, floats by their bits.
func bitsEqual(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !bitsEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !bitsEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return bitsEqual(a.Elem(), b.Elem())
	case reflect.String:
		return a.String() == b.String()
	case reflect.Int, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint64:
		return a.Uint() == b.Uint()
	}
	panic("bitsEqual: " + a.Kind().String())
}

func runScenario(t *testing.T, name string, rep int) *model.Result {
	t.Helper()
	sc, err := scenarios.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 200
	sc.Warmup = 20
	net, err := sc.Build()
	if err != nil {
		t.Fatal(err)
	}
	return model.Run(net, sc.Seed, rep)
}

// A result read back from a part is the result written, bit for bit:
// real runs (waits, echelons, streams, learnt policies) and the floats
// the shortest decimal cannot carry (NaN, ±Inf, -0, subnormals).
func TestRecordRoundTrip(t *testing.T) {
	var rs []*model.Result
	for _, name := range []string{"rq-single", "two-echelon", "forecast", "impatient-customers", "disruption"} {
		rs = append(rs, runScenario(t, name, 3))
	}
	odd := runScenario(t, "rq-single", 0)
	odd.SKUs[0].WaitMax = math.NaN()
	odd.SKUs[0].AgeMax = math.Inf(-1)
	odd.SKUs[0].Revenue = math.Copysign(0, -1)
	odd.SKUs[0].HoldingCost = 5e-324
	odd.SKUs[0].LostValue = math.Float64frombits(0x7ff8000000000123) // a NaN with a payload
	odd.PolicyEnd = [][]model.Param{nil, {{Name: "a\"b\n", Value: math.Inf(1)}}}
	odd.Err = &model.OverflowError{Replication: 0, Where: "store/widget", Field: "DemandUnits", Value: 9.007199254740993e15}
	rs = append(rs, odd)
	waits := false
	for i, r := range rs {
		b, err := AppendRecord(nil, 7, i, r)
		if err != nil {
			t.Fatal(err)
		}
		j, rep, got, err := DecodeRecord(b)
		if err != nil {
			t.Fatalf("%d: %v\n%s", i, err, b)
		}
		if j != 7 || rep != i || !bitsEqual(reflect.ValueOf(got), reflect.ValueOf(r)) {
			t.Errorf("%d: the result read back differs from the one written", i)
		}
		waits = waits || r.SKUs[0].Waits.Count() > 0
		if b2, _ := AppendRecord(nil, 7, i, got); !bytes.Equal(b, b2) {
			t.Errorf("%d: written again, the record differs", i)
		}
	}
	// a record damaged inside its counters is refused, not misread
	b, _ := AppendRecord(nil, 0, 0, rs[0])
	line := string(b)
	i := strings.Index(line, `"skus":[[`) + len(`"skus":[[`)
	for _, bad := range []string{line[:i] + "x" + line[i+1:], line[:i] + "1," + line[i:], strings.Replace(line, "]]", "]", 1), line[:i-1] + "{" + line[i:]} {
		if _, _, _, err := DecodeRecord([]byte(bad)); err == nil {
			t.Errorf("a damaged record read without error: %.80s...", bad[i-10:])
		}
	}
	if !waits {
		t.Error("no result with waits: the histogram's encoding is not tested")
	}
}

// A part written is read back whole; cut anywhere, it is refused.
func TestPartTruncated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, Name(0, 1, 2))
	rs := []*model.Result{runScenario(t, "rq-single", 0), runScenario(t, "rq-single", 1)}
	h := &Header{Format: Format, Command: "run", Shard: 1, Shards: 2, Records: 2, Fields: Fields()}
	w, err := Create(path, h)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if err := w.Write(0, i, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the directory, want the part alone", len(ents))
	}
	read := func(p string) error {
		r, err := Open(p)
		if err != nil {
			return err
		}
		defer r.Close()
		for n := 0; ; n++ {
			_, rep, res, err := r.Next()
			if err == io.EOF {
				if n != 2 {
					t.Errorf("%d records", n)
				}
				return nil
			}
			if err != nil {
				return err
			}
			if !bitsEqual(reflect.ValueOf(res), reflect.ValueOf(rs[rep])) {
				t.Errorf("record %d differs", rep)
			}
		}
	}
	if err := read(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	cut := filepath.Join(dir, "cut")
	for n := 0; n < len(data); n += max(1, len(data)/97) {
		os.WriteFile(cut, data[:n], 0o644)
		if err := read(cut); err == nil {
			t.Fatalf("cut at %d of %d bytes: read without error", n, len(data))
		}
	}
}
