package model

import (
	"testing"
)

func BenchmarkPB1(b *testing.B) {
	net := pb1(b, 200000)
	var events uint64
	b.ReportAllocs()
	for b.Loop() {
		events += Run(net, 1, 0).Events
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(events), "ns/event")
}

// TestEventAllocs pins the hot path: once a PB1 run has reached its working
// size, processing events allocates nothing.
func TestEventAllocs(t *testing.T) {
	_, s := start(pb1(t, 1e9), 1, 0)
	for i := 0; i < 200000; i++ {
		s.Step()
	}
	if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
		t.Errorf("an event allocates %v times, want 0", n)
	}
}
