package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileCase is one file of testdata/hostile: a scenario written as an
// attacker (or a careless user) would, with what scsim must do with it in
// comment lines at its top:
//
//	# args: run {file} -q --out {out}   the command line ({file}: the copy of
//	                                    the scenario; {out}: a fresh --out
//	                                    directory; {range:A:B}: A,A+1,...,B)
//	# exit: 2                           the exit code
//	# stderr: REGEXP                    stderr must match (repeatable)
//	# stderr-not: REGEXP                stderr must not match
//	# stdout: REGEXP, # stdout-not: REGEXP
//	# fifo: NAME                        make a FIFO called NAME beside it
//	# skip: REASON                      known to fail until REASON is done
//	                                    (SCSIM_HOSTILE_ALL=1 runs it anyway)
//
// Every case must finish within hostileTimeout; when it fails, --out must
// not exist and nothing may be left beside it.
type hostileCase struct {
	args                 []string
	exit                 int
	stderr, stdout       []*regexp.Regexp
	stderrNot, stdoutNot []*regexp.Regexp
	fifo, skip           string
}

const hostileTimeout = 3 * time.Second

var rangeArg = regexp.MustCompile(`\{range:(\d+):(\d+)\}`)

func parseHostile(t *testing.T, path string) hostileCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hc := hostileCase{exit: -1}
	for _, line := range strings.Split(string(data), "\n") {
		key, val, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": ")
		if !strings.HasPrefix(line, "# ") || !ok {
			continue
		}
		re := func() *regexp.Regexp { return regexp.MustCompile(val) }
		switch key {
		case "args":
			hc.args = strings.Fields(val)
		case "exit":
			if hc.exit, err = strconv.Atoi(val); err != nil {
				t.Fatalf("%s: exit: %v", path, err)
			}
		case "stderr":
			hc.stderr = append(hc.stderr, re())
		case "stderr-not":
			hc.stderrNot = append(hc.stderrNot, re())
		case "stdout":
			hc.stdout = append(hc.stdout, re())
		case "stdout-not":
			hc.stdoutNot = append(hc.stdoutNot, re())
		case "fifo":
			hc.fifo = val
		case "skip":
			hc.skip = val
		}
	}
	if len(hc.args) == 0 || hc.exit < 0 {
		t.Fatalf("%s: needs # args: and # exit: lines", path)
	}
	return hc
}

// TestHostileInputs runs every case of testdata/hostile.
func TestHostileInputs(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			hc := parseHostile(t, path)
			if hc.skip != "" && os.Getenv("SCSIM_HOSTILE_ALL") == "" {
				t.Skip("expected to fail for now: " + hc.skip)
			}
			// the case and the data files beside it, in a directory of its own
			dir := t.TempDir()
			others, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.csv"))
			for _, f := range append(others, path) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
			}
			if hc.fifo != "" {
				if err := syscall.Mkfifo(filepath.Join(dir, hc.fifo), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), "out")
			var args []string
			for _, a := range hc.args {
				a = strings.ReplaceAll(a, "{file}", filepath.Join(dir, filepath.Base(path)))
				a = strings.ReplaceAll(a, "{out}", out)
				a = rangeArg.ReplaceAllStringFunc(a, func(m string) string {
					sub := rangeArg.FindStringSubmatch(m)
					lo, _ := strconv.Atoi(sub[1])
					hi, _ := strconv.Atoi(sub[2])
					var vals []string
					for v := lo; v <= hi; v++ {
						vals = append(vals, strconv.Itoa(v))
					}
					return strings.Join(vals, ",")
				})
				args = append(args, a)
			}
			type result struct {
				stdout, stderr string
				code           int
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				stdout, stderr, code := run(t, args...)
				done <- result{stdout, stderr, code}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * hostileTimeout):
				t.Fatalf("still running after %v", 10*hostileTimeout) // the goroutine is left behind
			}
			if el := time.Since(start); el > hostileTimeout {
				t.Errorf("took %v, want under %v", el, hostileTimeout)
			}
			if r.code != hc.exit {
				t.Errorf("exit %d, want %d; stderr %q", r.code, hc.exit, r.stderr)
			}
			check := func(what, text string, want, not []*regexp.Regexp) {
				for _, re := range want {
					if !re.MatchString(text) {
						t.Errorf("%s %q does not match %q", what, text[:min(len(text), 2000)], re)
					}
				}
				for _, re := range not {
					if re.MatchString(text) {
						t.Errorf("%s %q matches %q", what, text[:min(len(text), 2000)], re)
					}
				}
			}
			check("stderr", r.stderr, hc.stderr, hc.stderrNot)
			check("stdout", r.stdout, hc.stdout, hc.stdoutNot)
			if r.code != 0 {
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("--out exists after exit %d: %v", r.code, err)
				}
			}
			checkNoTemporaries(t, out)
		})
	}
}
