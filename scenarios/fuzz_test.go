package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad checks that Parse never panics, that every error it reports is
// an ErrorList whose items all have a position, and that whatever it
// accepts also builds. Seeds: the bundled scenarios but the largest, and
// the bad corpus.
// Crashers found by go test -fuzz are kept in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	const maxSeed = 16 << 10 // bytes
	for _, b := range Bundled() {
		data, _ := BundledYAML(b.Name)
		if len(data) > maxSeed {
			continue // rq-network: too slow to mutate; two-echelon covers its features
		}
		f.Add(data)
	}
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, file := range bad {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList: %v", err, err)
			}
			if len(list) == 0 {
				t.Fatal("empty ErrorList returned as an error")
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 || e.File != "fuzz.yaml" {
					t.Errorf("error without a position: %q", e.Error())
				}
			}
			return
		}
		if _, err := s.Build(); err != nil {
			t.Errorf("Parse accepted a scenario that Build rejects: %v", err)
		}
	})
}
