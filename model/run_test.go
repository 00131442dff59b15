package model

import (
	"reflect"
	"sync/atomic"
	"testing"
)

// TestRunBatches runs two networks' replications in one call on one and
// on three workers: each result is the one Run gives alone, in batch and
// replication order, whatever the workers.
func TestRunBatches(t *testing.T) {
	a, b := pb1(t, 200), rqNet(t, 2, Const(3), &RQ{R: 5, Q: 8}, 10, Backorder, 100, 0)
	batches := []Batch{{Compile(a), 1, 3}, {Compile(b), 9, 2}}
	for _, w := range []int{1, 3} {
		got := RunBatches(batches, w, nil, nil)
		if len(got) != 2 || len(got[0]) != 3 || len(got[1]) != 2 {
			t.Fatalf("%d workers: results shaped %d batches", w, len(got))
		}
		for i, bt := range batches {
			for rep := range bt.Replications {
				if want := bt.Plan.Run(bt.Seed, rep); !reflect.DeepEqual(got[i][rep], want) {
					t.Errorf("%d workers: batch %d replication %d differs from its own run", w, i, rep)
				}
			}
		}
	}
}

// TestRunBatchesPanic checks that a panic in a replication reaches the
// caller as a ReplicationPanic with the worker's stack, and that the
// replications not yet started are skipped.
func TestRunBatchesPanic(t *testing.T) {
	var calls atomic.Int32
	before := func() {
		if calls.Add(1) == 2 {
			panic("boom")
		}
	}
	defer func() {
		v := recover()
		p, ok := v.(ReplicationPanic)
		if !ok || p.Value != "boom" || len(p.Stack) == 0 {
			t.Fatalf("recovered %#v, want a ReplicationPanic of boom with a stack", v)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("%d replications started after one panicked on a single worker, want 2", n)
		}
	}()
	RunBatches([]Batch{{Compile(pb1(t, 50)), 1, 20}}, 1, nil, before)
	t.Fatal("RunBatches returned after a panic")
}
