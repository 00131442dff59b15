package model_test

import (
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// TestBundledEventAllocs checks, for every bundled scenario, that once a
// replication has reached its working size (its queues, pipelines and
// histograms grown), processing events allocates nothing: 20,000 events
// measured after 100,000.
func TestBundledEventAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every bundled scenario")
	}
	for _, b := range scenarios.Bundled() {
		t.Run(b.Name, func(t *testing.T) {
			sc, err := scenarios.Open(b.Name)
			if err != nil {
				t.Fatal(err)
			}
			net, err := sc.Build()
			if err != nil {
				t.Fatal(err)
			}
			n := *net
			n.Horizon = 1e9 // events never run out
			a, steps := model.EventAllocs(&n, 100_000, 20_000)
			if steps == 0 {
				t.Fatalf("no events to measure")
			}
			t.Logf("%d events measured, %v allocations each", steps, a)
			if a != 0 {
				t.Errorf("an event allocates %v times on average over %d events, want 0", a, steps)
			}
		})
	}
}
