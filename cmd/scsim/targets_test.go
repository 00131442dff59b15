package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/scenarios"
)

// TestTargetWarnings checks the stderr warning for a missed service
// target: none when the target is met (seasonal follows its profile), one
// naming the variant when it is missed (seasonal's variant average), in
// run and compare, with --quiet too; the exit code stays 0.
func TestTargetWarnings(t *testing.T) {
	if _, stderr, code := run(t, "run", "seasonal", "-q"); code != 0 || stderr != "" {
		t.Errorf("run seasonal: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	want := "scsim: warning: average: beach-shop/sunscreen missed its cycle_service_level target 0.95, achieved 0.7311 ± 0.0057: the whole 95% interval lies below the target\n"
	stdout, stderr, code := run(t, "compare", "seasonal", "-q")
	if code != 0 || stderr != want {
		t.Errorf("compare seasonal: exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
	if !strings.Contains(stdout, "average") {
		t.Errorf("compare seasonal: stdout lacks the variant:\n%s", stdout)
	}
	data, _ := scenarios.BundledYAML("seasonal")
	avg := filepath.Join(t.TempDir(), "average.yaml")
	src := strings.Replace(string(data), "review_period: 7}", "review_period: 7, levels: average}", 1)
	if err := os.WriteFile(avg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, "run", avg, "-q")
	if code != 0 || !strings.HasPrefix(stderr, "scsim: warning: beach-shop/sunscreen missed its cycle_service_level target 0.95") {
		t.Errorf("run seasonal with levels=average: exit %d, stderr %q", code, stderr)
	}
}

// TestInvalidProfileExit checks that a profile with too few multipliers
// under a derived policy is refused with its error and exit code 2, by
// validate and run, without a panic.
func TestInvalidProfileExit(t *testing.T) {
	data, _ := scenarios.BundledYAML("seasonal")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	src := strings.Replace(string(data), "weekly: [1, 0.9, 0.9, 1, 1.1, 1.5, 1.6]", "weekly: [1, 0.9]", 1)
	if err := os.WriteFile(bad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"validate", "run"} {
		_, stderr, code := run(t, cmd, bad, "-q")
		if cmd == "validate" {
			_, stderr, code = run(t, cmd, bad)
		}
		if code != 2 || !strings.Contains(stderr, "profile.weekly: needs 7 multipliers") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one error about the weekly multipliers", cmd, code, stderr)
		}
	}
}
