package output

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// MetricDocs is where [WriteTable] points readers for the definition of
// every metric.
const MetricDocs = "docs/json-format.md#metrics"

// WriteTable writes s for people: a header describing the run, the policy
// of each site-item, and one aligned table with a row per metric (in
// [model.Metrics] order) and a column per site-item plus a "total" column
// for the whole network (left out when there is a single site-item). When
// the network has more than one echelon, a second table "by echelon"
// follows, with a column per echelon (echelon 1 serves customers) and its
// members listed above it.
//
// A cell is "mean ± half-width" of the 95% confidence interval. The
// half-width is rounded to 2 significant digits and the mean to the same
// decimals (24.564 ± 0.014), at most 6 (a smaller half-width is shown as
// 3.0e-09, never as 0); means from 1000 up with a half-width of 1 or more
// are whole numbers. Without a half-width (one replication), or with a
// half-width of 0 (or rounding noise below 1e-9 of the mean, shown as 0),
// the mean is rounded by unit: shares to 4 decimals; money to 2 (whole
// from 10,000 up); days to 3 significant digits; units and orders to whole
// numbers from 100 up, 1 decimal from 1 and 2 below (0 is "0"). "-" marks
// a metric with nothing to measure in any replication (a wait without
// backorders); the half-width is left out with fewer than two
// replications; "†" marks a mean over fewer replications than were run,
// because the metric was undefined in the others.
//
// Lines fit in 100 columns for up to three site-items with short names.
func WriteTable(w io.Writer, s *stats.Summary, m Meta) error {
	var b strings.Builder
	writeHeader(&b, s, m)
	b.WriteString("\n")
	wide := len(s.SKUs) > maxTableSKUs
	if wide {
		fmt.Fprintf(&b, "%d site-items: the table shows the total and each echelon; their policies and\nper-site-item metrics are in --format csv or json, or --out DIR.\n", len(s.SKUs))
	} else {
		writePolicies(&b, s)
	}
	writeTargets(&b, s, wide)
	b.WriteString("\n")
	if s.Replications < 2 {
		fmt.Fprintf(&b, "%d replication: no confidence half-widths (run 2 or more)\n", s.Replications)
	} else {
		fmt.Fprintf(&b, "%g%% confidence half-widths over %d replications\n", confidence*100, s.Replications)
	}
	var cols []*column
	for i := range s.SKUs {
		if wide {
			break
		}
		k := &s.SKUs[i]
		cols = append(cols, &column{name: k.Site + "/" + k.Item, est: &k.Metrics})
	}
	if len(s.SKUs) != 1 {
		cols = append(cols, &column{name: TotalSite, est: &s.Total})
	}
	partial := writeMetrics(&b, s.Replications, s.Shown(), cols, m.TimeUnit)
	for _, g := range rollups(s) {
		b.WriteString("\n")
		if len(g.gs) > maxTableSKUs && g.gs[0].Kind != stats.KindEchelon {
			fmt.Fprintf(&b, "%s: %d columns, in --format csv or json\n", g.title, len(g.gs))
			continue
		}
		partial = writeGroups(&b, s, g.title, g.gs, m.TimeUnit) || partial
	}
	if classes := classStreams(s); len(classes) > 0 {
		b.WriteString("\n")
		partial = writeClasses(&b, s, classes, m.TimeUnit) || partial
	}
	writeTheory(&b, s, m)
	b.WriteString("\n")
	if len(s.SKUs) != 1 {
		b.WriteString(totalLegend + "\n")
	}
	b.WriteString(`"-": nothing to measure (e.g. no backorders to wait for)`)
	if partial {
		fmt.Fprintf(&b, `; "%s": undefined in some replications, mean of the others`, partialMark)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Metric definitions: %s\n", MetricDocs)
	if _, err := io.WriteString(w, Printable(b.String())); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// maxTableSKUs is the most site-items the table shows one column each;
// beyond it the table keeps to the total and the echelons, which still fit
// a terminal.
const maxTableSKUs = 8

// writeHeader writes the "label  value" lines that describe the run.
func writeHeader(b *strings.Builder, s *stats.Summary, m Meta) {
	const width = len("replications  ")
	line := func(label, value string) {
		writeWrapped(b, fmt.Sprintf("%-*s", width, label), value, " ")
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
	if m.Fingerprint != "" {
		line("fingerprint", m.Fingerprint)
	}
	line("seed", strconv.FormatUint(s.Seed, 10))
	line("replications", strconv.Itoa(s.Replications))
	line("horizon", Duration(s.Horizon, m.TimeUnit))
	line("warm-up", Duration(s.Warmup, m.TimeUnit))
	line("events", strconv.FormatUint(s.Events, 10))
	if s.Conservation == 0 {
		line("conservation", "every unit accounted for")
	} else {
		line("conservation", fmt.Sprintf("IMBALANCE of up to %s (a model bug; please report it)", plural(int(s.Conservation), "unit", "units")))
	}
	if m.Version != "" {
		line("scsim", m.Version)
	}
}

// writeWrapped writes lead then text as one line, or, when it would pass
// maxLineWidth, as several: text is broken after a sep (", " between
// policy parameters, " " between words) and continued under its start.
// A part longer than the room left stays whole.
func writeWrapped(b *strings.Builder, lead, text, sep string) {
	indent := strings.Repeat(" ", utf8.RuneCountInString(lead))
	room := max(maxLineWidth-len(indent), 20)
	for {
		if utf8.RuneCountInString(text) <= room {
			b.WriteString(lead + text + "\n")
			return
		}
		cut := -1 // the last break that fits
		for i := strings.Index(text, sep); i >= 0; {
			end := i + len(strings.TrimRight(sep, " "))
			if utf8.RuneCountInString(text[:end]) > room {
				break
			}
			cut = i
			next := strings.Index(text[i+len(sep):], sep)
			if next < 0 {
				break
			}
			i += len(sep) + next
		}
		if cut < 0 {
			b.WriteString(lead + text + "\n")
			return
		}
		b.WriteString(lead + text[:cut+len(strings.TrimRight(sep, " "))] + "\n")
		text, lead = text[cut+len(sep):], indent
	}
}

// Duration formats a time d in the time unit tu ("" for days): "1 day",
// "36 weeks".
func Duration(d float64, tu string) string {
	if d == 1 {
		return "1 " + TimeUnit(tu)
	}
	return strconv.FormatFloat(d, 'g', -1, 64) + " " + TimeUnits(tu)
}

// writePolicies lists each site-item's replenishment policy.
func writePolicies(b *strings.Builder, s *stats.Summary) {
	b.WriteString("policies\n")
	names := make([]string, len(s.SKUs))
	width := 0
	for i := range s.SKUs {
		names[i] = s.SKUs[i].Site + "/" + s.SKUs[i].Item
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	for i := range s.SKUs {
		writeWrapped(b, "  "+pad(names[i], width)+"  ", formatPolicy(s.SKUs[i].Policy), ", ")
		if end := s.SKUs[i].PolicyEnd; end != nil {
			// a policy that learns from demand: where it ended, on average
			at := model.PolicyInfo{Type: s.SKUs[i].Policy.Type, Params: end}
			writeWrapped(b, "  "+pad("", width)+"  ", fmt.Sprintf("at the horizon, mean of %d replications: %s", s.Replications, formatPolicy(at)), ", ")
		}
	}
}

// formatPolicy formats a policy as "sS(reorder_point=20, order_up_to=60,
// review_period=7)"; a policy reviewing continuously that could review
// periodically ends "review=continuous".
func formatPolicy(pi model.PolicyInfo) string {
	var b strings.Builder
	b.WriteString(pi.Type + "(")
	for i, p := range pi.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Name + "=" + paramValue(p.Value))
	}
	if pi.Review == model.Continuous {
		if len(pi.Params) > 0 {
			b.WriteString(", ")
		}
		b.WriteString("review=continuous")
	}
	b.WriteString(")")
	return b.String()
}

// paramValue formats a policy parameter: whole numbers in full, derived
// fractions (safety stock, z, σ) to 4 significant digits; the JSON keeps
// every digit.
func paramValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// maxListed is how many members of an echelon the table lists by name;
// longer lists show the first maxListed-1 and "and N more".
const maxListed = 4

// totalLegend says what the total column covers.
const totalLegend = "total: service to customers (external demand only); stock, orders and costs of the whole network"

// rollup is a kind of roll-up output shows beside the site-items.
type rollup struct {
	title string
	gs    []stats.Group
}

// rollups returns the roll-ups of s worth showing: the echelons when there
// are several, the sites and the items when one of them has several
// site-items.
func rollups(s *stats.Summary) []rollup {
	var out []rollup
	if len(s.Echelons) > 1 {
		out = append(out, rollup{"by echelon", s.Echelons})
	}
	if informative(s.Sites) {
		out = append(out, rollup{"by site (across its items)", s.Sites})
	}
	if len(s.Items) > 1 && informative(s.Items) { // one item's roll-up is the total
		out = append(out, rollup{"by item (across sites; service to its customers)", s.Items})
	}
	return out
}

// informative reports whether the roll-ups gs say more than the
// site-items' own columns: some roll-up has several members.
func informative(gs []stats.Group) bool {
	for i := range gs {
		if len(gs[i].Members) > 1 {
			return true
		}
	}
	return false
}

// groupColumn names a roll-up's column: "echelon 1", a site's or an
// item's name.
func groupColumn(g *stats.Group) string {
	if g.Kind == stats.KindEchelon {
		return "echelon " + strconv.Itoa(g.Level)
	}
	return g.Name
}

// writeGroups writes a table of roll-ups gs under title, with their
// members listed above it, and reports whether some mean was over fewer
// replications than were run.
func writeGroups(b *strings.Builder, s *stats.Summary, title string, gs []stats.Group, tu string) (partial bool) {
	b.WriteString(title + "\n")
	cols := make([]*column, len(gs))
	width := 0
	for i := range gs {
		cols[i] = &column{name: groupColumn(&gs[i]), est: &gs[i].Metrics}
		width = max(width, utf8.RuneCountInString(cols[i].name))
	}
	for i, c := range cols {
		fmt.Fprintf(b, "  %s  %s\n", pad(c.name, width), listMembers(gs[i].Members))
	}
	return writeMetrics(b, s.Replications, s.Shown(), cols, tu)
}

// classStreams returns the indices in s.Streams of the demand streams of
// site-items with more than one: customer classes whose service differs.
func classStreams(s *stats.Summary) []int {
	count := make(map[[2]string]int, len(s.Streams))
	for _, st := range s.Streams {
		count[[2]string{st.Site, st.Item}]++
	}
	var out []int
	for i, st := range s.Streams {
		if count[[2]string{st.Site, st.Item}] > 1 {
			out = append(out, i)
		}
	}
	return out
}

// classColumn names a customer class "site/item/stream" with its priority.
func classColumn(st *stats.StreamSummary) string {
	name := st.Site + "/" + st.Item + "/" + st.Name
	if st.Priority != 0 {
		name += " (priority " + strconv.Itoa(st.Priority) + ")"
	}
	return name
}

// writeClasses writes the table of customer classes: a column per demand
// stream in classes (indices into s.Streams), a row per metric shown that
// is defined for customers ([stats.StreamMetric]).
func writeClasses(b *strings.Builder, s *stats.Summary, classes []int, tu string) (partial bool) {
	b.WriteString("by customer class (demand stream)\n")
	var cols []*column
	for _, i := range classes {
		st := &s.Streams[i]
		cols = append(cols, &column{name: classColumn(st), est: st.Metrics})
	}
	var shown []int
	for _, m := range s.Shown() {
		if stats.StreamMetric(m) {
			shown = append(shown, m)
		}
	}
	return writeMetrics(b, s.Replications, shown, cols, tu)
}

// listMembers joins names with commas, or, for more than maxListed, the
// first maxListed-1 and "and N more".
func listMembers(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	shown := maxListed - 1
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}

// cell is one formatted estimate: mean, half-width ("" if none) and a mark.
type cell struct{ mean, hw, mark string }

// column is one column of a metrics table.
type column struct {
	name string
	est  *[model.NumMetrics]stats.Estimate
	// diff, when set, makes the column one of paired differences: est is
	// left nil, cells show the differences with an explicit "+" sign, and
	// sigMark marks the significant ones.
	diff *[model.NumMetrics]stats.Diff
	// breakBefore starts a new block of columns at this one when the
	// table is too wide for one (see [writeMetrics]).
	breakBefore bool
	// partialMark marks a mean over fewer replications than were run; ""
	// means [partialMark].
	partialMark string
	cells       [model.NumMetrics]cell
	// Widths of the mean, half-width and mark parts of the cells.
	meanW, hwW, markW int
}

// writeMetrics writes a metrics table of cols, a row for each metric in
// shown (indices into [model.Metrics]), for a run of reps replications and
// reports whether some mean was over fewer replications than were run.
// Units of time are labelled in the time unit tu ("" for days).
func writeMetrics(b *strings.Builder, reps int, shown []int, cols []*column, tu string) (partial bool) {
	nameW, unitW := len("metric"), len("unit")
	for _, i := range shown {
		mt := &model.Metrics[i]
		nameW = max(nameW, utf8.RuneCountInString(mt.Name))
		unitW = max(unitW, utf8.RuneCountInString(UnitLabel(mt.Unit, tu)))
	}
	for _, c := range cols {
		for _, i := range shown {
			cl, p := c.format(i, reps)
			partial = partial || p
			c.cells[i] = cl
			c.meanW = max(c.meanW, utf8.RuneCountInString(cl.mean))
			c.hwW = max(c.hwW, utf8.RuneCountInString(cl.hw))
			c.markW = max(c.markW, utf8.RuneCountInString(cl.mark))
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
	// blocks of columns, each as wide as fits maxLineWidth with the metric
	// and unit columns repeated, a new one at a column marked breakBefore
	// unless all fit one line; a column wider than that is a block alone
	lead := nameW + 2 + unitW
	all := lead
	for _, c := range cols {
		all += 2 + width(c)
	}
	for start := 0; start < len(cols); {
		end, w := start+1, lead+2+width(cols[start])
		for end < len(cols) && w+2+width(cols[end]) <= maxLineWidth && (all <= maxLineWidth || !cols[end].breakBefore) {
			w += 2 + width(cols[end])
			end++
		}
		if start > 0 {
			b.WriteString("\n")
		}
		block := cols[start:end]
		line.WriteString(pad("metric", nameW) + "  " + pad("unit", unitW))
		for _, c := range block {
			line.WriteString("  " + padLeft(c.name, width(c)))
		}
		flush()
		for _, i := range shown {
			mt := &model.Metrics[i]
			line.WriteString(pad(mt.Name, nameW) + "  " + pad(UnitLabel(mt.Unit, tu), unitW))
			for _, c := range block {
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
		start = end
	}
	return partial
}

// maxLineWidth is the width the metrics tables keep to: wider tables are
// written in blocks of columns.
const maxLineWidth = 120

// format formats the cell of metric i of c for a run of reps replications
// and reports whether its mean is over fewer replications than were run.
func (c *column) format(i, reps int) (cl cell, partial bool) {
	unit := model.Metrics[i].Unit
	var e stats.Estimate
	if c.diff != nil {
		d := c.diff[i]
		e = stats.Estimate{Mean: d.Mean, HalfWidth: d.HalfWidth, N: d.N}
		cl = formatDiff(unit, d)
	} else {
		e = c.est[i]
		cl = formatEstimate(unit, e)
	}
	if e.N > 0 && e.N < reps {
		partial = true
		if c.partialMark == "" {
			cl.mark += partialMark
		} else {
			cl.mark += c.partialMark
		}
	}
	return cl, partial
}

// hwPart returns the width of " ± hw" for half-widths hwW wide ("±" is
// one column).
func hwPart(hwW int) int {
	if hwW == 0 {
		return 0
	}
	return 3 + hwW
}

// Rounding of cells with a half-width (see [WriteTable]).
const (
	// hwDigits is how many significant digits of a half-width are shown:
	// the second digit says how far the interval reaches, further digits
	// are noise.
	hwDigits = 2
	// maxDecimals caps the decimals of a cell; a smaller half-width is
	// shown in exponent form rather than as zero.
	maxDecimals = 6
	// noiseRel is the half-width, relative to the mean, below which it is
	// rounding noise (a few ulps from averaging identical values, as in a
	// deterministic cost) and treated as 0.
	noiseRel = 1e-9
	// wholeFrom is the magnitude from which a mean with a half-width of 1
	// or more is shown as a whole number, keeping counts such as
	// demand_units short.
	wholeFrom = 1000
)

// formatEstimate rounds e for a table cell: by its half-width when it has
// a positive one, otherwise by the metric's unit (see [WriteTable]).
func formatEstimate(unit string, e stats.Estimate) cell {
	if math.IsNaN(e.Mean) {
		return cell{mean: "-"}
	}
	hasHW := e.N >= 2 && finite(e.HalfWidth)
	if !hasHW || e.HalfWidth <= noiseRel*math.Abs(e.Mean) {
		d := decimals(unit, e.Mean)
		c := cell{mean: fixed(e.Mean, d)}
		if hasHW {
			c.hw = fixed(0, d)
		}
		return c
	}
	d := significant(e.HalfWidth, hwDigits, maxDecimals)
	if math.Abs(e.Mean) >= wholeFrom && e.HalfWidth >= 1 {
		d = 0
	}
	c := cell{mean: fixed(e.Mean, d), hw: fixed(e.HalfWidth, d)}
	if strings.Trim(c.hw, "0.") == "" { // below maxDecimals: never "± 0.000000"
		c.hw = strconv.FormatFloat(e.HalfWidth, 'e', hwDigits-1, 64)
	}
	return c
}

// fixed formats v with d decimals, without the sign of a value that
// rounds to zero ("-0.00").
func fixed(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		return s[1:]
	}
	return s
}

// wholeMoney is the amount from which money is shown without cents when
// there is no half-width to round by: the cents of a window total such as
// lost_value are noise and would widen the table past 100 columns.
const wholeMoney = 10000

// decimals returns how many decimals to show of a value v in unit when
// there is no half-width to round by.
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

// Printable returns s with every character that a terminal could take as
// a command escaped, so that text from a scenario (names, descriptions,
// values) is shown, not obeyed: C0 controls but newline and tab, DEL and
// invalid UTF-8 bytes as \xNN (ESC as \x1b, CR as \x0d), C1 controls and
// the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069,
// which can reorder what a line shows) as \uNNNN. Every text writer of
// the package passes its output through it; JSON and HTML escape in their
// own ways. A string with nothing to escape is returned as it is.
func Printable(s string) string {
	i := strings.IndexFunc(s, unprintable)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[0])
		case r < 0x80 && unprintable(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unprintable(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// unprintable reports whether [Printable] escapes r.
func unprintable(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
