package scenarios

import (
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// seasonalRun runs bundled scenario seasonal (variant "" for the base)
// with statistics over [warmup, horizon], and returns its site-item's
// summary.
func seasonalRun(t *testing.T, variant string, warmup, horizon float64) stats.SKUSummary {
	t.Helper()
	s, err := Open("seasonal")
	if err != nil {
		t.Fatal(err)
	}
	if variant != "" {
		if s, err = s.Variant(variant); err != nil {
			t.Fatal(err)
		}
	}
	s.Warmup, s.Horizon = warmup, horizon
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	return stats.Summarize(net, s.Seed, model.RunAll(net, s.Seed, s.Replications, 0)).SKUs[0]
}

// TestSeasonalSafetyStockKeepsTarget is the signature test of levels
// that follow a profile: on bundled scenario seasonal (Poisson demand of
// 20 a day × weekly, monthly, trend and promotion factors; L = 5, weekly
// reviews, a cycle service level target of 0.95), the safety_stock level
// worked out from the demand expected over the 12 days ahead of each
// review meets the target within its confidence interval, over both years
// and in the peak (July of the second year, days 546 to 577), while the
// single level derived from the horizon's average demand (variant
// average) misses it: CSL about 0.73 over both years and 0 in July.
func TestSeasonalSafetyStockKeepsTarget(t *testing.T) {
	for _, w := range []struct {
		name            string
		warmup, horizon float64
	}{{"both years", 0, 730}, {"July", 546, 577}} {
		follow := seasonalRun(t, "", w.warmup, w.horizon)
		average := seasonalRun(t, "average", w.warmup, w.horizon)
		fc, ok := follow.TargetCheck()
		if !ok || fc.Metric != model.MCycleServiceLevel || fc.Value != 0.95 {
			t.Fatalf("%s: target %+v, %v; want cycle_service_level 0.95", w.name, fc, ok)
		}
		ac, _ := average.TargetCheck()
		t.Logf("%s: CSL following the profile %.3f ± %.3f (%v), fill rate %.4f, on hand %.1f; horizon average %.3f ± %.3f (%v), fill rate %.4f, on hand %.1f",
			w.name, fc.Achieved.Mean, fc.Achieved.HalfWidth, fc.Verdict, follow.Metrics[model.MFillRate].Mean, follow.Metrics[model.MAvgOnHand].Mean,
			ac.Achieved.Mean, ac.Achieved.HalfWidth, ac.Verdict, average.Metrics[model.MFillRate].Mean, average.Metrics[model.MAvgOnHand].Mean)
		if e := fc.Achieved; e.Mean+e.HalfWidth < 0.95 || fc.Verdict == stats.TargetMissed {
			t.Errorf("%s: the level following the profile achieves CSL %.3f ± %.3f, below the target 0.95", w.name, e.Mean, e.HalfWidth)
		}
		if ac.Verdict != stats.TargetMissed {
			t.Errorf("%s: the horizon-average level achieves CSL %.3f ± %.3f: %v, want missed", w.name, ac.Achieved.Mean, ac.Achieved.HalfWidth, ac.Verdict)
		}
	}
	// the level follows the season: low in winter, high in the promotion
	s, _ := Open("seasonal")
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	p := net.Sites[0].Stocks[0].Policy.(*model.SafetyStock)
	if p.Seasonal == nil || p.LevelMin >= 200 || p.LevelMax <= 700 {
		t.Errorf("order-up-to level from %d to %d, want it to follow the season (about 121 to 833)", p.LevelMin, p.LevelMax)
	}
}

// TestInvalidProfileNotDerived checks that a profile with the wrong
// number of multipliers under a derived policy gets its error, once, and
// does not reach the level derivation (it panicked there).
func TestInvalidProfileNotDerived(t *testing.T) {
	data, _ := BundledYAML("seasonal")
	src := string(data)
	for _, c := range []struct{ name, old, new, want string }{
		{"weekly", "weekly: [1, 0.9, 0.9, 1, 1.1, 1.5, 1.6]", "weekly: [1, 0.9]", "profile.weekly: needs 7 multipliers"},
		{"monthly", "monthly: [0.4, 0.5, 0.7, 0.9, 1.2, 1.6, 1.9, 1.8, 1.1, 0.7, 0.5, 0.5]", "monthly: [0.4]", "profile.monthly: needs 12 multipliers"},
	} {
		for _, policy := range []string{
			"{type: safety_stock, cycle_service_level: 0.95, review: periodic, review_period: 7}",
			"{type: eoq, safety_stock: 10}",
			"{type: vmi, min_days: 3, max_days: 9, review_period: 7}",
			"{type: forecast, alpha: 0.1, cycle_service_level: 0.95, order_quantity: 50}",
		} {
			bad := strings.Replace(src, c.old, c.new, 1)
			bad = strings.Replace(bad, "{type: safety_stock, cycle_service_level: 0.95, review: periodic, review_period: 7}", policy, 1)
			if bad == src {
				t.Fatal("the replacements did not apply")
			}
			s, err := Parse("bad.yaml", []byte(bad))
			if err == nil {
				_, err = s.Build()
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("%s profile under %s: error %v, want one error about %q", c.name, policy, err, c.want)
			}
		}
	}
}
