package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPrintedPathsClean checks that the paths report and compare print
// are joined and cleaned: "--out dir/" gives dir/report.html, not
// dir//report.html.
func TestPrintedPathsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	stdout, stderr, code := run(t, "report", "rq-single", "--horizon", "200", "-n", "2", "--out", dir+"/")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	if want := "report: " + filepath.Join(dir, "report.html") + " ("; !strings.Contains(stdout, want) {
		t.Errorf("report printed %q, want %q", stdout, want)
	}
	if want := "to " + dir + "\n"; !strings.Contains(stderr, want) || strings.Contains(stdout+stderr, "//") {
		t.Errorf("report's messages %q: want %q and no //", stderr, want)
	}
	cdir := filepath.Join(t.TempDir(), "cmp")
	_, stderr, code = run(t, "compare", "policy-showdown", "--horizon", "200", "-n", "2", "--out", cdir+"//")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if want := " files to " + cdir + "\n"; !strings.Contains(stderr, want) {
		t.Errorf("compare's messages %q: want %q", stderr, want)
	}
}
