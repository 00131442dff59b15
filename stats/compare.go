package stats

import (
	"math"

	"scsim/model"
)

// Diff is the paired difference of one metric between a variant and the
// base: the mean over replications of (variant − base) in the same
// replication, which used the same random numbers (common random numbers),
// with the half-width of its 95% confidence interval. Replications where
// either value is undefined are left out.
type Diff struct {
	Mean, HalfWidth float64
	N               int
	// Significant says the interval excludes 0: the variant differs from
	// the base at the 5% level.
	Significant bool
}

// Comparison is a base scenario and its variants, run with the same seed
// and number of replications.
type Comparison struct {
	Base     *Summary
	Variants []VariantComparison
}

// VariantComparison is one variant and its differences from the base.
type VariantComparison struct {
	Name    string
	Summary *Summary
	// Total holds the differences of the network totals.
	Total [model.NumMetrics]Diff
	// SKUs holds the differences per site-item, in the variant's site-item
	// order; a site-item the base lacks has none (Matched false).
	SKUs []SKUDiff
	// Echelons, Sites and Items hold the differences of the roll-ups of
	// [Summary], in the variant's order, matched by name.
	Echelons, Sites, Items []GroupDiff
}

// GroupDiff is the differences of one roll-up.
type GroupDiff struct {
	Kind, Name string
	Matched    bool
	Metrics    [model.NumMetrics]Diff
}

// SKUDiff is the differences of one site-item.
type SKUDiff struct {
	Site, Item string
	Matched    bool
	Metrics    [model.NumMetrics]Diff
}

// Shown returns the indices into [model.Metrics] of the metrics to output for
// the comparison: those of the features the base or any variant uses.
func (c *Comparison) Shown() []int {
	f := c.Base.Features
	for i := range c.Variants {
		f |= c.Variants[i].Summary.Features
	}
	return ShownMetrics(f)
}

// Compare pairs every variant with the base, replication by replication.
// The summaries must come from [Summarize] over the same replications (the
// same seed and count); site-items are matched by site and item name.
func Compare(base *Summary, names []string, variants []*Summary) *Comparison {
	cmp := &Comparison{Base: base}
	index := map[[2]string]int{}
	for i, k := range base.SKUs {
		index[[2]string{k.Site, k.Item}] = i
	}
	for v, vs := range variants {
		vc := VariantComparison{Name: names[v], Summary: vs, Total: pairedDiffs(vs.totalReps, base.totalReps)}
		for i, k := range vs.SKUs {
			d := SKUDiff{Site: k.Site, Item: k.Item}
			if b, ok := index[[2]string{k.Site, k.Item}]; ok {
				d.Matched = true
				d.Metrics = pairedDiffs(vs.skuReps(i), base.skuReps(b))
			}
			vc.SKUs = append(vc.SKUs, d)
		}
		vc.Echelons = groupDiffs(vs.Echelons, base.Echelons)
		vc.Sites = groupDiffs(vs.Sites, base.Sites)
		vc.Items = groupDiffs(vs.Items, base.Items)
		cmp.Variants = append(cmp.Variants, vc)
	}
	return cmp
}

// groupDiffs pairs each roll-up of a variant with the base's of the same
// name.
func groupDiffs(vs, base []Group) []GroupDiff {
	out := make([]GroupDiff, len(vs))
	for g := range vs {
		out[g] = GroupDiff{Kind: vs[g].Kind, Name: vs[g].Name}
		for b := range base {
			if base[b].Name == vs[g].Name {
				out[g].Matched = true
				out[g].Metrics = pairedDiffs(vs[g].reps, base[b].reps)
				break
			}
		}
	}
	return out
}

// PairedDiffs returns, per metric, the paired difference a − b over the
// replications both have, as values of [ScopeResult.Reps]: replication r
// of a and of b used the same random numbers.
func PairedDiffs(a, b [][model.NumMetrics]float64) [model.NumMetrics]Diff { return pairedDiffs(a, b) }

// pairedDiffs returns, per metric, the estimate of the mean of a − b over
// the replications both have.
func pairedDiffs(a, b [][model.NumMetrics]float64) [model.NumMetrics]Diff {
	var out [model.NumMetrics]Diff
	n := min(len(a), len(b))
	for m := range out {
		e := estimate(pairs{a[:n], b[:n], m})
		out[m] = Diff{Mean: e.Mean, HalfWidth: e.HalfWidth, N: e.N,
			Significant: e.N >= 2 && e.HalfWidth >= 0 && math.Abs(e.Mean) > e.HalfWidth}
	}
	return out
}

// pairs is the sample of the differences a − b of metric m, replication
// by replication, those undefined on either side left out.
type pairs struct {
	a, b [][model.NumMetrics]float64
	m    int
}

func (p pairs) len() int { return len(p.a) }
func (p pairs) at(i int) (float64, bool) {
	d := p.a[i][p.m] - p.b[i][p.m]
	return d, !math.IsNaN(d)
}

// ScopeDiffs returns the differences of every part of the variant's
// results, aligned with its [Summary.Scopes]: nil for a part the base
// lacks.
func (vc *VariantComparison) ScopeDiffs() []*[model.NumMetrics]Diff {
	out := []*[model.NumMetrics]Diff{&vc.Total}
	for i := range vc.SKUs {
		var d *[model.NumMetrics]Diff
		if vc.SKUs[i].Matched {
			d = &vc.SKUs[i].Metrics
		}
		out = append(out, d)
	}
	for _, gs := range [][]GroupDiff{vc.Echelons, vc.Sites, vc.Items} {
		for g := range gs {
			var d *[model.NumMetrics]Diff
			if gs[g].Matched {
				d = &gs[g].Metrics
			}
			out = append(out, d)
		}
	}
	return out
}
