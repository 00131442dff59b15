package output

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// mustReport writes the report of the store example with its five plots.
func mustReport(tb testing.TB) []byte {
	tb.Helper()
	plots, _, cmp := examplePlots(tb)
	r := Report{
		Meta:        Meta{Version: "0.1.0-test", Source: "output/plot_test.go", Description: "A store selling widgets, 8 a day.\n\nThree policies <compared> & plotted."},
		Assumptions: []string{"Demand is Poisson with 8 units a day, one unit per order."},
		Comparison:  cmp,
		Plots:       plots,
	}
	var b bytes.Buffer
	if err := WriteReport(&b, r); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func TestReport(t *testing.T) {
	page := mustReport(t)
	if *plotsDir != "" {
		if err := os.WriteFile(filepath.Join(*plotsDir, "report.html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := string(page)
	if !strings.HasPrefix(s, "<!DOCTYPE html>\n") {
		t.Errorf("page does not start with <!DOCTYPE html>: %.40q", s)
	}
	// self-contained: no external references, every image inline
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`).FindString(s); m != "" {
		t.Errorf("page references %q", m)
	}
	for _, tag := range []string{"<script", "<link", "<iframe", "@import", "url("} {
		if strings.Contains(strings.ToLower(s), tag) {
			t.Errorf("page contains %q", tag)
		}
	}
	imgs := regexp.MustCompile(`<img [^>]*src="([^"]*)"`).FindAllStringSubmatch(s, -1)
	if plots, _, _ := examplePlots(t); len(imgs) != len(plots) {
		t.Errorf("%d images, want %d", len(imgs), len(plots))
	}
	for _, m := range imgs {
		if !strings.HasPrefix(m[1], "data:image/png;base64,") {
			t.Errorf("img src %.60q is not a PNG data: URI", m[1])
		}
	}
	for _, id := range []string{`id="scenario"`, `id="assumptions"`, `id="results"`, `id="comparison"`, `id="plots"`} {
		if !strings.Contains(s, id) {
			t.Errorf("page lacks the section %s", id)
		}
	}
	for _, want := range []string{
		"<p>Three policies &lt;compared&gt; &amp; plotted.</p>", // escaped, a paragraph
		"Demand is Poisson with 8 units a day",                  // the scenario's assumption
		"Same-instant events: at one instant the warm-up reset runs first",
		"Cost against fill rate", "(r, Q = 40) store, reorder points 24 to 48.",
		`class="sig"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// one header row and a row per metric in both tables; the results of
	// one site-item have a single value column, the comparison five
	for _, tt := range []struct{ id, cols string }{{"results-table", "3"}, {"comparison-table", "7"}} {
		rows := tableRows(t, s, tt.id)
		if len(rows) != 1+baseMetrics {
			t.Errorf("%s: %d rows, want %d", tt.id, len(rows), 1+baseMetrics)
		}
		for i, r := range rows {
			if n := strings.Count(r, "<td") + strings.Count(r, "<th"); strings.Repeat("x", n) != strings.Repeat("x", atoi(tt.cols)) {
				t.Errorf("%s row %d has %d cells, want %s", tt.id, i, n, tt.cols)
				break
			}
		}
	}
	checkWellFormed(t, page)
}

// atoi converts a small decimal.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = 10*n + int(c-'0')
	}
	return n
}

// tableRows returns the <tr> elements of the table with id.
func tableRows(tb testing.TB, page, id string) []string {
	tb.Helper()
	start := strings.Index(page, `<table class="metrics" id="`+id+`">`)
	if start < 0 {
		tb.Fatalf("no table %s", id)
	}
	end := strings.Index(page[start:], "</table>")
	return regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(page[start:start+end], -1)
}

// checkWellFormed parses page as XML (the page is written to be
// well-formed apart from the doctype and the void elements <meta> and
// <img>), which catches unclosed and misnested tags.
func checkWellFormed(tb testing.TB, page []byte) {
	tb.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("page is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Name.Local {
				tb.Fatalf("closing </%s> does not match the open %v", tok.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		tb.Errorf("elements left open: %v", stack)
	}
}

func TestReportWithoutComparison(t *testing.T) {
	s := handSummary(t, 3)
	var b bytes.Buffer
	if err := WriteReport(&b, Report{Meta: testMeta, Summary: s}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Contains(page, `id="comparison"`) || strings.Contains(page, `id="plots"`) || strings.Contains(page, "<img") {
		t.Error("report without comparison or plots has such sections")
	}
	// five site-items and the total, in two blocks of columns (the long
	// name does not fit the first), each repeating metric and unit
	rows, rows2 := tableRows(t, page, "results-table"), tableRows(t, page, "results-table-2")
	if len(rows) != 1+baseMetrics || len(rows2) != 1+baseMetrics {
		t.Errorf("results tables: %d and %d rows, want %d", len(rows), len(rows2), 1+baseMetrics)
	}
	if head := rows[0] + rows2[0]; strings.Count(head, "<th>metric</th>") != 2 || strings.Count(head, "<th>") != 10 || !strings.HasSuffix(rows2[0], "<th>total</th></tr>") {
		t.Errorf("results headers %q; want metric, unit and 4 site-items, then metric, unit, the fifth and total", head)
	}
	// names escaped as text, the awkward cells as the table shows them
	for _, want := range []string{"<th>" + longSite + "/widget</th>", "<th>dc-Zürich/gadget-β</th>", "1234567890000 ± 5100000000", "0.000000 ± 1.0e-08", "2.0 ± 1.0†"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	checkWellFormed(t, b.Bytes())
	if err := WriteReport(&b, Report{}); err == nil || !strings.HasPrefix(err.Error(), "write report: ") {
		t.Errorf("WriteReport of nothing: err = %v, want a \"write report: \" error", err)
	}
}

func TestTextBlocks(t *testing.T) {
	in := "Five stores, one DC.\nSecond line.\n\nPolicies:\n- jit: lot for lot\n  with a buffer;\n- eoq: (r, Q).\nAfter the list.\n\n\n* star item\n"
	want := []textBlock{
		{Text: "Five stores, one DC. Second line."},
		{Text: "Policies:"},
		{Items: []string{"jit: lot for lot with a buffer;", "eoq: (r, Q)."}},
		{Text: "After the list."},
		{Items: []string{"star item"}},
	}
	if got := textBlocks(in); !reflect.DeepEqual(got, want) {
		t.Errorf("textBlocks =\n%q\nwant\n%q", got, want)
	}
	// indented lines outside a list: formulas kept line for line
	in = "so\n  fill = 1 - B   ~ 0.88\n    on-hand = 3.2\nBy Palm.\n\n  a = 1\n"
	want = []textBlock{{Text: "so"}, {Pre: "fill = 1 - B   ~ 0.88\n  on-hand = 3.2"}, {Text: "By Palm."}, {Pre: "a = 1"}}
	if got := textBlocks(in); !reflect.DeepEqual(got, want) {
		t.Errorf("textBlocks of formulas =\n%q\nwant\n%q", got, want)
	}
	if got := textBlocks("  \n"); got != nil {
		t.Errorf("textBlocks of blank = %q, want none", got)
	}
}

// TestReportClasses: a site-item with several demand streams gets a table
// by customer class, with a column per class and only the metrics of
// customers.
func TestReportClasses(t *testing.T) {
	s := handSummary(t, 3)
	var b bytes.Buffer
	if err := WriteReport(&b, Report{Summary: s}); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	i := strings.Index(html, `id="classes-table"`)
	if i < 0 {
		t.Fatal("no table by customer class")
	}
	table := html[i:]
	table = table[:strings.Index(table, "</table>")]
	for _, want := range []string{"store-1/widget/walk-in", "store-1/widget/trade (priority 1)", ">revenue<"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table by customer class lacks %q", want)
		}
	}
	if strings.Contains(table, ">on-hand<") {
		t.Error("the table by customer class shows on-hand, a site-item's metric")
	}
	two := fillHand(t, summarizeZero(t, mustTwoSKUNet(t), 2), false)
	if b.Reset(); WriteReport(&b, Report{Summary: two}) == nil && strings.Contains(b.String(), "classes-table") {
		t.Error("a report without customer classes has their table")
	}
}

// TestReportTheoryPerRun checks that the report of a comparison shows each
// run's theory beside that run's own estimates, titled by the run.
func TestReportTheoryPerRun(t *testing.T) {
	cmp, _ := mustComparison(t)
	m := storeMeta
	m.RunTheory = storeRunTheory(t)
	m.Theory = m.RunTheory[storePolicies[0].name]
	var b bytes.Buffer
	if err := WriteReport(&b, Report{Meta: m, Summary: cmp.Base, Comparison: cmp}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	runs := []*stats.Summary{cmp.Base, cmp.Variants[0].Summary, cmp.Variants[1].Summary}
	for i, sp := range storePolicies {
		th := m.RunTheory[sp.name][0]
		head := "<h3>" + html.EscapeString(sp.name+", store/widget: "+th.Formula) + "</h3>"
		at := strings.Index(page, head)
		if at < 0 {
			t.Errorf("report lacks %s", head)
			continue
		}
		// this run's own simulated fill rate follows its heading
		c := formatEstimate("share", runs[i].SKUs[0].Metrics[model.MFillRate])
		if end := strings.Index(page[at:], "</table>"); end < 0 || !strings.Contains(page[at:at+end], c.mean) {
			t.Errorf("%s: the theory table lacks the run's own fill rate %s", sp.name, c.mean)
		}
	}
}
