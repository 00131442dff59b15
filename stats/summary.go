package stats

import (
	"math"
	"slices"
	"strconv"

	"scsim/model"
)

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
	Total [model.NumMetrics]Estimate
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
	// order of [model.Network.Streams]: a customer class's own service. Only the
	// metrics of [StreamMetric] are defined.
	Streams []StreamSummary
	// reps is the per-replication matrix, kept for paired comparisons:
	// the metric values of every replication (nrep of them) of the
	// total, the site-items, the roll-ups and the streams not alone, a
	// row of nrep values each, in one block; totalReps and the roll-ups'
	// reps are rows of it
	reps      [][model.NumMetrics]float64
	nrep      int
	totalReps [][model.NumMetrics]float64
	// Conservation holds the largest absolute unit imbalance found in any
	// replication and site-item (see [model.Counters.DemandBalance]); 0 when
	// every unit is accounted for.
	Conservation int64
	// Features are the optional features the network uses; output shows
	// their metrics only (see [Summary.Shown]).
	Features model.Feature
}

// skuReps returns the per-replication values of site-item i.
func (s *Summary) skuReps(i int) [][model.NumMetrics]float64 {
	lo := (1 + i) * s.nrep
	return s.reps[lo : lo+s.nrep : lo+s.nrep]
}

// Shown returns the indices into [model.Metrics] of the metrics to output for
// s: see [ShownMetrics].
func (s *Summary) Shown() []int { return ShownMetrics(s.Features) }

// Group is a roll-up: several site-items summarised together, an
// echelon, a site or an item.
type Group struct {
	Kind    string   // KindEchelon, KindSite or KindItem
	Name    string   // "echelon-1", or the site's or item's name
	Level   int      // the echelon's level (1 for site-items that serve only customers); 0 for sites and items
	Members []string // its site-items, "site/item"
	Metrics [model.NumMetrics]Estimate
	reps    [][model.NumMetrics]float64 // per replication
}

// StreamSummary is the summary of the customers of one demand stream.
type StreamSummary struct {
	Site, Item, Name string
	Priority         int
	// Metrics are the estimates of the stream's customers. Only those of
	// [StreamMetric] are the stream's: read the others as undefined (or
	// use [StreamSummary.Estimate]). A stream that is its site-item's
	// only customers (the site-item supplies no other) shares the
	// site-item's array, [SKUSummary.Metrics], rather than a copy; a
	// stream among several has its own, with the others undefined.
	Metrics *[model.NumMetrics]Estimate
}

// Estimate returns the estimate of metric m for the stream's customers,
// undefined ([Estimate95] of nothing) when m is not a [StreamMetric].
func (st *StreamSummary) Estimate(m int) Estimate {
	if !StreamMetric(m) || st.Metrics == nil {
		return Estimate95(nil)
	}
	return st.Metrics[m]
}

// StreamMetric reports whether metric m is defined for the customers of a
// demand stream: their demand and what became of it, the units owed to
// them, waits, promises and revenue; not the stock's levels and costs,
// which are the site-item's.
func StreamMetric(m int) bool {
	switch m {
	case model.MDemandUnits, model.MDemandOrders, model.MFillRate, model.MOrderFillRate, model.MBackorderRate, model.MBackorderedUnits, model.MBackorderedOrders,
		model.MLostUnits, model.MLostRate, model.MLostValue, model.MAvgBackorders, model.MWaitMean, model.MWaitP95, model.MWaitMax, model.MLostSaleCost,
		model.MCancelledUnits, model.MCancelledOrders, model.MCancelRate, model.MCancelCost, model.MBalkedOrders, model.MSubstitutedUnits, model.MSubstitutionRate,
		model.MPromiseAccuracy, model.MOTIF, model.MRevenue, model.MBacklogValue, model.MBackorderAgeEnd, model.MBackorderAgeEndMax:
		return true
	}
	return false
}

// SKUSummary is the summary of one site-item.
type SKUSummary struct {
	Site, Item, SiteKind string
	Policy               model.PolicyInfo
	Metrics              [model.NumMetrics]Estimate
	// PolicyEnd is, for a policy that learns from demand (a [model.Learner]),
	// the mean over replications of each of its parameters at the
	// horizon, in the order of Policy's; nil for the others.
	PolicyEnd []model.Param
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
func CustomerCounters(net, cust, facing *model.Counters) model.Counters {
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
	net, cust, facing model.Counters
}

// customers returns the metrics of a roll-up by the customers' rule.
func (u *rollup) customers() (v [model.NumMetrics]float64) {
	c := CustomerCounters(&u.net, &u.cust, &u.facing)
	c.Metrics(v[:])
	return v
}

// Summarize computes the mean and 95% confidence half-width of every metric
// of every site-item, of every roll-up and of the total, over results (one
// per replication, in replication order).
func Summarize(net *model.Network, seed uint64, results []*model.Result) *Summary {
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
	levels, _ := net.Echelons()
	streams := net.Streams()
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
		for i, st := range streams {
			// a site-item of echelon 1 supplies no other
			alone[i] = count[st.SKU] == 1 && levels[st.SKU] == 1
		}
	}
	itemOf := make([]int, len(refs))
	for i, ref := range refs {
		itemOf[i] = net.Sites[ref.Site].Stocks[ref.Stock].Item
	}
	sum.Sites = groups(refs, KindSite, len(net.Sites), func(i int) int { return refs[i].Site }, func(g int) string { return net.Sites[g].Name })
	sum.Items = groups(refs, KindItem, len(net.Items), func(i int) int { return itemOf[i] }, func(g int) string { return net.Items[g].Name })
	sum.Echelons = groups(refs, KindEchelon, slices.Max(levels), func(i int) int { return levels[i] - 1 }, func(g int) string { return scopeEchelon + strconv.Itoa(g+1) })
	for e := range sum.Echelons {
		sum.Echelons[e].Level = e + 1
	}
	// the per-replication matrix, one row of values per replication for
	// the total, each site-item, each roll-up, and each stream that is not
	// alone, in one block
	n := len(results)
	nrows := 1 + len(refs) + len(sum.Echelons) + len(sum.Sites) + len(sum.Items)
	streamRow := make([]int, len(streams))
	for i := range streams {
		streamRow[i] = -1
		if !alone[i] {
			streamRow[i] = nrows
			nrows++
		}
	}
	sum.reps = make([][model.NumMetrics]float64, nrows*n)
	sum.nrep = n
	row := func(k int) [][model.NumMetrics]float64 { return sum.reps[k*n : (k+1)*n : (k+1)*n] }
	sum.totalReps = row(0)
	perSKU := func(i int) [][model.NumMetrics]float64 { return row(1 + i) }
	k := 1 + len(refs)
	for _, gs := range [][]Group{sum.Echelons, sum.Sites, sum.Items} {
		for g := range gs {
			gs[g].reps = row(k)
			k++
		}
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
	total := sum.totalReps
	sites := make([]model.Counters, len(net.Sites))
	items := make([]rollup, len(net.Items))
	c0 := make([][model.NumMetrics]float64, len(net.Sites)) // each site's first site-item's
	for r, res := range results {
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
			v := &perSKU(i)[r]
			c.Metrics(v[:])
			if refs[i].Stock == 0 {
				c0[refs[i].Site] = *v
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
			v := &row(streamRow[i])[r]
			c.Metrics(v[:])
			for m := range v {
				if !StreamMetric(m) {
					v[m] = math.NaN()
				}
			}
		}
		if totalAlone >= 0 {
			total[r] = perSKU(totalAlone)[r]
			total[r][model.MBullwhip] = math.NaN() // a sum of streams has none
		} else {
			total[r] = tot.customers()
		}
		for g := range sum.Sites {
			v := &sum.Sites[g].reps[r]
			if len(sum.Sites[g].Members) == 1 { // the site-item's own, bullwhip included
				*v = c0[g]
			} else {
				sites[g].Metrics(v[:])
			}
		}
		for g := range sum.Items {
			v := &sum.Items[g].reps[r]
			if k := itemAlone[g]; k >= 0 {
				*v = perSKU(k)[r]
				v[model.MBullwhip] = math.NaN()
				continue
			}
			*v = items[g].customers()
		}
		for e := range res.Echelons {
			res.Echelons[e].Metrics(sum.Echelons[e].reps[r][:])
		}
	}
	for i, ref := range refs {
		site := &net.Sites[ref.Site]
		st := &site.Stocks[ref.Stock]
		s := &sum.SKUs[i]
		s.Site, s.Item, s.SiteKind = site.Name, net.Items[st.Item].Name, site.Kind.String()
		s.Policy = st.Policy.Describe()
		s.Metrics = estimates(perSKU(i))
		s.PolicyEnd = meanParams(results, i)
	}
	sum.Streams = make([]StreamSummary, len(streams))
	// the estimates of the streams that are not alone, in one block; a
	// stream alone shares its site-item's
	own := make([][model.NumMetrics]Estimate, 0, nrows-(1+len(refs)+len(sum.Echelons)+len(sum.Sites)+len(sum.Items)))
	for i, ref := range streams {
		site := &net.Sites[ref.Site]
		st := &site.Stocks[ref.Stock]
		d := &st.Demand[ref.Demand]
		ss := &sum.Streams[i]
		*ss = StreamSummary{Site: site.Name, Item: net.Items[st.Item].Name, Name: d.Name, Priority: d.Priority}
		if alone[i] {
			ss.Metrics = &sum.SKUs[ref.SKU].Metrics
		} else {
			own = append(own, estimates(row(streamRow[i])))
			ss.Metrics = &own[len(own)-1]
		}
	}
	sum.Total = estimates(total)
	for _, gs := range [][]Group{sum.Echelons, sum.Sites, sum.Items} {
		for g := range gs {
			gs[g].Metrics = estimates(gs[g].reps)
		}
	}
	return sum
}

// groups returns n roll-ups of kind, each named by name(g), holding the
// site-items i with of(i) == g in order.
func groups(refs []model.SKURef, kind string, n int, of func(i int) int, name func(g int) string) []Group {
	out := make([]Group, n)
	for g := range out {
		out[g] = Group{Kind: kind, Name: name(g)}
	}
	for i, ref := range refs {
		out[of(i)].Members = append(out[of(i)].Members, ref.Name)
	}
	return out
}

// meanParams returns the mean over results of the parameters at the
// horizon of site-item i's policy, or nil if it has none.
func meanParams(results []*model.Result, i int) []model.Param {
	var out []model.Param
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
		if first := results[0].PolicyEnd[i][j].Value; slices.IndexFunc(results, func(r *model.Result) bool { return r.PolicyEnd[i][j].Value != first }) < 0 {
			out[j].Value = first // the same in every replication: exactly
		}
	}
	return out
}

// ShownMetrics returns the indices into [model.Metrics] of the metrics
// output reports for networks using features f: every metric except those
// of features not in f (see [model.MetricFeature]), in order.
func ShownMetrics(f model.Feature) []int {
	out := make([]int, 0, model.NumMetrics)
	for m := range model.NumMetrics {
		if need := model.MetricFeature(m); need == 0 || f&need != 0 {
			out = append(out, m)
		}
	}
	return out
}
