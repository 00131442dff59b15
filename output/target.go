package output

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// This file reports the service targets of policies that promise one
// (safety_stock, forecast) beside what the site-items achieved, with the
// verdict of [model.Target.Check]: "met" (the mean is at or above the
// target), "within noise" (below, but the 95% interval reaches it),
// "missed" (the whole interval is below) or "undetermined".

// targetJSON is a site-item's target in the JSON documents.
type targetJSON struct {
	Metric   string       `json:"metric"`
	Value    float64      `json:"value"`
	Achieved estimateJSON `json:"achieved"`
	Verdict  string       `json:"verdict"`
}

// siteItemTarget returns the JSON target of k, or nil when its policy
// promises none.
func siteItemTarget(k *stats.SKUSummary) *targetJSON {
	tc, ok := k.TargetCheck()
	if !ok {
		return nil
	}
	e := tc.Achieved
	return &targetJSON{
		Metric:   model.Metrics[tc.Metric].Key,
		Value:    tc.Value,
		Achieved: estimateJSON{Mean: jsonFloat(e.Mean), HalfWidth: jsonFloat(e.HalfWidth), N: e.N},
		Verdict:  tc.Verdict.Key(),
	}
}

// writeTargets writes a line per site-item with a target: "store/widget
// cycle_service_level target 0.95, achieved 0.951 ± 0.004: met". With
// onlyMissed (a network too large to list every site-item) it writes the
// missed ones only.
func writeTargets(b *strings.Builder, s *stats.Summary, onlyMissed bool) {
	type line struct {
		name string
		tc   stats.TargetCheck
	}
	var lines []line
	width := 0
	for i := range s.SKUs {
		k := &s.SKUs[i]
		tc, ok := k.TargetCheck()
		if !ok || onlyMissed && tc.Verdict != stats.TargetMissed {
			continue
		}
		lines = append(lines, line{k.Site + "/" + k.Item, tc})
		width = max(width, utf8.RuneCountInString(lines[len(lines)-1].name))
	}
	if len(lines) == 0 {
		return
	}
	if onlyMissed {
		b.WriteString("service targets missed\n")
	} else {
		b.WriteString("service targets\n")
	}
	for _, l := range lines {
		fmt.Fprintf(b, "  %s  %s: %s\n", pad(l.name, width), describeTarget(l.tc), l.tc.Verdict)
	}
}

// describeTarget formats a target check as "cycle_service_level target
// 0.95, achieved 0.951 ± 0.004".
func describeTarget(tc stats.TargetCheck) string {
	m := &model.Metrics[tc.Metric]
	c := formatEstimate(m.Unit, tc.Achieved)
	achieved := c.mean
	if c.hw != "" {
		achieved += " ± " + c.hw
	}
	return fmt.Sprintf("%s target %s, achieved %s", m.Key, paramValue(tc.Value), achieved)
}

// TargetWarnings returns a warning line for each site-item of s that
// missed its policy's service target (the whole 95% interval of the
// achieved value below it), prefixed with what (a variant's name, or
// empty).
func TargetWarnings(s *stats.Summary, what string) []string {
	var out []string
	for i := range s.SKUs {
		k := &s.SKUs[i]
		tc, ok := k.TargetCheck()
		if !ok || tc.Verdict != stats.TargetMissed {
			continue
		}
		name := k.Site + "/" + k.Item
		if what != "" {
			name = what + ": " + name
		}
		out = append(out, fmt.Sprintf("warning: %s missed its %s: the whole 95%% interval lies below the target", name, describeTarget(tc)))
	}
	return out
}
