package model

import (
	"math"
	"testing"
)

// Signature behaviour of supplier and lane outages, backup sources and
// expedited shipping.

// outageNet returns the exact-arithmetic network of the outage tests: 10
// units of daily demand (at d + 0.5), a one-day periodic base stock of 30,
// a lead time of 2 days, and 30 units on hand at the start. Every day's
// order of 10 units arrives two days later, just before the demand it
// replaces, so nothing is ever short.
func outageNet(tb testing.TB, horizon float64) *Network {
	return oneItem(tb, Demand{Daily: Const(10)}, &BaseStock{S: 30, Period: 1}, Lane{Transit: Const(2)}, 30, 1, 0, horizon, 0)
}

// TestScheduledOutageExact: a supplier (or lane) out during [10, 15) holds
// back the orders of days 10 to 14 until day 15, so they arrive on day 17
// with the order of day 15; on hand runs out after day 11's receipt, and
// the demands of days 12 to 16 (10 units each) wait: 50 units
// backordered, waiting 4.5, 3.5, ..., 0.5 days (mean 2.5), 125 unit-days
// of backorders. The last short day is day 16, ending at 17: the time to
// recover is 17 − 15 = 2 days, the lead time.
func TestScheduledOutageExact(t *testing.T) {
	out := &Disruption{Outages: []Outage{{Start: 10, Duration: 5}}}
	tests := []struct {
		name string
		set  func(*Network)
	}{
		{"none", func(*Network) {}},
		{"supplier", func(n *Network) { n.Suppliers[0].Disruption = out }},
		{"lane", func(n *Network) { n.Sites[0].Stocks[0].Lane.Disruption = out }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := outageNet(t, 40)
			tt.set(net)
			if err := net.Validate(); err != nil {
				t.Fatal(err)
			}
			c := Run(net, 1, 0).SKUs[0]
			var v [NumMetrics]float64
			c.Metrics(v[:])
			if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
				t.Errorf("balances %d %d %d", c.DemandBalance(), c.StockBalance(), c.OrderBalance())
			}
			if tt.name == "none" {
				if c.BackorderedUnits != 0 || c.Disruptions != 0 {
					t.Errorf("backordered %d, disruptions %d without an outage, want 0", c.BackorderedUnits, c.Disruptions)
				}
				return
			}
			if c.BackorderedUnits != 50 || c.BackorderArea != 125 || v[MWaitMean] != 2.5 || v[MWaitMax] != 4.5 {
				t.Errorf("backordered %d units, area %v, wait mean %v max %v; want 50, 125, 2.5, 4.5",
					c.BackorderedUnits, c.BackorderArea, v[MWaitMean], v[MWaitMax])
			}
			if c.Disruptions != 1 || v[MRecoveryTime] != 2 || v[MDisruptedShare] != 5.0/40 {
				t.Errorf("disruptions %d, recovery %v, disrupted share %v; want 1, 2, 0.125", c.Disruptions, v[MRecoveryTime], v[MDisruptedShare])
			}
		})
	}
}

// TestOutageWork checks how work and departures pass through outages
// [2, 4) and [6, 7).
func TestOutageWork(t *testing.T) {
	d := &Disruption{Outages: []Outage{{2, 2}, {6, 1}}}
	o := outageState{dis: d, starts: []float64{2, 6}, ends: []float64{4, 7}}
	tests := []struct {
		name         string
		factor, t, w float64
		want         float64
	}{
		{"before", 0, 0, 1, 1},
		{"stopped", 0, 1, 3, 6},       // 1 day, wait to 4, 2 days
		{"two outages", 0, 1, 4, 8},   // 1, wait, 2 (to 6), wait, 1
		{"half", 0.5, 1, 3, 5},        // 1, 2 days at half = 1, 1 more
		{"inside", 0.5, 3, 0.25, 3.5}, // at half speed
		{"after", 0, 10, 1, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o.factor = tt.factor
			if got := o.workDone(tt.t, tt.w); got != tt.want {
				t.Errorf("workDone(%v, %v) = %v, want %v", tt.t, tt.w, got, tt.want)
			}
		})
	}
	for _, c := range [][2]float64{{0, 0}, {2, 4}, {3.5, 4}, {4, 4}, {6, 7}, {1, 1}} {
		if got := o.departure(c[0]); got != c[1] {
			t.Errorf("departure(%v) = %v, want %v", c[0], got, c[1])
		}
	}
}

// TestBackupKeepsService: a 20-day supplier outage with no backup raises
// backorders and takes time to recover from; with a backup supplier
// (switch rule) the fill rate stays higher and fewer units wait.
func TestBackupKeepsService(t *testing.T) {
	build := func(backup bool) *Network {
		net := oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 40, Q: 40}, Lane{Transit: Const(4)}, 80, 1, 0, 300, 0)
		net.Suppliers[0].Disruption = &Disruption{Outages: []Outage{{Start: 100, Duration: 20}}}
		if backup {
			net.Suppliers = append(net.Suppliers, Supplier{Name: "backup"})
			net.Sites[0].Stocks[0].Backup = &Backup{Source: Node{SupplierNode, 1}, Lane: Lane{Transit: Const(6), UnitCost: 1}}
		}
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		return net
	}
	without := Summarize(build(false), 1, RunAll(build(false), 1, 20, 0)).SKUs[0].Metrics
	with := Summarize(build(true), 1, RunAll(build(true), 1, 20, 0)).SKUs[0].Metrics
	t.Logf("without backup: fill %.4f, backordered %.1f, recovery %.2f days", without[MFillRate].Mean, without[MBackorderedUnits].Mean, without[MRecoveryTime].Mean)
	t.Logf("with backup:    fill %.4f, backordered %.1f, recovery %.2f days, backup share %.3f", with[MFillRate].Mean, with[MBackorderedUnits].Mean, with[MRecoveryTime].Mean, with[MBackupShare].Mean)
	if !(without[MRecoveryTime].Mean > 0) || without[MDisruptions].Mean != 1 {
		t.Errorf("without backup: recovery time %v over %v disruptions, want > 0 over 1", without[MRecoveryTime].Mean, without[MDisruptions].Mean)
	}
	if !(with[MFillRate].Mean > without[MFillRate].Mean+2*without[MFillRate].HalfWidth) {
		t.Errorf("fill rate %v with a backup, %v without: want clearly higher", with[MFillRate].Mean, without[MFillRate].Mean)
	}
	if !(with[MBackupShare].Mean > 0) || !(with[MBackorderedUnits].Mean < without[MBackorderedUnits].Mean) {
		t.Errorf("with backup: share %v, backordered %v (without %v)", with[MBackupShare].Mean, with[MBackorderedUnits].Mean, without[MBackorderedUnits].Mean)
	}
}

// TestRandomOutageAvailability: with exponential times between failures
// (mean 20 days) and to repair (mean 5 days), the supplier is out a share
// MTTR / (MTBF + MTTR) = 0.2 of the time in the long run (an alternating
// renewal process), and turning the outages on changes no demand draw.
func TestRandomOutageAvailability(t *testing.T) {
	up, _ := NewExponential(20)
	down, _ := NewExponential(5)
	build := func(on bool) *Network {
		net := oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 40, Q: 40}, Lane{Transit: Const(4)}, 80, 1, 0, 5000, theoryWarmup)
		if on {
			net.Suppliers[0].Disruption = &Disruption{Random: true, Uptime: up, Downtime: down}
		}
		return net
	}
	on, off := RunAll(build(true), 1, theoryReps, 0), RunAll(build(false), 1, theoryReps, 0)
	for i := range on {
		if a, b := on[i].SKUs[0].DemandUnits, off[i].SKUs[0].DemandUnits; a != b {
			t.Fatalf("replication %d: demand %d with outages, %d without: the outages changed the demand draws", i, a, b)
		}
	}
	sum := Summarize(build(true), 1, on)
	checkCI(t, "disrupted share", sum.SKUs[0].Metrics[MDisruptedShare], 5.0/25)
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
	d := sum.SKUs[0].Metrics[MDisruptions].Mean
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
		net := oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 40, Q: 40}, Lane{Transit: Const(2)}, 80, 1, 0, 2000, 0)
		net.Suppliers[0].Capacity = 20
		if f >= 0 {
			up, _ := NewExponential(30)
			down, _ := NewExponential(10)
			net.Suppliers[0].Disruption = &Disruption{Random: true, Uptime: up, Downtime: down, Capacity: f}
		}
		sum := Summarize(net, 1, RunAll(net, 1, 10, 0))
		area[i] = sum.SKUs[0].Metrics[MAvgBackorders].Mean
		if sum.Conservation != 0 {
			t.Errorf("factor %v: conservation imbalance %d", f, sum.Conservation)
		}
	}
	t.Logf("average backorders: undisturbed %.3f, half capacity %.3f, stopped %.3f", area[0], area[1], area[2])
	if !(area[0] < area[1] && area[1] < area[2]) {
		t.Errorf("average backorders %v, want increasing from undisturbed to half capacity to stopped", area)
	}
}

// TestSplitShares: the split rule sends exactly floor(share × units
// ordered) units to the backup, and the pipeline stays exact.
func TestSplitShares(t *testing.T) {
	net := oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 40, Q: 7}, Lane{Transit: Const(4)}, 47, 1, 0, 1000, 0)
	net.Suppliers = append(net.Suppliers, Supplier{Name: "second"})
	net.Sites[0].Stocks[0].Backup = &Backup{Source: Node{SupplierNode, 1}, Lane: Lane{Transit: Const(5)}, Rule: Split, Share: 0.3}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	c := Run(net, 1, 0).SKUs[0]
	if want := int64(math.Floor(0.3 * float64(c.UnitsOrdered))); c.BackupUnits != want {
		t.Errorf("backup units %d of %d ordered, want floor(0.3 × %d) = %d", c.BackupUnits, c.UnitsOrdered, c.UnitsOrdered, want)
	}
	if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
		t.Errorf("balances %d %d %d", c.DemandBalance(), c.StockBalance(), c.OrderBalance())
	}
}

// TestExpedite: a lane of 6 days with an expedite mode of 1 day, used when
// 5 or more units are backordered, lowers the customers' mean wait, and
// the expedite cost is exactly what the count of expedited shipments says
// (every shipment is one order of Q = 20 units).
func TestExpedite(t *testing.T) {
	const unit, ship, q = 0.5, 30.0, 20
	build := func(exp bool) *Network {
		lane := Lane{Transit: Const(6), UnitCost: 0.1, ShipmentCost: 5}
		if exp {
			lane.Expedite = &Expedite{Transit: Const(1), UnitCost: unit, ShipmentCost: ship, Backorders: 5}
		}
		return oneItem(t, Demand{Rate: 8, Size: Const(1)}, &RQ{R: 30, Q: q}, lane, 50, 1, 0, 2000, 100)
	}
	plain := Summarize(build(false), 1, RunAll(build(false), 1, 10, 0)).SKUs[0].Metrics
	res := RunAll(build(true), 1, 10, 0)
	fast := Summarize(build(true), 1, res).SKUs[0].Metrics
	t.Logf("wait mean %.3f plain, %.3f expedited; %.1f expedited shipments, %.2f a day", plain[MWaitMean].Mean, fast[MWaitMean].Mean, fast[MExpedited].Mean, fast[MExpediteCost].Mean)
	if !(fast[MWaitMean].Mean < plain[MWaitMean].Mean-plain[MWaitMean].HalfWidth) {
		t.Errorf("wait mean %v expedited, %v plain: want lower", fast[MWaitMean].Mean, plain[MWaitMean].Mean)
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

// TestSupplyEventAllocs: with outages, a backup and expediting on,
// processing events still allocates nothing in steady state.
func TestSupplyEventAllocs(t *testing.T) {
	net := pb1(t, 1e9)
	up, _ := NewExponential(20)
	down, _ := NewExponential(5)
	net.Suppliers[0].Disruption = &Disruption{Random: true, Uptime: up, Downtime: down}
	net.Suppliers = append(net.Suppliers, Supplier{Name: "backup"})
	st := &net.Sites[0].Stocks[0]
	st.Backup = &Backup{Source: Node{SupplierNode, 1}, Lane: Lane{Transit: Const(6)}, MaxLeadTime: 5}
	st.Lane.Expedite = &Expedite{Transit: Const(1), Backorders: 10}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	_, s := start(net, 1, 0)
	for i := 0; i < 200000; i++ {
		s.Step()
	}
	if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
		t.Errorf("an event allocates %v times, want 0", n)
	}
}

// TestBackupSites: backups through sites keep every balance. The store's
// primary source is a DC kept short (so its quote is often infinite and
// max_lead_time switches to the supplier); the outlet's backup is the DC,
// whose orders from it wait in the DC's queue and ship along the backup
// lane.
func TestBackupSites(t *testing.T) {
	net := &Network{
		Name:      "backup-sites",
		Items:     []Item{{Name: "widget", HoldingCost: 1, BackorderCost: 1}},
		Suppliers: []Supplier{{Name: "factory"}, {Name: "express"}},
		Horizon:   2000, Warmup: 100,
	}
	unreliable := &Disruption{Random: true, Uptime: Const(30), Downtime: Const(10)}
	net.Suppliers[0].Disruption = unreliable
	net.Sites = []Site{
		{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(5)},
			Initial: 60, Policy: &RQ{R: 30, Q: 30}}}},
		{Name: "store", Stocks: []Stock{{Item: 0, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: 20, Policy: &RQ{R: 10, Q: 10},
			Demand: []Demand{{Name: "d0", Rate: 4, Size: Const(1)}},
			Backup: &Backup{Source: Node{SupplierNode, 1}, Lane: Lane{Transit: Const(3)}, MaxLeadTime: 2}}}},
		{Name: "outlet", Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(2)}, Initial: 20, Policy: &RQ{R: 10, Q: 10},
			Demand: []Demand{{Name: "d0", Rate: 3, Size: Const(1)}},
			Backup: &Backup{Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1), Priority: 1}}}}},
	}
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, res := range RunAll(net, 1, 5, 0) {
		for i, c := range res.SKUs {
			if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
				t.Errorf("replication %d site-item %d: balances %d %d %d", res.Replication, i, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
			}
		}
		if s, o := res.SKUs[1], res.SKUs[2]; s.BackupUnits == 0 || o.BackupUnits == 0 || s.BackupUnits == s.UnitsOrdered {
			t.Errorf("replication %d: backup units %d of %d at the store, %d of %d at the outlet; want some, not all", res.Replication, s.BackupUnits, s.UnitsOrdered, o.BackupUnits, o.UnitsOrdered)
		}
	}
}
