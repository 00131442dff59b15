package model

import (
	"math"
	"slices"

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
	Scenario     string
	Seed         uint64
	Replications int
	Horizon      float64
	Warmup       float64
	Events       uint64 // events processed, all replications
	SKUs         []SKUSummary
	// Total covers the whole network, computed from summed counters in
	// each replication (a fill rate of the total is units filled ÷ units
	// demanded over every site-item, not an average of rates).
	Total [NumMetrics]Estimate
	// Echelons summarises each echelon's site-items together (index 0 is
	// echelon 1, the site-items that serve only customers); its bullwhip
	// is that of the echelon's daily sums.
	Echelons []EchelonSummary
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

// EchelonSummary is the summary of one echelon of the network.
type EchelonSummary struct {
	Level   int      // 1 for site-items that serve only customers
	Members []string // its site-items, "site/item"
	Metrics [NumMetrics]Estimate
}

// StreamSummary is the summary of the customers of one demand stream.
type StreamSummary struct {
	Site, Item, Name string
	Priority         int
	Metrics          [NumMetrics]Estimate
}

// StreamMetric reports whether metric m is defined for the customers of a
// demand stream: their demand and what became of it, waits, promises and
// revenue; not the stock's levels and costs, which are the site-item's.
func StreamMetric(m int) bool {
	switch m {
	case MDemandUnits, MDemandOrders, MFillRate, MOrderFillRate, MBackorderRate, MBackorderedUnits, MBackorderedOrders,
		MLostUnits, MLostRate, MLostValue, MWaitMean, MWaitP95, MWaitMax, MLostSaleCost,
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

// Summarize computes the mean and 95% confidence half-width of every metric
// of every site-item, and of the total, over results (one per replication,
// in replication order).
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
	{
		count := make([]int, len(refs))
		for _, st := range streams {
			count[st.SKU]++
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
	total := make([][NumMetrics]float64, len(results))
	levels, _ := net.Echelons()
	perEchelon := make([][][NumMetrics]float64, slices.Max(levels))
	for _, res := range results {
		sum.Events += res.Events
		var tot Counters
		for i := range res.SKUs {
			c := &res.SKUs[i]
			for _, b := range []int64{c.DemandBalance(), c.StockBalance(), c.OrderBalance()} {
				sum.Conservation = max(sum.Conservation, b, -b)
			}
			tot.Add(c)
			var v [NumMetrics]float64
			c.Metrics(v[:])
			perSKU[i] = append(perSKU[i], v)
		}
		tot.Metrics(total[res.Replication][:])
		for i := range res.Streams {
			c := &res.Streams[i]
			if b := c.DemandBalance(); b != 0 {
				sum.Conservation = max(sum.Conservation, b, -b)
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
		for e := range res.Echelons {
			var v [NumMetrics]float64
			res.Echelons[e].Metrics(v[:])
			perEchelon[e] = append(perEchelon[e], v)
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
	for e := range perEchelon {
		es := EchelonSummary{Level: e + 1, Metrics: estimates(perEchelon[e])}
		for i, ref := range refs {
			if levels[i] == e+1 {
				es.Members = append(es.Members, ref.Name)
			}
		}
		sum.Echelons = append(sum.Echelons, es)
	}
	return sum
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
