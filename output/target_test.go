package output

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// targetSummary returns a hand-made summary of four site-items: three
// with a cycle service level target of 0.95 that achieve 0.951 ± 0.004
// (met), 0.94 ± 0.02 (within noise) and 0.73 ± 0.006 (missed), and one
// rq without a target.
func targetSummary(t *testing.T) *stats.Summary {
	p, err := model.NewSafetyStock(model.CycleServiceLevel, 0.95, 10, 3, 2, 0, 7, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := &stats.Summary{Scenario: "targets", Seed: 1, Replications: 10, Horizon: 100}
	for _, c := range []struct {
		site string
		csl  stats.Estimate
	}{{"a", stats.Estimate{Mean: 0.951, HalfWidth: 0.004, N: 10}}, {"b", stats.Estimate{Mean: 0.94, HalfWidth: 0.02, N: 10}},
		{"c", stats.Estimate{Mean: 0.73, HalfWidth: 0.006, N: 10}}, {"d", stats.Estimate{Mean: 0.5, HalfWidth: 0.1, N: 10}}} {
		k := stats.SKUSummary{Site: c.site, Item: "widget", SiteKind: "store", Policy: p.Describe()}
		if c.site == "d" {
			k.Policy = (&model.RQ{R: 1, Q: 2}).Describe()
		}
		for i := range k.Metrics {
			k.Metrics[i] = stats.Estimate{Mean: 1, HalfWidth: 0, N: 10}
		}
		k.Metrics[model.MCycleServiceLevel] = c.csl
		s.SKUs = append(s.SKUs, k)
	}
	return s
}

// TestTargetTable checks the table's line per targeted site-item.
func TestTargetTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, targetSummary(t), testMeta); err != nil {
		t.Fatal(err)
	}
	want := "service targets\n" +
		"  a/widget  cycle_service_level target 0.95, achieved 0.9510 ± 0.0040: met\n" +
		"  b/widget  cycle_service_level target 0.95, achieved 0.940 ± 0.020: within noise\n" +
		"  c/widget  cycle_service_level target 0.95, achieved 0.7300 ± 0.0060: missed\n\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("table lacks\n%s\ngot\n%s", want, b.String())
	}
}

// TestTargetJSON checks the target object of each site-item: present for
// a policy with a target, with the achieved estimate and the verdict.
func TestTargetJSON(t *testing.T) {
	doc, _ := mustDecodeJSON(t, targetSummary(t))
	items := doc["site_items"].([]any)
	verdicts := []string{"met", "within_noise", "missed"}
	for i, it := range items {
		target, ok := it.(map[string]any)["target"]
		if i == 3 {
			if ok {
				t.Errorf("rq site-item has a target: %v", target)
			}
			continue
		}
		want := map[string]any{"metric": "cycle_service_level", "value": 0.95, "verdict": verdicts[i],
			"achieved": metricEstimate(t, it.(map[string]any)["metrics"], "cycle_service_level")}
		if !reflect.DeepEqual(target, want) {
			t.Errorf("site-item %d: target %v, want %v", i, target, want)
		}
	}
}

// TestTargetWarnings checks that only the missed target is warned of.
func TestTargetWarnings(t *testing.T) {
	got := TargetWarnings(targetSummary(t), "v")
	want := []string{"warning: v: c/widget missed its cycle_service_level target 0.95, achieved 0.7300 ± 0.0060: the whole 95% interval lies below the target"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
	s := targetSummary(t)
	s.SKUs[2].Metrics[model.MCycleServiceLevel] = stats.Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
	if got := TargetWarnings(s, ""); got != nil {
		t.Errorf("warnings %q for an undetermined target, want none", got)
	}
}
