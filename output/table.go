package output

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"scsim/model"
)

// MetricDocs is where [WriteTable] points readers for the definition of
// every metric.
const MetricDocs = "docs/json-format.md#metrics"

// WriteTable writes s for people: a header describing the run, the policy
// of each site-item, and one aligned table with a row per metric (in
// [model.Metrics] order) and a column per site-item plus a "total" column
// for the whole network (left out when there is a single site-item).
//
// A cell is "mean ± half-width" of the 95% confidence interval, rounded by
// unit: shares to 4 decimals; money to 2 (whole from 10,000 up); days to 3
// significant digits; units and orders to whole numbers from 100 up, 1
// decimal from 1 and 2 below (0 is "0"). "-" marks a metric with nothing to measure in any replication (a wait
// without backorders); the half-width is left out with fewer than two
// replications; "*" marks a mean over fewer replications than were run,
// because the metric was undefined in the others.
//
// Lines fit in 100 columns for up to three site-items with short names.
func WriteTable(w io.Writer, s *model.Summary, m Meta) error {
	var b strings.Builder
	writeHeader(&b, s, m)
	b.WriteString("\n")
	writePolicies(&b, s)
	b.WriteString("\n")
	if s.Replications < 2 {
		fmt.Fprintf(&b, "%d replication: no confidence half-widths (run 2 or more)\n", s.Replications)
	} else {
		fmt.Fprintf(&b, "%g%% confidence half-widths over %d replications\n", confidence*100, s.Replications)
	}
	partial := writeMetrics(&b, s)
	b.WriteString("\n")
	b.WriteString(`"-": nothing to measure (e.g. no backorders to wait for)`)
	if partial {
		b.WriteString(`; "*": undefined in some replications, mean of the others`)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Metric definitions: %s\n", MetricDocs)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// writeHeader writes the "label  value" lines that describe the run.
func writeHeader(b *strings.Builder, s *model.Summary, m Meta) {
	const width = len("replications  ")
	line := func(label, value string) {
		fmt.Fprintf(b, "%-*s%s\n", width, label, value)
	}
	line("scenario", s.Scenario)
	if m.Source != "" {
		line("source", m.Source)
	}
	if d := strings.TrimSpace(m.Description); d != "" {
		// the summary line only; "scsim show" prints the whole description
		first, _, _ := strings.Cut(d, "\n")
		line("description", strings.TrimRight(first, " \t"))
	}
	line("seed", strconv.FormatUint(s.Seed, 10))
	line("replications", strconv.Itoa(s.Replications))
	line("horizon", days(s.Horizon))
	line("warm-up", days(s.Warmup))
	line("events", strconv.FormatUint(s.Events, 10))
	if s.Conservation == 0 {
		line("conservation", "every unit accounted for")
	} else {
		line("conservation", fmt.Sprintf("IMBALANCE of up to %d units (a model bug; please report it)", s.Conservation))
	}
	if m.Version != "" {
		line("scsim", m.Version)
	}
}

// days formats a time in days.
func days(d float64) string {
	if d == 1 {
		return "1 day"
	}
	return strconv.FormatFloat(d, 'g', -1, 64) + " days"
}

// writePolicies lists each site-item's replenishment policy.
func writePolicies(b *strings.Builder, s *model.Summary) {
	b.WriteString("policies\n")
	names := make([]string, len(s.SKUs))
	width := 0
	for i := range s.SKUs {
		names[i] = s.SKUs[i].Site + "/" + s.SKUs[i].Item
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	for i := range s.SKUs {
		fmt.Fprintf(b, "  %s  %s\n", pad(names[i], width), s.SKUs[i].Policy)
	}
}

// cell is one formatted estimate: mean, half-width ("" if none) and a mark.
type cell struct{ mean, hw, mark string }

// writeMetrics writes the metrics table and reports whether some mean was
// over fewer replications than were run.
func writeMetrics(b *strings.Builder, s *model.Summary) (partial bool) {
	type column struct {
		name  string
		est   *[model.NumMetrics]model.Estimate
		cells [model.NumMetrics]cell
		// Widths of the mean, half-width and mark parts of the cells.
		meanW, hwW, markW int
	}
	var cols []*column
	for i := range s.SKUs {
		k := &s.SKUs[i]
		cols = append(cols, &column{name: k.Site + "/" + k.Item, est: &k.Metrics})
	}
	if len(s.SKUs) != 1 {
		cols = append(cols, &column{name: TotalSite, est: &s.Total})
	}
	nameW, unitW := len("metric"), len("unit")
	for _, mt := range model.Metrics {
		nameW = max(nameW, utf8.RuneCountInString(mt.Name))
		unitW = max(unitW, utf8.RuneCountInString(mt.Unit))
	}
	for _, c := range cols {
		for i, e := range c.est {
			cl := formatEstimate(model.Metrics[i].Unit, e)
			if e.N > 0 && e.N < s.Replications {
				cl.mark = "*"
				partial = true
			}
			c.cells[i] = cl
			c.meanW = max(c.meanW, utf8.RuneCountInString(cl.mean))
			c.hwW = max(c.hwW, utf8.RuneCountInString(cl.hw))
			c.markW = max(c.markW, len(cl.mark))
		}
	}
	width := func(c *column) int {
		return max(c.meanW+hwPart(c.hwW)+c.markW, utf8.RuneCountInString(c.name))
	}
	var line strings.Builder
	flush := func() {
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
		line.Reset()
	}
	line.WriteString(pad("metric", nameW) + "  " + pad("unit", unitW))
	for _, c := range cols {
		line.WriteString("  " + padLeft(c.name, width(c)))
	}
	flush()
	for i, mt := range model.Metrics {
		line.WriteString(pad(mt.Name, nameW) + "  " + pad(mt.Unit, unitW))
		for _, c := range cols {
			cl := c.cells[i]
			text := padLeft(cl.mean, c.meanW)
			if cl.hw != "" {
				text += " ± " + cl.hw
			}
			text = pad(text+cl.mark, c.meanW+hwPart(c.hwW)+c.markW)
			line.WriteString("  " + padLeft(text, width(c)))
		}
		flush()
	}
	return partial
}

// hwPart returns the width of " ± hw" for half-widths hwW wide ("±" is
// one column).
func hwPart(hwW int) int {
	if hwW == 0 {
		return 0
	}
	return 3 + hwW
}

// formatEstimate rounds e for a table cell by the metric's unit.
func formatEstimate(unit string, e model.Estimate) cell {
	if math.IsNaN(e.Mean) {
		return cell{mean: "-"}
	}
	d := decimals(unit, e.Mean)
	c := cell{mean: strconv.FormatFloat(e.Mean, 'f', d, 64)}
	if e.N >= 2 && finite(e.HalfWidth) {
		c.hw = strconv.FormatFloat(e.HalfWidth, 'f', d, 64)
	}
	return c
}

// wholeMoney is the amount from which money is shown without cents: the
// cents of a window total such as lost_value are noise and would widen the
// table past 100 columns.
const wholeMoney = 10000

// decimals returns how many decimals to show of a value v in unit.
func decimals(unit string, v float64) int {
	switch unit {
	case "share":
		return 4
	case "money", "money/day":
		if math.Abs(v) >= wholeMoney {
			return 0
		}
		return 2
	case "units", "orders":
		switch a := math.Abs(v); {
		case a >= 100 || a == 0:
			return 0
		case a >= 1:
			return 1
		default:
			return 2
		}
	case "days":
		return significant(v, 3, 4)
	default:
		return significant(v, 3, 2)
	}
}

// significant returns the decimals that show sig significant digits of v,
// at most most; 0 for v = 0 or not finite.
func significant(v float64, sig, most int) int {
	if v == 0 || !finite(v) {
		return 0
	}
	d := sig - 1 - int(math.Floor(math.Log10(math.Abs(v))))
	return max(0, min(d, most))
}

// pad left-aligns s in a field n columns wide.
func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
}

// padLeft right-aligns s in a field n columns wide.
func padLeft(s string, n int) string {
	return strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s))) + s
}
