package model_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"scsim/model"
	"scsim/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestPB1Golden pins seeded behaviour, like math/rand/v2's regress_test.go:
// a short PB1 run with seed 1. A change here changes every user's numbers,
// so rewriting it (make golden) is a reviewed decision with its reason in
// the commit message.
func TestPB1Golden(t *testing.T) {
	net := model.PB1(t, 2000)
	res := model.Run(net, 1, 0)
	var b bytes.Buffer
	c := res.SKUs[0]
	fmt.Fprintf(&b, "events %d\n", res.Events)
	fmt.Fprintf(&b, "%+v\n", struct {
		DemandUnits, AtOnceUnits, BackorderedUnits, FromBackorderUnits, BackordersEnd int64
		OrdersPlaced, Cycles, StockoutCycles                                          int64
	}{c.DemandUnits, c.AtOnceUnits, c.BackorderedUnits, c.FromBackorderUnits, c.BackordersEnd, c.OrdersPlaced, c.Cycles, c.StockoutCycles})
	var v [model.NumMetrics]float64
	c.Metrics(v[:])
	for _, i := range stats.ShownMetrics(net.Features()) {
		fmt.Fprintf(&b, "%-20s %.10g\n", model.Metrics[i].Key, v[i])
	}
	checkGolden(t, "pb1-seed1.golden", b.Bytes())
}

func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run make golden to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
