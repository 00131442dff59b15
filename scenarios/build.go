package scenarios

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"

	"scsim/model"
)

// daysPerYear converts a yearly holding rate to a daily one.
const daysPerYear = 365

// Compile checks the scenario and builds its [model.Network] in one pass:
// the checks run over the scenario as [Scenario.Validate] does, and once
// every name and source has resolved they assemble the network (names
// become indices, holding rates daily holding costs, a lane's transit
// from a supplier defaults to the supplier's lead time, demand names
// default to "d0", "d1", ...) and give each site-item its policy, the
// derived ones (eoq, safety_stock, forecast, vmi in days of cover) from
// the network's demand, and its default initial stock, the policy's
// natural start. What fails to build is reported with the other errors,
// at its field. The error, if any, is an [ErrorList], or an error from
// [model.Network.Validate] should the network be refused there.
func (s *Scenario) Compile() (*model.Network, error) {
	v := s.check()
	if err := v.result().Err(); err != nil {
		return nil, err
	}
	if v.net == nil { // every name resolved, so the checks assembled it
		return nil, fmt.Errorf("build scenario %s: the network was not assembled", s.Name)
	}
	if err := v.net.Validate(); err != nil {
		return nil, fmt.Errorf("build scenario %s: %w", s.Name, err)
	}
	return v.net, nil
}

// CompileUnchanged is [Scenario.Compile] for a scenario made by [Parse],
// [Load], [Open] or [Scenario.With] and not changed since, but for Seed
// and Replications: it returns, the first time it is called, the network
// the checks of that parse built, instead of checking the scenario
// again. If Name, Horizon or Warmup changed, or it was called before, it
// is Compile. A caller that changes anything else (a site's policy, an
// item's cost) must call Compile, which sees every change.
func (s *Scenario) CompileUnchanged() (*model.Network, error) {
	c := s.checked
	if c == nil || c.name != s.Name || c.horizon != s.Horizon || c.warmup != s.Warmup || s.Replications < 1 ||
		!c.taken.CompareAndSwap(false, true) {
		return s.Compile()
	}
	if err := c.net.Validate(); err != nil {
		return nil, fmt.Errorf("build scenario %s: %w", s.Name, err)
	}
	return c.net, nil
}

// checkedNet is the network the checks of a parse built, for
// [Scenario.CompileUnchanged], with the run settings it was built for.
type checkedNet struct {
	net             *model.Network
	name            string
	horizon, warmup float64
	taken           atomic.Bool
}

// keep records net, built by the checks of s that found no error, for
// [Scenario.CompileUnchanged].
func (s *Scenario) keep(net *model.Network) {
	if net != nil {
		s.checked = &checkedNet{net: net, name: s.Name, horizon: s.Horizon, warmup: s.Warmup}
	}
}

// Build is [Scenario.Compile].
func (s *Scenario) Build() (*model.Network, error) { return s.Compile() }

// compile builds the network of a scenario whose names and sources all
// resolved, as the last of the checks of the network, so that it sees
// their errors: values already reported as wrong build as NaN, and the
// derived policies that depend on them are not built, nor reported
// again. With no errors, v.net is complete. The checks call it when they
// have found no error so far, or when some policy is derived, whose
// errors only the network can find; otherwise the network would be
// thrown away, and a scenario with errors (no sites, say) may not
// assemble.
func (v *validator) compile() {
	v.net = v.s.assemble(func(path string, err error) {
		if !v.troubled(path) {
			v.errorf(path, "%v", err)
		}
	})
	v.policies(v.net)
}

// derives reports whether some policy of the scenario derives its levels
// from the network.
func (v *validator) derives() bool {
	for i := range v.s.Sites {
		for j := range v.s.Sites[i].Stock {
			if v.s.Sites[i].Stock[j].Policy.derived() {
				return true
			}
		}
	}
	return false
}

// unknown is a NaN placeholder for a value that could not be built; it
// was reported where it was written.
var unknown = model.Const(math.NaN())

// assemble builds the network without its policies, which need the
// network's demand first (validator.policies adds them). Every name must
// resolve. A distribution that fails to build is reported through fail
// and replaced by NaN.
func (s *Scenario) assemble(fail func(path string, err error)) *model.Network {
	net := &model.Network{Name: s.Name, Horizon: s.Horizon, Warmup: s.Warmup, TimeUnit: s.TimeUnit}
	itemIdx := map[string]int{}
	for i, it := range s.Items {
		itemIdx[it.Name] = i
		net.Items = append(net.Items, model.Item{
			Name: it.Name, UnitCost: it.UnitCost, Price: it.Price, HoldingCost: it.holdingCost(),
			BackorderCost: it.BackorderCost, LostSaleCost: it.LostSaleCost, OrderCost: it.OrderCost,
			CancelCost: it.CancelCost,
		})
	}
	// dist builds d, whose field path is the concatenation of path: it
	// is joined only for an error, a network of thousands of
	// distributions building none.
	dist := func(d *Dist, path ...string) model.Dist {
		md, err := d.build()
		if err != nil {
			fail(strings.Join(path, ""), err)
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
			md.Uptime = dist(&d.Uptime, path, ".uptime")
			md.Downtime = dist(&d.Downtime, path, ".downtime")
		}
		return md
	}
	for i, sp := range s.Suppliers {
		nodes[sp.Name] = model.Node{Kind: model.SupplierNode, Index: i}
		leadTimes[i] = dist(&sp.LeadTime, fmt.Sprintf("suppliers[%d].lead_time", i))
		net.Suppliers = append(net.Suppliers, model.Supplier{Name: sp.Name, Capacity: sp.Capacity,
			Disruption: disruption(fmt.Sprintf("suppliers[%d].disruption", i), sp.Disruption)})
	}
	// lane builds the lane at path p+field from source src.
	lane := func(p, field string, ln *Lane, src model.Node) model.Lane {
		lane := model.Lane{
			OrderDelay:   ln.OrderDelay,
			UnitCost:     ln.UnitCost,
			ShipmentCost: ln.ShipmentCost,
			Partial:      ln.Shipment == "partial",
			NoOvertaking: ln.Overtaking != nil && !*ln.Overtaking,
			Priority:     ln.Priority,
		}
		if ln.Disruption != nil {
			lane.Disruption = disruption(p+field+".disruption", ln.Disruption)
		}
		switch {
		case ln.Transit.Type != "":
			lane.Transit = dist(&ln.Transit, p, field, ".transit")
		case src.Kind == model.SupplierNode:
			lane.Transit = leadTimes[src.Index]
		default:
			lane.Transit = unknown // reported by lane: a site source needs a transit
		}
		if e := ln.Expedite; e != nil {
			lane.Expedite = &model.Expedite{Transit: dist(&e.Transit, p, field, ".expedite.transit"),
				UnitCost: e.UnitCost, ShipmentCost: e.ShipmentCost, Backorders: e.Backorders}
		}
		return lane
	}
	for i, st := range s.Sites {
		nodes[st.Name] = model.Node{Kind: model.SiteNode, Index: i}
	}
	net.Sites = make([]model.Site, 0, len(s.Sites))
	for i := range s.Sites {
		st := &s.Sites[i]
		site := model.Site{Name: st.Name, Kind: model.Store, Stocks: make([]model.Stock, 0, len(st.Stock))}
		if st.Type == "warehouse" {
			site.Kind = model.Warehouse
		}
		for j := range st.Stock {
			sk := &st.Stock[j]
			p := stockPath(i, j)
			src := nodes[sk.Source]
			stock := model.Stock{Item: itemIdx[sk.Item], Source: src, Lane: lane(p, ".lane", &sk.Lane, src)}
			if b := sk.Backup; b != nil {
				bsrc := nodes[b.Source]
				mb := &model.Backup{Source: bsrc, Lane: lane(p, ".backup.lane", &b.Lane, bsrc), MaxLeadTime: b.MaxLeadTime, Share: b.Share}
				if b.Rule == "split" {
					mb.Rule = model.Split
				}
				stock.Backup = mb
			}
			if sk.Initial != nil {
				stock.Initial = *sk.Initial
			}
			stock.Pipeline = sk.Pipeline
			if len(sk.Demand) > 0 {
				stock.Demand = make([]model.Demand, 0, len(sk.Demand))
			}
			for k := range sk.Demand {
				dm := &sk.Demand[k]
				md := model.Demand{Name: dm.Name, Key: dm.Stream, Rate: dm.Rate, Regular: dm.Arrivals == "regular", Stockout: model.Backorder, Priority: dm.Priority}
				if md.Name == "" {
					md.Name = fmt.Sprintf("d%d", k)
				}
				if dm.Stockout == "lost_sale" {
					md.Stockout = model.LostSale
				}
				// the demand's path is p+".demand["+ks+"]"
				ks := strconv.Itoa(k)
				md.Customers = customers(dm, st, func(d *Dist) model.Dist { return dist(d, p, ".demand[", ks, "].patience") })
				switch {
				case dm.History != nil:
					md.Rate = 0
					if md.History = dm.history; md.History == nil {
						md.Daily = unknown // reported by the checks
					}
					md.Block = dm.History.block()
				case dm.Rate > 0 && !math.IsInf(dm.Rate, 0):
					md.Size = dist(&dm.Size, p, ".demand[", ks, "].size")
				case dm.Rate == 0 && dm.Daily.Type != "":
					md.Daily = dist(&dm.Daily, p, ".demand[", ks, "].daily")
				default: // reported by the checks
					md.Rate, md.Daily = 0, unknown
				}
				if pr := dm.Profile; pr != nil && dm.History == nil {
					md.Profile = pr.build()
					if md.Profile.Validate() != nil { // reported by the checks
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

// build returns the model profile, which the checks have passed.
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
// and its default initial stock, deriving eoq, safety_stock, forecast and
// vmi in days of cover from the demand reaching each site-item.
// Derivation errors are reported at the policy. Derived policies whose
// parameters or inputs were already reported as wrong are skipped, and
// so are unknown types (reported by [validator.policy]).
func (v *validator) policies(net *model.Network) {
	mean, variance, err := net.DemandRate()
	if err != nil {
		v.errorf("sites", "%v", err) // the checks report cycles first
		return
	}
	s, idx := v.s, 0
	for i := range s.Sites {
		for j := range s.Sites[i].Stock {
			sk, ms := &s.Sites[i].Stock[j], &net.Sites[i].Stocks[j]
			// the policy's path, built only when needed: a policy that is
			// not derived and builds needs none
			p := func() string { return stockPath(i, j) + ".policy" }
			k := policyKindOf[sk.Policy.Type]
			in := derivation{
				mean: mean[idx], variance: variance[idx],
				lead: ms.Lane.OrderDelay + ms.Lane.Transit.Mean(), leadSD: ms.Lane.Transit.SD(), // the order delay adds to the lead time
				item: &s.Items[ms.Item], itemIndex: ms.Item, holding: net.Items[ms.Item].HoldingCost,
				horizon: net.Horizon,
			}
			if k != nil && k.seasonal && sk.Policy.Levels != "average" {
				ld, err := net.LevelDemand(idx, mean[idx], variance[idx])
				if err != nil { // reported by the checks
					ld, in.mean = nil, math.NaN()
				}
				in.seasonal = ld
			}
			idx++
			if k == nil || k.derived && (v.troubled(p()) || v.troubled(fmt.Sprintf("items[%d]", ms.Item))) {
				continue
			}
			pol, start, err := k.build(&sk.Policy, in)
			switch {
			case errors.Is(err, errUnknown):
				v.unbuilt = append(v.unbuilt, p())
			case err != nil:
				v.errorf(p(), "%v", err)
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

// build returns the model distribution. The checks ([validator.dist])
// have passed its parameters; the constructors check them again.
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

// stockPath returns the field path of stock entry j of site i,
// "sites[i].stock[j]".
func stockPath(i, j int) string {
	var b [48]byte
	p := append(b[:0], "sites["...)
	p = strconv.AppendInt(p, int64(i), 10)
	p = append(p, "].stock["...)
	p = strconv.AppendInt(p, int64(j), 10)
	return string(append(p, ']'))
}
