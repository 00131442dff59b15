package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/scenarios"
)

// TestInternalError injects a panic into each command, in a worker
// goroutine and in the command's own: exit code 4, a message asking for a
// report with the fingerprint and the version, nothing written to --out.
func TestInternalError(t *testing.T) {
	sc, err := scenarios.Open("rq-single")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 400 // as --horizon sets it: the fingerprint of what runs
	fp := sc.Fingerprint()
	commands := [][]string{
		{"run", "rq-single", "--horizon", "400", "-n", "2"},
		{"compare", "what-if", "--horizon", "400", "-n", "2"},
		{"sweep", "rq-single", "--horizon", "400", "-n", "2", "--set", "sites[store].stock[widget].policy.reorder_point=30,40"},
		{"report", "rq-single", "--horizon", "400", "-n", "2"},
		{"optimize", "rq-single", "--horizon", "400", "--vary", "sites[store].stock[widget].policy.reorder_point=30:40", "--minimize", "total_cost", "--max-evaluations", "2"},
	}
	for _, point := range []string{"replication", "render"} {
		for _, args := range commands {
			t.Run(point+"/"+args[0], func(t *testing.T) {
				hook = func(p string) {
					if p == point {
						panic("injected: index out of range \x1b[31m")
					}
				}
				defer func() { hook = func(string) {} }()
				out := filepath.Join(t.TempDir(), "out")
				stdout, stderr, code := run(t, append(args, "-q", "--out", out)...)
				if code != exitInternal {
					t.Errorf("exit %d, want %d; stderr %q", code, exitInternal, stderr)
				}
				for _, want := range []string{"scsim: internal error: injected: index out of range \\x1b[31m\n", "bug in scsim " + version, "please report it", "SCSIM_DEBUG=1"} {
					if !strings.Contains(stderr, want) {
						t.Errorf("stderr %q lacks %q", stderr, want)
					}
				}
				if args[1] == "rq-single" && !strings.Contains(stderr, "fingerprint "+fp) {
					t.Errorf("stderr %q lacks the fingerprint %s", stderr, fp)
				}
				if strings.Contains(stderr, "goroutine ") || stdout != "" {
					t.Errorf("stack trace or stdout without SCSIM_DEBUG: stderr %q, stdout %q", stderr, stdout)
				}
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("--out exists after an internal error: %v", err)
				}
				checkNoTemporaries(t, out)
			})
		}
	}
	t.Run("debug", func(t *testing.T) {
		t.Setenv(debugEnv, "1")
		hook = func(p string) {
			if p == "replication" {
				var m map[string]int
				m["x"]++ // a real runtime panic
			}
		}
		defer func() { hook = func(string) {} }()
		_, stderr, code := run(t, "run", "rq-single", "--horizon", "400", "-q")
		if code != exitInternal || !strings.Contains(stderr, "assignment to entry in nil map") || !strings.Contains(stderr, "guard_test.go") {
			t.Errorf("exit %d, stderr %q; want 4 and the worker's stack trace", code, stderr)
		}
	})
}
