package output

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"scsim/model"
	"scsim/stats"
)

// TotalSite is the name of the headline total's column in tables and of
// its variant rows in [WriteCompareCSV] and sweep rows.
const TotalSite = "total"

// csvFloat formats v for CSV: the shortest decimal that reads back as v,
// and an empty field for NaN or ±Inf, which pandas, R and Excel read as
// missing.
func csvFloat(v float64) string {
	if !finite(v) { // as JSON's null: NaN, and the rare ±Inf
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// csvWriter is a [csv.Writer] whose text cells cannot be read as
// formulas by a spreadsheet: see [SafeCell]. Every CSV writer of the
// package uses it.
type csvWriter struct{ *csv.Writer }

func newCSVWriter(w io.Writer) csvWriter { return csvWriter{csv.NewWriter(w)} }

// Write writes one record, each cell made safe by [SafeCell].
func (w csvWriter) Write(record []string) error {
	var safe []string
	for i, cell := range record {
		if c := SafeCell(cell); c != cell {
			if safe == nil {
				safe = slices.Clone(record)
			}
			safe[i] = c
		}
	}
	if safe != nil {
		record = safe
	}
	return w.Writer.Write(record)
}

// csvNumber matches a cell that is a decimal number, which a spreadsheet
// reads as a number even when it starts with '-' or '+'.
var csvNumber = regexp.MustCompile(`^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$`)

// SafeCell neutralises a CSV cell that a spreadsheet would read as a
// formula, by the OWASP rule: a text cell starting with '=', '+', '-', '@',
// a tab or a carriage return gets a single quote in front ("=1+2" becomes
// "'=1+2"), so that Excel, LibreOffice and Google Sheets show it as text.
// A number ("-3.5", "+2", "1e-9") is left as it is, so that it still reads
// as a number; so is every other cell.
func SafeCell(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || csvNumber.MatchString(cell) {
		return cell
	}
	return "'" + cell
}

// provenanceHeader names the columns that begin every CSV row: which
// scenario (its name and fingerprint, see [Meta.Fingerprint]) and seed
// the row came from.
var provenanceHeader = []string{"scenario", "fingerprint", "seed"}

// provenance returns the cells of [provenanceHeader] for s: its own
// fingerprint (a variant's, a sweep point's), else m's.
func provenance(s *stats.Summary, m Meta) []string {
	return []string{s.Scenario, cmp.Or(s.Fingerprint, m.Fingerprint), strconv.FormatUint(s.Seed, 10)}
}

// scopeHeader names the columns that say which part of the results a row
// covers: scope is the name [stats.Summary.Scope] takes ("customers",
// "SITE/ITEM", "echelon-N", "site:NAME", "item:NAME"), kind its kind
// (customers, site-item, echelon, site, item), and site and item the
// names it has of them.
var scopeHeader = []string{"scope", "kind", "site", "item"}

// scopeCells returns the cells of [scopeHeader] for sc.
func scopeCells(sc stats.ScopeResult) []string {
	return []string{sc.Name, sc.Kind, sc.Site, sc.Item}
}

// WriteCSV writes s as tidy CSV, one row per metric of every part of the
// results in the order of [stats.Summary.Scopes] — the customers' total
// first, then each site-item, echelon, site and item — and then the
// theory beside the simulation ([theoryCSVRows]), with the header
//
//	scenario,fingerprint,seed,scope,kind,site,item,metric,unit,mean,half_width,n
//
// Metrics are keyed and ordered as in [model.Metrics]. Numbers are the
// shortest decimal that reads back exactly; an undefined mean or
// half-width (NaN) is an empty field.
func WriteCSV(w io.Writer, s *stats.Summary, m Meta) error {
	// the cells that are not numbers go through a csvWriter, a row's
	// worth at a time (its scope, a metric's key and unit); the numbers,
	// which never need quoting, are appended directly
	var cells bytes.Buffer
	cw := newCSVWriter(&cells)
	record := func(b []byte, sep byte, rec ...string) []byte {
		cells.Reset()
		cw.Write(rec)
		cw.Flush()
		return append(append(b, bytes.TrimSuffix(cells.Bytes(), []byte("\n"))...), sep)
	}
	b := make([]byte, 0, 64<<10+4<<10)
	b = record(b, '\n', slices.Concat(provenanceHeader, scopeHeader, []string{"metric", "unit", "mean", "half_width", "n"})...)
	shown := s.Shown()
	var keyUnit [model.NumMetrics][]byte // "key,unit,"
	for _, i := range shown {
		keyUnit[i] = record(nil, ',', model.Metrics[i].Key, model.Metrics[i].Unit)
	}
	prov := provenance(s, m)
	var id []byte // "scenario,…,item,"
	var err error
	for _, sc := range s.Scopes() {
		id = record(id[:0], ',', slices.Concat(prov, scopeCells(sc))...)
		for _, i := range shown {
			e := &sc.Metrics[i]
			b = append(b, id...)
			b = append(b, keyUnit[i]...)
			b = appendCSVFloat(b, e.Mean)
			b = append(b, ',')
			b = appendCSVFloat(b, e.HalfWidth)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(e.N), 10)
			b = append(b, '\n')
		}
		if len(b) >= 64<<10 && err == nil {
			_, err = w.Write(b)
			b = b[:0]
		}
	}
	for _, row := range theoryCSVRows(s, m) {
		b = record(b, '\n', row...)
	}
	if err == nil {
		_, err = w.Write(b)
	}
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// appendCSVFloat appends v as [csvFloat] formats it.
func appendCSVFloat(b []byte, v float64) []byte {
	if !finite(v) {
		return b
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// WriteReplicationsCSV writes the value of every metric in every
// replication of s: for each replication, one row per part of the results
// in the order of [stats.Summary.Scopes], with the header
//
//	scenario,fingerprint,seed,replication,scope,kind,site,item,<every key of model.Metrics shown>
//
// Replications are numbered from 0 as in [model.Result]; the means of
// these rows over replications are the means of the Summary (a metric
// undefined in a replication is an empty field, left out of the mean).
func WriteReplicationsCSV(w io.Writer, s *stats.Summary, m Meta) error {
	cw := newCSVWriter(w)
	header := slices.Concat(provenanceHeader, []string{"replication"}, scopeHeader)
	shown := s.Shown()
	for _, i := range shown {
		header = append(header, model.Metrics[i].Key)
	}
	cw.Write(header)
	prov := provenance(s, m)
	scopes := s.Scopes()
	row := make([]string, 0, len(header))
	for r := range s.Replications {
		rep := strconv.Itoa(r)
		for _, sc := range scopes {
			if r >= len(sc.Reps) {
				return fmt.Errorf("write replications csv: scope %s has %d replications, the summary %d", sc.Name, len(sc.Reps), s.Replications)
			}
			row = append(append(append(row[:0], prov...), rep), scopeCells(sc)...)
			for _, i := range shown {
				row = append(row, csvFloat(sc.Reps[r][i]))
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write replications csv: %w", err)
	}
	return nil
}
