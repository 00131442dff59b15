package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// manifestName is the file written last into every set of --out files: one
// line per file, "SHA256  NAME", as sha256sum prints it, so that
// "sha256sum -c scsim-manifest.sha256" in the directory checks the set.
const manifestName = "scsim-manifest.sha256"

type outFile struct {
	name string
	data []byte
}

// outWriter is a file being written into --out.
type outWriter interface {
	io.Writer
	Sync() error
	Close() error
}

// createFile creates a new file to write; tests replace it to make writes
// fail as on a full disk.
var createFile = func(path string) (outWriter, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// writing is held while files are written into --out, so that an
// interrupt (see main) waits for the temporary files to be removed, or
// for the set to be in place, before the process exits.
var writing sync.Mutex

// interrupted is set when an interrupt or SIGTERM arrives: writeFiles then
// stops, removes its temporary directory and returns errInterrupted.
var interrupted atomic.Bool

var errInterrupted = errors.New("interrupted")

// writeDelayEnv names an environment variable that, set to a duration
// ("200ms"), makes writeFiles wait that long before each file, so that
// tests can interrupt it half way.
const writeDelayEnv = "SCSIM_TEST_WRITE_DELAY"

// writeFiles writes the set of files into dir as one step: every file,
// then the manifest, into a temporary directory beside dir (".DIR.tmp-*"),
// which then replaces dir, so that dir holds the whole previous set or the
// whole new one, never a mix. dir must be missing, empty or hold a set
// scsim wrote before, nothing else (see [checkOutDir]); its parents are
// created if missing. A lock (".DIR.lock" beside dir, removed after) keeps
// two scsim processes from writing dir at once: the second fails. Files
// are 0644, dir 0755.
func writeFiles(dir string, files []outFile) error {
	writing.Lock()
	defer writing.Unlock()
	if interrupted.Load() {
		return errInterrupted
	}
	target, err := outTarget(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	unlock, err := lockOut(filepath.Join(parent, "."+base+".lock"))
	if errors.Is(err, errLocked) {
		return fmt.Errorf("--out %s: %w", dir, err)
	} else if err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	defer unlock()
	if err := checkOutDir(target, dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it 0700
		return fmt.Errorf("create output directory: %w", err)
	}
	delay, _ := time.ParseDuration(os.Getenv(writeDelayEnv))
	var manifest bytes.Buffer
	for _, f := range append(files, outFile{name: manifestName}) {
		if f.name == manifestName {
			f.data = manifest.Bytes()
		} else {
			fmt.Fprintf(&manifest, "%x  %s\n", sha256.Sum256(f.data), f.name)
		}
		if delay > 0 {
			time.Sleep(delay)
		}
		if interrupted.Load() {
			return errInterrupted
		}
		if err := writeFile(filepath.Join(tmp, f.name), f.data); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, f.name), err)
		}
	}
	if err := syncDir(tmp); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if interrupted.Load() {
		return errInterrupted
	}
	// the swap: the previous set (if any) is moved aside, the new one in
	old := ""
	if _, err := os.Lstat(target); err == nil {
		old = tmp + ".old" // unique while tmp exists
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		if old != "" {
			os.Rename(old, target)
		}
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	done = true
	if old != "" {
		os.RemoveAll(old)
	}
	syncDir(parent)
	return nil
}

// writeFile writes data into a new file at path and syncs it, so that a
// full disk shows as an error here rather than as a short file later.
func writeFile(path string, data []byte) error {
	f, err := createFile(path)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return err
	}
	return os.Chmod(path, 0o644) // whatever the umask
}

// syncDir flushes a directory's entries to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, os.ErrInvalid) { // some file systems cannot sync directories
		err = nil
	}
	return err
}

// outTarget returns the absolute path --out DIR writes to, a symbolic
// link followed, refusing the current directory and its parents, which
// cannot be replaced.
func outTarget(dir string) (string, error) {
	target, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("--out %s: %w", dir, err)
	}
	if fi, err := os.Lstat(target); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(target); err != nil {
			return "", fmt.Errorf("--out %s: %w", dir, err)
		}
	}
	cwd, err := os.Getwd()
	if err == nil && (cwd == target || strings.HasPrefix(cwd, target+string(filepath.Separator))) || filepath.Dir(target) == target {
		return "", usagef("--out %s: the set of files replaces the directory, which cannot be the current directory or one above it; give a new or empty directory, such as %s", dir, filepath.Join(dir, "results"))
	}
	return target, nil
}

// checkOutDir checks that target (--out dir) may be replaced: it is
// missing, an empty directory, or a set scsim wrote, every file of which
// its manifest lists. Anything else is the user's and is kept: an error.
func checkOutDir(target, dir string) error {
	fi, err := os.Stat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return usagef("--out %s: exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	listed := map[string]bool{manifestName: true}
	data, err := os.ReadFile(filepath.Join(target, manifestName))
	if err != nil {
		return usagef("--out %s: holds files scsim did not write (it has no %s); give a new or empty directory, or remove it first", dir, manifestName)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if _, name, ok := strings.Cut(line, "  "); ok {
			listed[name] = true
		}
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			return usagef("--out %s: holds %s, which scsim's previous set of files there does not list; a new set replaces the whole directory, so move it away first", dir, e.Name())
		}
	}
	return nil
}

// checkOut checks --out before anything runs, so that a directory scsim
// would refuse to replace fails at once: nothing is created.
func checkOut(dir string) error {
	if dir == "" {
		return nil
	}
	target, err := outTarget(dir)
	if err != nil {
		return err
	}
	return checkOutDir(target, dir)
}
