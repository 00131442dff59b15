package stats_test

import (
	"math"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// TestCompareCRN: a variant that raises the reorder point fills more
// demand, the paired difference says so, and thanks to common random
// numbers its interval is much narrower than the two separate intervals
// would suggest.
func TestCompareCRN(t *testing.T) {
	base := pb1(3000)
	more := pb1(3000)
	more.Sites[0].Stocks[0].Policy = &model.RQ{R: 40, Q: 40}
	bs := stats.Summarize(base, 1, model.RunAll(base, 1, 10, 0))
	vs := stats.Summarize(more, 1, model.RunAll(more, 1, 10, 0))
	again := stats.Summarize(base, 1, model.RunAll(base, 1, 10, 0))
	cmp := stats.Compare(bs, []string{"r=40", "same"}, []*stats.Summary{vs, again})
	d := cmp.Variants[0].Total[model.MFillRate]
	unpaired := math.Hypot(bs.Total[model.MFillRate].HalfWidth, vs.Total[model.MFillRate].HalfWidth)
	t.Logf("fill rate difference %.5f ± %.5f (paired), ± %.5f unpaired", d.Mean, d.HalfWidth, unpaired)
	if !d.Significant || d.Mean <= 0 {
		t.Errorf("fill rate difference %v ± %v, want a significant gain", d.Mean, d.HalfWidth)
	}
	if !(d.HalfWidth < 0.75*unpaired) {
		t.Errorf("paired half-width %v not well below unpaired %v: common random numbers not at work", d.HalfWidth, unpaired)
	}
	if dd := cmp.Variants[0].Total[model.MDemandUnits]; dd.Mean != 0 || dd.Significant {
		t.Errorf("demand differs between variants: %v", dd)
	}
	for m, d := range cmp.Variants[1].Total {
		if (d.Mean != 0 && !math.IsNaN(d.Mean)) || d.Significant {
			t.Errorf("%s: the base against itself differs by %v", model.Metrics[m].Key, d)
		}
	}
	if s := cmp.Variants[0].SKUs[0]; !s.Matched || s.Metrics[model.MFillRate] != d {
		t.Errorf("site-item difference %+v, want the total's %+v (one site-item)", s.Metrics[model.MFillRate], d)
	}
}
