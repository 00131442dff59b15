package model

import (
	"math"
	"testing"
)

// TestEstimateEvents checks the estimate against hand counts and against
// the events real runs process: never below them, and not far above.
func TestEstimateEvents(t *testing.T) {
	periodic := rqNet(t, 2, Const(3), &BaseStock{S: 20, Period: 5}, 20, Backorder, 1000, 0)
	daily := rqNet(t, 1, Const(2), &RQ{R: 10, Q: 5}, 10, Backorder, 500, 0)
	pois, _ := NewPoisson(6)
	daily.Sites[0].Stocks[0].Demand[0] = Demand{Name: "d", Daily: pois}
	tests := []struct {
		name string
		net  *Network
		want float64
	}{
		// 8/day × 1000 days arrivals, at most one order (receipt) each, the warm-up slot
		{"pb1", pb1(t, 1000), 8000 + 8000 + 1 + 1},
		// 2000 arrivals, 200 reviews and at most 200 receipts
		{"periodic", periodic, 2000 + 200 + 200 + 1},
		// 500 daily events, at most one order each
		{"daily", daily, 500 + 500 + 1 + 1},
	}
	for _, tt := range tests {
		got := EstimateEvents(tt.net)
		if got != tt.want {
			t.Errorf("%s: estimate %v, want %v", tt.name, got, tt.want)
		}
		if err := tt.net.Validate(); err != nil {
			t.Fatal(err)
		}
		res := Run(tt.net, 1, 0)
		// arrivals are random: the estimate counts their mean
		if ev := float64(res.Events); ev > 1.1*got || ev < got/4 {
			t.Errorf("%s: %v events run, estimate %v: want the estimate above (give or take the arrivals' noise), within a factor of 4", tt.name, ev, got)
		}
	}
}

// TestEstimateEventsUnbounded checks that settings that would never end
// give an estimate above any limit, at once.
func TestEstimateEventsUnbounded(t *testing.T) {
	tiny := rqNet(t, 2, Const(3), &BaseStock{S: 20, Period: 1e-300}, 20, Backorder, 1000, 0)
	long := pb1(t, 1e12)
	fast := rqNet(t, 1e12, Const(3), &RQ{R: 10, Q: 5}, 10, Backorder, 1000, 0)
	up, _ := NewExponential(1e-300)
	down, _ := NewExponential(1)
	flaky := pb1(t, 1000)
	flaky.Suppliers[0].Disruption = &Disruption{Random: true, Uptime: up, Downtime: down}
	flaky.Suppliers[0].Disruption.Downtime = Const(1e-300)
	for name, net := range map[string]*Network{"period 1e-300": tiny, "horizon 1e12": long, "rate 1e12": fast, "uptime and downtime 1e-300": flaky} {
		if got := EstimateEvents(net); !(got > 1e13) {
			t.Errorf("%s: estimate %v, want more than 1e13", name, got)
		}
	}
	tiny.Horizon = math.Inf(1)
	if got := EstimateEvents(tiny); !math.IsInf(got, 1) {
		t.Errorf("infinite horizon: estimate %v, want +Inf", got)
	}
}

func TestEstimateBytes(t *testing.T) {
	net := pb1(t, 100)
	one := EstimateBytes(net, 1)
	if one <= 0 || EstimateBytes(net, 1000) != 1000*one {
		t.Errorf("EstimateBytes: %v for one replication, %v for 1000; want > 0 and proportional", one, EstimateBytes(net, 1000))
	}
	if got := EstimateBytes(net, 1e9); got < 1e11 {
		t.Errorf("1e9 replications: %v bytes, want over 100 GB", got)
	}
}
