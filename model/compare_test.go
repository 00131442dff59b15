package model

import (
	"math"
	"reflect"
	"testing"
)

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
