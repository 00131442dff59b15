package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// runDoc is the part of run's JSON these tests read; compare's variants
// have the same total and site_items.
type runDoc struct {
	Total struct {
		Metrics map[string]struct{ Mean *float64 } `json:"metrics"`
	} `json:"total"`
	SiteItems []struct {
		Site, Item string
		Metrics    map[string]struct{ Mean *float64 } `json:"metrics"`
	} `json:"site_items"`
}

func decodeRun(t *testing.T, stdout string) runDoc {
	t.Helper()
	var d runDoc
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, stdout)
	}
	return d
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := run(t, args...)
	if code != 0 {
		t.Fatalf("scsim %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// TestRunSet checks that --set changes what run simulates: rq-single
// (r=36, Q=40, 4 days' lead time at 8 a day) with the reorder point
// lowered to 10 fills fewer orders from stock and holds less.
func TestRunSet(t *testing.T) {
	args := []string{"run", "rq-single", "-n", "3", "--horizon", "1000", "--format", "json", "-q"}
	base := decodeRun(t, mustRun(t, args...))
	low := decodeRun(t, mustRun(t, append(args, "--set", "sites[store].stock[widget].policy.reorder_point=10")...))
	fill := func(d runDoc) float64 { return *d.Total.Metrics["fill_rate"].Mean }
	onHand := func(d runDoc) float64 { return *d.Total.Metrics["avg_on_hand"].Mean }
	if !(fill(low) < fill(base)-0.1) {
		t.Errorf("fill rate: r=10 gives %.3f, r=36 %.3f; want r=10 lower by more than 0.1", fill(low), fill(base))
	}
	if !(onHand(low) < onHand(base)) {
		t.Errorf("on hand: r=10 gives %.2f, r=36 %.2f; want r=10 lower", onHand(low), onHand(base))
	}
	// the same demand either way: --set changed the policy, not the customers
	if d0, d1 := *base.Total.Metrics["demand_units"].Mean, *low.Total.Metrics["demand_units"].Mean; d0 != d1 {
		t.Errorf("demand %v with --set, %v without; want equal (common random numbers)", d1, d0)
	}
}

// TestRunVariantIsCompareColumn checks that run --variant NAME gives the
// numbers of compare's NAME column, with and without a --set on top.
func TestRunVariantIsCompareColumn(t *testing.T) {
	common := []string{"-n", "2", "--horizon", "800", "--warmup", "100", "--format", "json", "-q"}
	for _, extra := range [][]string{nil, {"--set", "suppliers[factory].lead_time=9"}} {
		var cmp struct {
			Variants []struct {
				Name string
				runDoc
			}
		}
		out := mustRun(t, append(append([]string{"compare", "what-if"}, common...), extra...)...)
		if err := json.Unmarshal([]byte(out), &cmp); err != nil {
			t.Fatal(err)
		}
		if len(cmp.Variants) != 4 {
			t.Fatalf("compare what-if: %d variants, want 4", len(cmp.Variants))
		}
		for _, v := range cmp.Variants {
			one := decodeRun(t, mustRun(t, append(append([]string{"run", "what-if", "--variant", v.Name}, common...), extra...)...))
			if !reflect.DeepEqual(one.Total, v.Total) || !reflect.DeepEqual(one.SiteItems, v.SiteItems) {
				t.Errorf("%v: run --variant %s differs from compare's column %s", extra, v.Name, v.Name)
			}
		}
	}
}

// TestSetErrors checks that a bad --set is one error line, exit 2, on
// every command that takes it, and that a comma list is refused there.
func TestSetErrors(t *testing.T) {
	bad := "sites[store].stock[widget].policy.reorder_point=abc"
	for _, args := range [][]string{
		{"validate", "rq-single", "--set", bad},
		{"run", "rq-single", "--set", bad},
		{"compare", "what-if", "--set", "sites[store-a].stock[widget].policy.cycle_service_level=high"},
		{"report", "what-if", "--out", t.TempDir(), "--set", "sites[store-a].stock[widget].policy.cycle_service_level=high"},
	} {
		stdout, stderr, code := run(t, args...)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != 2 || len(lines) != 1 || stdout != "" {
			t.Errorf("scsim %s: exit %d, %d stderr line(s), stdout %q; want exit 2 and one line:\n%s", strings.Join(args, " "), code, len(lines), stdout, stderr)
			continue
		}
		// file:line:col: --set: the path: what was expected
		if !regexp.MustCompile(`^scsim: [\w-]+\.yaml:\d+:\d+: --set: sites\[[\w-]+\]\.stock\[widget\]\.policy\.\w+: `).MatchString(lines[0]) ||
			!strings.Contains(lines[0], "expected a number") && !strings.Contains(lines[0], "expected a whole number") {
			t.Errorf("scsim %s: %q; want the position, --set, the path and what was expected", args[0], lines[0])
		}
	}
	_, stderr, code := run(t, "run", "rq-single", "--set", "sites[store].stock[widget].policy.reorder_point=10,20")
	if code != 2 || !strings.Contains(stderr, "gives 2 values") || !strings.Contains(stderr, "scsim sweep") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("comma list: exit %d, %q; want exit 2 and one line pointing to scsim sweep", code, stderr)
	}
	_, stderr, code = run(t, "run", "what-if", "--variant", "fast-factory")
	if code != 2 || !strings.Contains(stderr, `no variant "fast-factory"`) || !strings.Contains(stderr, "slow-factory") {
		t.Errorf("unknown variant: exit %d, %q; want exit 2 naming the variants", code, stderr)
	}
}

var validateFingerprint = regexp.MustCompile(`, fingerprint ([0-9a-f]{16})\)\n$`)

// fingerprint returns the fingerprint that scsim validate prints.
func fingerprint(t *testing.T, args ...string) string {
	t.Helper()
	out := mustRun(t, append([]string{"validate"}, args...)...)
	m := validateFingerprint.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("validate %v: %q, want a fingerprint at the end", args, out)
	}
	return m[1]
}

// TestValidateFingerprint checks validate's fingerprint: a --set gives
// the fingerprint of the file edited the same way, a variant its own,
// and a copy of a bundled scenario the bundled one's.
func TestValidateFingerprint(t *testing.T) {
	dir := t.TempDir()
	data, _, _ := run(t, "show", "rq-single")
	orig := filepath.Join(dir, "copy.yaml")
	if err := os.WriteFile(orig, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(data, "reorder_point: 36", "reorder_point: 40", 1)
	if edited == data {
		t.Fatal("rq-single has no reorder_point: 36")
	}
	ed := filepath.Join(dir, "edited.yaml")
	if err := os.WriteFile(ed, []byte("# edited\n"+edited), 0o644); err != nil {
		t.Fatal(err)
	}
	bundled := fingerprint(t, "rq-single")
	if got := fingerprint(t, orig); got != bundled {
		t.Errorf("copy on disk: %s, bundled %s; want equal", got, bundled)
	}
	set := fingerprint(t, "rq-single", "--set", "sites[store].stock[widget].policy.reorder_point=40")
	if set == bundled {
		t.Errorf("--set reorder_point=40: fingerprint unchanged (%s)", set)
	}
	if got := fingerprint(t, ed); got != set {
		t.Errorf("file edited to reorder_point 40: %s, --set gives %s; want equal", got, set)
	}
	if a, b := fingerprint(t, "what-if"), fingerprint(t, "what-if", "--variant", "slow-factory"); a == b {
		t.Errorf("what-if --variant slow-factory: fingerprint %s, the base's", b)
	}
}

// TestUnknownCommandListsAll checks that an unknown command lists every
// command of the application.
func TestUnknownCommandListsAll(t *testing.T) {
	_, stderr, code := run(t, "frobnicate")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	for _, cmd := range newApp(nil, nil).Commands {
		if !strings.Contains(stderr, " "+cmd.Name) {
			t.Errorf("%q does not list command %s", stderr, cmd.Name)
		}
	}
}
