//go:build unix

package scenarios

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestLoadSpecialFiles checks that Load refuses at once what is not a
// regular file: a device that never ends, a FIFO without a writer (which
// would block), a directory, a /proc pseudo-file; and a file above the
// size limit, from its size, before reading it.
func TestLoadSpecialFiles(t *testing.T) {
	_, err := Load(os.DevNull)
	wantErr(t, err, "load scenario "+os.DevNull+": is a character device, not a regular file")
	if runtime.GOOS != "linux" {
		t.Skip("FIFOs, /dev/zero and /proc are tested on Linux")
	}
	_, err = Load("/dev/zero")
	wantErr(t, err, "load scenario /dev/zero: is a character device, not a regular file")
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Open(fifo); done <- err }()
	select {
	case err := <-done:
		wantErr(t, err, "is a named pipe (FIFO), not a regular file")
	case <-time.After(2 * time.Second):
		t.Fatal("Open of a FIFO blocks") // the goroutine stays blocked; the test binary ends anyway
	}
	_, err = Load("/proc/self/environ")
	wantErr(t, err, "is a pseudo-file of unknown size")
	_, err = Load(t.TempDir())
	wantErr(t, err, "is a directory, not a regular file")

	big := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxScenarioBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(big)
	wantErr(t, err, "too large: 8.0 MiB, above the limit of 8 MiB for a scenario file; raise the limit with --max-scenario-size SIZE (or SCSIM_MAX_SCENARIO_SIZE=SIZE)")
}

// TestHistoryFiles checks how history paths resolve: inside the
// scenario's directory (below it too), not outside it by an absolute
// path, "..", or a symbolic link, unless SCSIM_ALLOW_ANY_PATH=1 or
// AllowAnyPath; special files and files above the limit are refused.
func TestHistoryFiles(t *testing.T) {
	t.Setenv("SCSIM_ALLOW_ANY_PATH", "")
	root := t.TempDir()
	dir := filepath.Join(root, "scen")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	const good = "date,item,quantity\n0,a,5\n1,a,3\n"
	for _, p := range []string{filepath.Join(root, "outside.csv"), filepath.Join(dir, "data", "h.csv")} {
		if err := os.WriteFile(p, []byte(good), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := loadWith(t, dir, "data/h.csv"); err != nil {
		t.Errorf("a history below the scenario's directory: %v", err)
	}
	if _, err := loadWith(t, dir, "data/../data/h.csv"); err != nil {
		t.Errorf("a history below the scenario's directory, through ..: %v", err)
	}
	outside := []string{filepath.Join(root, "outside.csv"), "../outside.csv", "link.csv"}
	if err := os.Symlink(filepath.Join(root, "outside.csv"), filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	for _, p := range outside {
		_, err := loadWith(t, dir, filepath.ToSlash(p))
		wantErr(t, err, "history.file: cannot read the demand history ", ": outside the scenario file's directory", "SCSIM_ALLOW_ANY_PATH=1")
	}
	t.Setenv("SCSIM_ALLOW_ANY_PATH", "1")
	for _, p := range outside {
		if _, err := loadWith(t, dir, filepath.ToSlash(p)); err != nil {
			t.Errorf("%s with SCSIM_ALLOW_ANY_PATH=1: %v", p, err)
		}
	}
	t.Setenv("SCSIM_ALLOW_ANY_PATH", "")
	AllowAnyPath = true
	_, err := loadWith(t, dir, "../outside.csv")
	AllowAnyPath = false
	if err != nil {
		t.Errorf("../outside.csv with AllowAnyPath: %v", err)
	}

	if runtime.GOOS == "linux" {
		if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadWith(t, dir, "fifo.csv")
		wantErr(t, err, "cannot read the demand history", "fifo.csv: is a named pipe (FIFO), not a regular file")
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 74_000_000); err != nil {
		t.Fatal(err)
	}
	_, err = loadWith(t, dir, "big.csv")
	wantErr(t, err, "big.csv: too large: 70.6 MiB, above the limit of 64 MiB for a demand history file")
}
