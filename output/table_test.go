package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// handColumn returns where the table shows scope: the title of its table
// ("" for the main one) and its column.
func handColumn(scope string) (title, col string) {
	switch {
	case scope == stats.ScopeCustomers:
		return "", TotalSite
	case strings.HasPrefix(scope, "echelon-"):
		return "by echelon", "echelon " + strings.TrimPrefix(scope, "echelon-")
	case strings.HasPrefix(scope, "site:"):
		return "by site", strings.TrimPrefix(scope, "site:")
	case strings.HasPrefix(scope, "item:"):
		return "by item", strings.TrimPrefix(scope, "item:")
	}
	return "", scope
}

// TestTableHand checks the table of the hand-built summary: the header,
// the policies, every awkward cell, the order of rows, the columns of
// every table, alignment and marks.
func TestTableHand(t *testing.T) {
	s := handSummary(t, 3)
	var b bytes.Buffer
	if err := WriteTable(&b, s, handMeta); err != nil {
		t.Fatal(err)
	}
	table := b.String()
	if t.Failed() || testing.Verbose() {
		defer func() { t.Logf("\n%s", table) }()
	}
	wantHead := "scenario      hand — Zürich ⇄ 東京\n" +
		"source        output/hand_test.go\n" +
		"description   First line of a hand-built summary.\n" + // the first line only
		"seed          7\n" +
		"replications  3\n" +
		"horizon       1000 days\n" +
		"warm-up       100 days\n" +
		"events        123456789\n" +
		"conservation  every unit accounted for\n" +
		"scsim         9.9.9-hand\n\n"
	if !strings.HasPrefix(table, wantHead) {
		t.Errorf("header:\n%s\nwant\n%s", table[:min(len(table), len(wantHead)+40)], wantHead)
	}
	// policies: names padded (by runes) so that the policies line up
	long := longSite + "/widget"
	w := utf8.RuneCountInString(long)
	padTo := func(s string) string { return s + strings.Repeat(" ", w-utf8.RuneCountInString(s)) }
	wantPolicies := "policies\n" +
		"  " + padTo("dc-Zürich/widget") + "  sS(reorder_point=60, order_up_to=160, review=continuous)\n" +
		"  " + padTo("dc-Zürich/gadget-β") + "  rq(reorder_point=20, order_quantity=30)\n" +
		"  " + padTo("store-1/widget") + "  rq(reorder_point=15, order_quantity=25)\n" +
		"  " + padTo("store-1/gadget-β") + "  base_stock(order_up_to=30, review_period=7)\n" +
		"  " + long + "  sS(reorder_point=5, order_up_to=20, review_period=0.5)\n\n" +
		"95% confidence half-widths over 3 replications\n"
	if !strings.Contains(table, wantPolicies) {
		t.Errorf("table lacks the policies\n%s", wantPolicies)
	}
	blocks := parseTables(table)
	for _, c := range handCases {
		title, col := handColumn(c.scope)
		if got := findCell(t, blocks, title, col, model.Metrics[c.metric].Name); got != c.cell {
			t.Errorf("%s %s: cell %q, want %q", c.scope, model.Metrics[c.metric].Key, got, c.cell)
		}
	}
	// every column of every table, in order
	wantCols := map[string][]string{
		"":                                  {"dc-Zürich/widget", "dc-Zürich/gadget-β", "store-1/widget", "store-1/gadget-β", long, TotalSite},
		"by echelon":                        {"echelon 1", "echelon 2"},
		"by site":                           {"dc-Zürich", "store-1", longSite},
		"by item":                           {"widget", "gadget-β"},
		"by customer class (demand stream)": {"store-1/widget/walk-in", "store-1/widget/trade (priority 1)"},
	}
	gotCols := map[string][]string{}
	var shownNames, streamNames []string
	for _, m := range s.Shown() {
		shownNames = append(shownNames, model.Metrics[m].Name)
		if stats.StreamMetric(m) {
			streamNames = append(streamNames, model.Metrics[m].Name)
		}
	}
	for _, bl := range blocks {
		title, _, _ := strings.Cut(bl.title, " (across")
		if bl.title == "by customer class (demand stream)" {
			title = bl.title
		}
		title, _, _ = strings.Cut(title, " (across")
		if bl.header[0].text != "metric" || bl.header[1].text != "unit" {
			t.Errorf("block %q header starts %v", bl.title, bl.header[:2])
		}
		for _, h := range bl.header[2:] {
			gotCols[title] = append(gotCols[title], h.text)
		}
		// rows: the metrics shown, in order (customers' metrics only by class)
		want := shownNames
		if strings.HasPrefix(bl.title, "by customer class") {
			want = streamNames
		}
		var names []string
		for _, r := range bl.rows {
			names = append(names, r[0].text)
		}
		if !equal(names, want) {
			t.Errorf("block %q rows %q, want %q", bl.title, names, want)
		}
		checkAligned(t, bl)
	}
	for title, want := range wantCols {
		if !equal(gotCols[title], want) {
			t.Errorf("columns of %q = %q, want %q", title, gotCols[title], want)
		}
	}
	if n := len(blocks); n < 6 {
		t.Errorf("%d blocks of columns, want the main table split in two or more by its width", n)
	}
	for i, l := range strings.Split(table, "\n") {
		if n := utf8.RuneCountInString(l); n > maxLineWidth {
			t.Errorf("line %d is %d wide, want <= %d", i+1, n, maxLineWidth)
		}
	}
	for _, want := range []string{
		"by echelon\n  echelon 1  store-1/widget, store-1/gadget-β, " + long + "\n  echelon 2  dc-Zürich/widget, dc-Zürich/gadget-β\n",
		"\n" + totalLegend + "\n",
		`"-": nothing to measure (e.g. no backorders to wait for); "†": undefined in some replications, mean of the others` + "\n",
		"Metric definitions: " + MetricDocs + "\n",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	// "†" marks exactly the cells over fewer replications than were run
	marks := 0
	for _, bl := range blocks {
		for _, r := range bl.rows {
			for _, c := range r {
				marks += strings.Count(c.text, partialMark)
			}
		}
	}
	if marks != 3 {
		t.Errorf("%d cells marked %s, want 3 (the hand-built cases with n < 3)", marks, partialMark)
	}
}

// errorer is the part of testing.TB checkAligned uses.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

// recorder is an errorer that records whether it failed.
type recorder struct{ failed bool }

func (*recorder) Helper()                 {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }

// checkAligned checks the columns of a block: the "±" of every cell of a
// column at one position, means without a half-width ending just before
// it, and no cell reaching past its header's right edge.
func checkAligned(tb errorer, bl tableBlock) {
	tb.Helper()
	for j := 2; j < len(bl.header); j++ {
		h := bl.header[j]
		pm := -1
		for _, r := range bl.rows {
			if j >= len(r) {
				tb.Errorf("block %q row %q: %d cells, want %d", bl.title, r[0].text, len(r), len(bl.header))
				return
			}
			c := r[j]
			if c.end > h.end {
				tb.Errorf("block %q column %q: cell %q ends at %d, past the header's %d", bl.title, h.text, c.text, c.end, h.end)
			}
			if i := strings.Index(c.text, "±"); i >= 0 {
				p := c.start + utf8.RuneCountInString(c.text[:i])
				if pm >= 0 && p != pm {
					tb.Errorf("block %q column %q: ± of %q at %d, others at %d", bl.title, h.text, c.text, p, pm)
				}
				pm = p
			}
		}
		if pm < 0 {
			continue
		}
		for _, r := range bl.rows {
			c := r[j]
			if strings.Contains(c.text, "±") {
				continue
			}
			mean := strings.TrimRight(c.text, partialMark+sigMark)
			if end := c.start + utf8.RuneCountInString(mean); end != pm-1 {
				tb.Errorf("block %q column %q: mean %q ends at %d, want %d, before the ±", bl.title, h.text, c.text, end, pm-1)
			}
		}
	}
}

// TestCheckAligned checks the checker: it must catch a misplaced "±" and a
// mean that does not end before the column's "±".
func TestCheckAligned(t *testing.T) {
	good := "metric  unit    col\nx       u     1 ± 2\ny       u    12 ± 3\nz       u     -\n"
	for _, tt := range []struct {
		name, text string
		fails      bool
	}{
		{"aligned", good, false},
		{"± moved", strings.Replace(good, "   12 ± 3", "  12  ± 3", 1), true},
		{"mean not right-aligned", strings.Replace(good, "    -", "  -  ", 1), true},
	} {
		var r recorder
		checkAligned(&r, parseTables(tt.text)[0])
		if r.failed != tt.fails {
			t.Errorf("%s: checkAligned failed = %v, want %v", tt.name, r.failed, tt.fails)
		}
	}
}
