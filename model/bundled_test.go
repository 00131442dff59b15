package model_test

import (
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// bundledNet opens bundled scenario name and builds its network.
func bundledNet(tb testing.TB, name string) (*scenarios.Scenario, *model.Network) {
	tb.Helper()
	sc, err := scenarios.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	net, err := sc.Build()
	if err != nil {
		tb.Fatal(err)
	}
	return sc, net
}

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
			_, net := bundledNet(t, b.Name)
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
