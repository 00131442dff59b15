package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The limits of loading a scenario, which bound the time and memory it
// takes. A file above its size limit is refused before it is read, from
// its size; one that grows while being read, once the limit is passed. A
// document of more values than MaxScenarioValues is refused after parsing
// and before decoding, or, when its aliases expand beyond the limit, where
// decoding reaches it.
//
// Loading costs about 1.5 µs and 300 bytes per value (measured on a
// network of 200 sites × 2000 items, whose stock list is shared by
// aliases: 5.2 million values, 8 to 10 s and 1.6 GB), so the default
// limits bound a load to some 15 s and 3 GB. Set them before loading scenarios;
// they are not safe to change concurrently with loading. The scsim
// command sets them from --max-scenario-size and --max-scenario-values
// (or SCSIM_MAX_SCENARIO_SIZE and SCSIM_MAX_SCENARIO_VALUES).
var (
	// MaxScenarioBytes is the largest scenario (YAML) file: 8 MiB, 250
	// times the largest bundled scenario (rq-network, 32 KiB) and 14
	// times the 200 × 2000 network above (570 KiB).
	MaxScenarioBytes int64 = DefaultMaxScenarioBytes
	// MaxScenarioValues is the most values (scalars, mappings and
	// sequences, not counting keys) a scenario may hold, each expansion
	// of an alias counted anew: 8 million, 120 times rq-network (66,000)
	// and 1.5 times the 200 × 2000 network above.
	MaxScenarioValues = DefaultMaxScenarioValues
)

// The defaults of [MaxScenarioBytes] and [MaxScenarioValues].
const (
	DefaultMaxScenarioBytes  = 8 << 20
	DefaultMaxScenarioValues = 8_000_000
)

// MaxHistoryBytes is the largest demand history (CSV) file: 64 MiB,
// about three million rows.
const MaxHistoryBytes = 64 << 20

// raiseSize and raiseValues say how to raise the limits, for messages.
const (
	raiseSize   = "raise the limit with --max-scenario-size SIZE (or SCSIM_MAX_SCENARIO_SIZE=SIZE)"
	raiseValues = "raise the limit with --max-scenario-values N (or SCSIM_MAX_SCENARIO_VALUES=N)"
)

// AllowAnyPath lets a scenario's demand history files be anywhere: at an
// absolute path, or at a relative path that leaves the scenario file's
// directory (through "..", or a symbolic link pointing outside it). By
// default they must be inside that directory or below it, so that a
// scenario from someone else cannot make scsim read, and quote in its
// errors, a file such as /etc/passwd. Setting the environment variable
// SCSIM_ALLOW_ANY_PATH=1 has the same effect. Set it before loading
// scenarios; it is not safe to change concurrently with loading.
var AllowAnyPath bool

// anyPathAllowed reports whether history files may be outside the
// scenario's directory.
func anyPathAllowed() bool {
	return AllowAnyPath || os.Getenv("SCSIM_ALLOW_ANY_PATH") == "1"
}

// errOutside is the error for a history path outside the scenario's
// directory.
var errOutside = errors.New("outside the scenario file's directory: a history file must be in that directory or below it " +
	"(run with --allow-any-path, or set SCSIM_ALLOW_ANY_PATH=1, to allow absolute paths and paths that leave it)")

// openFlags opens a file for reading without blocking on a FIFO or a
// device that waits for a writer; see readfile_unix.go.
const openFlags = os.O_RDONLY | openNonblock

// readFile reads the regular file at name, which is at most limit bytes
// long; what names the kind of file in messages ("scenario file").
func readFile(name string, limit int64, what string) ([]byte, error) {
	f, err := os.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRegular(f, limit, what)
}

// readInside reads the file at the relative path name under dir, refusing
// paths that leave dir (absolute ones, ".." above dir, symbolic links
// pointing outside); see [readFile].
func readInside(dir, name string, limit int64, what string) ([]byte, error) {
	if filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return nil, errOutside
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.OpenFile(name, openFlags, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
			return nil, errOutside
		}
		return nil, err
	}
	defer f.Close()
	return readRegular(f, limit, what)
}

// readRegular reads the open file f if it is a regular file of at most
// limit bytes. Directories, devices (/dev/zero), FIFOs and sockets are
// refused before reading, as are pseudo-files whose size is not known
// (those under /proc say they are empty), so that a read never blocks and
// never goes on without end.
func readRegular(f *os.File, limit int64, what string) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("is %s, not a regular file; a %s must be a regular file", fileKind(fi.Mode()), what)
	}
	if fi.Size() > limit {
		return nil, tooLargeError(fmt.Sprintf("too large: %s, above the limit of %s for a %s", byteSize(fi.Size()), byteSize(limit), what))
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, tooLargeError(fmt.Sprintf("too large: more than the limit of %s for a %s", byteSize(limit), what))
		}
		if fi.Size() == 0 && len(data) > 0 {
			return nil, fmt.Errorf("is a pseudo-file of unknown size (such as those under /proc), not a regular file; a %s must be a regular file", what)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	return data, nil
}

// tooLargeError is the error for a file above its size limit.
type tooLargeError string

func (e tooLargeError) Error() string { return string(e) }

// readLimited reads r to its end, refusing it once it holds more than
// limit bytes; what names the kind of file in messages.
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLargeError(fmt.Sprintf("too large: more than the limit of %s for a %s", byteSize(limit), what))
	}
	return data, nil
}

// fileKind names a kind of file that is not a regular one.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// byteSize formats a number of bytes for messages: "16 MiB", "74.0 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
