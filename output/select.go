package output

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"scsim/model"
	"scsim/stats"
)

// maxListedSKUs is the most valid site-items an [SelectSKUs] error lists;
// a network of thousands says how many more there are.
const maxListedSKUs = 20

// SelectSKUs returns the site-items of s that the plots and the report
// show, as indices into s.SKUs.
//
// With names ("site/item", as --items gives them) it returns those
// site-items in the order given, each once; a name that is not a
// site-item of s is an error that names it and lists the valid ones.
//
// Without names it returns the customer-facing site-items (those with a
// customer demand stream, [stats.Summary.Streams]) worst service first:
// by increasing customer fill rate (see [CustomerFillRate]), those with
// an undefined fill rate last, ties in the order of s.SKUs.
func SelectSKUs(s *stats.Summary, names []string) ([]int, error) {
	if len(names) == 0 {
		return worstServedSKUs(s), nil
	}
	index := make(map[string]int, len(s.SKUs))
	for i, k := range s.SKUs {
		index[k.Site+"/"+k.Item] = i
	}
	var out []int
	var unknown []string
	for _, n := range names {
		i, ok := index[n]
		switch {
		case !ok:
			unknown = append(unknown, fmt.Sprintf("%q", n))
		case !slices.Contains(out, i):
			out = append(out, i)
		}
	}
	if len(unknown) > 0 {
		noun := "site-item"
		if len(unknown) > 1 {
			noun += "s"
		}
		return nil, fmt.Errorf("unknown %s %s in %s (valid: %s)", noun, strings.Join(unknown, ", "), s.Scenario, validSKUs(s))
	}
	return out, nil
}

// validSKUs lists the site-items of s, "a/x, b/x", at most maxListedSKUs
// of them and then how many more.
func validSKUs(s *stats.Summary) string {
	var names []string
	for _, k := range s.SKUs[:min(len(s.SKUs), maxListedSKUs)] {
		names = append(names, k.Site+"/"+k.Item)
	}
	list := strings.Join(names, ", ")
	if n := len(s.SKUs) - maxListedSKUs; n > 0 {
		list += fmt.Sprintf(" and %d more; scsim run --format csv lists them all", n)
	}
	return list
}

// CustomerFillRate returns, for each site-item of s, the fill rate of its
// customers: the mean fill rate of each of its demand streams, weighted
// by the stream's mean units demanded; NaN for a site-item without
// customer demand (one that only supplies other sites), or whose streams
// have no defined fill rate. For a site-item that serves customers only,
// with one stream, it is the site-item's own fill rate.
func CustomerFillRate(s *stats.Summary) []float64 {
	index := make(map[string]int, len(s.SKUs))
	for i, k := range s.SKUs {
		index[k.Site+"/"+k.Item] = i
	}
	filled := make([]float64, len(s.SKUs))
	demand := make([]float64, len(s.SKUs))
	for _, st := range s.Streams {
		i, ok := index[st.Site+"/"+st.Item]
		f, d := st.Estimate(model.MFillRate).Mean, st.Estimate(model.MDemandUnits).Mean
		if !ok || !finite(f) || !finite(d) || d <= 0 {
			continue
		}
		filled[i] += f * d
		demand[i] += d
	}
	out := make([]float64, len(s.SKUs))
	for i := range out {
		out[i] = math.NaN()
		if demand[i] > 0 {
			out[i] = filled[i] / demand[i]
		}
	}
	return out
}

// worstServedSKUs returns the site-items of s with customer demand
// streams, by increasing customer fill rate, undefined last, then in
// order.
func worstServedSKUs(s *stats.Summary) []int {
	fill := CustomerFillRate(s)
	customers := make([]bool, len(s.SKUs))
	index := make(map[string]int, len(s.SKUs))
	for i, k := range s.SKUs {
		index[k.Site+"/"+k.Item] = i
	}
	for _, st := range s.Streams {
		if i, ok := index[st.Site+"/"+st.Item]; ok {
			customers[i] = true
		}
	}
	var out []int
	for i, c := range customers {
		if c {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int {
		fa, fb := fill[a], fill[b]
		switch {
		case math.IsNaN(fa) && math.IsNaN(fb):
			return 0
		case math.IsNaN(fa):
			return 1
		case math.IsNaN(fb):
			return -1
		}
		return cmpFloat(fa, fb)
	})
	return out
}
