package model_test

import (
	"fmt"

	"scsim/model"
)

// An (r, Q) store over 10 days, built by hand rather than loaded from a
// scenario file. Customers arrive as a Poisson process of rate 2 per day and
// each buys one unit. Whenever the inventory position (on-hand + on-order −
// backorders) drops to the reorder point r = 5, the store orders Q = 10
// units from the factory, which delivers them 2 days later. Customers who
// find the shelf empty wait for the next delivery (backorders).
//
// Run simulates one replication; the same (network, seed, replication)
// always gives the same counters, so the output below is exact.
func Example() {
	net := &model.Network{
		Name: "corner shop",
		Items: []model.Item{{
			Name:          "widget",
			UnitCost:      6,
			Price:         10,
			HoldingCost:   0.05, // per unit per day on the shelf
			BackorderCost: 1,    // per unit per day owed to a customer
			OrderCost:     20,   // per replenishment order
		}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Sites: []model.Site{{
			Name: "store",
			Kind: model.Store,
			Stocks: []model.Stock{{
				Item:    0,                                              // index into Items
				Source:  model.Node{Kind: model.SupplierNode, Index: 0}, // index into Suppliers
				Lane:    model.Lane{Transit: model.Const(2)},            // days from order to delivery
				Initial: 15,
				Policy:  &model.RQ{R: 5, Q: 10},
				Demand: []model.Demand{{
					Name:     "walk-in",
					Rate:     2,              // customer orders per day
					Size:     model.Const(1), // units per customer order
					Stockout: model.Backorder,
				}},
			}},
		}},
		Horizon: 10, // days
	}
	if err := net.Validate(); err != nil {
		fmt.Println(err)
		return
	}

	// Master seed 1, replication 0. Result.SKUs holds one Counters per
	// site-item, in the order of net.SKUs(): here just store/widget.
	res := model.Run(net, 1, 0)
	c := &res.SKUs[0]

	// Counters are raw tallies; Metrics derives every reported figure from
	// them, indexed by the M* constants.
	m := make([]float64, model.NumMetrics)
	c.Metrics(m)

	fmt.Println("SKU:", net.SKUs()[0].Name)
	fmt.Println("demand units:", c.DemandUnits)
	fmt.Printf("fill rate: %.3f\n", m[model.MFillRate])
	fmt.Println("orders placed:", c.OrdersPlaced)
	fmt.Printf("avg on-hand: %.2f units\n", m[model.MAvgOnHand])
	// Every unit is accounted for: demanded = shipped + still owed.
	fmt.Println("demand balance:", c.DemandBalance())
	// Output:
	// SKU: store/widget
	// demand units: 21
	// fill rate: 1.000
	// orders placed: 2
	// avg on-hand: 7.93 units
	// demand balance: 0
}
