package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// bundled holds the scenarios shipped inside the binary.
//
//go:embed *.yaml *.csv
var bundled embed.FS

// Bundle describes one bundled scenario.
type Bundle struct {
	// Name is what to pass to [Open] or `scsim run`, the file name without
	// ".yaml".
	Name string
	// Summary is the first line of the scenario's description.
	Summary string
}

// Bundled lists the bundled scenarios, sorted by name.
func Bundled() []Bundle {
	entries, _ := fs.ReadDir(bundled, ".") // sorted by file name
	var out []Bundle
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok {
			continue
		}
		b := Bundle{Name: name}
		data, _ := BundledYAML(name)
		if s, err := parse(e.Name(), data, fsFiles(bundled)); err == nil {
			b.Summary, _, _ = strings.Cut(strings.TrimSpace(s.Description), "\n")
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Bundle) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// BundledYAML returns the text of the bundled scenario called name, and
// whether there is one.
func BundledYAML(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return nil, false
	}
	data, err := bundled.ReadFile(name + ".yaml")
	if err != nil {
		return nil, false
	}
	return data, true
}

// BundledData returns a data file bundled beside the scenarios, such as
// the demand history history.csv, and whether there is one. name is a
// file name with its extension; bundled scenarios refer to these files by
// it.
func BundledData(name string) ([]byte, bool) {
	if path.Ext(name) != ".csv" || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	data, err := bundled.ReadFile(name)
	if err != nil {
		return nil, false
	}
	return data, true
}

// BundledDataNames lists the data files [BundledData] returns, sorted.
func BundledDataNames() []string {
	matches, _ := fs.Glob(bundled, "*.csv") // sorted
	return matches
}

// Load reads the scenario file at path and parses it with [Parse]. Errors
// reading the file are wrapped as "load scenario PATH: ..."; errors in its
// content are an [ErrorList] whose positions name path.
//
// The file must be a regular file of at most [MaxScenarioBytes]: a
// directory, a device such as /dev/zero, a FIFO or a pseudo-file under
// /proc is refused at once, without reading it.
func Load(path string) (*Scenario, error) {
	data, err := readFile(path, MaxScenarioBytes, "scenario file")
	if err != nil {
		return nil, loadError(path, err)
	}
	s, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	s.Source = path
	return s, nil
}

// Stdin is the name [Open] reads standard input for, and StdinName the
// file name its errors give.
const (
	Stdin     = "-"
	StdinName = "<stdin>"
)

// LoadReader reads a scenario from r, at most [MaxScenarioBytes], and
// parses it with [Parse] under the name file; demand history files are
// read relative to the current directory if file has no directory. Its
// Source is source.
func LoadReader(r io.Reader, file, source string) (*Scenario, error) {
	data, err := readLimited(r, MaxScenarioBytes, "scenario file")
	if err != nil {
		return nil, loadError(file, err)
	}
	s, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	s.Source = source
	return s, nil
}

// loadError wraps an error reading the scenario file as "load scenario
// FILE: ...", saying how to raise the size limit if it is that.
func loadError(file string, err error) error {
	var tl tooLargeError
	if errors.As(err, &tl) {
		return fmt.Errorf("load scenario %s: %w; %s", file, err, raiseSize)
	}
	return fmt.Errorf("load scenario %s: %w", file, err)
}

// Open loads the scenario named by arg, and records in its Source where it
// came from. A file at path arg wins: if it exists (and is not a
// directory), Open loads it, even if arg is also a bundled name. Otherwise,
// if arg is one of the names [Bundled] lists, Open parses that bundled
// scenario; errors in its content name it "NAME.yaml" and its Source is
// "bundled:NAME".
//
// A bundled scenario's demand history files are bundled beside it.
//
// arg "-" ([Stdin]) reads the scenario from standard input, named
// "<stdin>" in errors, with Source "stdin"; its demand history files are
// read relative to the current directory.
//
// If neither exists, the error suggests the bundled names closest to arg,
// or lists them all; an arg that looks like a path (it ends in .yaml or
// .yml, or holds a path separator) is reported as a missing file only.
func Open(arg string) (*Scenario, error) {
	if arg == Stdin {
		return LoadReader(os.Stdin, StdinName, "stdin")
	}
	fi, statErr := os.Stat(arg)
	if statErr == nil && !fi.IsDir() {
		return Load(arg)
	}
	if data, ok := BundledYAML(arg); ok {
		s, err := parse(arg+".yaml", data, fsFiles(bundled))
		if err != nil {
			return nil, err
		}
		s.Source = "bundled:" + arg
		return s, nil
	}
	if statErr == nil { // a directory
		return nil, fmt.Errorf("open scenario %s: is a directory; give a scenario file or a bundled name", arg)
	}
	if !errors.Is(statErr, fs.ErrNotExist) {
		return Load(arg) // reports why the file cannot be read
	}
	if looksLikePath(arg) {
		return nil, fmt.Errorf("open scenario %s: no such file", arg)
	}
	var names []string
	for _, b := range Bundled() {
		names = append(names, b.Name)
	}
	hint := suggest(arg, names, "bundled")
	return nil, fmt.Errorf("open scenario %s: no such file, and no bundled scenario of that name (%s)", arg, hint)
}

// looksLikePath reports whether arg can only be meant as a file path: it
// ends in .yaml or .yml, or holds a path separator.
func looksLikePath(arg string) bool {
	ext := strings.ToLower(filepath.Ext(arg))
	return ext == ".yaml" || ext == ".yml" || strings.ContainsAny(arg, `/`+string(filepath.Separator))
}
