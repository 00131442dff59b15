package scenarios

import (
	"fmt"

	"scsim/model"
)

// daysPerYear converts a yearly holding rate to a daily one.
const daysPerYear = 365

// Build validates the scenario and turns it into a [model.Network]: names
// become indices, holding rates become daily holding costs, initial stock
// defaults to the policy's natural start, a lane's transit from a supplier
// defaults to the supplier's lead time, and demand names default to "d0",
// "d1", ... The error, if any, is an [ErrorList].
func (s *Scenario) Build() (*model.Network, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	net := &model.Network{Name: s.Name, Horizon: s.Horizon, Warmup: s.Warmup}
	itemIdx := map[string]int{}
	for i, it := range s.Items {
		itemIdx[it.Name] = i
		h := it.HoldingCost
		if it.HoldingRate != 0 {
			h = it.HoldingRate * it.UnitCost / daysPerYear
		}
		net.Items = append(net.Items, model.Item{
			Name: it.Name, UnitCost: it.UnitCost, Price: it.Price, HoldingCost: h,
			BackorderCost: it.BackorderCost, LostSaleCost: it.LostSaleCost, OrderCost: it.OrderCost,
		})
	}
	v := &validator{s: s}
	fail := func(path string, err error) { v.errorf(path, "%v", err) }
	nodes := map[string]model.Node{}
	leadTimes := make([]model.Dist, len(s.Suppliers))
	for i, sp := range s.Suppliers {
		nodes[sp.Name] = model.Node{Kind: model.SupplierNode, Index: i}
		lt, err := sp.LeadTime.build()
		if err != nil {
			fail(fmt.Sprintf("suppliers[%d].lead_time", i), err)
		}
		leadTimes[i] = lt
		net.Suppliers = append(net.Suppliers, model.Supplier{Name: sp.Name, Capacity: sp.Capacity})
	}
	for i, st := range s.Sites {
		nodes[st.Name] = model.Node{Kind: model.SiteNode, Index: i}
	}
	for i, st := range s.Sites {
		site := model.Site{Name: st.Name, Kind: model.Store}
		if st.Type == "warehouse" {
			site.Kind = model.Warehouse
		}
		for j, sk := range st.Stock {
			p := fmt.Sprintf("sites[%d].stock[%d]", i, j)
			pol, start := sk.Policy.build()
			src := nodes[sk.Source]
			ln := &sk.Lane
			lane := model.Lane{
				UnitCost:     ln.UnitCost,
				ShipmentCost: ln.ShipmentCost,
				Partial:      ln.Shipment == "partial",
				NoOvertaking: ln.Overtaking != nil && !*ln.Overtaking,
			}
			if ln.Transit.Type != "" {
				var err error
				if lane.Transit, err = ln.Transit.build(); err != nil {
					fail(p+".lane.transit", err)
				}
			} else {
				lane.Transit = leadTimes[src.Index] // a supplier: Validate requires transit for a site
			}
			stock := model.Stock{
				Item:    itemIdx[sk.Item],
				Source:  src,
				Lane:    lane,
				Initial: start,
				Policy:  pol,
			}
			if sk.Initial != nil {
				stock.Initial = *sk.Initial
			}
			for k, dm := range sk.Demand {
				md := model.Demand{Name: dm.Name, Rate: dm.Rate, Stockout: model.Backorder}
				if md.Name == "" {
					md.Name = fmt.Sprintf("d%d", k)
				}
				if dm.Stockout == "lost_sale" {
					md.Stockout = model.LostSale
				}
				var err error
				if dm.Rate != 0 {
					md.Size, err = dm.Size.build()
					if err != nil {
						fail(fmt.Sprintf("%s.demand[%d].size", p, k), err)
					}
				} else {
					md.Daily, err = dm.Daily.build()
					if err != nil {
						fail(fmt.Sprintf("%s.demand[%d].daily", p, k), err)
					}
				}
				stock.Demand = append(stock.Demand, md)
			}
			site.Stocks = append(site.Stocks, stock)
		}
		net.Sites = append(net.Sites, site)
	}
	if err := v.errs.Err(); err != nil {
		return nil, err
	}
	if err := net.Validate(); err != nil {
		return nil, fmt.Errorf("build scenario %s: %w", s.Name, err)
	}
	return net, nil
}

// build returns the model distribution. Validate has checked the
// parameters; the constructors check them again.
func (d *Dist) build() (model.Dist, error) {
	switch d.Type {
	case "constant":
		if d.Value < 0 {
			return model.Dist{}, fmt.Errorf("constant needs value >= 0, got %v", d.Value)
		}
		return model.Const(d.Value), nil
	case "uniform":
		return model.NewUniform(d.Min, d.Max)
	case "exponential":
		return model.NewExponential(d.Mean)
	case "poisson":
		return model.NewPoisson(d.Mean)
	case "normal":
		return model.NewNormal(d.Mean, d.SD)
	case "gamma":
		return model.NewGamma(d.Mean, d.SD)
	case "lognormal":
		return model.NewLognormal(d.Mean, d.SD)
	case "empirical":
		return model.NewEmpirical(d.Values, d.Weights)
	}
	return model.Dist{}, fmt.Errorf("unknown distribution type %q", d.Type)
}

// build returns the model policy and its natural initial stock: r+Q for
// rq, S for sS and base_stock. Validate has checked the type.
func (p *Policy) build() (model.Policy, int64) {
	period := 0.0
	if p.Review == "periodic" {
		period = p.ReviewPeriod
	}
	switch p.Type {
	case "rq":
		return &model.RQ{R: p.ReorderPoint, Q: p.OrderQuantity}, p.ReorderPoint + p.OrderQuantity
	case "sS":
		return &model.SS{Small: p.ReorderPoint, Big: p.OrderUpTo, Period: period}, p.OrderUpTo
	default:
		return &model.BaseStock{S: p.OrderUpTo, Period: period}, p.OrderUpTo
	}
}
