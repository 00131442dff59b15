package model_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// Signature behaviour of supplier and lane outages, backup sources and
// expedited shipping.
// These are the ones that read estimates over replications (package
// stats); the others are in supply_test.go.

// TestBackupKeepsService: a 20-day supplier outage with no backup raises
// backorders and takes time to recover from; with a backup supplier
// (switch rule) the fill rate stays higher and fewer units wait.
func TestBackupKeepsService(t *testing.T) {
	build := func(backup bool) *model.Network {
		net := model.OneItem(t, model.Demand{Rate: 8, Size: model.Const(1)}, &model.RQ{R: 40, Q: 40}, model.Lane{Transit: model.Const(4)}, 80, 1, 0, 300, 0)
		net.Suppliers[0].Disruption = &model.Disruption{Outages: []model.Outage{{Start: 100, Duration: 20}}}
		if backup {
			net.Suppliers = append(net.Suppliers, model.Supplier{Name: "backup"})
			net.Sites[0].Stocks[0].Backup = &model.Backup{Source: model.Node{model.SupplierNode, 1}, Lane: model.Lane{Transit: model.Const(6), UnitCost: 1}}
		}
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		return net
	}
	without := stats.Summarize(build(false), 1, model.RunAll(build(false), 1, 20, 0)).SKUs[0].Metrics
	with := stats.Summarize(build(true), 1, model.RunAll(build(true), 1, 20, 0)).SKUs[0].Metrics
	t.Logf("without backup: fill %.4f, backordered %.1f, recovery %.2f days", without[model.MFillRate].Mean, without[model.MBackorderedUnits].Mean, without[model.MRecoveryTime].Mean)
	t.Logf("with backup:    fill %.4f, backordered %.1f, recovery %.2f days, backup share %.3f", with[model.MFillRate].Mean, with[model.MBackorderedUnits].Mean, with[model.MRecoveryTime].Mean, with[model.MBackupShare].Mean)
	if !(without[model.MRecoveryTime].Mean > 0) || without[model.MDisruptions].Mean != 1 {
		t.Errorf("without backup: recovery time %v over %v disruptions, want > 0 over 1", without[model.MRecoveryTime].Mean, without[model.MDisruptions].Mean)
	}
	if !(with[model.MFillRate].Mean > without[model.MFillRate].Mean+2*without[model.MFillRate].HalfWidth) {
		t.Errorf("fill rate %v with a backup, %v without: want clearly higher", with[model.MFillRate].Mean, without[model.MFillRate].Mean)
	}
	if !(with[model.MBackupShare].Mean > 0) || !(with[model.MBackorderedUnits].Mean < without[model.MBackorderedUnits].Mean) {
		t.Errorf("with backup: share %v, backordered %v (without %v)", with[model.MBackupShare].Mean, with[model.MBackorderedUnits].Mean, without[model.MBackorderedUnits].Mean)
	}
}

// TestRandomOutageAvailability: with exponential times between failures
// (mean 20 days) and to repair (mean 5 days), the supplier is out a share
// MTTR / (MTBF + MTTR) = 0.2 of the time in the long run (an alternating
// renewal process), and turning the outages on changes no demand draw.
func TestRandomOutageAvailability(t *testing.T) {
	up, _ := model.NewExponential(20)
	down, _ := model.NewExponential(5)
	build := func(on bool) *model.Network {
		net := model.OneItem(t, model.Demand{Rate: 8, Size: model.Const(1)}, &model.RQ{R: 40, Q: 40}, model.Lane{Transit: model.Const(4)}, 80, 1, 0, 5000, theoryWarmup)
		if on {
			net.Suppliers[0].Disruption = &model.Disruption{Random: true, Uptime: up, Downtime: down}
		}
		return net
	}
	on, off := model.RunAll(build(true), 1, theoryReps, 0), model.RunAll(build(false), 1, theoryReps, 0)
	for i := range on {
		if a, b := on[i].SKUs[0].DemandUnits, off[i].SKUs[0].DemandUnits; a != b {
			t.Fatalf("replication %d: demand %d with outages, %d without: the outages changed the demand draws", i, a, b)
		}
	}
	sum := stats.Summarize(build(true), 1, on)
	checkCI(t, "disrupted share", sum.SKUs[0].Metrics[model.MDisruptedShare], 5.0/25)
	if sum.Conservation != 0 {
		t.Errorf("conservation imbalance %d", sum.Conservation)
	}
	// Episodes: a renewal process of cycles up + down, mean μ = 25 days
	// and variance σ² = 20² + 5² = 425, counts about T/μ = 196 cycles in
	// T = 4900 days with variance T·σ²/μ³ = 133.3 (the renewal CLT): a
	// standard error of √(133.3/20) = 2.58 for the mean of 20
	// replications. Allow 4 standard errors, and 1 for the episodes cut
	// by the window's two ends (an episode counts when its recovery watch
	// ends in the window).
	const mu, sigma2, window = 25.0, 20*20 + 5*5, 4900.0
	se := math.Sqrt(window * sigma2 / (mu * mu * mu) / theoryReps)
	d := sum.SKUs[0].Metrics[model.MDisruptions].Mean
	t.Logf("%.2f outage episodes in %v days, renewal theory %v ± %.2f (1 SE)", d, window, window/mu, se)
	if math.Abs(d-window/mu) > 4*se+1 {
		t.Errorf("%v outage episodes in %v days, want %v within 4 standard errors (%.2f) and 1", d, window, window/mu, se)
	}
}

// TestCapacityReduction: a supplier with capacity 20 units a day working
// at 0.5 of it during outages delivers later than undisturbed and earlier
// than stopped.
func TestCapacityReduction(t *testing.T) {
	var area [3]float64
	for i, f := range []float64{-1, 0.5, 0} {
		net := model.OneItem(t, model.Demand{Rate: 8, Size: model.Const(1)}, &model.RQ{R: 40, Q: 40}, model.Lane{Transit: model.Const(2)}, 80, 1, 0, 2000, 0)
		net.Suppliers[0].Capacity = 20
		if f >= 0 {
			up, _ := model.NewExponential(30)
			down, _ := model.NewExponential(10)
			net.Suppliers[0].Disruption = &model.Disruption{Random: true, Uptime: up, Downtime: down, Capacity: f}
		}
		sum := stats.Summarize(net, 1, model.RunAll(net, 1, 10, 0))
		area[i] = sum.SKUs[0].Metrics[model.MAvgBackorders].Mean
		if sum.Conservation != 0 {
			t.Errorf("factor %v: conservation imbalance %d", f, sum.Conservation)
		}
	}
	t.Logf("average backorders: undisturbed %.3f, half capacity %.3f, stopped %.3f", area[0], area[1], area[2])
	if !(area[0] < area[1] && area[1] < area[2]) {
		t.Errorf("average backorders %v, want increasing from undisturbed to half capacity to stopped", area)
	}
}

// TestExpedite: a lane of 6 days with an expedite mode of 1 day, used when
// 5 or more units are backordered, lowers the customers' mean wait, and
// the expedite cost is exactly what the count of expedited shipments says
// (every shipment is one order of Q = 20 units).
func TestExpedite(t *testing.T) {
	const unit, ship, q = 0.5, 30.0, 20
	build := func(exp bool) *model.Network {
		lane := model.Lane{Transit: model.Const(6), UnitCost: 0.1, ShipmentCost: 5}
		if exp {
			lane.Expedite = &model.Expedite{Transit: model.Const(1), UnitCost: unit, ShipmentCost: ship, Backorders: 5}
		}
		return model.OneItem(t, model.Demand{Rate: 8, Size: model.Const(1)}, &model.RQ{R: 30, Q: q}, lane, 50, 1, 0, 2000, 100)
	}
	plain := stats.Summarize(build(false), 1, model.RunAll(build(false), 1, 10, 0)).SKUs[0].Metrics
	res := model.RunAll(build(true), 1, 10, 0)
	fast := stats.Summarize(build(true), 1, res).SKUs[0].Metrics
	t.Logf("wait mean %.3f plain, %.3f expedited; %.1f expedited shipments, %.2f a day", plain[model.MWaitMean].Mean, fast[model.MWaitMean].Mean, fast[model.MExpedited].Mean, fast[model.MExpediteCost].Mean)
	if !(fast[model.MWaitMean].Mean < plain[model.MWaitMean].Mean-plain[model.MWaitMean].HalfWidth) {
		t.Errorf("wait mean %v expedited, %v plain: want lower", fast[model.MWaitMean].Mean, plain[model.MWaitMean].Mean)
	}
	for _, r := range res {
		c := r.SKUs[0]
		if want := float64(c.Expedited) * (q*unit + ship); math.Abs(c.ExpediteCost-want) > 1e-9*want || c.Expedited == 0 {
			t.Errorf("replication %d: expedite cost %v for %d shipments, want %v", r.Replication, c.ExpediteCost, c.Expedited, want)
		}
		if c.TransportCost < c.ExpediteCost {
			t.Errorf("transport cost %v excludes the expedite cost %v", c.TransportCost, c.ExpediteCost)
		}
	}
}
