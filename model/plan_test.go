package model

import (
	"reflect"
	"testing"
)

// TestPlanReusedGivesRun checks that one compiled plan, reused by several
// replications in any order, gives each the Result that Run (which
// compiles afresh) gives: a plan holds no state of a replication.
func TestPlanReusedGivesRun(t *testing.T) {
	net := pb2(t, 20)
	p := Compile(net)
	for _, rep := range []int{2, 0, 1, 0} {
		got, want := p.Run(7, rep), Run(net, 7, rep)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("replication %d: the reused plan gives a different result", rep)
		}
	}
}

// TestPlanStartAllocatesState checks that starting a replication from a
// plan allocates far less than compiling it: the fixed structure (names,
// stream keys, sources, classes) is not rebuilt.
func TestPlanStartAllocatesState(t *testing.T) {
	net := pb2(t, 20)
	p := Compile(net)
	compile := testing.AllocsPerRun(3, func() { Compile(net) })
	start := testing.AllocsPerRun(3, func() { p.start(1, 0) })
	t.Logf("compile %v allocations, start %v", compile, start)
	if start*4 > compile {
		t.Errorf("a start from a plan allocates %v times, compiling %v: the plan is not reused", start, compile)
	}
}
