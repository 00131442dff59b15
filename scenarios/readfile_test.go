package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fileScenario is a valid scenario whose one demand stream reads the
// history file at path HIST.
const fileScenario = `horizon: 100
items: [{name: a}]
suppliers: [{name: f, lead_time: 1}]
sites:
  - name: s
    stock:
      - item: a
        source: f
        policy: {type: base_stock, order_up_to: 30}
        demand: [{history: {file: "HIST"}}]
`

// loadWith writes the scenario reading history file hist to dir and
// loads it, failing if that takes more than two seconds.
func loadWith(t *testing.T, dir, hist string) (*Scenario, error) {
	t.Helper()
	file := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(fileScenario, "HIST", hist)), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := Load(file)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Load took %v", d)
	}
	return s, err
}

func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q\nwant it to contain %q", err, p)
		}
	}
}

// TestHistoryQuotesLittle checks that a file that is not a demand
// history, such as /etc/passwd, is not quoted in the error, and that
// fields quoted are cut short and escaped.
func TestHistoryQuotesLittle(t *testing.T) {
	secret := "root:$6$SECRETSALT$SECRETHASH:19000:0:99999:7:::"
	for _, tc := range []struct{ data, want string }{
		{secret + "\n", "h.csv:1:1: the first row is not a header row"},
		{"date,item,quantity,x" + strings.Repeat("-", 40) + secret + "\n0,a,1\n", `unknown column "x` + strings.Repeat("-", 31) + `"…(89 bytes)`},
		{"date,item,quantity\n0,a,\x1b[2J\n", `h.csv:2:5: quantity: expected a whole number of units from 0 to 1000000000, got "\x1b[2J"`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "h.csv"), []byte(tc.data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadWith(t, dir, "h.csv")
		wantErr(t, err, tc.want)
		if err != nil && strings.Contains(err.Error(), "SECRETHASH") {
			t.Errorf("error quotes the file: %v", err)
		}
	}
}

// TestHistoryOldDatesAndBOM checks ISO dates before 1970 and a byte order
// mark: the earliest date is day 0 whatever the year.
func TestHistoryOldDatesAndBOM(t *testing.T) {
	df := &demandFile{path: "h.csv"}
	df.parse([]byte("\ufeffdate,item,quantity\n1969-12-31,a,3\n1899-12-31,a,1\n1970-01-02,a,4\n"))
	if len(df.errs) > 0 {
		t.Fatal(df.errs)
	}
	// 1899-12-31 is day 0; 1969-12-31 is 70 years later, with 17 leap days.
	want := []int32{70*365 + 17, 0, 70*365 + 17 + 2}
	for i, r := range df.rows {
		if r.day != want[i] {
			t.Errorf("row %d: day %d, want %d", i, r.day, want[i])
		}
	}
	if df.span != int64(want[2])+1 {
		t.Errorf("span %d, want %d", df.span, want[2]+1)
	}
	var list ErrorList
	df = &demandFile{path: "h.csv"}
	df.parse([]byte("date,item,quantity\n1969-12-31,a,x\n"))
	if len(df.errs) != 1 || df.errs[0].Error() != `h.csv:2:14: quantity: expected a whole number of units from 0 to 1000000000, got "x"` {
		t.Errorf("errors %v", append(list, df.errs...))
	}
}

// TestScenarioBOM checks that a scenario file may start with a UTF-8
// byte order mark.
func TestScenarioBOM(t *testing.T) {
	data, _ := BundledYAML("rq-single")
	if _, err := Parse("bom.yaml", append([]byte("\ufeff"), data...)); err != nil {
		t.Errorf("a scenario with a BOM: %v", err)
	}
	_, err := Parse("bom.yaml", []byte("\ufeffhorizon: 10\nitems: [{name: a}]\ndescription: \"x\xffy\"\n"))
	wantErr(t, err, "bom.yaml:3:16: invalid UTF-8 (byte 0xff)")
}

// TestErrorLimit checks that a list of errors is bounded: at most three
// with one message at one place (the third counting the rest), and at
// most 100 in all (the last counting the rest).
func TestErrorLimit(t *testing.T) {
	var l ErrorList
	for i := range 10 {
		l = append(l, &Error{File: "f", Line: 2, Col: 3, Field: fmt.Sprintf("sites[%d].name", i), Msg: "bad"})
	}
	l = append(l, &Error{File: "f", Line: 2, Col: 3, Field: "x", Msg: "other"})
	got := l.limit(0)
	if len(got) != 4 || got[2].Msg != "bad (and 7 more times at this place, through aliases)" || got[3].Msg != "other" {
		t.Errorf("limit = %v", got)
	}
	l = nil
	for i := range 250 {
		l = append(l, &Error{File: "f", Line: i + 1, Col: 1, Msg: "bad"})
	}
	got = l.limit(0)
	if len(got) != maxErrors || got[maxErrors-1].Msg != "and 151 more errors, not shown (the first 99 are)" || got[maxErrors-1].Line != maxErrors {
		t.Errorf("limit: %d errors, last %v", len(got), got[len(got)-1])
	}
}

// TestExcerpt checks how messages quote text from a file.
func TestExcerpt(t *testing.T) {
	for _, tc := range []struct{ in, excerpt, clean string }{
		{"abc", `"abc"`, "abc"},
		{"a\x1b[31mb", `"a\x1b[31mb"`, `"a\x1b[31mb"`},
		{"x\xffy", `"x\xffy"`, `"x\xffy"`},
		{strings.Repeat("é", 70), `"` + strings.Repeat("é", 64) + `"…(140 bytes)`, `"` + strings.Repeat("é", 64) + `"…(140 bytes)`},
	} {
		if got := excerpt(tc.in, maxExcerpt); got != tc.excerpt {
			t.Errorf("excerpt(%q) = %s, want %s", tc.in, got, tc.excerpt)
		}
		if got := clean(tc.in); got != tc.clean {
			t.Errorf("clean(%q) = %s, want %s", tc.in, got, tc.clean)
		}
	}
}
