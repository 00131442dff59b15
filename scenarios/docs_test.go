package scenarios

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// docFile is the user reference for the scenario format.
const docFile = "../docs/scenario-format.md"

// TestDocExamples parses and builds every complete example in the format
// reference, in every variant: the blocks fenced with exactly "```yaml". Fragments, fenced
// with "```yaml fragment", are not checked.
func TestDocExamples(t *testing.T) {
	blocks := yamlBlocks(t, docFile)
	if len(blocks) < 3 {
		t.Fatalf("%s has %d complete yaml examples, want >= 3", docFile, len(blocks))
	}
	for _, b := range blocks {
		t.Run(b.name, func(t *testing.T) {
			s, _ := mustBuild(t, b.name, []byte(b.text))
			for _, v := range s.Variants {
				vs, err := s.Variant(v.Name)
				if err != nil {
					t.Fatalf("variant %s:\n%v", v.Name, err)
				}
				if _, err := vs.Build(); err != nil {
					t.Fatalf("build variant %s:\n%v", v.Name, err)
				}
			}
		})
	}
}

type docBlock struct{ name, text string }

// yamlBlocks extracts the ```yaml blocks of a Markdown file, each named
// "file:line" after the line of its opening fence.
func yamlBlocks(tb testing.TB, path string) []docBlock {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var (
		out  []docBlock
		cur  *strings.Builder
		name string
	)
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch {
		case cur == nil && strings.TrimSpace(text) == "```yaml":
			cur, name = &strings.Builder{}, fmt.Sprintf("scenario-format.md:%d", line)
		case cur != nil && strings.TrimSpace(text) == "```":
			out = append(out, docBlock{name, cur.String()})
			cur = nil
		case cur != nil:
			cur.WriteString(text + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if cur != nil {
		tb.Fatalf("%s: unterminated block at %s", path, name)
	}
	return out
}

// TestDocDocumentsEveryField keeps the format reference complete: every
// field of the scenario schema is named there, in backquotes.
func TestDocDocumentsEveryField(t *testing.T) {
	data, err := os.ReadFile(docFile)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" || !f.IsExported() {
				continue
			}
			if !strings.Contains(string(data), "`"+tag+"`") && !strings.Contains(string(data), "`"+tag+":") {
				t.Errorf("%s does not document field %s%s", docFile, path, tag)
			}
			walk(f.Type, path+tag+".")
		}
	}
	walk(reflect.TypeFor[Scenario](), "")
}
