package output

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// writeCSVRows is WriteCSV as a csvWriter writes it, a record per row:
// the reference the direct writer is held to.
func writeCSVRows(b *bytes.Buffer, s *stats.Summary, m Meta) {
	cw := newCSVWriter(b)
	cw.Write(slices.Concat(provenanceHeader, scopeHeader, []string{"metric", "unit", "mean", "half_width", "n"}))
	for _, sc := range s.Scopes() {
		id := slices.Concat(provenance(s, m), scopeCells(sc))
		for _, i := range s.Shown() {
			e := sc.Metrics[i]
			mt := &model.Metrics[i]
			cw.Write(append(id[:len(id):len(id)], mt.Key, mt.Unit, csvFloat(e.Mean), csvFloat(e.HalfWidth), strconv.Itoa(e.N)))
		}
	}
	for _, row := range theoryCSVRows(s, m) { // the theory beside the simulation
		cw.Write(row)
	}
	cw.Flush()
}

// TestWriteCSVSameBytes: WriteCSV writes, byte for byte, what a csv
// writer writes for its rows, on summaries with tricky numbers and names
// that need quoting (quotes, commas, newlines, a leading space, `\.`)
// or neutralising (a leading '=', '-', '@'), larger than its buffer.
func TestWriteCSVSameBytes(t *testing.T) {
	tricky, trickyMeta := trickySummary(t)
	tricky.SKUs[1].Site = `\.`
	tricky.SKUs[2].Site = " leading space, comma"
	tricky.SKUs[3].Item = "@item\r\n\"quoted\""
	tricky.Sites[0].Name = "-site"
	trickyMeta.Fingerprint = "=1+2"
	hostile, hostileMeta := hostileSummary(t)
	large := fillHand(t, summarizeZero(t, manySitesNet(t, 300), 2), false)
	for _, tt := range []struct {
		name string
		s    *stats.Summary
		m    Meta
	}{
		{"tricky", tricky, trickyMeta},
		{"hostile", hostile, hostileMeta},
		{"nan", nanSummary(), testMeta},
		{"large", large, handMeta},
		{"empty", &stats.Summary{}, Meta{}},
	} {
		var want, got bytes.Buffer
		writeCSVRows(&want, tt.s, tt.m)
		if err := WriteCSV(&got, tt.s, tt.m); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: WriteCSV differs from the csv writer:\n%s", tt.name, lineDiff(want.String(), got.String()))
		}
		rows, err := csv.NewReader(&got).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		theoryRows := 0
		for _, th := range tt.m.Theory {
			theoryRows += len(th.Values)
		}
		if want := 1 + len(tt.s.Scopes())*len(tt.s.Shown()) + theoryRows; len(rows) != want {
			t.Errorf("%s: %d rows, want %d", tt.name, len(rows), want)
		}
	}
	if len(large.SKUs)*len(large.Shown())*40 < 4*64<<10 {
		t.Error("the large summary fits in WriteCSV's buffer")
	}
}

// manySitesNet returns mustTwoSKUNet with its sites repeated n times
// under other names.
func manySitesNet(tb testing.TB, n int) *model.Network {
	net := mustTwoSKUNet(tb)
	sites := net.Sites
	net.Sites = nil
	for i := range n {
		for _, st := range sites {
			st.Name += "-" + strconv.Itoa(i)
			net.Sites = append(net.Sites, st)
		}
	}
	return net
}
