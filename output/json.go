package output

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"scsim/model"
	"scsim/stats"
)

// Schema identifies the layout written by [WriteJSON]. It changes only when
// a field is removed or changes meaning; new fields may be added under the
// same schema. See docs/json-format.md.
//
// v2 (scsim 0.2): "total" covers customers' service (external demand only)
// with network-wide costs, where v1 summed every site-item, internal orders
// included; "sites" and "items" roll-ups and echelon names were added, and
// the scenario header carries the fingerprint.
const Schema = "scsim/run/v2"

// runJSON is the document written by WriteJSON; field order is output order.
type runJSON struct {
	Schema       string         `json:"schema"`
	Version      string         `json:"scsim_version"`
	Scenario     scenarioJSON   `json:"scenario"`
	Events       uint64         `json:"events"`
	Conservation int64          `json:"conservation_max_imbalance"`
	Confidence   float64        `json:"confidence"`
	Metrics      []metricJSON   `json:"metrics"`
	SiteItems    []siteItemJSON `json:"site_items"`
	Total        totalJSON      `json:"total"`
	Echelons     []groupJSON    `json:"echelons"`
	Sites        []groupJSON    `json:"sites"`
	Items        []groupJSON    `json:"items"`
	Classes      []classJSON    `json:"customer_classes"`
	Theory       []theoryJSON   `json:"theory,omitempty"`
}

// classJSON is one customer class: a demand stream of a site-item with
// more than one.
type classJSON struct {
	Site     string        `json:"site"`
	Item     string        `json:"item"`
	Stream   string        `json:"stream"`
	Priority int           `json:"priority"`
	Metrics  metricsObject `json:"metrics"`
}

type scenarioJSON struct {
	Name         string  `json:"name"`
	Source       string  `json:"source"`
	Description  string  `json:"description"`
	Fingerprint  string  `json:"fingerprint"`
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	Horizon      float64 `json:"horizon"`
	Warmup       float64 `json:"warmup"`
	// TimeUnit is the scenario's time_unit when it is not days: the
	// unit every time, "days" unit and rate per day of the document counts.
	TimeUnit string `json:"time_unit,omitempty"`
}

// newScenarioJSON describes the scenario of run s, from m.
func newScenarioJSON(s *stats.Summary, m Meta) scenarioJSON {
	return scenarioJSON{
		Name:         s.Scenario,
		Source:       m.Source,
		Description:  m.Description,
		Fingerprint:  m.Fingerprint,
		Seed:         s.Seed,
		Replications: s.Replications,
		Horizon:      s.Horizon,
		Warmup:       s.Warmup,
		TimeUnit:     m.TimeUnit,
	}
}

type metricJSON struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Unit string `json:"unit"`
	Doc  string `json:"doc"`
}

type siteItemJSON struct {
	Site     string     `json:"site"`
	Item     string     `json:"item"`
	SiteType string     `json:"site_type"`
	Policy   policyJSON `json:"policy"`
	// PolicyEnd is the mean over replications of a learning policy's
	// parameters at the horizon; absent for the others.
	PolicyEnd *policyJSON   `json:"policy_end,omitempty"`
	Metrics   metricsObject `json:"metrics"`

	// Target is the policy's service target beside what was achieved;
	// absent for a policy without one.
	Target *targetJSON `json:"target,omitempty"`
}

type policyJSON struct {
	Type string `json:"type"`
	// Review is "continuous" or "periodic" for the policies that review
	// either way; review_period is among Params only when periodic.
	Review string       `json:"review,omitempty"`
	Params paramsObject `json:"params"`
}

type totalJSON struct {
	Scope   string        `json:"scope"` // "customers"
	Metrics metricsObject `json:"metrics"`
}

// groupJSON is a roll-up: an echelon, a site or an item.
type groupJSON struct {
	Name      string        `json:"name"`
	Scope     string        `json:"scope"`
	Level     int           `json:"level,omitempty"` // echelons only
	SiteItems []string      `json:"site_items"`
	Metrics   metricsObject `json:"metrics"`
}

// newGroupsJSON returns the JSON of roll-ups gs, metrics shown.
func newGroupsJSON(gs []stats.Group, shown []int) []groupJSON {
	out := make([]groupJSON, len(gs))
	for i := range gs {
		g := &gs[i]
		out[i] = groupJSON{Name: g.Name, Scope: g.ScopeName(), Level: g.Level,
			SiteItems: append([]string{}, g.Members...), // [] rather than null
			Metrics:   metricsObject{&g.Metrics, shown}}
	}
	return out
}

// estimateJSON is one [stats.Estimate]; nil means NaN or ±Inf (JSON null).
type estimateJSON struct {
	Mean      *float64 `json:"mean"`
	HalfWidth *float64 `json:"half_width"`
	N         int      `json:"n"`
}

// paramsObject marshals policy parameters as a JSON object in their given
// order.
type paramsObject []model.Param

// orderedObject writes n members as a JSON object, key(i): value(i), in
// order.
func orderedObject(n int, key func(int) string, value func(int) any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(key(i))
		if err != nil {
			return nil, err
		}
		v, err := marshal(value(i))
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// metricsObject marshals estimates as a JSON object keyed by metric key, in
// the order of [model.Metrics] rather than sorted, so it reads like the
// table.
type metricsObject struct {
	e     *[model.NumMetrics]stats.Estimate
	shown []int // indices into model.Metrics
}

// metricKeysJSON holds each metric key as a JSON string, quoted once.
var metricKeysJSON = func() [model.NumMetrics][]byte {
	var keys [model.NumMetrics][]byte
	for i, m := range model.Metrics {
		keys[i], _ = json.Marshal(m.Key)
	}
	return keys
}()

// MarshalJSON implements [json.Marshaler]. It writes the bytes directly:
// a large network has thousands of these objects.
func (m metricsObject) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64*len(m.shown))
	b = append(b, '{')
	for j, i := range m.shown {
		if j > 0 {
			b = append(b, ',')
		}
		e := &m.e[i]
		b = append(b, metricKeysJSON[i]...)
		b = appendEstimate(b, e.Mean, e.HalfWidth, e.N)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendEstimate appends `:{"mean":…,"half_width":…,"n":…` (the object
// left open for more members).
func appendEstimate(b []byte, mean, hw float64, n int) []byte {
	b = append(b, `:{"mean":`...)
	b = appendFloat(b, mean)
	b = append(b, `,"half_width":`...)
	b = appendFloat(b, hw)
	b = append(b, `,"n":`...)
	return strconv.AppendInt(b, int64(n), 10)
}

// MarshalJSON implements [json.Marshaler].
func (p paramsObject) MarshalJSON() ([]byte, error) {
	return orderedObject(len(p),
		func(i int) string { return p[i].Name },
		func(i int) any { return jsonFloat(p[i].Value) })
}

// jsonFloat returns &v, or nil (JSON null) when v is NaN or ±Inf, which
// JSON cannot represent.
func jsonFloat(v float64) *float64 {
	if !finite(v) {
		return nil
	}
	return &v
}

// WriteJSON writes s as one indented JSON document of schema [Schema],
// followed by a newline. Site-items, echelons and metrics keep the order of
// the Summary and of [model.Metrics]; NaN and ±Inf become null. The format is
// documented field by field in docs/json-format.md.
//
// The document is written directly ([writeRunJSON]); its bytes are those
// of encoding/json on [newRunJSON]'s value, which spells the layout out.
func WriteJSON(w io.Writer, s *stats.Summary, m Meta) error {
	return writeRunJSON(w, s, m)
}

// newRunJSON returns the document of [WriteJSON] as a value for
// encoding/json.
func newRunJSON(s *stats.Summary, m Meta) runJSON {
	shown := s.Shown()
	doc := runJSON{
		Schema:       Schema,
		Version:      m.Version,
		Scenario:     newScenarioJSON(s, m),
		Events:       s.Events,
		Conservation: s.Conservation,
		Confidence:   confidence,
		Metrics:      metricList(shown),
		SiteItems:    make([]siteItemJSON, len(s.SKUs)),
		Total:        totalJSON{Scope: stats.ScopeCustomers, Metrics: metricsObject{&s.Total, shown}},
		Echelons:     newGroupsJSON(s.Echelons, shown),
		Sites:        newGroupsJSON(s.Sites, shown),
		Items:        newGroupsJSON(s.Items, shown),
		Classes:      []classJSON{},
	}
	for _, i := range classStreams(s) {
		st := &s.Streams[i]
		doc.Classes = append(doc.Classes, classJSON{Site: st.Site, Item: st.Item, Stream: st.Name, Priority: st.Priority, Metrics: metricsObject{st.Metrics, shown}})
	}
	for i := range s.SKUs {
		k := &s.SKUs[i]
		doc.SiteItems[i] = siteItemJSON{
			Site:     k.Site,
			Item:     k.Item,
			SiteType: k.SiteKind,
			Policy:   policyJSON{Type: k.Policy.Type, Review: k.Policy.Review, Params: paramsObject(k.Policy.Params)},
			Metrics:  metricsObject{&k.Metrics, shown},
			Target:   siteItemTarget(k),
		}
		if k.PolicyEnd != nil {
			doc.SiteItems[i].PolicyEnd = &policyJSON{Type: k.Policy.Type, Params: paramsObject(k.PolicyEnd)}
		}
	}
	doc.Theory = theoriesJSON(s, m)
	return doc
}

// metricList returns the definitions of the metrics in shown (indices
// into [model.Metrics]).
func metricList(shown []int) []metricJSON {
	out := make([]metricJSON, len(shown))
	for j, i := range shown {
		mt := &model.Metrics[i]
		out[j] = metricJSON{Key: mt.Key, Name: mt.Name, Unit: mt.Unit, Doc: mt.Doc}
	}
	return out
}

// marshal is json.Marshal without HTML escaping, so "<" and "&" in names
// stay readable, matching the outer encoder.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
