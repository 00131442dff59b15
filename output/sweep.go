package output

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"scsim/model"
)

// Sweep is a grid of scenario runs: one point per combination of values of
// the swept field paths, each summarised over the same replications.
type Sweep struct {
	Paths  []string // the field paths swept, as the user gave them
	Points []SweepRow
}

// SweepRow is one point of a sweep: a value per path and its summary.
type SweepRow struct {
	Values  []string
	Summary *model.Summary
}

// sweepMetrics are the metrics a sweep table shows; CSV and JSON have all.
var sweepMetrics = []int{model.MFillRate, model.MBackorderRate, model.MAvgOnHand, model.MAvgBackorders,
	model.MWaitMean, model.MLostRate, model.MTotalCost}

// WriteSweepTable writes one row per point: its values, then the key
// metrics of the network total as "mean ± half-width".
func WriteSweepTable(w io.Writer, sw *Sweep, m Meta) error {
	var b strings.Builder
	if len(sw.Points) > 0 {
		s := sw.Points[0].Summary
		fmt.Fprintf(&b, "scenario      %s\n", s.Scenario)
		if m.Source != "" {
			fmt.Fprintf(&b, "source        %s\n", m.Source)
		}
		fmt.Fprintf(&b, "seed          %d (every point uses the same random numbers)\nreplications  %d\nhorizon       %s\nwarm-up       %s\n\n",
			s.Seed, s.Replications, days(s.Horizon), days(s.Warmup))
	}
	fmt.Fprintf(&b, "sweep of %d points over %s; network totals, %g%% confidence half-widths\n",
		len(sw.Points), strings.Join(sw.Paths, ", "), confidence*100)
	header := append([]string{}, sw.Paths...)
	units := make([]string, len(sw.Paths))
	for _, mt := range sweepMetrics {
		header = append(header, model.Metrics[mt].Name)
		units = append(units, model.Metrics[mt].Unit)
	}
	rows := [][]string{header, units}
	for _, p := range sw.Points {
		row := append([]string{}, p.Values...)
		for _, mt := range sweepMetrics {
			c := formatEstimate(model.Metrics[mt].Unit, p.Summary.Total[mt])
			s := c.mean
			if c.hw != "" {
				s += " ± " + c.hw
			}
			row = append(row, s)
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(header))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			if i < len(sw.Paths) {
				b.WriteString(pad(c, widths[i]))
			} else {
				b.WriteString(padLeft(c, widths[i]))
			}
		}
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write sweep table: %w", err)
	}
	return nil
}

// WriteSweepCSV writes the sweep as tidy rows: point (0-based), one column
// per swept path with its value, then site, item, metric, unit, mean,
// half_width and n, for every site-item and the total of every point.
func WriteSweepCSV(w io.Writer, sw *Sweep) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	header := append([]string{"point"}, sw.Paths...)
	header = append(header, "site", "item", "metric", "unit", "mean", "half_width", "n")
	cw.Write(header)
	for i, p := range sw.Points {
		lead := append([]string{strconv.Itoa(i)}, p.Values...)
		shown := p.Summary.Shown()
		rows := func(site, item string, est *[model.NumMetrics]model.Estimate) {
			for _, m := range shown {
				mt := &model.Metrics[m]
				e := est[m]
				cw.Write(append(append([]string{}, lead...), site, item, mt.Key, mt.Unit,
					csvFloat(e.Mean), csvFloat(e.HalfWidth), strconv.Itoa(e.N)))
			}
		}
		for k := range p.Summary.SKUs {
			s := &p.Summary.SKUs[k]
			rows(s.Site, s.Item, &s.Metrics)
		}
		rows(TotalSite, "", &p.Summary.Total)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write sweep csv: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write sweep csv: %w", err)
	}
	return nil
}

// WriteSweepJSON writes the sweep as one JSON document of schema
// "scsim/sweep/v1": the paths, and per point its values and the network
// total's metrics (the shape of "total" in scsim/run/v1).
func WriteSweepJSON(w io.Writer, sw *Sweep, m Meta) error {
	type pointJSON struct {
		Values []string      `json:"values"`
		Total  metricsObject `json:"total"`
	}
	doc := struct {
		Schema  string      `json:"schema"`
		Version string      `json:"scsim_version"`
		Source  string      `json:"source"`
		Paths   []string    `json:"paths"`
		Points  []pointJSON `json:"points"`
	}{Schema: "scsim/sweep/v1", Version: m.Version, Source: m.Source, Paths: sw.Paths}
	for _, p := range sw.Points {
		doc.Points = append(doc.Points, pointJSON{Values: p.Values, Total: metricsObject{&p.Summary.Total, p.Summary.Shown()}})
	}
	return encodeJSON(w, doc, "sweep json")
}
