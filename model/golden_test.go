package model

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestPB1Golden pins seeded behaviour, like math/rand/v2's regress_test.go:
// a short PB1 run with seed 1. A change here changes every user's numbers,
// so rewriting it (make golden) is a reviewed decision with its reason in
// the commit message.
func TestPB1Golden(t *testing.T) {
	net := pb1(t, 2000)
	res := Run(net, 1, 0)
	var b bytes.Buffer
	c := res.SKUs[0]
	fmt.Fprintf(&b, "events %d\n", res.Events)
	fmt.Fprintf(&b, "%+v\n", struct {
		DemandUnits, AtOnceUnits, BackorderedUnits, FromBackorderUnits, BackordersEnd int64
		OrdersPlaced, Cycles, StockoutCycles                                          int64
	}{c.DemandUnits, c.AtOnceUnits, c.BackorderedUnits, c.FromBackorderUnits, c.BackordersEnd, c.OrdersPlaced, c.Cycles, c.StockoutCycles})
	var v [NumMetrics]float64
	c.Metrics(v[:])
	for _, i := range ShownMetrics(net.Features()) {
		fmt.Fprintf(&b, "%-20s %.10g\n", Metrics[i].Key, v[i])
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

// TestWorkersDoNotMatter runs the same replications serially and on four
// workers: the results must be identical.
func TestWorkersDoNotMatter(t *testing.T) {
	net := pb1(t, 3000)
	serial := RunAll(net, 7, 6, 1)
	parallel := RunAll(net, 7, 6, 4)
	if !reflect.DeepEqual(serial, parallel) {
		t.Error("results differ between 1 and 4 workers")
	}
	again := RunAll(net, 7, 6, 3)
	if !reflect.DeepEqual(serial, again) {
		t.Error("results differ between runs")
	}
}

// TestCommonRandomNumbers changes one site-item's policy and checks that
// the demand seen by the site-item and by another one is unchanged.
func TestCommonRandomNumbers(t *testing.T) {
	build := func(p Policy) *Network {
		net := pb1(t, 1000)
		other := net.Sites[0]
		other.Name = "other"
		other.Stocks = []Stock{net.Sites[0].Stocks[0]}
		net.Sites = append(net.Sites, other)
		net.Sites[0].Stocks[0].Policy = p
		return net
	}
	a := Run(build(&RQ{R: 36, Q: 40}), 3, 2)
	b := Run(build(&BaseStock{S: 50, Period: 7}), 3, 2)
	for i := range a.SKUs {
		if a.SKUs[i].DemandUnits != b.SKUs[i].DemandUnits || a.SKUs[i].DemandOrders != b.SKUs[i].DemandOrders {
			t.Errorf("site-item %d: demand %d vs %d after a policy change", i, a.SKUs[i].DemandUnits, b.SKUs[i].DemandUnits)
		}
	}
	if a.SKUs[1].OrdersPlaced != b.SKUs[1].OrdersPlaced || a.SKUs[1].AtOnceUnits != b.SKUs[1].AtOnceUnits {
		t.Error("the untouched site-item changed when another site-item's policy changed")
	}
	if a.SKUs[0].OrdersPlaced == b.SKUs[0].OrdersPlaced {
		t.Error("the policy change had no effect; the test proves nothing")
	}
}
