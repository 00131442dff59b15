package model

import (
	"testing"
)

func TestPB1Smoke(t *testing.T) {
	net := pb1(t, 200000)
	res := Run(net, 1, 0)
	var v [NumMetrics]float64
	c := res.SKUs[0]
	c.Metrics(v[:])
	t.Logf("events %d fill %.6f onhand %.5f bo %.6f orders %v", res.Events, v[MFillRate], v[MAvgOnHand], v[MAvgBackorders], v[MOrdersPlaced])
	if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
		t.Errorf("balances %d %d %d", c.DemandBalance(), c.StockBalance(), c.OrderBalance())
	}
}

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
