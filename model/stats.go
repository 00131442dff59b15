package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a metric's mean over replications with the half-width of its
// 95% confidence interval (Student t with N−1 degrees of freedom).
// Replications in which the metric is undefined (NaN) are left out, so N can
// be less than the number of replications. With N < 2 the half-width is NaN;
// with N = 0 the mean is NaN too.
type Estimate struct {
	Mean, HalfWidth float64
	N               int
}

// Confidence is the two-sided level of every reported interval.
const Confidence = 0.95

// Summary holds every metric of a scenario over its replications.
type Summary struct {
	Scenario string
	// Fingerprint identifies the scenario as run, when the caller knows it
	// (see scenarios.Scenario.Fingerprint); model leaves it empty.
	Fingerprint  string
	Seed         uint64
	Replications int
	Horizon      float64
	Warmup       float64
	Events       uint64 // events processed, all replications
	SKUs         []SKUSummary
	// Total is the headline of the run: the service given to customers
	// (external demand only) and the network's costs. Its demand, fill
	// rates, backorders, waits, lost sales, cancellations, promises and
	// revenue cover the customers of every demand stream, drop-ship
	// site-items' included, and never the orders sites place with each
	// other; its cycle service level, ready rate and disruption metrics
	// cover the site-items with customer demand; its levels (on hand, on
	// order), costs and orders placed cover every site-item. See
	// [CustomerCounters]. A fill rate of the total is units filled ÷ units
	// demanded over all customers, not an average of rates.
	Total [NumMetrics]Estimate
	// Echelons summarises each echelon's site-items together (index 0 is
	// echelon 1, the site-items that serve only customers), counting
	// every order they receive, a downstream site's included; its
	// bullwhip is that of the echelon's daily sums.
	Echelons []Group
	// Sites summarises each site's site-items together (across its
	// items), in site order, counting every order they receive.
	Sites []Group
	// Items summarises each item across the sites that hold it, in item
	// order, by the rule of Total: the service to the item's customers,
	// and the costs of every site-item of the item.
	Items []Group
	// Streams summarises the customers of each demand stream, in the
	// order of [Network.Streams]: a customer class's own service. Only the
	// metrics of [StreamMetric] are defined.
	Streams []StreamSummary
	// per-replication metric values, kept for paired comparisons:
	// skuReps[sku][rep] and totalReps[rep]
	skuReps   [][][NumMetrics]float64
	totalReps [][NumMetrics]float64
	// Conservation holds the largest absolute unit imbalance found in any
	// replication and site-item (see [Counters.DemandBalance]); 0 when
	// every unit is accounted for.
	Conservation int64
	// Features are the optional features the network uses; output shows
	// their metrics only (see [Summary.Shown]).
	Features Feature
}

// Shown returns the indices into [Metrics] of the metrics to output for
// s: see [ShownMetrics].
func (s *Summary) Shown() []int { return ShownMetrics(s.Features) }

// Group is a roll-up: several site-items summarised together, an
// echelon, a site or an item.
type Group struct {
	Kind    string   // KindEchelon, KindSite or KindItem
	Name    string   // "echelon-1", or the site's or item's name
	Level   int      // the echelon's level (1 for site-items that serve only customers); 0 for sites and items
	Members []string // its site-items, "site/item"
	Metrics [NumMetrics]Estimate
	reps    [][NumMetrics]float64 // per replication
}

// Scope names of the roll-ups: [Summary.Scope] takes them.
const (
	ScopeCustomers = "customers" // the headline total
	scopeEchelon   = "echelon-"  // followed by the level
	scopeSite      = "site:"     // followed by the site's name
	scopeItem      = "item:"     // followed by the item's name
)

// StreamSummary is the summary of the customers of one demand stream.
type StreamSummary struct {
	Site, Item, Name string
	Priority         int
	Metrics          [NumMetrics]Estimate
}

// StreamMetric reports whether metric m is defined for the customers of a
// demand stream: their demand and what became of it, the units owed to
// them, waits, promises and revenue; not the stock's levels and costs,
// which are the site-item's.
func StreamMetric(m int) bool {
	switch m {
	case MDemandUnits, MDemandOrders, MFillRate, MOrderFillRate, MBackorderRate, MBackorderedUnits, MBackorderedOrders,
		MLostUnits, MLostRate, MLostValue, MAvgBackorders, MWaitMean, MWaitP95, MWaitMax, MLostSaleCost,
		MCancelledUnits, MCancelledOrders, MCancelRate, MCancelCost, MBalkedOrders, MSubstitutedUnits, MSubstitutionRate,
		MPromiseAccuracy, MOTIF, MRevenue, MBacklogValue, MBackorderAgeEnd, MBackorderAgeEndMax:
		return true
	}
	return false
}

// SKUSummary is the summary of one site-item.
type SKUSummary struct {
	Site, Item, SiteKind string
	Policy               PolicyInfo
	Metrics              [NumMetrics]Estimate
	// PolicyEnd is, for a policy that learns from demand (a [Learner]),
	// the mean over replications of each of its parameters at the
	// horizon, in the order of Policy's; nil for the others.
	PolicyEnd []Param
}

// CustomerCounters returns the counters of a part of the network as
// reported to its customers: the levels, costs and orders of net (the
// summed counters of its site-items), with the demand and service tallies
// of cust (the summed counters of its customers' demand streams) — demand,
// fills, backorders and the units owed, losses, cancellations,
// substitutions, promises, waits, revenue and the backlog at the end —
// and the replenishment cycles, stocked time and disruptions of facing
// (the summed counters of its site-items with customer demand). Units
// shipped, for inventory turns, are those shipped to customers.
func CustomerCounters(net, cust, facing *Counters) Counters {
	c := *net
	c.DemandUnits, c.DemandOrders = cust.DemandUnits, cust.DemandOrders
	c.AtOnceUnits, c.AtOnceOrders = cust.AtOnceUnits, cust.AtOnceOrders
	c.BackorderedUnits, c.BackorderedOrders = cust.BackorderedUnits, cust.BackorderedOrders
	c.FromBackorderUnits = cust.FromBackorderUnits
	c.LostUnits, c.LostOrders, c.LostValue = cust.LostUnits, cust.LostOrders, cust.LostValue
	c.BackorderArea = cust.BackorderArea
	c.BackordersStart, c.BackordersEnd = cust.BackordersStart, cust.BackordersEnd
	c.CancelledUnits, c.CancelledOrders = cust.CancelledUnits, cust.CancelledOrders
	c.SubstitutedUnits, c.SubstituteOutUnits = cust.SubstitutedUnits, cust.SubstitutedUnits
	c.BalkedOrders = cust.BalkedOrders
	c.QuotedOrders, c.OTIFOrders = cust.QuotedOrders, cust.OTIFOrders
	c.PromisedOrders, c.PromisesKept = cust.PromisedOrders, cust.PromisesKept
	c.Revenue = cust.Revenue
	c.AgedOrders, c.AgeSum, c.AgeMax, c.BacklogValue = cust.AgedOrders, cust.AgeSum, cust.AgeMax, cust.BacklogValue
	c.Waits, c.WaitSum, c.WaitMax = cust.Waits, cust.WaitSum, cust.WaitMax
	c.Cycles, c.StockoutCycles = facing.Cycles, facing.StockoutCycles
	c.InStockDays, c.SKUDays = facing.InStockDays, facing.SKUDays
	c.Disruptions, c.RecoverySum, c.DisruptedDays = facing.Disruptions, facing.RecoverySum, facing.DisruptedDays
	return c
}

// rollup sums the counters of site-items and customer streams into the
// roll-ups of one replication.
type rollup struct {
	net, cust, facing Counters
}

// customers returns the metrics of a roll-up by the customers' rule.
func (u *rollup) customers() (v [NumMetrics]float64) {
	c := CustomerCounters(&u.net, &u.cust, &u.facing)
	c.Metrics(v[:])
	return v
}

// Summarize computes the mean and 95% confidence half-width of every metric
// of every site-item, of every roll-up and of the total, over results (one
// per replication, in replication order).
func Summarize(net *Network, seed uint64, results []*Result) *Summary {
	refs := net.SKUs()
	sum := &Summary{
		Scenario:     net.Name,
		Seed:         seed,
		Replications: len(results),
		Horizon:      net.Horizon,
		Warmup:       net.Warmup,
		SKUs:         make([]SKUSummary, len(refs)),
		Features:     net.Features(),
	}
	perSKU := make([][][NumMetrics]float64, len(refs)) // [sku][rep]
	streams := net.Streams()
	perStream := make([][][NumMetrics]float64, len(streams))
	// a site-item's one stream, when the site-item supplies no other, has
	// the site-item's customer metrics: no need to compute them again
	alone := make([]bool, len(streams))
	facing := make([]bool, len(refs)) // has customer demand
	{
		count := make([]int, len(refs))
		for _, st := range streams {
			count[st.SKU]++
			facing[st.SKU] = true
		}
		up, backup := net.sources()
		supplies := make([]bool, len(refs))
		for i := range refs {
			for _, u := range []int{up[i], backup[i]} {
				if u >= 0 {
					supplies[u] = true
				}
			}
		}
		for i, st := range streams {
			alone[i] = count[st.SKU] == 1 && !supplies[st.SKU]
		}
	}
	itemOf := make([]int, len(refs))
	for i, ref := range refs {
		itemOf[i] = net.Sites[ref.Site].Stocks[ref.Stock].Item
	}
	sum.Sites = groups(refs, KindSite, len(net.Sites), func(i int) int { return refs[i].Site }, func(g int) string { return net.Sites[g].Name })
	sum.Items = groups(refs, KindItem, len(net.Items), func(i int) int { return itemOf[i] }, func(g int) string { return net.Items[g].Name })
	levels, _ := net.Echelons()
	sum.Echelons = groups(refs, KindEchelon, slices.Max(levels), func(i int) int { return levels[i] - 1 }, func(g int) string { return scopeEchelon + strconv.Itoa(g+1) })
	for e := range sum.Echelons {
		sum.Echelons[e].Level = e + 1
	}
	// a roll-up by the customers' rule of one site-item whose one stream
	// is alone has that site-item's metrics: totalAlone and itemAlone[g]
	// name that site-item, or are -1
	soleAlone := func(members []int) int {
		if len(members) != 1 {
			return -1
		}
		for i, st := range streams {
			if st.SKU == members[0] && alone[i] {
				return members[0]
			}
		}
		return -1
	}
	all := make([]int, len(refs))
	byItem := make([][]int, len(net.Items))
	for i := range refs {
		all[i] = i
		byItem[itemOf[i]] = append(byItem[itemOf[i]], i)
	}
	totalAlone := soleAlone(all)
	itemAlone := make([]int, len(net.Items))
	for g := range itemAlone {
		itemAlone[g] = soleAlone(byItem[g])
	}
	total := make([][NumMetrics]float64, len(results))
	sites := make([]Counters, len(net.Sites))
	items := make([]rollup, len(net.Items))
	c0 := make([][NumMetrics]float64, len(net.Sites)) // each site's first site-item's
	for _, res := range results {
		sum.Events += res.Events
		var tot rollup
		clear(sites)
		clear(items)
		for i := range res.SKUs {
			c := &res.SKUs[i]
			for _, b := range []int64{c.DemandBalance(), c.StockBalance(), c.OrderBalance()} {
				sum.Conservation = max(sum.Conservation, b, -b)
			}
			// the customers' waits come from their streams
			tot.net.AddTallies(c)
			items[itemOf[i]].net.AddTallies(c)
			if len(sum.Sites[refs[i].Site].Members) > 1 {
				sites[refs[i].Site].Add(c)
			}
			if facing[i] {
				tot.facing.AddTallies(c)
				items[itemOf[i]].facing.AddTallies(c)
			}
			var v [NumMetrics]float64
			c.Metrics(v[:])
			perSKU[i] = append(perSKU[i], v)
			if refs[i].Stock == 0 {
				c0[refs[i].Site] = v
			}
		}
		for i := range res.Streams {
			c := &res.Streams[i]
			if b := c.DemandBalance(); b != 0 {
				sum.Conservation = max(sum.Conservation, b, -b)
			}
			if totalAlone < 0 {
				tot.cust.Add(c)
			}
			if it := itemOf[streams[i].SKU]; itemAlone[it] < 0 {
				items[it].cust.Add(c)
			}
			if alone[i] {
				continue
			}
			var v [NumMetrics]float64
			c.Metrics(v[:])
			for m := range v {
				if !StreamMetric(m) {
					v[m] = math.NaN()
				}
			}
			perStream[i] = append(perStream[i], v)
		}
		if totalAlone >= 0 {
			total[res.Replication] = perSKU[totalAlone][len(perSKU[totalAlone])-1]
			total[res.Replication][MBullwhip] = math.NaN() // a sum of streams has none
		} else {
			total[res.Replication] = tot.customers()
		}
		for g := range sum.Sites {
			var v [NumMetrics]float64
			if len(sum.Sites[g].Members) == 1 { // the site-item's own, bullwhip included
				v = c0[g]
			} else {
				sites[g].Metrics(v[:])
			}
			sum.Sites[g].reps = append(sum.Sites[g].reps, v)
		}
		for g := range sum.Items {
			if k := itemAlone[g]; k >= 0 {
				v := perSKU[k][len(perSKU[k])-1]
				v[MBullwhip] = math.NaN()
				sum.Items[g].reps = append(sum.Items[g].reps, v)
				continue
			}
			sum.Items[g].reps = append(sum.Items[g].reps, items[g].customers())
		}
		for e := range res.Echelons {
			var v [NumMetrics]float64
			res.Echelons[e].Metrics(v[:])
			sum.Echelons[e].reps = append(sum.Echelons[e].reps, v)
		}
	}
	for i, ref := range refs {
		site := &net.Sites[ref.Site]
		st := &site.Stocks[ref.Stock]
		s := &sum.SKUs[i]
		s.Site, s.Item, s.SiteKind = site.Name, net.Items[st.Item].Name, site.Kind.String()
		s.Policy = st.Policy.Describe()
		s.Metrics = estimates(perSKU[i])
		s.PolicyEnd = meanParams(results, i)
	}
	for i, ref := range streams {
		site := &net.Sites[ref.Site]
		st := &site.Stocks[ref.Stock]
		d := &st.Demand[ref.Demand]
		ss := StreamSummary{Site: site.Name, Item: net.Items[st.Item].Name, Name: d.Name, Priority: d.Priority}
		if alone[i] {
			ss.Metrics = sum.SKUs[ref.SKU].Metrics
			for m := range ss.Metrics {
				if !StreamMetric(m) {
					ss.Metrics[m] = Estimate95(nil)
				}
			}
		} else {
			ss.Metrics = estimates(perStream[i])
		}
		sum.Streams = append(sum.Streams, ss)
	}
	sum.Total = estimates(total)
	sum.skuReps, sum.totalReps = perSKU, total
	for _, gs := range [][]Group{sum.Echelons, sum.Sites, sum.Items} {
		for g := range gs {
			gs[g].Metrics = estimates(gs[g].reps)
		}
	}
	return sum
}

// groups returns n roll-ups of kind, each named by name(g), holding the
// site-items i with of(i) == g in order.
func groups(refs []SKURef, kind string, n int, of func(i int) int, name func(g int) string) []Group {
	out := make([]Group, n)
	for g := range out {
		out[g] = Group{Kind: kind, Name: name(g)}
	}
	for i, ref := range refs {
		out[of(i)].Members = append(out[of(i)].Members, ref.Name)
	}
	return out
}

// ScopeResult is one part of a summary that a question is asked of: its
// estimates and the per-replication values behind them (index by
// replication), for paired comparisons.
type ScopeResult struct {
	Name       string // as [Summary.Scope] takes it
	Kind       string // KindCustomers, KindSiteItem, KindEchelon, KindSite or KindItem
	Site, Item string // the site-item's, the site's or the item's name; empty otherwise
	Metrics    *[NumMetrics]Estimate
	Reps       [][NumMetrics]float64
}

// Scope returns the part of s named name: "customers" (the headline
// total), "SITE/ITEM" (a site-item), "echelon-N", "site:NAME" or
// "item:NAME" (roll-ups). The error lists the valid names.
func (s *Summary) Scope(name string) (ScopeResult, error) {
	if name == "total" {
		name = ScopeCustomers
	}
	scopes := s.Scopes()
	for _, sc := range scopes {
		if sc.Name == name {
			return sc, nil
		}
	}
	names := make([]string, len(scopes))
	for i, sc := range scopes {
		names[i] = sc.Name
	}
	return ScopeResult{}, fmt.Errorf("unknown scope %q (scopes: %s)", name, strings.Join(names, ", "))
}

// Scope kinds, as in [ScopeResult.Kind].
const (
	KindCustomers = "customers"
	KindSiteItem  = "site-item"
	KindEchelon   = "echelon"
	KindSite      = "site"
	KindItem      = "item"
)

// Scopes returns every part of s in output order: the customers' total,
// the site-items, then the echelons, sites and items.
func (s *Summary) Scopes() []ScopeResult {
	out := []ScopeResult{{Name: ScopeCustomers, Kind: KindCustomers, Metrics: &s.Total, Reps: s.totalReps}}
	for i := range s.SKUs {
		k := &s.SKUs[i]
		out = append(out, ScopeResult{Name: k.Site + "/" + k.Item, Kind: KindSiteItem, Site: k.Site, Item: k.Item, Metrics: &k.Metrics, Reps: s.skuReps[i]})
	}
	for _, gs := range [][]Group{s.Echelons, s.Sites, s.Items} {
		for g := range gs {
			sc := ScopeResult{Name: gs[g].ScopeName(), Kind: gs[g].Kind, Metrics: &gs[g].Metrics, Reps: gs[g].reps}
			switch gs[g].Kind {
			case KindSite:
				sc.Site = gs[g].Name
			case KindItem:
				sc.Item = gs[g].Name
			}
			out = append(out, sc)
		}
	}
	return out
}

// ScopeName returns the name by which [Summary.Scope] finds g:
// "echelon-N", "site:NAME" or "item:NAME".
func (g *Group) ScopeName() string {
	switch g.Kind {
	case KindSite:
		return scopeSite + g.Name
	case KindItem:
		return scopeItem + g.Name
	}
	return g.Name
}

// meanParams returns the mean over results of the parameters at the
// horizon of site-item i's policy, or nil if it has none.
func meanParams(results []*Result, i int) []Param {
	var out []Param
	for _, res := range results {
		if res.PolicyEnd == nil || res.PolicyEnd[i] == nil {
			return nil
		}
		if out == nil {
			out = slices.Clone(res.PolicyEnd[i])
			continue
		}
		for j := range out {
			out[j].Value += res.PolicyEnd[i][j].Value
		}
	}
	for j := range out {
		out[j].Value /= float64(len(results))
		if first := results[0].PolicyEnd[i][j].Value; slices.IndexFunc(results, func(r *Result) bool { return r.PolicyEnd[i][j].Value != first }) < 0 {
			out[j].Value = first // the same in every replication: exactly
		}
	}
	return out
}

// estimates computes an Estimate per metric over replications.
func estimates(reps [][NumMetrics]float64) [NumMetrics]Estimate {
	var out [NumMetrics]Estimate
	xs := make([]float64, 0, len(reps))
	for m := range out {
		xs = xs[:0]
		for _, v := range reps {
			if !math.IsNaN(v[m]) {
				xs = append(xs, v[m])
			}
		}
		out[m] = Estimate95(xs)
	}
	return out
}

// Estimate95 returns the mean of xs and the half-width of its 95%
// confidence interval, t(0.975, n−1) · s / √n with s the sample standard
// deviation.
func Estimate95(xs []float64) Estimate {
	n := len(xs)
	e := Estimate{Mean: math.NaN(), HalfWidth: math.NaN(), N: n}
	if n == 0 {
		return e
	}
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(n)
	e.Mean = mean
	if n < 2 {
		return e
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-Confidence)/2)
	e.HalfWidth = t * sd / math.Sqrt(float64(n))
	return e
}
