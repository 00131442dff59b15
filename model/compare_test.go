package model

import (
	"math"
	"reflect"
	"testing"
)

// TestCompareCRN: a variant that raises the reorder point fills more
// demand, the paired difference says so, and thanks to common random
// numbers its interval is much narrower than the two separate intervals
// would suggest.
func TestCompareCRN(t *testing.T) {
	base := pb1(t, 3000)
	more := pb1(t, 3000)
	more.Sites[0].Stocks[0].Policy = &RQ{R: 40, Q: 40}
	bs := Summarize(base, 1, RunAll(base, 1, 10, 0))
	vs := Summarize(more, 1, RunAll(more, 1, 10, 0))
	again := Summarize(base, 1, RunAll(base, 1, 10, 0))
	cmp := Compare(bs, []string{"r=40", "same"}, []*Summary{vs, again})
	d := cmp.Variants[0].Total[MFillRate]
	unpaired := math.Hypot(bs.Total[MFillRate].HalfWidth, vs.Total[MFillRate].HalfWidth)
	t.Logf("fill rate difference %.5f ± %.5f (paired), ± %.5f unpaired", d.Mean, d.HalfWidth, unpaired)
	if !d.Significant || d.Mean <= 0 {
		t.Errorf("fill rate difference %v ± %v, want a significant gain", d.Mean, d.HalfWidth)
	}
	if !(d.HalfWidth < 0.75*unpaired) {
		t.Errorf("paired half-width %v not well below unpaired %v: common random numbers not at work", d.HalfWidth, unpaired)
	}
	if dd := cmp.Variants[0].Total[MDemandUnits]; dd.Mean != 0 || dd.Significant {
		t.Errorf("demand differs between variants: %v", dd)
	}
	for m, d := range cmp.Variants[1].Total {
		if (d.Mean != 0 && !math.IsNaN(d.Mean)) || d.Significant {
			t.Errorf("%s: the base against itself differs by %v", Metrics[m].Key, d)
		}
	}
	if s := cmp.Variants[0].SKUs[0]; !s.Matched || s.Metrics[MFillRate] != d {
		t.Errorf("site-item difference %+v, want the total's %+v (one site-item)", s.Metrics[MFillRate], d)
	}
}

// TestTrace: the traced levels integrate to the same averages as the
// counters, orders and receipts are all recorded, and tracing changes
// nothing.
func TestTrace(t *testing.T) {
	net := pb1(t, 500)
	plain := Run(net, 1, 0)
	res, tr := RunTraced(net, 1, 0, 0)
	if !reflect.DeepEqual(plain, res) {
		t.Fatal("tracing changed the result")
	}
	var area float64
	for i, at := range tr.Times {
		end := net.Horizon
		if i+1 < len(tr.Times) {
			end = tr.Times[i+1]
		}
		area += float64(tr.OnHand[i]) * (end - at)
	}
	if c := res.SKUs[0]; math.Abs(area-c.OnHandArea) > 1e-6*c.OnHandArea || int64(len(tr.Orders)) != c.OrdersPlaced || int64(len(tr.Receipts)) != c.Cycles {
		t.Errorf("trace: area %v vs %v, %d orders vs %d, %d receipts vs %d", area, c.OnHandArea, len(tr.Orders), c.OrdersPlaced, len(tr.Receipts), c.Cycles)
	}
}

// TestProgressChangesNothing: running in slices for a progress display
// gives the same results, and counts every slice.
func TestProgressChangesNothing(t *testing.T) {
	net := pb1(t, 777.7)
	var p Progress
	got := RunAllProgress(net, 3, 4, 2, &p)
	if want := RunAll(net, 3, 4, 2); !reflect.DeepEqual(got, want) {
		t.Error("results differ when progress is counted")
	}
	if p.Steps() != 4*ProgressSteps {
		t.Errorf("%d steps, want %d", p.Steps(), 4*ProgressSteps)
	}
}
