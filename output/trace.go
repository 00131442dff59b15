package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"scsim/model"
)

// The explained event trace of one replication (scsim trace) as text for
// reading, or as JSON Lines or CSV for analysis (see docs/trace.md).

// TraceFormats are the formats of [NewTraceWriter].
var TraceFormats = []string{"text", "jsonl", "csv"}

// TraceWidth is the width the text form keeps to.
const TraceWidth = 100

// TraceHeader describes a trace for the text form's first lines.
type TraceHeader struct {
	Scenario    string
	Replication int
	Seed        uint64 // the master seed
	From, To    float64
	Items       []string // the site-items shown; nil for all
	Horizon     float64
	Warmup      float64
	TimeUnit    string // the scenario's time unit, "" for days
}

// TraceWriter writes trace records in one format.
type TraceWriter struct {
	w      io.Writer
	format string
	csv    *csv.Writer
	err    error
}

// NewTraceWriter returns a writer of format ("text", "jsonl" or "csv")
// to w.
func NewTraceWriter(w io.Writer, format string) (*TraceWriter, error) {
	tw := &TraceWriter{w: w, format: format}
	switch format {
	case "text", "jsonl":
	case "csv":
		tw.csv = csv.NewWriter(w)
	default:
		return nil, fmt.Errorf("unknown trace format %q (formats: %s)", format, strings.Join(TraceFormats, ", "))
	}
	return tw, nil
}

// TraceCSVHeader is the header row of the CSV form.
var TraceCSVHeader = []string{"event", "t", "kind", "where", "stream", "other",
	"on_hand_before", "backorders_before", "on_order_before", "position_before",
	"on_hand_after", "backorders_after", "on_order_after", "position_after",
	"qty", "shipped", "backordered", "lost", "substituted", "due", "due_qty", "rule"}

// Header writes what comes before the records: the text form's title and
// legend, the CSV header row; nothing for JSON Lines.
func (tw *TraceWriter) Header(h TraceHeader) {
	switch tw.format {
	case "text":
		items := "all site-items"
		if len(h.Items) > 0 {
			items = strings.Join(h.Items, ", ")
		}
		tw.printf("%s", wrap(fmt.Sprintf("trace of %s, replication %d of seed %d, from t=%s to t=%s (horizon %s, warm-up %s), %s",
			Printable(h.Scenario), h.Replication, h.Seed, fnum(h.From), fnum(h.To), fnum(h.Horizon), fnum(h.Warmup), Printable(items)), ""))
		tw.printf("%s", wrap("levels in units: on hand; backorders, units owed to waiting orders; on order, ordered and not yet received; position = on hand + on order − backorders. Times in "+TimeUnits(h.TimeUnit)+".", ""))
		tw.printf("\n")
	case "csv":
		tw.write(TraceCSVHeader)
	}
}

// Record writes one record.
func (tw *TraceWriter) Record(r *model.TraceRecord) {
	switch tw.format {
	case "text":
		tw.printf("%s", traceText(r))
	case "jsonl":
		b, err := json.Marshal(traceJSON(r))
		if err != nil && tw.err == nil {
			tw.err = err
		}
		tw.printf("%s\n", b)
	case "csv":
		tw.write(traceRow(r))
	}
}

// Footer ends the trace: in the text form, how many records were shown
// and how many the limit left out.
func (tw *TraceWriter) Footer(shown, leftOut int, limit int) {
	if tw.format == "text" {
		tw.printf("\n%s", wrap(TraceSummary(shown, leftOut, limit), ""))
	}
}

// TraceSummary says how many records were shown and left out.
func TraceSummary(shown, leftOut, limit int) string {
	s := fmt.Sprintf("%d event record(s) shown", shown)
	if leftOut > 0 {
		s += fmt.Sprintf("; %d more left out by --limit %d (raise it, use --limit 0 for all, or narrow the trace with --from, --to and --items)", leftOut, limit)
	}
	return s + "."
}

// Flush writes what is buffered and returns the first error met.
func (tw *TraceWriter) Flush() error {
	if tw.csv != nil {
		tw.csv.Flush()
		if err := tw.csv.Error(); err != nil && tw.err == nil {
			tw.err = err
		}
	}
	return tw.err
}

func (tw *TraceWriter) printf(format string, args ...any) {
	if tw.err == nil {
		_, tw.err = fmt.Fprintf(tw.w, format, args...)
	}
}

func (tw *TraceWriter) write(row []string) {
	if tw.err == nil {
		tw.err = tw.csv.Write(row)
	}
}

// traceText is the text form of a record: "t=12.40  store/widget  review:
// rule", wrapped at [TraceWidth], and for a site-item a line of its
// levels, "before → after" where they changed.
func traceText(r *model.TraceRecord) string {
	head := fmt.Sprintf("t=%s  %s  %s: %s", fnum2(r.T), Printable(r.Where), r.Kind, Printable(r.Rule))
	if r.Kind == model.TraceWarmup {
		head = fmt.Sprintf("t=%s  %s: %s", fnum2(r.T), r.Kind, r.Rule)
	}
	out := wrap(head, "      ")
	if r.SKU >= 0 {
		lv := func(name string, a, b int64) string {
			if a == b {
				return fmt.Sprintf("%s %d", name, a)
			}
			return fmt.Sprintf("%s %d → %d", name, a, b)
		}
		out += "      " + strings.Join([]string{
			lv("on hand", r.Before.OnHand, r.After.OnHand),
			lv("backorders", r.Before.Backorders, r.After.Backorders),
			lv("on order", r.Before.OnOrder, r.After.OnOrder),
			lv("position", r.Before.Position(), r.After.Position()),
		}, " · ") + "\n"
	}
	return out
}

// wrap breaks s into lines of at most [TraceWidth] characters at spaces,
// the lines after the first indented by indent, each ending in a newline.
func wrap(s, indent string) string {
	var b strings.Builder
	line, width := "", 0
	for _, word := range strings.Fields(s) {
		n := utf8.RuneCountInString(word)
		switch {
		case width == 0:
			if b.Len() > 0 {
				line = indent
				width = len(indent)
			}
			line += word
			width += n
		case width+1+n > TraceWidth:
			b.WriteString(line + "\n")
			line, width = indent+word, len(indent)+n
		default:
			line += " " + word
			width += 1 + n
		}
	}
	b.WriteString(line + "\n")
	return b.String()
}

// fnum2 formats a time with two decimals.
func fnum2(t float64) string { return strconv.FormatFloat(t, 'f', 2, 64) }

// fnum formats a number of days in its shortest form.
func fnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// traceLevels is the JSON form of a site-item's levels.
type traceLevels struct {
	OnHand     int64 `json:"on_hand"`
	Backorders int64 `json:"backorders"`
	OnOrder    int64 `json:"on_order"`
	Position   int64 `json:"position"`
}

// traceRecord is the JSON form of a record (see docs/trace.md).
type traceRecord struct {
	Event       uint64       `json:"event"`
	T           float64      `json:"t"`
	Kind        string       `json:"kind"`
	Where       string       `json:"where"`
	Stream      string       `json:"stream,omitempty"`
	Other       string       `json:"other,omitempty"`
	Before      *traceLevels `json:"before,omitempty"`
	After       *traceLevels `json:"after,omitempty"`
	Qty         int64        `json:"qty"`
	Shipped     int64        `json:"shipped"`
	Backordered int64        `json:"backordered"`
	Lost        int64        `json:"lost"`
	Substituted int64        `json:"substituted"`
	Due         *float64     `json:"due"`
	DueQty      int64        `json:"due_qty"`
	Rule        string       `json:"rule"`
}

func levelsJSON(l model.TraceLevels) *traceLevels {
	return &traceLevels{OnHand: l.OnHand, Backorders: l.Backorders, OnOrder: l.OnOrder, Position: l.Position()}
}

func traceJSON(r *model.TraceRecord) traceRecord {
	j := traceRecord{Event: r.Event, T: r.T, Kind: r.Kind.String(), Where: r.Where, Stream: r.Stream, Other: r.Other,
		Qty: r.Qty, Shipped: r.Shipped, Backordered: r.Backordered, Lost: r.Lost, Substituted: r.Substituted,
		DueQty: r.DueQty, Rule: r.Rule}
	if r.SKU >= 0 {
		j.Before, j.After = levelsJSON(r.Before), levelsJSON(r.After)
	}
	if r.DueQty > 0 && r.Due < math.MaxFloat64 {
		d := r.Due
		j.Due = &d
	}
	return j
}

func traceRow(r *model.TraceRecord) []string {
	i := func(v int64) string { return strconv.FormatInt(v, 10) }
	row := []string{strconv.FormatUint(r.Event, 10), fnum(r.T), r.Kind.String(), r.Where, r.Stream, r.Other}
	if r.SKU >= 0 {
		for _, l := range []model.TraceLevels{r.Before, r.After} {
			row = append(row, i(l.OnHand), i(l.Backorders), i(l.OnOrder), i(l.Position()))
		}
	} else {
		row = append(row, "", "", "", "", "", "", "", "")
	}
	due := ""
	if r.DueQty > 0 && r.Due < math.MaxFloat64 {
		due = fnum(r.Due)
	}
	return append(row, i(r.Qty), i(r.Shipped), i(r.Backordered), i(r.Lost), i(r.Substituted), due, i(r.DueQty), r.Rule)
}
