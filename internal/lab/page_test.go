package lab

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"regexp"
	"testing"
)

// TestPageNamesTheScenarioPortably checks the scenario's name and file the
// page's "scsim run" line and error messages use: a file's base name
// (the page goes to students with the file, not the teacher's
// directories), a bundled scenario's name.
func TestPageNamesTheScenarioPortably(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("\x00asm\x01\x00\x00\x00"))
	zw.Close()
	for _, c := range []struct {
		name, file, wantName, wantFile string
	}{
		{"/home/teacher/course/week 3/pharmacy.yaml", "/home/teacher/course/week 3/pharmacy.yaml", "pharmacy.yaml", "pharmacy.yaml"},
		{"examples/jit-by-hand.yaml", "examples/jit-by-hand.yaml", "jit-by-hand.yaml", "jit-by-hand.yaml"},
		{"store.yml", "store.yml", "store.yml", "store.yml"},
		{"rq-single", "rq-single.yaml", "rq-single", "rq-single.yaml"},
	} {
		var b bytes.Buffer
		p := Page{Name: c.name, File: c.file, YAML: []byte("name: x\n"), WasmGz: gz.Bytes(), WasmExec: []byte("// go")}
		if err := WritePage(&b, p, "x"); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`\{"name":.*?"initial":[^}]*\}`).Find(b.Bytes())
		var got struct{ Name, File string }
		if err := json.Unmarshal(m, &got); err != nil {
			t.Fatalf("%s: the page's scenario %q: %v", c.name, m, err)
		}
		if got.Name != c.wantName || got.File != c.wantFile {
			t.Errorf("%s: the page names %q, file %q; want %q, %q", c.name, got.Name, got.File, c.wantName, c.wantFile)
		}
		if bytes.Contains(b.Bytes(), []byte("teacher")) {
			t.Errorf("%s: the page holds the teacher's directory", c.name)
		}
	}
}
