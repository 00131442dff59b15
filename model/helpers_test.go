package model

import "testing"

// rqNet returns a one-site, one-item network: unit Poisson demand of rate
// lambda per day, lead time lead, the given policy and stockout rule.
func rqNet(tb testing.TB, lambda float64, lead Dist, p Policy, initial int64, out Stockout, horizon, warmup float64) *Network {
	tb.Helper()
	return &Network{
		Name:      "test",
		Items:     []Item{{Name: "widget", HoldingCost: 1, BackorderCost: 10, LostSaleCost: 5, OrderCost: 100, Price: 20}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{{Name: "store", Kind: Store, Stocks: []Stock{{
			Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: lead}, Initial: initial, Policy: p,
			Demand: []Demand{{Name: "d0", Rate: lambda, Size: Const(1), Stockout: out}},
		}}}},
		Horizon: horizon,
		Warmup:  warmup,
	}
}

// pb1 returns model PB1 of the peer benchmarks: (r, Q) = (36, 40), Poisson
// 8/day, lead time 4 days, on-hand 76 at the start.
func pb1(tb testing.TB, horizon float64) *Network {
	return rqNet(tb, 8, Const(4), &RQ{R: 36, Q: 40}, 76, Backorder, horizon, 0)
}
