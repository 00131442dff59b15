package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"scsim/model"
)

// sweepOf runs a one-store network at each reorder point.
func sweepOf(t *testing.T, points ...int64) *Sweep {
	t.Helper()
	sw := &Sweep{Paths: []string{"sites[store].stock[widget].policy.reorder_point"}}
	for _, r := range points {
		net := &model.Network{
			Name:      "sweep",
			Items:     []model.Item{{Name: "widget", HoldingCost: 1, BackorderCost: 5}},
			Suppliers: []model.Supplier{{Name: "factory"}},
			Sites: []model.Site{{Name: "store", Stocks: []model.Stock{{
				Item: 0, Source: model.Node{Kind: model.SupplierNode}, Lane: model.Lane{Transit: model.Const(4)},
				Initial: r + 40, Policy: &model.RQ{R: r, Q: 40},
				Demand: []model.Demand{{Name: "d0", Rate: 8, Size: model.Const(1)}},
			}}}},
			Horizon: 1000, Warmup: 50,
		}
		sum := model.Summarize(net, 1, model.RunAll(net, 1, 4, 0))
		sw.Points = append(sw.Points, SweepRow{Values: []string{itoa(r)}, Summary: sum})
	}
	return sw
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func TestSweepWriters(t *testing.T) {
	sw := sweepOf(t, 28, 36, 44)
	var table, js, cs bytes.Buffer
	if err := WriteSweepTable(&table, sw, Meta{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "sweep.table.golden", table.Bytes())
	for _, v := range []string{"28", "36", "44", "fill rate", "total cost"} {
		if !strings.Contains(table.String(), v) {
			t.Errorf("sweep table lacks %q", v)
		}
	}
	if err := WriteSweepCSV(&cs, sw); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + 3*2*baseMetrics; len(rows) != want {
		t.Errorf("%d CSV rows, want %d", len(rows), want)
	}
	if err := WriteSweepJSON(&js, sw, Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string
		Points []struct {
			Values []string
			Total  map[string]struct{ Mean *float64 }
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "scsim/sweep/v1" || len(doc.Points) != 3 || *doc.Points[2].Total["fill_rate"].Mean != sw.Points[2].Summary.Total[model.MFillRate].Mean {
		t.Errorf("sweep JSON: %+v", doc)
	}
}
