package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSchemaCommand checks that "scsim schema" prints a JSON Schema of
// draft 2020-12, the same bytes every time, and refuses arguments.
func TestSchemaCommand(t *testing.T) {
	out, errOut, code := run(t, "schema")
	if code != exitOK || errOut != "" {
		t.Fatalf("scsim schema: exit %d, stderr %q", code, errOut)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("scsim schema prints no valid JSON: %v", err)
	}
	if got := s["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want the draft 2020-12 meta-schema", got)
	}
	if s["type"] != "object" || s["additionalProperties"] != false {
		t.Errorf("the top level is not a closed mapping: type %v, additionalProperties %v", s["type"], s["additionalProperties"])
	}
	props, _ := s["properties"].(map[string]any)
	for _, f := range []string{"name", "horizon", "items", "suppliers", "sites", "variants"} {
		if _, ok := props[f]; !ok {
			t.Errorf("the schema has no top-level field %s", f)
		}
	}
	for range 3 {
		again, _, _ := run(t, "schema")
		if again != out {
			t.Fatal("scsim schema prints different output on another run")
		}
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("the output does not end in a newline")
	}
	if _, errOut, code := run(t, "schema", "extra"); code != exitUsage || !strings.Contains(errOut, "schema: expected no arguments") {
		t.Errorf("scsim schema extra: exit %d, stderr %q; want a usage error", code, errOut)
	}
	help, _, _ := run(t, "--help")
	if !strings.Contains(help, "schema") {
		t.Errorf("scsim --help does not mention the schema command:\n%s", help)
	}
}
