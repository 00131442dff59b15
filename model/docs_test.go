package model

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestREADMEDefinesEveryMetric keeps the README's metric table and
// [Metrics] telling the same story: every metric's row must appear exactly.
func TestREADMEDefinesEveryMetric(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Metrics {
		row := fmt.Sprintf("| `%s` | %s | %s |", m.Key, m.Unit, m.Doc)
		if !strings.Contains(string(data), row) {
			t.Errorf("README.md lacks the row\n%s", row)
		}
	}
}
