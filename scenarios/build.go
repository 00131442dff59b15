package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"scsim/model"
)

// daysPerYear converts a yearly holding rate to a daily one.
const daysPerYear = 365

// Build validates the scenario and turns it into a [model.Network]: names
// become indices, holding rates become daily holding costs, a lane's
// transit from a supplier defaults to the supplier's lead time, demand
// names default to "d0", "d1", ..., derived policies (eoq, safety_stock,
// vmi in days of cover) get their levels from the network's demand, and
// initial stock defaults to the policy's natural start. The error, if
// any, is an [ErrorList].
func (s *Scenario) Build() (*model.Network, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	v := &validator{s: s}
	net := s.assemble(func(path string, err error) { v.errorf(path, "%v", err) })
	v.policies(net, true)
	s.overrides.attribute(v.errs)
	if err := v.errs.Err(); err != nil {
		return nil, err
	}
	if err := net.Validate(); err != nil {
		return nil, fmt.Errorf("build scenario %s: %w", s.Name, err)
	}
	return net, nil
}

// derive checks the derived policies of a scenario whose names and
// sources all resolved, by building its network as [Scenario.Build] does.
// Values already reported as wrong build as NaN, and whatever derives from
// them is not reported again.
func (v *validator) derive() {
	derived := false
	for i := range v.s.Sites {
		for j := range v.s.Sites[i].Stock {
			switch v.s.Sites[i].Stock[j].Policy.Type {
			case "eoq", "safety_stock", "vmi", "forecast":
				derived = true
			}
		}
	}
	if !derived {
		return
	}
	v.policies(v.s.assemble(func(string, error) {}), false)
}

// unknown is a NaN placeholder for a value that could not be built; it
// was reported where it was written.
var unknown = model.Const(math.NaN())

// assemble builds the network without its policies, which need the
// network's demand first ([Scenario.Build] adds them with
// validator.policies). Every name must resolve. A distribution that fails
// to build is reported through fail and replaced by NaN.
func (s *Scenario) assemble(fail func(path string, err error)) *model.Network {
	net := &model.Network{Name: s.Name, Horizon: s.Horizon, Warmup: s.Warmup}
	itemIdx := map[string]int{}
	for i, it := range s.Items {
		itemIdx[it.Name] = i
		net.Items = append(net.Items, model.Item{
			Name: it.Name, UnitCost: it.UnitCost, Price: it.Price, HoldingCost: it.holdingCost(),
			BackorderCost: it.BackorderCost, LostSaleCost: it.LostSaleCost, OrderCost: it.OrderCost,
			CancelCost: it.CancelCost,
		})
	}
	dist := func(path string, d *Dist) model.Dist {
		md, err := d.build()
		if err != nil {
			fail(path, err)
			return unknown
		}
		return md
	}
	nodes := map[string]model.Node{}
	leadTimes := make([]model.Dist, len(s.Suppliers))
	disruption := func(path string, d *Disruption) *model.Disruption {
		if d == nil {
			return nil
		}
		md := &model.Disruption{Capacity: d.Capacity, RecoveryWindow: d.RecoveryWindow}
		for _, o := range d.Outages {
			md.Outages = append(md.Outages, model.Outage{Start: o.Start, Duration: o.Duration})
		}
		if d.Uptime.Type != "" || d.Downtime.Type != "" {
			md.Random = true
			md.Uptime = dist(path+".uptime", &d.Uptime)
			md.Downtime = dist(path+".downtime", &d.Downtime)
		}
		return md
	}
	for i, sp := range s.Suppliers {
		nodes[sp.Name] = model.Node{Kind: model.SupplierNode, Index: i}
		leadTimes[i] = dist(fmt.Sprintf("suppliers[%d].lead_time", i), &sp.LeadTime)
		net.Suppliers = append(net.Suppliers, model.Supplier{Name: sp.Name, Capacity: sp.Capacity,
			Disruption: disruption(fmt.Sprintf("suppliers[%d].disruption", i), sp.Disruption)})
	}
	// lane builds the lane at path p from source src.
	lane := func(p string, ln *Lane, src model.Node) model.Lane {
		lane := model.Lane{
			UnitCost:     ln.UnitCost,
			ShipmentCost: ln.ShipmentCost,
			Partial:      ln.Shipment == "partial",
			NoOvertaking: ln.Overtaking != nil && !*ln.Overtaking,
			Priority:     ln.Priority,
			Disruption:   disruption(p+".disruption", ln.Disruption),
		}
		switch {
		case ln.Transit.Type != "":
			lane.Transit = dist(p+".transit", &ln.Transit)
		case src.Kind == model.SupplierNode:
			lane.Transit = leadTimes[src.Index]
		default:
			lane.Transit = unknown // reported by Validate: a site source needs a transit
		}
		if e := ln.Expedite; e != nil {
			lane.Expedite = &model.Expedite{Transit: dist(p+".expedite.transit", &e.Transit),
				UnitCost: e.UnitCost, ShipmentCost: e.ShipmentCost, Backorders: e.Backorders}
		}
		return lane
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
			src := nodes[sk.Source]
			stock := model.Stock{Item: itemIdx[sk.Item], Source: src, Lane: lane(p+".lane", &sk.Lane, src)}
			if b := sk.Backup; b != nil {
				bsrc := nodes[b.Source]
				mb := &model.Backup{Source: bsrc, Lane: lane(p+".backup.lane", &b.Lane, bsrc), MaxLeadTime: b.MaxLeadTime, Share: b.Share}
				if b.Rule == "split" {
					mb.Rule = model.Split
				}
				stock.Backup = mb
			}
			if sk.Initial != nil {
				stock.Initial = *sk.Initial
			}
			for k, dm := range sk.Demand {
				dp := fmt.Sprintf("%s.demand[%d]", p, k)
				md := model.Demand{Name: dm.Name, Key: dm.Stream, Rate: dm.Rate, Regular: dm.Arrivals == "regular", Stockout: model.Backorder, Priority: dm.Priority}
				if md.Name == "" {
					md.Name = fmt.Sprintf("d%d", k)
				}
				if dm.Stockout == "lost_sale" {
					md.Stockout = model.LostSale
				}
				md.Customers = customers(&dm, &st, func(d *Dist) model.Dist { return dist(dp+".patience", d) })
				switch {
				case dm.History != nil:
					md.Rate = 0
					if md.History = dm.history; md.History == nil {
						md.Daily = unknown // reported by Validate
					}
					md.Block = dm.History.block()
				case dm.Rate > 0 && !math.IsInf(dm.Rate, 0):
					md.Size = dist(dp+".size", &dm.Size)
				case dm.Rate == 0 && dm.Daily.Type != "":
					md.Daily = dist(dp+".daily", &dm.Daily)
				default: // reported by Validate
					md.Rate, md.Daily = 0, unknown
				}
				if pr := dm.Profile; pr != nil && dm.History == nil {
					md.Profile = pr.build()
					if md.Profile.Validate() != nil { // reported by Validate
						md.Profile, md.Rate, md.Daily = nil, 0, unknown
					}
				}
				stock.Demand = append(stock.Demand, md)
			}
			site.Stocks = append(site.Stocks, stock)
		}
		net.Sites = append(net.Sites, site)
	}
	return net
}

// customers builds how the customers of demand stream dm at site st
// behave, building the patience distribution with dist.
func customers(dm *Demand, st *Site, dist func(*Dist) model.Dist) model.Customers {
	var c model.Customers
	if a := dm.AcceptBackorder; a != nil {
		c.Decline = 1 - *a
	}
	if dm.Patience.Type != "" {
		d := dist(&dm.Patience)
		c.Patience = &d
	}
	if b := dm.BalkWait; b != nil {
		c.Balk, c.BalkWait = true, *b
	}
	c.Complete = dm.Shipment == "complete"
	c.Quote = dm.PromiseDates
	if sb := &dm.Substitute; sb.Item != "" {
		for j := range st.Stock {
			if st.Stock[j].Item == sb.Item {
				c.Substitute = &model.Substitute{Stock: j, Share: sb.Share, Discount: sb.Discount}
			}
		}
	}
	return c
}

// build returns the model profile. Validate has checked it.
func (pr *Profile) build() *model.Profile {
	mp := &model.Profile{Weekly: pr.Weekly, Monthly: pr.Monthly, Growth: pr.Trend}
	for _, p := range pr.Promotions {
		mp.Promotions = append(mp.Promotions, model.Promotion{Start: p.Start, Days: p.Days, Multiplier: p.Multiplier})
	}
	return mp
}

// holdingCost returns the item's holding cost per unit-day, from
// HoldingCost or from HoldingRate.
func (it *Item) holdingCost() float64 {
	if it.HoldingRate != 0 {
		return it.HoldingRate * it.UnitCost / daysPerYear
	}
	return it.HoldingCost
}

// policies gives every site-item of net, assembled from v.s, its policy
// and its default initial stock, deriving eoq, safety_stock and vmi in
// days of cover from the demand reaching each site-item. Derivation
// errors are reported at the policy. With all false (validation), only
// derived policies are built, and those whose parameters or inputs were
// already reported as wrong are skipped.
func (v *validator) policies(net *model.Network, all bool) {
	mean, variance, err := net.DemandRate()
	if err != nil {
		v.errorf("sites", "%v", err) // Validate reports cycles first
		return
	}
	s, idx := v.s, 0
	for i := range s.Sites {
		for j := range s.Sites[i].Stock {
			sk, ms := &s.Sites[i].Stock[j], &net.Sites[i].Stocks[j]
			p := fmt.Sprintf("sites[%d].stock[%d].policy", i, j)
			in := derivation{
				mean: mean[idx], variance: variance[idx],
				lead: ms.Lane.Transit.Mean(), leadSD: ms.Lane.Transit.SD(),
				item: &s.Items[ms.Item], itemIndex: ms.Item, holding: net.Items[ms.Item].HoldingCost,
				horizon: net.Horizon,
			}
			if t := sk.Policy.Type; (t == "eoq" || t == "safety_stock") && sk.Policy.Levels != "average" {
				ld, err := net.LevelDemand(idx, mean[idx], variance[idx])
				if err != nil { // reported by Validate
					ld, in.mean = nil, math.NaN()
				}
				in.seasonal = ld
			}
			idx++
			if !all {
				switch sk.Policy.Type {
				case "eoq", "safety_stock", "vmi", "forecast":
				default:
					continue
				}
				if v.troubled(p) || v.troubled(fmt.Sprintf("items[%d]", ms.Item)) {
					continue
				}
			}
			pol, start, err := sk.Policy.build(in)
			switch {
			case errors.Is(err, errUnknown) && !all:
			case err != nil:
				v.errorf(p, "%v", err)
			default:
				ms.Policy = pol
				if sk.Initial == nil {
					ms.Initial = start
				}
			}
		}
	}
}

// troubled reports whether an error was already found at or under path.
func (v *validator) troubled(path string) bool {
	under := func(f string) bool { return f == path || strings.HasPrefix(f, path+".") }
	for _, e := range v.errs {
		if under(e.Field) {
			return true
		}
	}
	for b := range v.s.bad {
		if under(b) {
			return true
		}
	}
	return false
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

// derivation holds what derived policies need to know of their
// site-item.
type derivation struct {
	// mean and variance of the demand reaching the site-item, per day
	mean, variance float64
	// lead and leadSD are the mean and standard deviation of the lane's
	// transit time in days
	lead, leadSD float64
	item         *Item
	itemIndex    int
	holding      float64 // the item's daily holding cost
	// seasonal, when not nil, is the profiled demand that eoq and
	// safety_stock levels follow over the horizon of horizon days
	seasonal *model.LevelDemand
	horizon  float64
}

// errUnknown says a derivation depends on a value that could not be built,
// which was reported where it was written.
var errUnknown = errors.New("depends on a value that could not be built")

// build returns the model policy and its natural initial stock: r+Q for
// rq (0 if negative), eoq and continuous-review safety_stock; S for sS (0
// if negative), base_stock and
// periodic safety_stock; the buffer for jit; max for vmi; 0 for dropship.
// Validate has checked the parameters.
func (p *Policy) build(in derivation) (model.Policy, int64, error) {
	period := 0.0
	if p.Review == "periodic" {
		period = p.ReviewPeriod
	}
	nan := func(xs ...float64) bool { return slices.ContainsFunc(xs, math.IsNaN) }
	switch p.Type {
	case "rq":
		return &model.RQ{R: p.ReorderPoint, Q: p.OrderQuantity}, max(0, p.ReorderPoint+p.OrderQuantity), nil
	case "sS":
		return &model.SS{Small: p.ReorderPoint, Big: p.OrderUpTo, Period: period}, max(0, p.OrderUpTo), nil
	case "base_stock":
		return &model.BaseStock{S: p.OrderUpTo, Period: period}, p.OrderUpTo, nil
	case "jit":
		return &model.JIT{Buffer: p.Buffer}, p.Buffer, nil
	case "dropship":
		return &model.DropShip{Fee: p.Fee}, 0, nil
	case "eoq":
		k, h := in.item.OrderCost, in.holding
		if nan(in.mean, in.lead) || !(k >= 0) || !(h >= 0) {
			return nil, 0, errUnknown
		}
		if err := eoqInputs(in, k, h); err != nil {
			return nil, 0, err
		}
		pol, err := model.NewEOQ(in.mean, k, h, in.lead, float64(p.SafetyStock))
		if err != nil {
			return nil, 0, err
		}
		// the model rounds to int64: check before trusting the result
		if err := cmp.Or(checkLevel("order quantity", pol.Exact), checkLevel("reorder point", in.mean*in.lead+float64(p.SafetyStock))); err != nil {
			return nil, 0, err
		}
		if in.seasonal != nil {
			pol.FollowProfile(in.seasonal, in.horizon)
			if err := checkLevel("highest reorder point", float64(pol.RMax)); err != nil {
				return nil, 0, err
			}
		}
		return pol, pol.StartLevel() + pol.Q, nil
	case "safety_stock":
		if nan(in.mean, in.variance, in.lead, in.leadSD) {
			return nil, 0, errUnknown
		}
		target, level := model.CycleServiceLevel, p.CycleServiceLevel
		if p.FillRate != 0 {
			target, level = model.FillRate, p.FillRate
		}
		q := p.OrderQuantity
		if period > 0 {
			q = 0
		}
		pol, err := model.NewSafetyStock(target, level, in.mean, math.Sqrt(in.variance), in.lead, in.leadSD, period, q)
		if err != nil {
			return nil, 0, err
		}
		top := pol.ProtectionDemand + pol.Safety
		if in.seasonal != nil {
			pol.FollowProfile(in.seasonal, in.horizon)
			top = float64(pol.LevelMax)
		}
		if period > 0 {
			return pol, pol.StartLevel(), checkLevel("order-up-to level", top)
		}
		return pol, pol.StartLevel() + pol.Q, checkLevel("reorder point + order quantity", top+float64(pol.Q))
	case "forecast":
		f0, sd0 := in.mean, math.Sqrt(in.variance)
		if p.InitialForecast != nil {
			f0 = *p.InitialForecast
		}
		if p.InitialSD != nil {
			sd0 = *p.InitialSD
		}
		if nan(f0, sd0, in.lead, in.leadSD) {
			return nil, 0, errUnknown
		}
		q := p.OrderQuantity
		if period > 0 {
			q = 0
		}
		pol, err := model.NewForecast(p.Alpha, int(p.Window), p.CycleServiceLevel, f0, sd0, in.lead, in.leadSD, period, q)
		if err != nil {
			return nil, 0, err
		}
		if err := checkLevel("initial level", f0*(in.lead+period)+pol.Z*math.Sqrt((in.lead+period)*sd0*sd0+f0*f0*in.leadSD*in.leadSD)+float64(q)); err != nil {
			return nil, 0, err
		}
		return pol, pol.CurrentLevel() + q, nil
	case "vmi":
		pol := &model.VMI{Min: p.Min, Max: p.Max, Period: p.ReviewPeriod, Consignment: p.Consignment}
		if p.MaxDays != 0 {
			if nan(in.mean) {
				return nil, 0, errUnknown
			}
			if !(in.mean > 0) {
				return nil, 0, fmt.Errorf("min_days and max_days need demand, but none reaches the site-item (mean %s units a day); give min and max in units", num(in.mean))
			}
			if err := checkLevel("max", p.MaxDays*in.mean); err != nil {
				return nil, 0, err
			}
			pol.Min = int64(math.Round(p.MinDays * in.mean))
			pol.Max = int64(math.Round(p.MaxDays * in.mean))
			if pol.Max <= pol.Min {
				return nil, 0, fmt.Errorf("min_days %s and max_days %s at %s units a day round to the same %d units: widen the gap", num(p.MinDays), num(p.MaxDays), num(in.mean), pol.Min)
			}
		}
		return pol, pol.Max, nil
	}
	return nil, 0, fmt.Errorf("unknown policy type %q", p.Type)
}

// eoqInputs explains which item fields an eoq policy lacks.
func eoqInputs(in derivation, k, h float64) error {
	item := fmt.Sprintf("item %s (items[%d])", in.item.Name, in.itemIndex)
	switch {
	case k == 0 && h == 0:
		return fmt.Errorf("eoq needs the item's fixed order cost K > 0 and holding cost h > 0 for Q = √(2KD/h): set order_cost, and holding_cost (or holding_rate and unit_cost), on %s", item)
	case k == 0:
		return fmt.Errorf("eoq needs the item's fixed order cost K > 0 for Q = √(2KD/h): set order_cost on %s", item)
	case h == 0:
		return fmt.Errorf("eoq needs the item's holding cost h > 0 for Q = √(2KD/h): set holding_cost (per unit per day), or holding_rate and unit_cost, on %s", item)
	case !(in.mean > 0):
		return fmt.Errorf("eoq needs demand, but none reaches the site-item (mean %s units a day)", num(in.mean))
	}
	return nil
}

// checkLevel checks a derived stock level, before rounding, against
// maxUnits.
func checkLevel(name string, x float64) error {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return fmt.Errorf("the derived %s is out of range, above the limit of %d units: the demand or the lead time is too large", name, int64(maxUnits))
	case x > maxUnits:
		return fmt.Errorf("the derived %s is %.4g units, above the limit of %d", name, x, int64(maxUnits))
	}
	return nil
}
