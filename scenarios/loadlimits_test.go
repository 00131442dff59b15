package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// withLimits sets the limits of loading for the test, restoring them after.
func withLimits(t *testing.T, bytes int64, values int) {
	t.Helper()
	b, v := MaxScenarioBytes, MaxScenarioValues
	t.Cleanup(func() { MaxScenarioBytes, MaxScenarioValues = b, v })
	MaxScenarioBytes, MaxScenarioValues = bytes, values
}

// expandedValues counts the values of the tree at n as the decoder does:
// no keys, and each use of an alias anew.
func expandedValues(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode {
		return expandedValues(n.Alias)
	}
	c := 1
	for i, k := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		c += expandedValues(k)
	}
	return c
}

func rootOf(t *testing.T, data []byte) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

// TestBundledWithinLoadLimits checks that the default limits leave a wide
// margin above every bundled scenario: a hundred times its size and fifty
// times its values.
func TestBundledWithinLoadLimits(t *testing.T) {
	for _, b := range Bundled() {
		data, _ := BundledYAML(b.Name)
		v := expandedValues(rootOf(t, data))
		if int64(len(data))*100 > MaxScenarioBytes || v*50 > MaxScenarioValues {
			t.Errorf("%s: %d bytes, %d values: within a factor 100 (bytes) or 50 (values) of the limits %d and %d", b.Name, len(data), v, MaxScenarioBytes, MaxScenarioValues)
		}
		if b.Name == "rq-network" {
			t.Logf("rq-network: %d bytes, %d values", len(data), v)
		}
	}
}

// TestScenarioSizeLimit checks that a file above --max-scenario-size is
// refused from its size, before it is read, naming the file, its size and
// the limit, and how to raise it; from a reader, once the limit is passed.
func TestScenarioSizeLimit(t *testing.T) {
	data, _ := BundledYAML("rq-single")
	p := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	withLimits(t, int64(len(data)), MaxScenarioValues)
	if _, err := Load(p); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	MaxScenarioBytes = int64(len(data)) - 1
	want := fmt.Sprintf("load scenario %s: too large: %s, above the limit of %s for a scenario file; raise the limit with --max-scenario-size SIZE (or SCSIM_MAX_SCENARIO_SIZE=SIZE)",
		p, byteSize(int64(len(data))), byteSize(MaxScenarioBytes))
	if _, err := Load(p); err == nil || err.Error() != want {
		t.Errorf("Load = %v\nwant %s", err, want)
	}
	_, err := LoadReader(strings.NewReader(string(data)), StdinName, "stdin")
	if want := "load scenario <stdin>: too large: more than the limit of"; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "--max-scenario-size") {
		t.Errorf("LoadReader = %v, want %q...", err, want)
	}
}

// TestScenarioValuesLimit checks the limit of values: a document of more
// values than the limit as written is refused before decoding, with its
// count; one whose aliases expand beyond it where decoding reaches it;
// one at the limit loads.
func TestScenarioValuesLimit(t *testing.T) {
	data, _ := BundledYAML("rq-single")
	n := countValues(rootOf(t, data))
	withLimits(t, MaxScenarioBytes, n)
	if _, err := Parse("s.yaml", data); err != nil {
		t.Fatalf("at the limit of %d values: %v", n, err)
	}
	MaxScenarioValues = n - 1
	_, err := Parse("s.yaml", data)
	want := fmt.Sprintf("s.yaml:1:1: document too large: it holds %d values, more than the limit of %d; raise the limit with --max-scenario-values N (or SCSIM_MAX_SCENARIO_VALUES=N)", n, n-1)
	if err == nil || err.Error() != want {
		t.Errorf("Parse = %v\nwant %s", err, want)
	}

	// 30 stores share one stock list of 3 entries through an alias
	src := "horizon: 10\nitems: [{name: a}, {name: b}, {name: c}]\nsuppliers: [{name: f, lead_time: 1}]\nsites:\n" +
		"  - {name: s0, stock: &st [{item: a, source: f, policy: {type: base_stock, order_up_to: 1}, demand: [{rate: 1}]}, " +
		"{item: b, source: f, policy: {type: base_stock, order_up_to: 1}, demand: [{rate: 1}]}, " +
		"{item: c, source: f, policy: {type: base_stock, order_up_to: 1}, demand: [{rate: 1}]}]}\n"
	for i := 1; i < 30; i++ {
		src += fmt.Sprintf("  - {name: s%d, stock: *st}\n", i)
	}
	root := rootOf(t, []byte(src))
	written, expanded := countValues(root), expandedValues(root)
	MaxScenarioValues = expanded
	if _, err := Parse("a.yaml", []byte(src)); err != nil {
		t.Fatalf("at the limit of %d values (%d written): %v", expanded, written, err)
	}
	MaxScenarioValues = expanded - 1
	_, err = Parse("a.yaml", []byte(src))
	want = fmt.Sprintf("document too large: it holds %d values as written and, with its aliases expanded, more than the limit of %d; decoding stopped here; raise the limit", written, expanded-1)
	if err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "\n") > 0 || !strings.HasPrefix(err.Error(), "a.yaml:") {
		t.Errorf("Parse = %v\nwant one error with %s", err, want)
	}
}

// TestCheckErrorsBounded checks that a file of many duplicate names gives
// a bounded list that counts them all: 99 errors and a last line saying
// how many more there were.
func TestCheckErrorsBounded(t *testing.T) {
	const n = 20000
	src := "name: x\nhorizon: 10\nitems: [" + strings.TrimSuffix(strings.Repeat("{name: a}, ", n), ", ") + "]\n"
	_, err := Parse("dup.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	// n-1 duplicates, no supplier, no site
	want := fmt.Sprintf("and %d more errors, not shown (the first 99 are)", n-1+2-99)
	if len(lines) != maxErrors || !strings.HasSuffix(lines[len(lines)-1], want) {
		t.Errorf("%d lines, last %q; want %d, the last ending %q", len(lines), lines[len(lines)-1], maxErrors, want)
	}
	if !strings.Contains(lines[2], `items[1].name: duplicate item name "a" (also items[0])`) {
		t.Errorf("third line %q, want the first duplicate", lines[2])
	}
}

// TestNonDecimalNumbers checks that numbers YAML would read in another
// base, or with underscores, are refused with their value, and that
// decimal forms pass.
func TestNonDecimalNumbers(t *testing.T) {
	for _, tt := range []struct{ horizon, want string }{
		{"0x10", "horizon: 0x10 is a hexadecimal number: write numbers in decimal, as 16"},
		{"0o10", "horizon: 0o10 is an octal number: write numbers in decimal, as 8"},
		{"0b11", "horizon: 0b11 is a binary number: write numbers in decimal, as 3"},
		{"010", "horizon: 010 has a leading zero, with which YAML reads an octal number: write whole numbers in decimal without leading zeros (10, or 8 if octal was meant)"},
		{"1_000", "horizon: 1_000: write numbers without underscores, as 1000"},
		{"1_000.5", "horizon: 1_000.5: write numbers without underscores, as 1000.5"},
		{"1000", ""}, {"1e3", ""}, {"+1000", ""}, {"1000.0", ""}, {"0999.5", ""},
	} {
		_, err := Parse("n.yaml", []byte(limitsScenario(map[string]string{"HORIZON": tt.horizon})))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("horizon %s: %v, want no error", tt.horizon, err)
		case tt.want != "" && (err == nil || err.Error() != "n.yaml:4:10: "+tt.want):
			t.Errorf("horizon %s: %v\nwant n.yaml:4:10: %s", tt.horizon, err, tt.want)
		}
	}
	// whole-number fields too, and through --set
	_, err := Parse("n.yaml", []byte(limitsScenario(map[string]string{"POLICY": "{type: rq, reorder_point: 036, order_quantity: 40}"})))
	if err == nil || !strings.Contains(err.Error(), "policy.reorder_point: 036 has a leading zero") {
		t.Errorf("reorder_point 036: %v", err)
	}
	s, _ := Open("rq-single")
	if _, err := s.With(Override{Path: "horizon", Value: "0x10"}); err == nil || !strings.Contains(err.Error(), "0x10 is a hexadecimal number") {
		t.Errorf("--set horizon=0x10: %v", err)
	}
	// the seed, the one field of 64 unsigned bits, and a zero written 00
	for v, want := range map[string]string{
		"010":   "seed: 010 has a leading zero",
		"0x10":  "seed: 0x10 is a hexadecimal number",
		"1_000": "seed: 1_000: write numbers without underscores",
	} {
		if _, err := s.With(Override{Path: "seed", Value: v}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--set seed=%s: %v, want %q", v, err, want)
		}
	}
	if _, err := s.With(Override{Path: "sites[store].stock[widget].policy.reorder_point", Value: "00"}); err == nil ||
		!strings.Contains(err.Error(), "without leading zeros (0, or 0 if octal was meant)") {
		t.Errorf("--set reorder_point=00: %v", err)
	}
}

// TestOpenStdin checks that "-" reads the scenario from standard input,
// named <stdin> in errors.
func TestOpenStdin(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := BundledYAML("rq-single")
	f.WriteString(strings.Replace(string(data), "horizon:", "horizon: -1 #", 1))
	f.Seek(0, 0)
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	_, err = Open("-")
	if err == nil || !strings.HasPrefix(err.Error(), "<stdin>:") || !strings.Contains(err.Error(), "horizon: must be > 0") {
		t.Errorf("Open(-) = %v, want an error at <stdin>:LINE:COL: horizon", err)
	}
	f.Truncate(0)
	f.Seek(0, 0)
	f.Write(data)
	f.Seek(0, 0)
	s, err := Open("-")
	if err != nil || s.Source != "stdin" || s.Name != "rq-single" {
		t.Errorf("Open(-) = %v, %v; want rq-single from stdin", s, err)
	}
}
