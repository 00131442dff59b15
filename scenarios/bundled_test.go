package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenFileWinsOverBundled checks that a file named like a bundled
// scenario is the one Open loads, and that Source says which was read.
func TestOpenFileWinsOverBundled(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	data, _ := BundledYAML("rq-single")
	if err := os.WriteFile("starter", data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open("starter")
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "starter" || s.Name != "rq-single" {
		t.Errorf("Open(starter) with a file starter: Source %q, Name %q; want the file (rq-single's YAML)", s.Source, s.Name)
	}

	// a directory with a bundled name does not hide the bundled scenario
	if err := os.Mkdir("lost-sales", 0o755); err != nil {
		t.Fatal(err)
	}
	if s, err := Open("lost-sales"); err != nil || s.Source != "bundled:lost-sales" {
		t.Errorf("Open(lost-sales) with a directory lost-sales = %v, %v; want the bundled one", s, err)
	}
	if s, err := Open("rq-single"); err != nil || s.Source != "bundled:rq-single" {
		t.Errorf("Open(rq-single) = %v, %v; want Source bundled:rq-single", s, err)
	}
	path := filepath.Join(dir, "starter")
	if s, err := Load(path); err != nil || s.Source != path {
		t.Errorf("Load(%s) = %v, %v; want Source %s", path, s, err, path)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ arg, want string }{
		{"rq-singel", "open scenario rq-singel: no such file, and no bundled scenario of that name (did you mean rq-single?)"},
		{"no-such", "open scenario no-such: no such file, and no bundled scenario of that name (bundled: beer-game, customer-classes, disruption, dropship, dual-sourcing, eoq, expedite, forecast, history, impatient-customers, jit, lost-sales, ... (10 more))"},
		{"nonexist.yaml", "open scenario nonexist.yaml: no such file"},
		{"rq-single.yml", "open scenario rq-single.yml: no such file"},
		{"sub/rq-single", "open scenario sub/rq-single: no such file"},
		{dir, "open scenario " + dir + ": is a directory; give a scenario file or a bundled name"},
	}
	for _, tt := range tests {
		_, err := Open(tt.arg)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Open(%q) = %v, want %s", tt.arg, err, tt.want)
		}
	}
	// on a case-insensitive file system, Starter may be a file
	if _, err := Open("Starter"); err != nil && !strings.Contains(err.Error(), "did you mean starter?") {
		t.Errorf("Open(Starter) = %v, want a suggestion of starter", err)
	}
}
