package model_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestFollowingPolicyRuns checks that replications of a policy following
// a profile leave the network's policy as it was (each runs on a copy),
// and that the same seed gives the same result with any number of
// workers.
func TestFollowingPolicyRuns(t *testing.T) {
	p, err := model.NewSafetyStock(model.CycleServiceLevel, 0.95, 10, 3, 2, 0, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	net := model.PromoNet(t, p, 60)
	model.Follow(t, net, p)
	before := *p
	one := stats.Summarize(net, 1, model.RunAll(net, 1, 4, 1))
	two := stats.Summarize(net, 1, model.RunAll(net, 1, 4, 2))
	if *p != before {
		t.Error("running changed the network's policy")
	}
	for m := range one.SKUs[0].Metrics {
		a, b := one.SKUs[0].Metrics[m], two.SKUs[0].Metrics[m]
		if a != b && !(math.IsNaN(a.Mean) && math.IsNaN(b.Mean)) {
			t.Errorf("%s: %+v with one worker, %+v with two", model.Metrics[m].Key, a, b)
		}
	}
}
