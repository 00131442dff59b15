package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"scsim/stats"
)

func TestSafeCell(t *testing.T) {
	tests := map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1+2":                     "'+1+2",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"\rx":                      "'\rx",
		"-":                        "'-",
		"-3.5":                     "-3.5", // numbers stay numbers
		"+2":                       "+2",
		"-1e-09":                   "-1e-09",
		"-.5":                      "-.5",
		"1e400":                    "1e400",
		"store/widget":             "store/widget",
		"":                         "",
		"a=b":                      "a=b", // only the first character counts
		"-0x1p3":                   "'-0x1p3",
	}
	for in, want := range tests {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintable(t *testing.T) {
	tests := map[string]string{
		"plain name":           "plain name",
		"two\nlines\tand tab":  "two\nlines\tand tab",
		"red \x1b[31m!":        `red \x1b[31m!`,
		"bell\a cr\r nul\x00":  `bell\x07 cr\x0d nul\x00`,
		"del\x7f":              `del\x7f`,
		"c1 \u009b2J":          `c1 \u009b2J`,
		"bidi \u202egnp.exe":   `bidi \u202egnp.exe`,
		"bad \xff\x9b utf-8":   `bad \xff\x9b utf-8`,
		"café ± 95% — ünïcode": "café ± 95% — ünïcode",
	}
	for in, want := range tests {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// hostileSummary is the hand-built summary of the two-site-item network
// (no simulation) under a scenario name that holds a formula, HTML and
// control characters. Names of sites and
// items cannot hold control characters (scenarios refuses them), but a
// scenario's name and description reach the output as they are.
func hostileSummary(t *testing.T) (*stats.Summary, Meta) {
	net := mustTwoSKUNet(t)
	net.Name = "=cmd|'/c calc'!A1 </script><b>\x1b[2J\a"
	net.Sites[0].Name = "-store"
	s := fillHand(t, summarizeZero(t, net, 2), false)
	return s, Meta{Version: "test", Description: "desc \x1b]0;title\a </script>", Fingerprint: "f00"}
}

// TestHostileNames checks every writer with names an attacker chose: CSV
// cells are neutralised, text output has no raw control character, JSON
// round-trips the names exactly (escaped), and HTML escapes them.
func TestHostileNames(t *testing.T) {
	s, m := hostileSummary(t)
	var b bytes.Buffer
	if err := WriteCSV(&b, s, m); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !csvNumber.MatchString(cell) {
				t.Fatalf("CSV cell %q would be read as a formula", cell)
			}
		}
		if row[0] != "'"+s.Scenario {
			t.Fatalf("scenario cell %q, want it quoted", row[0])
		}
	}
	b.Reset()
	if err := WriteReplicationsCSV(&b, s, m); err != nil || strings.Contains(b.String(), "\n-store") || !strings.Contains(b.String(), ",'-store,") {
		t.Errorf("replications CSV: %v; want the site -store neutralised:\n%s", err, b.String()[:min(400, b.Len())])
	}

	b.Reset()
	if err := WriteTable(&b, s, m); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\a\r\x00") || !strings.Contains(b.String(), `<b>\x1b[2J\x07`) {
		t.Errorf("table holds raw control characters or lacks the escaped name:\n%s", b.String())
	}

	b.Reset()
	if err := WriteJSON(&b, s, m); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\a") {
		t.Error("JSON holds raw control characters")
	}
	var doc struct {
		Scenario struct{ Name, Description string }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc.Scenario.Name != s.Scenario || doc.Scenario.Description != m.Description {
		t.Errorf("JSON scenario %+v, %v; want the name and description exactly", doc.Scenario, err)
	}
	if !strings.Contains(b.String(), `<b>\u001b[2J\u0007`) {
		t.Error("JSON does not escape the control characters as \\u00XX")
	}

	b.Reset()
	if err := WriteReport(&b, Report{Meta: m, Summary: s}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Count(page, "</script>") != strings.Count(page, "<script") || strings.Contains(page, "<b>") || strings.ContainsAny(page, "\x1b\a") {
		t.Errorf("report holds the name's HTML or control characters unescaped")
	}
	if !strings.Contains(page, `&lt;/script&gt;&lt;b&gt;\x1b[2J\x07`) {
		t.Error("report lacks the escaped name")
	}
}
