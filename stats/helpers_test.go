package stats_test

import "scsim/model"

// pb1 returns model PB1 of the peer benchmarks: one store, (r, Q) = (36,
// 40), Poisson demand 8/day, lead time 4 days, on-hand 76 at the start.
func pb1(horizon float64) *model.Network {
	return &model.Network{
		Name:      "pb1",
		Items:     []model.Item{{Name: "widget", HoldingCost: 1, BackorderCost: 10, LostSaleCost: 5, OrderCost: 100, Price: 20}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{{Name: "store", Kind: model.Store, Stocks: []model.Stock{{
			Item: 0, Source: model.Node{Kind: model.SupplierNode, Index: 0}, Lane: model.Lane{Transit: model.Const(4)}, Initial: 76,
			Policy: &model.RQ{R: 36, Q: 40},
			Demand: []model.Demand{{Name: "d0", Rate: 8, Size: model.Const(1), Stockout: model.Backorder}},
		}}}},
		Horizon: horizon,
	}
}
