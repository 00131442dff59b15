package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// checkManifest checks that dir holds exactly the files its manifest
// lists, with their SHA-256, as sha256sum -c would.
func checkManifest(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	listed := []string{manifestName}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("manifest line %q is not SHA256  NAME", line)
		}
		file, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("manifest lists %s: %v", name, err)
			continue
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(file)); got != sum {
			t.Errorf("%s: SHA-256 %s, the manifest says %s", name, got, sum)
		}
		listed = append(listed, name)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	slices.Sort(listed)
	if !slices.Equal(names, listed) {
		t.Errorf("%s holds %v, its manifest lists %v", dir, names, listed)
	}
}

// checkNoTemporaries fails if dir's parent holds anything but dir (and
// the entries in keep): no temporary directory or lock file.
func checkNoTemporaries(t *testing.T, dir string, keep ...string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) && !slices.Contains(keep, e.Name()) {
			t.Errorf("left beside --out: %s", e.Name())
		}
	}
}

// set returns a set of n files whose contents all say tag.
func set(tag string, n int) []outFile {
	var files []outFile
	for i := range n {
		files = append(files, outFile{fmt.Sprintf("f%d.txt", i), []byte(tag)})
	}
	return files
}

// checkWholeSet checks that dir holds a whole set of set(tag, n).
func checkWholeSet(t *testing.T, dir, tag string, n int) {
	t.Helper()
	checkManifest(t, dir)
	for _, f := range set(tag, n) {
		if data, err := os.ReadFile(filepath.Join(dir, f.name)); err != nil || string(data) != tag {
			t.Errorf("%s: %q, %v; want %q", f.name, data, err, tag)
		}
	}
}

// TestWriteFilesReplacesSet writes a set, then a smaller one over it: the
// directory then holds the second set only.
func TestWriteFilesReplacesSet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "out") // parents created
	if err := writeFiles(dir, set("one", 5)); err != nil {
		t.Fatal(err)
	}
	checkWholeSet(t, dir, "one", 5)
	if err := writeFiles(dir, set("two", 3)); err != nil {
		t.Fatal(err)
	}
	checkWholeSet(t, dir, "two", 3)
	checkNoTemporaries(t, dir)
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("--out mode %v, %v; want drwxr-xr-x", fi.Mode(), err)
	}
}

// TestWriteFilesRefusesForeignDir checks that a directory holding files
// scsim did not write is left alone, before anything runs.
func TestWriteFilesRefusesForeignDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	start := time.Now()
	_, stderr, code := run(t, "run", "rq-single", "-q", "--out", dir)
	if code != 2 || !strings.Contains(stderr, "holds files scsim did not write") || time.Since(start) > time.Second {
		t.Errorf("exit %d after %v, stderr %q; want 2 at once, refusing the directory", code, time.Since(start), stderr)
	}
	// a file added to a previous set is kept too
	if err := os.Remove(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal(err)
	}
	if err := writeFiles(dir, set("one", 2)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := writeFiles(dir, set("two", 2))
	if err == nil || !strings.Contains(err.Error(), "holds notes.txt") {
		t.Errorf("writeFiles over a set with a file of the user's: %v, want it refused", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("the user's file was changed")
	}
	checkNoTemporaries(t, dir)
}

// failingWriter fails like a full disk once limit bytes are written in
// all its files.
type failingWriter struct {
	f     *os.File
	left  *int
	limit int
}

func (w failingWriter) Write(p []byte) (int, error) {
	if len(p) > *w.left {
		n, _ := w.f.Write(p[:*w.left])
		*w.left = 0
		return n, syscall.ENOSPC
	}
	*w.left -= len(p)
	return w.f.Write(p)
}
func (w failingWriter) Sync() error  { return w.f.Sync() }
func (w failingWriter) Close() error { return w.f.Close() }

// TestWriteFilesFullDisk makes the disk fill up part way through a set:
// the previous set stays whole, and nothing temporary is left.
func TestWriteFilesFullDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := writeFiles(dir, set("old", 4)); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{0, 5, 11} { // in the first file, the second, the third
		left := limit
		orig := createFile
		createFile = func(path string) (outWriter, error) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			return failingWriter{f, &left, limit}, err
		}
		err := writeFiles(dir, set("new!", 4))
		createFile = orig
		if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("limit %d: err %v, want no space left on device", limit, err)
		}
		checkWholeSet(t, dir, "old", 4)
		checkNoTemporaries(t, dir)
	}
	// through the command: exit 1, the previous set kept
	left := 100
	orig := createFile
	createFile = func(path string) (outWriter, error) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		return failingWriter{f, &left, 100}, err
	}
	defer func() { createFile = orig }()
	stdout, stderr, code := run(t, "run", "rq-single", "--horizon", "50", "-n", "2", "-q", "--out", dir)
	if code != 1 || !strings.Contains(stderr, "no space left on device") || stdout != "" {
		t.Errorf("exit %d, stderr %q, stdout %d bytes; want 1, the error, nothing on stdout", code, stderr, len(stdout))
	}
	checkWholeSet(t, dir, "old", 4)
	checkNoTemporaries(t, dir)
}

// TestWriteFilesLocked checks that a second writer of the same directory
// fails at once with a clear error while the first holds it.
func TestWriteFilesLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	unlock, err := lockOut(filepath.Join(filepath.Dir(dir), ".out.lock"))
	if err != nil {
		t.Fatal(err)
	}
	// writing is a process-wide mutex: the lock is what keeps another
	// process out, so take it here and write as another process would
	err = writeFiles(dir, set("x", 2))
	if !errors.Is(err, errLocked) || !strings.Contains(err.Error(), "another scsim is writing") {
		t.Errorf("err %v, want the lock's error", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--out exists after a refused write: %v", err)
	}
	unlock()
	if err := writeFiles(dir, set("x", 2)); err != nil {
		t.Errorf("after the unlock: %v", err)
	}
	checkNoTemporaries(t, dir)
}

// TestConcurrentRuns runs two scsim processes writing the same --out at
// once, slowed down while writing: one writes its set, the other fails on
// the lock, and the directory holds one whole set.
func TestConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "out")
	var wg sync.WaitGroup
	codes := make([]int, 2)
	stderrs := make([]string, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "run", "rq-single", "--horizon", "100", "-n", "2", "-q", "--seed", fmt.Sprint(i+1), "--out", dir)
			cmd.Env = append(os.Environ(), writeDelayEnv+"=150ms")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				codes[i] = ee.ExitCode()
			} else if err != nil {
				codes[i] = -1
			}
			stderrs[i] = stderr.String()
		}()
	}
	wg.Wait()
	slices.Sort(codes)
	if codes[0] != 0 || codes[1] != 1 {
		t.Errorf("exit codes %v, stderr %q; want one 0 and one 1", codes, stderrs)
	}
	if !strings.Contains(stderrs[0]+stderrs[1], "another scsim is writing") {
		t.Errorf("stderr %q, want the lock's error", stderrs)
	}
	checkManifest(t, dir)
	checkNoTemporaries(t, dir)
}

// TestTerminateWhileWriting sends SIGTERM (and SIGINT) to the real binary
// while it writes --out over a previous set: it exits with 143 (130), the
// directory holds the previous set whole, and no temporary is left.
func TestTerminateWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "out")
	if err := writeFiles(dir, set("old", 3)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sig  os.Signal
		code int
		msg  string
	}{{syscall.SIGTERM, 143, "scsim: terminated\n"}, {os.Interrupt, 130, "scsim: interrupted\n"}} {
		cmd := exec.Command(bin, "run", "rq-single", "--horizon", "50", "-n", "1", "-q", "--out", dir)
		cmd.Env = append(os.Environ(), writeDelayEnv+"=300ms") // 5 files: 1.5 s of writing
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// wait until the temporary directory holds a file: writing is under way
		deadline := time.Now().Add(10 * time.Second)
		for !writingStarted(dir) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(tc.sig); err != nil {
			t.Fatal(err)
		}
		kill := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
		err := cmd.Wait()
		kill.Stop()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
			t.Errorf("%v: exit %v, want code %d", tc.sig, err, tc.code)
		}
		if stderr.String() != tc.msg || stdout.Len() != 0 {
			t.Errorf("%v: stderr %q, stdout %q; want only %q", tc.sig, stderr.String(), stdout.String(), tc.msg)
		}
		checkWholeSet(t, dir, "old", 3)
		checkNoTemporaries(t, dir)
	}
}

// writingStarted reports whether a temporary directory beside dir holds
// a file.
func writingStarted(dir string) bool {
	tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-*", "*"))
	return len(tmps) > 0
}
