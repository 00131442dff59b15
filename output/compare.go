package output

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// CompareSchema identifies the layout written by [WriteCompareJSON]. It
// changes only when a field is removed or changes meaning; new fields may
// be added under the same schema. See docs/json-format.md.
//
// v2 (scsim 0.2): "total" covers customers' service with network-wide
// costs (see [Schema]); "echelons", "sites" and "items" roll-ups were added
// to the base and each variant, with their paired differences.
const CompareSchema = "scsim/compare/v2"

// BaseName is the name of the base scenario in comparison outputs: the
// first column of [WriteCompareTable] and the variant field of the base's
// rows in [WriteCompareCSV]. Callers should not give a variant this name.
const BaseName = "base"

// Marks of the comparison table (see [WriteCompareTable]).
const (
	// sigMark marks a paired difference whose 95% interval excludes 0, in
	// every output.
	sigMark = "*"
	// partialMark marks a mean over fewer replications than were run, in
	// every output.
	partialMark = "†"
	// comparePartialMark is partialMark.
	comparePartialMark = partialMark
)

// sigLegend explains sigMark wherever it is used.
const sigLegend = "the 95% interval of the paired difference excludes 0"

// formatDiff rounds a paired difference like an estimate (see [WriteTable]),
// with an explicit "+" on a positive mean and [sigMark] when significant.
func formatDiff(unit string, d stats.Diff) cell {
	c := formatEstimate(unit, stats.Estimate{Mean: d.Mean, HalfWidth: d.HalfWidth, N: d.N})
	if d.Mean > 0 && strings.Trim(c.mean, "0.") != "" {
		c.mean = "+" + c.mean
	}
	if d.Significant {
		c.mark = sigMark
	}
	return c
}

// compareHeader returns the base summary with the events and the worst
// conservation imbalance of every run of the comparison, for the header.
func compareHeader(cmp *stats.Comparison) *stats.Summary {
	h := *cmp.Base
	for _, v := range cmp.Variants {
		h.Events += v.Summary.Events
		h.Conservation = max(h.Conservation, v.Summary.Conservation)
	}
	return &h
}

// maxPolicyLines is how many site-item policies the comparison table lists
// per variant; the rest are counted.
const maxPolicyLines = 3

// policyChanges describes, for the comparison header, the policies of
// variant s: those of site-items whose policy differs from the base's, or
// all of them for the base itself (base nil).
func policyChanges(s, base *stats.Summary) []string {
	var out []string
	index := map[[2]string]string{}
	if base != nil {
		for _, k := range base.SKUs {
			index[[2]string{k.Site, k.Item}] = formatPolicy(k.Policy)
		}
	}
	for _, k := range s.SKUs {
		p := formatPolicy(k.Policy)
		if base != nil {
			if bp, ok := index[[2]string{k.Site, k.Item}]; ok && bp == p {
				continue
			}
		}
		out = append(out, k.Site+"/"+k.Item+" "+p)
	}
	switch {
	case len(out) > maxPolicyLines:
		more := len(out) - (maxPolicyLines - 1)
		out = append(out[:maxPolicyLines-1], fmt.Sprintf("and %d more site-items", more))
	case len(out) == 0 && base != nil:
		out = []string{"the base's policies"}
	}
	return out
}

// WriteCompareTable writes cmp for people: the header of the base run (its
// events and conservation summed over every run compared), the policies
// of the base and what each variant changes, and one aligned table of the
// network totals with a row per metric (in [model.Metrics] order). Its
// columns are the base and each variant as "mean ± half-width", then for
// each variant "Δ NAME", the paired difference variant − base over the
// replications (common random numbers), "± half-width", and "*" when its
// 95% interval excludes 0. Cells are rounded as in [WriteTable]; "†"
// marks a mean over fewer replications than were run. Per-site-item
// estimates and differences are in [WriteCompareCSV] and
// [WriteCompareJSON].
//
// Lines fit in 100 columns for a base and one variant with short names,
// and in 125 for two.
func WriteCompareTable(w io.Writer, cmp *stats.Comparison, m Meta) error {
	var b strings.Builder
	writeHeader(&b, compareHeader(cmp), m)
	b.WriteString("\n")
	b.WriteString("compared (same seed and replications: common random numbers)\n")
	names := []string{BaseName}
	for _, v := range cmp.Variants {
		names = append(names, v.Name)
	}
	width := 0
	for _, n := range names {
		width = max(width, utf8.RuneCountInString(n))
	}
	for i, n := range names {
		var lines []string
		if i == 0 {
			lines = policyChanges(cmp.Base, nil)
		} else {
			lines = policyChanges(cmp.Variants[i-1].Summary, cmp.Base)
		}
		for j, l := range lines {
			label := n
			if j > 0 {
				label = ""
			}
			writeWrapped(&b, "  "+pad(label, width)+"  ", l, ", ")
		}
	}
	b.WriteString("\n")
	reps := cmp.Base.Replications
	sc := compareScopeOf(cmp)
	if reps < 2 {
		fmt.Fprintf(&b, "%s; %d replication: no confidence half-widths (run 2 or more)\n", sc.title, reps)
	} else {
		fmt.Fprintf(&b, "%s; %g%% confidence half-widths over %d replications; Δ = variant − base, paired\n", sc.title, confidence*100, reps)
	}
	// the runs' estimates, then the differences, each in blocks of their own
	cols := []*column{{name: BaseName, est: sc.est[0], partialMark: comparePartialMark}}
	for i := range cmp.Variants {
		cols = append(cols, &column{name: cmp.Variants[i].Name, est: sc.est[i+1], partialMark: comparePartialMark})
	}
	for i := range cmp.Variants {
		cols = append(cols, &column{name: "Δ " + cmp.Variants[i].Name, diff: sc.diffs[i], partialMark: comparePartialMark, breakBefore: i == 0})
	}
	partial := writeMetrics(&b, reps, cmp.Shown(), cols, m.TimeUnit)
	shown := rollupShown(cmp.Shown())
	for _, sec := range compareRollups(cmp) {
		if len(sec.groups) > maxTableSKUs {
			fmt.Fprintf(&b, "\n%s: %d roll-ups, in the comparison CSV and JSON\n", sec.title, len(sec.groups))
			continue
		}
		for _, g := range sec.groups {
			b.WriteString("\n")
			writeWrapped(&b, sec.title+": ", g.name+" ("+listMembers(g.members)+")", ", ")
			cols := []*column{{name: BaseName, est: g.est[0], partialMark: comparePartialMark}}
			for i, v := range cmp.Variants {
				if g.est[i+1] != nil {
					cols = append(cols, &column{name: v.Name, est: g.est[i+1], partialMark: comparePartialMark})
				}
			}
			first := true
			for i, v := range cmp.Variants {
				if g.diffs[i] != nil {
					cols = append(cols, &column{name: "Δ " + v.Name, diff: g.diffs[i], partialMark: comparePartialMark, breakBefore: first})
					first = false
				}
			}
			partial = writeMetrics(&b, reps, shown, cols, m.TimeUnit) || partial
		}
	}
	writeTheoryRuns(&b, compareTheoryRuns(cmp, m), reps, "run")
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s %s\n", sigMark, sigLegend)
	b.WriteString(`"-": nothing to measure (e.g. no backorders to wait for)`)
	if partial {
		fmt.Fprintf(&b, `; "%s": undefined in some replications, mean of the others`, comparePartialMark)
	}
	b.WriteString("\n")
	b.WriteString("Every site-item's estimates and differences: the comparison CSV or JSON\n")
	fmt.Fprintf(&b, "Metric definitions: %s\n", MetricDocs)
	if _, err := io.WriteString(w, Printable(b.String())); err != nil {
		return fmt.Errorf("write comparison table: %w", err)
	}
	return nil
}

// compareScope is what the main table of a comparison shows: the network
// totals, or, when the base and every variant have one and the same
// site-item, that site-item's own values. Its totals are the same values,
// but for bullwhip, which a total (a sum of demand streams) has not: the
// site-item's table of a run shows its bullwhip, and so then does the
// comparison.
type compareScope struct {
	title string                              // the scope in words, first in the table's heading
	est   []*[model.NumMetrics]stats.Estimate // the base's, then each variant's
	diffs []*[model.NumMetrics]stats.Diff     // each variant's differences from the base
	sku   string                              // "site/item" when one site-item's
}

// compareScopeOf returns the scope of cmp's main table.
func compareScopeOf(cmp *stats.Comparison) compareScope {
	one := len(cmp.Base.SKUs) == 1
	for i := range cmp.Variants {
		v := &cmp.Variants[i]
		one = one && len(v.Summary.SKUs) == 1 && len(v.SKUs) == 1 && v.SKUs[0].Matched
	}
	var sc compareScope
	if one {
		k := &cmp.Base.SKUs[0]
		sc.sku = k.Site + "/" + k.Item
		sc.title = sc.sku + ", the only site-item (its values are the totals', and bullwhip its own)"
		sc.est = append(sc.est, &k.Metrics)
		for i := range cmp.Variants {
			v := &cmp.Variants[i]
			sc.est = append(sc.est, &v.Summary.SKUs[0].Metrics)
			sc.diffs = append(sc.diffs, &v.SKUs[0].Metrics)
		}
		return sc
	}
	sc.title = "totals (customers' service, network costs)"
	sc.est = append(sc.est, &cmp.Base.Total)
	for i := range cmp.Variants {
		v := &cmp.Variants[i]
		sc.est = append(sc.est, &v.Summary.Total)
		sc.diffs = append(sc.diffs, &v.Total)
	}
	return sc
}

// rollupMetrics are the metrics the comparison table and report show of
// each roll-up; the CSV and JSON have every metric.
var rollupMetrics = []int{model.MFillRate, model.MAvgBackorders, model.MWaitMean, model.MAvgOnHand, model.MTotalCost, model.MBullwhip}

// rollupShown returns the metrics of rollupMetrics in shown.
func rollupShown(shown []int) []int {
	var out []int
	for _, m := range rollupMetrics {
		if slices.Contains(shown, m) {
			out = append(out, m)
		}
	}
	return out
}

// compareGroup is one roll-up in every run of a comparison: its estimates
// in the base and each variant (nil where a variant lacks it) and its
// paired differences in each variant.
type compareRollupGroup struct {
	name    string
	members []string
	est     []*[model.NumMetrics]stats.Estimate
	diffs   []*[model.NumMetrics]stats.Diff
}

// compareSection is a kind of roll-up in a comparison.
type compareSection struct {
	title  string
	groups []compareRollupGroup
}

// compareRollups returns the roll-ups worth showing of the base (see
// rollups), each matched by name in every variant.
func compareRollups(cmp *stats.Comparison) []compareSection {
	var out []compareSection
	for _, r := range rollups(cmp.Base) {
		sec := compareSection{title: r.title}
		for gi := range r.gs {
			g := &r.gs[gi]
			cg := compareRollupGroup{name: groupColumn(g), members: g.Members, est: []*[model.NumMetrics]stats.Estimate{&g.Metrics}}
			for v := range cmp.Variants {
				vc := &cmp.Variants[v]
				var est *[model.NumMetrics]stats.Estimate
				var diff *[model.NumMetrics]stats.Diff
				vgs, vds := variantGroups(vc, g.Kind)
				for i := range vgs {
					if vgs[i].Name == g.Name {
						est = &vgs[i].Metrics
						if vds[i].Matched {
							diff = &vds[i].Metrics
						}
					}
				}
				cg.est = append(cg.est, est)
				cg.diffs = append(cg.diffs, diff)
			}
			sec.groups = append(sec.groups, cg)
		}
		out = append(out, sec)
	}
	return out
}

// variantGroups returns a variant's roll-ups of kind with their
// differences.
func variantGroups(vc *stats.VariantComparison, kind string) ([]stats.Group, []stats.GroupDiff) {
	switch kind {
	case stats.KindEchelon:
		return vc.Summary.Echelons, vc.Echelons
	case stats.KindSite:
		return vc.Summary.Sites, vc.Sites
	}
	return vc.Summary.Items, vc.Items
}

// WriteCompareCSV writes cmp as tidy CSV with the header
//
//	scenario,fingerprint,seed,variant,scope,kind,site,item,metric,unit,mean,half_width,n,diff_mean,diff_half_width,diff_n,significant
//
// First the base ([BaseName]), then each variant in order; within each,
// one row per metric of every part of the results in the order of
// [stats.Summary.Scopes] (the customers' total, the site-items, then the
// echelons, sites and items; scope and kind as in [WriteCSV]). The base's
// rows have empty diff fields, and so does a variant's part that the base
// lacks; otherwise diff_* are the paired difference variant − base and
// significant is "true" when its 95% interval excludes 0, else "false".
// Numbers are written as by [WriteCSV]; an undefined value is an empty
// field.
func WriteCompareCSV(w io.Writer, cmp *stats.Comparison, m Meta) error {
	cw := newCSVWriter(w)
	cw.Write(slices.Concat(provenanceHeader, []string{"variant"}, scopeHeader, []string{"metric", "unit", "mean", "half_width", "n",
		"diff_mean", "diff_half_width", "diff_n", "significant"}))
	row := make([]string, 0, 17)
	shown := cmp.Shown()
	rows := func(variant string, s *stats.Summary, diffs []*[model.NumMetrics]stats.Diff) {
		prov := provenance(s, m) // the run's own fingerprint
		for j, sc := range s.Scopes() {
			for _, i := range shown {
				e := sc.Metrics[i]
				mt := &model.Metrics[i]
				row = append(append(append(row[:0], prov...), variant), scopeCells(sc)...)
				row = append(row, mt.Key, mt.Unit, csvFloat(e.Mean), csvFloat(e.HalfWidth), strconv.Itoa(e.N))
				if diffs == nil || diffs[j] == nil {
					row = append(row, "", "", "", "")
				} else {
					d := &diffs[j][i]
					row = append(row, csvFloat(d.Mean), csvFloat(d.HalfWidth), strconv.Itoa(d.N), strconv.FormatBool(d.Significant))
				}
				cw.Write(row)
			}
		}
	}
	rows(BaseName, cmp.Base, nil)
	for v := range cmp.Variants {
		vc := &cmp.Variants[v]
		rows(vc.Name, vc.Summary, vc.ScopeDiffs())
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write comparison csv: %w", err)
	}
	return nil
}

// compareJSON is the document written by WriteCompareJSON; field order is
// output order.
type compareJSON struct {
	Schema     string        `json:"schema"`
	Version    string        `json:"scsim_version"`
	Scenario   scenarioJSON  `json:"scenario"`
	Confidence float64       `json:"confidence"`
	Metrics    []metricJSON  `json:"metrics"`
	Base       runPartJSON   `json:"base"`
	Variants   []runPartJSON `json:"variants"`
}

// runPartJSON is the base or one variant of a comparison.
type runPartJSON struct {
	Name         string           `json:"name"`
	Scenario     string           `json:"scenario"`
	Fingerprint  string           `json:"fingerprint"`
	Events       uint64           `json:"events"`
	Conservation int64            `json:"conservation_max_imbalance"`
	Total        compareTotalJSON `json:"total"`
	SiteItems    []compareSKUJSON `json:"site_items"`
	Echelons     []compareGroup   `json:"echelons"`
	Sites        []compareGroup   `json:"sites"`
	Items        []compareGroup   `json:"items"`
	// Theory is the run's exact theory beside its own estimates, as a
	// run's theory; absent when none applies
	Theory []theoryJSON `json:"theory,omitempty"`
}

type compareTotalJSON struct {
	Scope   string        `json:"scope"` // "customers"
	Metrics metricsObject `json:"metrics"`
	Diffs   *diffsObject  `json:"diffs"`
}

// compareGroup is a roll-up of a comparison's run, with its differences
// from the base's (null for the base, or when the base lacks it).
type compareGroup struct {
	groupJSON
	Diffs *diffsObject `json:"diffs"`
}

// compareGroups returns the JSON of roll-ups gs with their differences ds
// (nil for the base).
func compareGroups(gs []stats.Group, ds []stats.GroupDiff, shown []int) []compareGroup {
	out := make([]compareGroup, len(gs))
	for i, g := range newGroupsJSON(gs, shown) {
		out[i].groupJSON = g
		if i < len(ds) && ds[i].Matched {
			out[i].Diffs = &diffsObject{&ds[i].Metrics, shown}
		}
	}
	return out
}

type compareSKUJSON struct {
	Site     string        `json:"site"`
	Item     string        `json:"item"`
	SiteType string        `json:"site_type"`
	Policy   policyJSON    `json:"policy"`
	Metrics  metricsObject `json:"metrics"`
	Diffs    *diffsObject  `json:"diffs"`
}

// diffsObject marshals paired differences as a JSON object keyed by metric
// key, in the order of [model.Metrics].
type diffsObject struct {
	d     *[model.NumMetrics]stats.Diff
	shown []int // indices into model.Metrics
}

// MarshalJSON implements [json.Marshaler].
func (o diffsObject) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 80*len(o.shown))
	b = append(b, '{')
	for j, i := range o.shown {
		if j > 0 {
			b = append(b, ',')
		}
		d := &o.d[i]
		b = append(b, metricKeysJSON[i]...)
		b = appendEstimate(b, d.Mean, d.HalfWidth, d.N)
		b = append(b, `,"significant":`...)
		b = strconv.AppendBool(b, d.Significant)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// comparePart builds the JSON of one run of a comparison: the base when
// vc is nil.
func comparePart(name string, s *stats.Summary, vc *stats.VariantComparison, shown []int) runPartJSON {
	p := runPartJSON{
		Name:         name,
		Scenario:     s.Scenario,
		Fingerprint:  s.Fingerprint,
		Events:       s.Events,
		Conservation: s.Conservation,
		Total:        compareTotalJSON{Scope: stats.ScopeCustomers, Metrics: metricsObject{&s.Total, shown}},
		SiteItems:    make([]compareSKUJSON, len(s.SKUs)),
	}
	var echelons, sites, items []stats.GroupDiff
	if vc != nil {
		p.Total.Diffs = &diffsObject{&vc.Total, shown}
		echelons, sites, items = vc.Echelons, vc.Sites, vc.Items
	}
	p.Echelons = compareGroups(s.Echelons, echelons, shown)
	p.Sites = compareGroups(s.Sites, sites, shown)
	p.Items = compareGroups(s.Items, items, shown)
	for i := range s.SKUs {
		k := &s.SKUs[i]
		p.SiteItems[i] = compareSKUJSON{
			Site:     k.Site,
			Item:     k.Item,
			SiteType: k.SiteKind,
			Policy:   policyJSON{Type: k.Policy.Type, Review: k.Policy.Review, Params: paramsObject(k.Policy.Params)},
			Metrics:  metricsObject{&k.Metrics, shown},
		}
		if vc != nil && i < len(vc.SKUs) && vc.SKUs[i].Matched {
			p.SiteItems[i].Diffs = &diffsObject{&vc.SKUs[i].Metrics, shown}
		}
	}
	return p
}

// WriteCompareJSON writes cmp as one indented JSON document of schema
// [CompareSchema], followed by a newline: the scenario of the base, the
// metric list, the base and each variant with their estimates and, for the
// variants, the paired differences from the base with their significance.
// NaN and ±Inf become null. The format is documented in
// docs/json-format.md.
func WriteCompareJSON(w io.Writer, cmp *stats.Comparison, m Meta) error {
	s := cmp.Base
	shown := cmp.Shown()
	doc := compareJSON{
		Schema:     CompareSchema,
		Version:    m.Version,
		Scenario:   newScenarioJSON(s, m),
		Confidence: confidence,
		Metrics:    metricList(shown),
		Base:       comparePart(BaseName, s, nil, shown),
		Variants:   make([]runPartJSON, len(cmp.Variants)),
	}
	for i := range cmp.Variants {
		vc := &cmp.Variants[i]
		doc.Variants[i] = comparePart(vc.Name, vc.Summary, vc, shown)
	}
	for i, r := range compareTheoryRuns(cmp, m) {
		part := &doc.Base
		if i > 0 {
			part = &doc.Variants[i-1]
		}
		part.Theory = theoriesOfJSON(r.s, r.ths)
	}
	return encodeJSON(w, doc, "comparison json")
}
