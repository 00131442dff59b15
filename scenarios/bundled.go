package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// bundled holds the scenarios shipped inside the binary.
//
//go:embed *.yaml
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
		if s, err := Parse(e.Name(), data); err == nil {
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

// Load reads the scenario file at path and parses it with [Parse]. Errors
// reading the file are wrapped as "load scenario PATH: ..."; errors in its
// content are an [ErrorList] whose positions name path.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load scenario %s: %w", path, err)
	}
	return Parse(path, data)
}

// Open loads a scenario named by arg: a bundled scenario if arg is exactly
// one of the names [Bundled] lists, otherwise the file at path arg (write
// ./starter to read a file that has a bundled name). Errors in a bundled
// scenario's content name it "NAME.yaml".
func Open(arg string) (*Scenario, error) {
	if data, ok := BundledYAML(arg); ok {
		return Parse(arg+".yaml", data)
	}
	s, err := Load(arg)
	if errors.Is(err, fs.ErrNotExist) {
		names := make([]string, 0, 4)
		for _, b := range Bundled() {
			names = append(names, b.Name)
		}
		return nil, fmt.Errorf("open scenario %s: no such file, and no bundled scenario of that name (bundled: %s)", arg, strings.Join(names, ", "))
	}
	return s, err
}
