package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMisindentedAcceptsGoodFiles checks that the indentation check finds
// nothing wrong in the bundled scenarios and the valid test files, so
// that it never points a user at a line that is fine.
func TestMisindentedAcceptsGoodFiles(t *testing.T) {
	files := map[string][]byte{}
	for _, b := range Bundled() {
		data, _ := BundledYAML(b.Name)
		files[b.Name+".yaml"] = data
	}
	for _, src := range []string{shopYAML, shopReformatted} {
		files[src[:12]] = []byte(src)
	}
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, f := range bad {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// the bad corpus's files that parse as YAML are well indented
		if _, err := Parse(f, data); err == nil || !containsSyntax(err) {
			files[f] = data
		}
	}
	for name, data := range files {
		if e := misindented(name, data); e != nil {
			t.Errorf("%s: %v", name, e)
		}
	}
}

func containsSyntax(err error) bool {
	list, _ := err.(ErrorList)
	for _, e := range list {
		if len(e.Msg) > 4 && (e.Msg[:4] == "YAML") {
			return true
		}
	}
	return false
}
