package scenarios

import (
	"math"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPlainNumbersAsYAML checks that the decoder's shortcut for plainly
// written numbers gives what yaml.v3 gives, for texts near its edges.
func TestPlainNumbersAsYAML(t *testing.T) {
	texts := []string{"0", "-0", "5", "-5", "007", "010", "-010", "08", "10", "123456789012345", "1234567890123456",
		"0.5", "-0.5", "-0.0", "0.0", "1.50", "1.", ".5", "1e3", "1_000", "0x1F", "0o17", "+5", "-x", "1.2.3",
		"999999999999999.999999999999999", "3.14159", "-12.75", "00.5", "0.000000000000001"}
	for _, text := range texts {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("v: "+text), &doc); err != nil {
			t.Fatal(err)
		}
		n := doc.Content[0].Content[1]
		if x, ok := plainNumber(n); ok {
			var want float64
			if err := n.Decode(&want); err != nil {
				t.Errorf("%s: shortcut %v, yaml.v3 fails: %v", text, x, err)
			} else if x != want || math.Signbit(x) != math.Signbit(want) {
				t.Errorf("%s: shortcut %v, yaml.v3 %v", text, x, want)
			}
		}
		if x, ok := plainInt(n); ok {
			var want int64
			if err := n.Decode(&want); err != nil {
				t.Errorf("%s: int shortcut %v, yaml.v3 fails: %v", text, x, err)
			} else if x != want {
				t.Errorf("%s: int shortcut %v, yaml.v3 %v", text, x, want)
			}
		}
	}
	var doc yaml.Node
	yaml.Unmarshal([]byte("v: 5"), &doc)
	if _, ok := plainInt(doc.Content[0].Content[1]); !ok {
		t.Error("the shortcut does not take a plain 5")
	}
}
