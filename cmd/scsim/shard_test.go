package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"scsim/shard"
)

// shardCase is a command whose sharded runs must merge into its output.
type shardCase struct {
	name    string
	args    []string // the command line, without --format or --out
	formats []string
	out     bool // also compare the files of --out
}

const (
	rpSet = "sites[store].stock[widget].policy.reorder_point=20,30,40"
	oqSet = "sites[store].stock[widget].policy.order_quantity=20,40"
)

var shardCases = []shardCase{
	{"run", []string{"run", "rq-single", "-n", "7", "--horizon", "300", "--warmup", "10"}, []string{"table", "json", "csv"}, true},
	{"run-variant", []string{"run", "what-if", "--variant", "eoq-store", "-n", "3", "--horizon", "200", "--warmup", "10", "--seed", "9"}, []string{"json"}, false},
	{"compare", []string{"compare", "what-if", "-n", "4", "--horizon", "200", "--warmup", "10"}, []string{"table", "json", "csv"}, true},
	{"sweep", []string{"sweep", "rq-single", "--set", rpSet, "--set", oqSet, "-n", "3", "--horizon", "200"}, []string{"table", "json", "csv"}, true},
	{"check", []string{"check", shippedSuite, "-n", "4"}, []string{"table", "json", "junit", "markdown"}, true},
	{"report", []string{"report", "two-echelon", "--horizon", "150", "--warmup", "10", "-n", "2"}, nil, true},
}

// shardRun runs the N shards of args into a new parts directory, each as
// its own application, and returns the directory.
func runShards(t *testing.T, args []string, n int, extra ...string) string {
	t.Helper()
	parts := filepath.Join(t.TempDir(), "parts")
	for k := range n {
		a := append(slices.Clone(args), "--shard", fmt.Sprintf("%d/%d", k, n), "--parts", parts)
		a = append(a, extra...)
		stdout, stderr, code := run(t, a...)
		if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote "+parts) {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q", a, code, stdout, stderr)
		}
	}
	return parts
}

// outFiles reads every file of dir.
func outFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: files %v, want %v", what, keys(got), keys(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from the unsharded run's (%d bytes, want %d)", what, name, len(g), len(w))
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The merge of 1, 2, 3, 4 and more shards than replications prints, in
// every format and in every file of --out (plots and report included),
// byte for byte what the command prints run whole.
func TestShardMergeByteIdentical(t *testing.T) {
	for _, tc := range shardCases {
		if testing.Short() && tc.name == "report" {
			continue // its plots take seconds to draw; -short has the others
		}
		if testing.Short() && tc.name == "compare" {
			tc.out = false
		}
		t.Run(tc.name, func(t *testing.T) {
			outArgs := func(dir string) []string {
				if !tc.out {
					return nil
				}
				return []string{"--out", dir}
			}
			type want struct {
				stdout string
				code   int
				files  map[string][]byte
			}
			wants := map[string]want{}
			formats := tc.formats
			if formats == nil {
				formats = []string{""}
			}
			for i, f := range formats {
				dir := filepath.Join(t.TempDir(), "out")
				a := append(slices.Clone(tc.args), "-q")
				if f != "" {
					a = append(a, "--format", f)
				}
				if i == 0 || tc.name == "report" {
					a = append(a, outArgs(dir)...)
				}
				stdout, stderr, code := run(t, a...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", a, code, stderr)
				}
				w := want{stdout: strings.ReplaceAll(stdout, dir, "OUT"), code: code}
				if tc.out && (i == 0 || tc.name == "report") {
					w.files = outFiles(t, dir)
				}
				wants[f] = w
			}
			ns := []int{1, 2, 3, 4, 50} // 50: more shards than any case's units
			if testing.Short() {
				ns = []int{3}
			}
			for _, n := range ns {
				var extra []string
				if tc.name == "report" {
					extra = []string{"--out", filepath.Join(t.TempDir(), "ignored")}
				}
				parts := runShards(t, append(slices.Clone(tc.args), "-j", fmt.Sprint(1+n%2)), n, extra...)
				for i, f := range formats {
					dir := filepath.Join(t.TempDir(), "merged")
					a := []string{"merge", parts, "-q"}
					if f != "" {
						a = append(a, "--format", f)
					}
					if i == 0 || tc.name == "report" {
						a = append(a, outArgs(dir)...)
					}
					stdout, stderr, code := run(t, a...)
					w := wants[f]
					if code != w.code {
						t.Fatalf("N=%d %v: exit %d: %s", n, a, code, stderr)
					}
					if got := strings.ReplaceAll(stdout, dir, "OUT"); got != w.stdout {
						t.Errorf("N=%d --format %s: the merge's stdout differs from the unsharded run's:\n%s\n--- want\n%s", n, f, got, w.stdout)
					}
					if w.files != nil {
						sameFiles(t, fmt.Sprintf("N=%d", n), outFiles(t, dir), w.files)
					}
				}
			}
		})
	}
}

// optimize's search runs batch after batch: rounds of N shards, each
// computing its part of the next batch from the batches merged so far,
// until the merge stops exiting with 5, then print what the search run
// whole prints.
func TestShardOptimize(t *testing.T) {
	args := []string{"optimize", "rq-single",
		"--vary", "sites[store].stock[widget].policy.reorder_point=20:60",
		"--vary", "sites[store].stock[widget].policy.order_quantity=10:100:10",
		"--minimize", "total_cost", "--subject-to", "fill_rate>=0.9", "--horizon", "200",
		"--initial-replications", "2"} // the first batch: 5 points x 2 = 10 units
	dir := filepath.Join(t.TempDir(), "out")
	want, stderr, code := run(t, append(slices.Clone(args), "-q", "--out", dir)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantFiles := outFiles(t, dir)
	ns := []int{1, 2, 3, 4, 25} // 25: more shards than the units of a batch
	if testing.Short() {
		ns = []int{2}
	}
	for _, n := range ns {
		parts := filepath.Join(t.TempDir(), "parts")
		rounds := 0
		for {
			rounds++
			if rounds > 100 {
				t.Fatal("the search does not end")
			}
			for k := range n {
				a := append(slices.Clone(args), "--shard", fmt.Sprintf("%d/%d", k, n), "--parts", parts)
				if _, stderr, code := run(t, a...); code != 0 {
					t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, stderr)
				}
			}
			merged := filepath.Join(t.TempDir(), "merged")
			got, stderr, code := run(t, "merge", parts, "-q", "--out", merged)
			if code == exitIncomplete {
				if !strings.Contains(stderr, "has no parts yet") {
					t.Errorf("exit 5 says %q", stderr)
				}
				continue
			}
			if code != 0 {
				t.Fatalf("merge: exit %d: %s", code, stderr)
			}
			if n == 25 { // more shards than units: some parts are empty
				r, err := shard.Open(filepath.Join(parts, shard.Name(0, 24, 25)))
				if err != nil {
					t.Fatal(err)
				}
				if r.Header.Records != 0 || r.Header.Units != 10 {
					t.Errorf("shard 24 of 25 of the first batch: %d records of %d units; want 0 of 10", r.Header.Records, r.Header.Units)
				}
				r.Close()
			}
			if strings.ReplaceAll(got, merged, dir) != want {
				t.Errorf("N=%d: merged %q, want %q", n, got, want)
			}
			sameFiles(t, fmt.Sprintf("N=%d", n), outFiles(t, merged), wantFiles)
			break
		}
		if rounds < 3 {
			t.Errorf("N=%d: the search took %d rounds: is it sharded batch by batch?", n, rounds)
		}
		// a round after the end writes nothing and says so
		a := append(slices.Clone(args), "--shard", fmt.Sprintf("0/%d", n), "--parts", parts)
		if _, stderr, code := run(t, a...); code != 0 || !strings.Contains(stderr, "nothing left to run") {
			t.Errorf("a shard after the search's end: exit %d: %s", code, stderr)
		}
	}
}

// Each shard computes its own units only: the records of the N parts
// are every replication of every run once, in shards balanced by work.
func TestShardPartsPartition(t *testing.T) {
	args := []string{"sweep", "rq-single", "--set", rpSet, "--set", oqSet, "-n", "5", "--horizon", "100"}
	parts := runShards(t, args, 4)
	seen := map[[2]int]int{}
	for k := range 4 {
		r, err := shard.Open(filepath.Join(parts, shard.Name(0, k, 4)))
		if err != nil {
			t.Fatal(err)
		}
		h := r.Header
		if h.Command != "sweep" || h.Shard != k || h.Shards != 4 || h.Seed != 1 || h.Replications != 5 || len(h.Jobs) != 6 || h.Units != 30 {
			t.Errorf("shard %d: header %+v", k, h)
		}
		if h.Records < 7 || h.Records > 8 { // 30 equal units over 4 shards
			t.Errorf("shard %d: %d records, want 7 or 8", k, h.Records)
		}
		for {
			j, rep, res, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Replication != rep {
				t.Errorf("record of replication %d holds replication %d", rep, res.Replication)
			}
			seen[[2]int{j, rep}]++
		}
		r.Close()
	}
	if len(seen) != 30 {
		t.Errorf("%d distinct units, want 30", len(seen))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("unit %v in %d parts", u, n)
		}
	}
}

// rewrite gunzips the part at path, applies f to its text and gzips it
// back.
func rewrite(t *testing.T, path string, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write([]byte(f(string(text))))
	zw.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, dir string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(to, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return to
}

// The merge refuses, with exit 2 and a message naming the file and the
// problem, parts that do not make one whole run.
func TestMergeRefuses(t *testing.T) {
	args := []string{"sweep", "rq-single", "--set", rpSet, "-n", "3", "--horizon", "100"}
	parts := runShards(t, args, 3)
	other := runShards(t, append(slices.Clone(args), "--seed", "2"), 3)
	four := runShards(t, args, 4)
	compare := runShards(t, []string{"compare", "what-if", "-n", "2", "--horizon", "100", "--warmup", "10"}, 3)
	p := func(dir string, k, n int) string { return filepath.Join(dir, shard.Name(0, k, n)) }

	// the same scenario file, edited between two shards
	scDir := t.TempDir()
	sc := filepath.Join(scDir, "sc.yaml")
	yaml, _, _ := run(t, "show", "rq-single")
	os.WriteFile(sc, []byte(yaml), 0o644)
	edited := filepath.Join(t.TempDir(), "parts")
	run(t, "run", sc, "-n", "2", "--horizon", "100", "--shard", "0/2", "--parts", edited)
	if !strings.Contains(yaml, "reorder_point: 36,") {
		t.Fatal("rq-single's file changed: edit this test")
	}
	os.WriteFile(sc, []byte(strings.Replace(yaml, "reorder_point: 36,", "reorder_point: 37,", 1)), 0o644)
	run(t, "run", sc, "-n", "2", "--horizon", "100", "--shard", "1/2", "--parts", edited)

	// the scenario file edited after the shards ran, before the merge
	sc2 := filepath.Join(scDir, "sc2.yaml")
	os.WriteFile(sc2, []byte(yaml), 0o644)
	later := runShards(t, []string{"run", sc2, "-n", "2", "--horizon", "100"}, 2)
	os.WriteFile(sc2, []byte(strings.Replace(yaml, "reorder_point: 36,", "reorder_point: 37,", 1)), 0o644)

	truncated := copyDir(t, parts)
	b, _ := os.ReadFile(p(truncated, 1, 3))
	os.WriteFile(p(truncated, 1, 3), b[:len(b)/2], 0o644)

	flipped := copyDir(t, parts) // a byte of the compressed data changed
	b, _ = os.ReadFile(p(flipped, 2, 3))
	b[len(b)/2] ^= 0x55
	os.WriteFile(p(flipped, 2, 3), b, 0o644)

	altered := copyDir(t, parts) // a value changed, the gzip made anew
	rewrite(t, p(altered, 0, 3), func(s string) string {
		i := strings.Index(s, `"events":`)
		return s[:i+9] + "1" + s[i+9:]
	})
	cut := copyDir(t, parts) // the trailer dropped, the gzip whole
	rewrite(t, p(cut, 0, 3), func(s string) string { return s[:strings.LastIndex(s[:len(s)-1], "\n")+1] })

	notPart := filepath.Join(t.TempDir(), "x"+shard.Ext)
	os.WriteFile(notPart, []byte("hello"), 0o644)

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"missing", []string{p(parts, 0, 3), p(parts, 2, 3)}, []string{"missing", "shard(s) 1 of 3"}},
		{"duplicate", []string{parts, p(copyDir(t, parts), 1, 3)}, []string{"both shard 1 of 3", "once"}},
		{"seed", []string{p(parts, 0, 3), p(other, 1, 3), p(parts, 2, 3)}, []string{p(other, 1, 3), "seed 2", "seed 1"}},
		{"shard count", []string{p(parts, 0, 3), p(four, 1, 4)}, []string{p(four, 1, 4), "shard of 4", "of 3", "shard counts"}},
		{"command", []string{p(parts, 0, 3), p(compare, 1, 3)}, []string{"different commands"}},
		{"scenario", []string{edited}, []string{"different scenarios", "fingerprints"}},
		{"scenario edited", []string{later}, []string{"fingerprint", "another scenario"}},
		{"truncated", []string{truncated}, []string{p(truncated, 1, 3), "truncated"}},
		{"corrupt gzip", []string{flipped}, []string{p(flipped, 2, 3)}},
		{"altered", []string{altered}, []string{p(altered, 0, 3), "corrupt", "SHA-256"}},
		{"no trailer", []string{cut}, []string{p(cut, 0, 3), "truncated"}},
		{"not a part", []string{notPart}, []string{notPart, "not a partial file"}},
		{"empty dir", []string{t.TempDir()}, []string{"no partial file"}},
	}
	for _, tc := range tests {
		stdout, stderr, code := run(t, append([]string{"merge", "-q"}, tc.args...)...)
		if code != 2 || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and nothing on stdout", tc.name, code, stdout, stderr)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: %q does not say %q", tc.name, stderr, w)
			}
		}
	}
	// and the good parts merge
	if _, stderr, code := run(t, "merge", "-q", parts); code != 0 {
		t.Errorf("the good parts: exit %d: %s", code, stderr)
	}
}

// --shard auto reads Slurm's and Kubernetes' variables, and says what is
// missing when neither is set; bad shard flags are usage errors.
func TestShardFlags(t *testing.T) {
	for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX", shard.CountEnv} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	base := []string{"run", "rq-single", "-n", "2", "--horizon", "50"}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "auto", "--parts", t.TempDir()}, "scsim: run: --shard auto: neither $SLURM_ARRAY_TASK_ID"},
		{[]string{"--shard", "3/3", "--parts", t.TempDir()}, "from 0 to 2"},
		{[]string{"--shard", "1", "--parts", t.TempDir()}, "expected K/N"},
		{[]string{"--shard", "0/2"}, "--shard needs --parts DIR"},
		{[]string{"--shard", "0/2", "--parts", t.TempDir(), "--format", "json"}, "--format is for scsim merge"},
		{[]string{"--shard", "0/2", "--parts", t.TempDir(), "--shard-count", "2"}, "--shard-count is for --shard auto"},
		{[]string{"--parts", t.TempDir()}, "give --shard K/N"},
	}
	for _, b := range bad {
		_, stderr, code := run(t, append(slices.Clone(base), b.args...)...)
		if code != 2 || !strings.Contains(stderr, b.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 saying %q", b.args, code, stderr, b.want)
		}
	}
	// Slurm: task 5 of --array=4-10:3 (4, 7, 10) is shard... 7 is shard 1 of 3
	parts := t.TempDir()
	t.Setenv("SLURM_ARRAY_TASK_ID", "7")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "4")
	t.Setenv("SLURM_ARRAY_TASK_MAX", "10")
	t.Setenv("SLURM_ARRAY_TASK_STEP", "3")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
	if _, stderr, code := run(t, append(slices.Clone(base), "--shard", "auto", "--parts", parts)...); code != 0 || !strings.Contains(stderr, shard.Name(0, 1, 3)) {
		t.Errorf("Slurm task 7 of 4-10:3: exit %d, %s", code, stderr)
	}
	for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP"} {
		os.Unsetenv(v)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "2")
	if _, stderr, code := run(t, append(slices.Clone(base), "--shard", "auto", "--parts", parts)...); code != 2 || !strings.Contains(stderr, "--shard-count N or set $SCSIM_SHARD_COUNT") {
		t.Errorf("Kubernetes without a count: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, append(slices.Clone(base), "--shard", "auto", "--shard-count", "4", "--parts", parts)...); code != 0 || !strings.Contains(stderr, shard.Name(0, 2, 4)) {
		t.Errorf("Kubernetes index 2 of 4: exit %d, %s", code, stderr)
	}
}
