package model_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// Checks of customer behaviour (see [model.Customers]): each feature's signature,
// exact where a hand calculation gives the answer.
// These are the ones that read estimates over replications (package
// stats); the others are in customers_test.go.

// TestDeclineAndBalkAreLostSales: customers who never accept a backorder,
// and customers who balk at any quoted wait, are lost sales: the same
// results, replication by replication, as stockout lost_sale.
func TestDeclineAndBalkAreLostSales(t *testing.T) {
	run := func(out model.Stockout, cu model.Customers) *stats.Summary {
		net := model.WithCustomers(model.RQNet(t, 5, model.Const(2), &model.RQ{R: 8, Q: 10}, 18, out, 2000, 100), cu)
		return stats.Summarize(net, 7, model.RunAll(net, 7, 4, 1))
	}
	lost := run(model.LostSale, model.Customers{})
	for name, cu := range map[string]model.Customers{
		"accept_backorder 0": {Decline: 1},
		"balk_wait 0":        {Balk: true},
	} {
		got := run(model.Backorder, cu)
		for _, m := range []int{model.MFillRate, model.MLostUnits, model.MLostRate, model.MAvgOnHand, model.MOrdersPlaced, model.MBackorderedUnits, model.MTotalCost} {
			if got.Total[m] != lost.Total[m] {
				t.Errorf("%s: %s = %+v, lost_sale gives %+v", name, model.Metrics[m].Key, got.Total[m], lost.Total[m])
			}
		}
		if name == "balk_wait 0" && got.Total[model.MBalkedOrders].Mean == 0 {
			t.Errorf("%s: no balked orders", name)
		}
	}
}

// TestStreamsAddUp: the customers of each stream are accounted for, and
// the streams of a site-item add up to its customer counters.
func TestStreamsAddUp(t *testing.T) {
	patience := model.Const(1.5)
	net := model.RQNet(t, 4, model.Const(3), &model.RQ{R: 8, Q: 12}, 20, model.Backorder, 3000, 200)
	st := &net.Sites[0].Stocks[0]
	st.Demand = append(st.Demand,
		model.Demand{Name: "vip", Rate: 2, Size: model.Const(2), Priority: 1, Customers: model.Customers{Patience: &patience, Quote: true}},
		model.Demand{Name: "walk-in", Rate: 1, Size: model.Const(1), Stockout: model.LostSale})
	refs := net.Streams()
	if len(refs) != 3 || refs[1].Name != "store/widget/vip" || refs[2].SKU != 0 {
		t.Fatalf("streams %+v", refs)
	}
	for _, res := range model.RunAll(net, 3, 3, 1) {
		model.CheckBalances(t, res)
		var sum model.Counters
		for i := range res.Streams {
			c := &res.Streams[i]
			if c.DemandBalance() != 0 {
				t.Errorf("stream %d: demand balance %d", i, c.DemandBalance())
			}
			sum.Add(c)
		}
		k := &res.SKUs[0]
		for _, f := range []struct {
			name      string
			sum, site int64
		}{
			{"demand", sum.DemandUnits, k.DemandUnits},
			{"at once", sum.AtOnceUnits, k.AtOnceUnits},
			{"from backorder", sum.FromBackorderUnits, k.FromBackorderUnits},
			{"backordered", sum.BackorderedUnits, k.BackorderedUnits},
			{"lost", sum.LostUnits, k.LostUnits},
			{"cancelled", sum.CancelledUnits, k.CancelledUnits},
			{"backorders at end", sum.BackordersEnd, k.BackordersEnd},
			{"backorders at start", sum.BackordersStart, k.BackordersStart},
			{"waits", int64(sum.Waits.Count()), int64(k.Waits.Count())},
		} {
			if f.sum != f.site {
				t.Errorf("rep %d: %s: streams add up to %d, the site-item has %d", res.Replication, f.name, f.sum, f.site)
			}
		}
		if res.Streams[1].CancelledUnits == 0 || res.Streams[2].LostUnits == 0 || res.Streams[0].CancelledUnits != 0 {
			t.Errorf("rep %d: cancelled %d by vip, %d by others; lost %d by walk-ins", res.Replication,
				res.Streams[1].CancelledUnits, res.Streams[0].CancelledUnits, res.Streams[2].LostUnits)
		}
	}
	sum := stats.Summarize(net, 3, model.RunAll(net, 3, 3, 1))
	if len(sum.Streams) != 3 || sum.Streams[1].Name != "vip" || sum.Streams[1].Priority != 1 ||
		!math.IsNaN(sum.Streams[0].Metrics[model.MAvgOnHand].Mean) || math.IsNaN(sum.Streams[0].Metrics[model.MFillRate].Mean) {
		t.Errorf("stream summaries %+v", sum.Streams)
	}
	if sum.Conservation != 0 {
		t.Errorf("conservation %d", sum.Conservation)
	}
}
