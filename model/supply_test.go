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
