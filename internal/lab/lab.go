// Package lab runs a scenario for the interactive page that "scsim lab"
// writes: it lists the inputs a student may change (policy parameters,
// demand rates, lead times) and runs the scenario with them, returning the
// key numbers as scsim's table prints them and the stock levels of one
// site-item over time. It is compiled to WebAssembly for the page
// (package scsim/internal/lab/wasm) and tested natively.
package lab

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"scsim/stats"
	"strconv"
	"strings"

	"scsim/model"
	"scsim/scenarios"
)

// Setting sets the field at Path (a field path as "scsim run --set"
// takes it) to Value.
type Setting struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// Request is one run asked for by the page.
type Request struct {
	// Variant is a variant declared in the scenario, "" for its base.
	Variant string    `json:"variant"`
	Set     []Setting `json:"set"`
	// Replications and Seed replace the scenario's when Replications > 0
	// and Seed is not "" (a decimal number: JavaScript's numbers cannot
	// hold every uint64).
	Replications int    `json:"replications"`
	Seed         string `json:"seed"`
	// Horizon replaces the scenario's horizon (days) when > 0.
	Horizon float64 `json:"horizon"`
	// SKU is the site-item whose levels are traced, an index into the
	// network's site-items.
	SKU int `json:"sku"`
}

// Input is a number of the scenario a student may change.
type Input struct {
	Path  string `json:"path"`  // field path, as --set takes it
	Group string `json:"group"` // what it belongs to: "store/widget", "supplier factory"
	Label string `json:"label"` // "reorder point", "demand rate (orders/day)"
	Value string `json:"value"` // as the file writes it
	// Integer says the field takes whole numbers only.
	Integer bool `json:"integer"`
}

// Description is what the page needs to show a scenario's inputs.
type Description struct {
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	Variants     []string `json:"variants"`
	Replications int      `json:"replications"`
	Seed         string   `json:"seed"`
	Horizon      float64  `json:"horizon"`
	Warmup       float64  `json:"warmup"`
	SKUs         []string `json:"skus"`
	Inputs       []Input  `json:"inputs"`
	// TimeUnit is the scenario's time unit, singular: "day", or its
	// time_unit ("week"). The inputs' labels and the page say it.
	TimeUnit string `json:"time_unit"`
}

// Parse parses a scenario file's content for the page, refusing what
// [NoFiles] refuses.
func Parse(file string, data []byte) (*scenarios.Scenario, error) {
	sc, err := scenarios.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if err := NoFiles(sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// NoFiles refuses a scenario that reads demand history files: the page
// has no files to read.
func NoFiles(sc *scenarios.Scenario) error {
	for _, st := range sc.Sites {
		for _, sk := range st.Stock {
			for _, d := range sk.Demand {
				if d.History != nil {
					return fmt.Errorf("%s: site %s, item %s: demand from a history file cannot run in the lab page, which reads no files", sc.Name, st.Name, sk.Item)
				}
			}
		}
	}
	return nil
}

// Describe lists the inputs of variant (or the base, for "") of sc.
func Describe(sc *scenarios.Scenario, variant string) (*Description, error) {
	base := sc
	if variant != "" {
		v, err := sc.Variant(variant)
		if err != nil {
			return nil, err
		}
		sc = v
	}
	net, err := sc.Build()
	if err != nil {
		return nil, err
	}
	d := &Description{
		Name: sc.Name, Description: sc.Description, Variants: []string{},
		Replications: sc.Replications, Seed: strconv.FormatUint(sc.Seed, 10),
		Horizon: sc.Horizon, Warmup: sc.Warmup, Inputs: []Input{},
		TimeUnit: sc.TimeUnitName(),
	}
	for _, v := range base.Variants {
		d.Variants = append(d.Variants, v.Name)
	}
	for _, ref := range net.SKUs() {
		d.SKUs = append(d.SKUs, ref.Name)
	}
	add := func(path, group, label string) {
		v, ok := sc.Lookup(path)
		if !ok {
			return
		}
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return
		}
		integer := false
		if i := strings.LastIndexByte(path, '.'); i >= 0 && strings.Contains(path, ".policy.") {
			integer = integerFields[path[i+1:]]
		}
		d.Inputs = append(d.Inputs, Input{Path: path, Group: group, Label: label, Value: v, Integer: integer})
	}
	// dist offers a distribution's parameters: a constant written as a
	// number ("lead_time: 4"), or the fields of its mapping
	dist := func(path, group, what string) {
		n := len(d.Inputs)
		add(path, group, what+" (days)")
		if len(d.Inputs) > n {
			return
		}
		for _, f := range distFields {
			label := what + " " + f + " (days)"
			if f == "value" {
				label = what + " (days)"
			}
			add(path+"."+f, group, label)
		}
	}
	suppliers := map[string]bool{}
	for _, s := range sc.Suppliers {
		suppliers[s.Name] = true
	}
	leadDone := map[string]bool{}
	for _, it := range sc.Items {
		for _, f := range itemFields {
			add(fmt.Sprintf("items[%s].%s", it.Name, f.key), "item "+it.Name, f.label)
		}
	}
	for _, st := range sc.Sites {
		for _, sk := range st.Stock {
			at := fmt.Sprintf("sites[%s].stock[%s]", st.Name, sk.Item)
			group := st.Name + "/" + sk.Item
			for _, f := range policyFields {
				add(at+".policy."+f, group, label(f))
			}
			for k := range sk.Demand {
				label := "demand rate (orders/day)"
				if len(sk.Demand) > 1 {
					label = fmt.Sprintf("demand %d rate (orders/day)", k+1)
				}
				add(fmt.Sprintf("%s.demand[%d].rate", at, k), group, label)
				what := "daily demand"
				if len(sk.Demand) > 1 {
					what = fmt.Sprintf("demand %d daily", k+1)
				}
				for _, f := range []string{"value", "mean", "sd"} {
					add(fmt.Sprintf("%s.demand[%d].daily.%s", at, k, f), group, what+" "+strings.TrimPrefix(f, "value")+" (units/day)")
				}
			}
			for _, f := range laneDists {
				dist(at+".lane."+f, group, label(f))
			}
			if suppliers[sk.Source] && !leadDone[sk.Source] {
				leadDone[sk.Source] = true
				dist(fmt.Sprintf("suppliers[%s].lead_time", sk.Source), "supplier "+sk.Source, "lead time")
			}
		}
	}
	if tu := d.TimeUnit; tu != "day" {
		r := strings.NewReplacer("(days)", "("+tu+"s)", "/day)", "/"+tu+")", "unit-day)", "unit-"+tu+")", "(days of demand)", "("+tu+"s of demand)")
		for i := range d.Inputs {
			d.Inputs[i].Label = r.Replace(d.Inputs[i].Label)
		}
	}
	return d, nil
}

// policyFields are the numeric parameters of policies, in the order of
// [scenarios.Policy]: those a scenario writes are offered as inputs.
var policyFields = fieldsOf(reflect.TypeFor[scenarios.Policy](), func(_ string, t reflect.Type) bool {
	k := t.Kind()
	return k == reflect.Int64 || k == reflect.Int || k == reflect.Float64
})

// laneDists are the times of a lane: its distributions (the transit
// time) and the numbers of its delays (an order delay).
var laneDists = fieldsOf(reflect.TypeFor[scenarios.Lane](), func(name string, t reflect.Type) bool {
	return t == reflect.TypeFor[scenarios.Dist]() || (t.Kind() == reflect.Float64 && strings.Contains(name, "delay"))
})

// fieldsOf returns the YAML names of the fields of struct t that keep
// accepts, given the name and the type (or the type it points to).
func fieldsOf(t reflect.Type, keep func(name string, t reflect.Type) bool) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if f.IsExported() && name != "" && name != "-" && keep(name, ft) {
			out = append(out, name)
		}
	}
	return out
}

// labels are the labels of inputs whose field name does not say enough.
var labels = map[string]string{
	"order_up_to":   "order-up-to level",
	"review_period": "review period (days)",
	"fill_rate":     "fill-rate target",
	"alpha":         "smoothing alpha",
	"transit":       "transit time",
	"min_days":      "min (days of demand)",
	"max_days":      "max (days of demand)",
}

// label returns the label of field name: "reorder_point" is "reorder
// point".
func label(name string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	return strings.ReplaceAll(name, "_", " ")
}

// itemFields are the costs of an item offered as inputs.
var itemFields = []struct{ key, label string }{
	{"order_cost", "order cost (per order)"},
	{"holding_cost", "holding cost (per unit-day)"},
	{"holding_rate", "holding rate (per year)"},
	{"backorder_cost", "backorder cost (per unit-day)"},
	{"lost_sale_cost", "lost-sale cost (per unit)"},
}

// distFields are the parameters of a distribution offered as inputs.
var distFields = []string{"value", "mean", "sd", "min", "max"}

// integerFields are the policy fields that take whole numbers.
var integerFields = func() map[string]bool {
	m := map[string]bool{}
	t := reflect.TypeFor[scenarios.Policy]()
	for i := range t.NumField() {
		f := t.Field(i)
		if k := f.Type.Kind(); k == reflect.Int64 || k == reflect.Int {
			m[strings.Split(f.Tag.Get("yaml"), ",")[0]] = true
		}
	}
	return m
}()

// Number is one key number of a run, as scsim's table prints it.
type Number struct {
	Key       string  `json:"key"`
	Name      string  `json:"name"`
	Unit      string  `json:"unit"`
	Mean      float64 `json:"mean"`
	HalfWidth float64 `json:"half_width"`
	// Text is the table's cell: "0.97929 ± 0.00018"; "-" if undefined.
	Text string `json:"text"`
}

// Column is the key numbers of the total or of one site-item.
type Column struct {
	Name    string   `json:"name"`
	Policy  string   `json:"policy,omitempty"`
	Numbers []Number `json:"numbers"`
}

// Levels is the stock of one site-item in replication 0, as steps: level
// i holds from Times[i] to Times[i+1] (the last until To).
type Levels struct {
	SKU        string    `json:"sku"`
	From       float64   `json:"from"`
	To         float64   `json:"to"`
	Times      []float64 `json:"times"`
	OnHand     []int64   `json:"on_hand"`
	Backorders []int64   `json:"backorders"`
	Orders     []Mark    `json:"orders"`
	Receipts   []Mark    `json:"receipts"`
}

// Mark is a replenishment order or receipt.
type Mark struct {
	T   float64 `json:"t"`
	Qty int64   `json:"qty"`
}

// Result is what a run gives the page.
type Result struct {
	Scenario     string  `json:"scenario"`
	Fingerprint  string  `json:"fingerprint"`
	Replications int     `json:"replications"`
	Seed         string  `json:"seed"`
	Horizon      float64 `json:"horizon"`
	Warmup       float64 `json:"warmup"`
	Events       uint64  `json:"events"`
	// Args are the arguments of "scsim run" after the scenario that give
	// the same numbers.
	Args []string `json:"args"`
	// Total is the headline (every customer, the whole network's cost);
	// SKUs each site-item's.
	Total  Column   `json:"total"`
	SKUs   []Column `json:"skus"`
	Levels *Levels  `json:"levels"`
}

// KeyMetrics are the metrics the page shows, in order.
var KeyMetrics = []int{
	model.MFillRate, model.MCycleServiceLevel, model.MBackorderRate, model.MAvgBackorders, model.MWaitMean,
	model.MLostRate, model.MAvgOnHand, model.MHoldingCost, model.MOrderingCost,
	model.MTotalCost, model.MBullwhip,
}

// MaxEvents bounds the events of one run of the page (estimated before it
// starts, as scsim run's --max-events): a browser tab is not the place for
// hour-long runs.
const MaxEvents = 5e8

// The most replications and days a run of the page takes.
const (
	MaxReplications = 1000
	MaxHorizon      = 1e7
)

// Run runs sc as req asks.
func Run(sc *scenarios.Scenario, req Request) (*Result, error) {
	res, _, err := run(sc, req)
	return res, err
}

// run is [Run], which also returns the summary the result was taken from.
func run(sc *scenarios.Scenario, req Request) (*Result, *stats.Summary, error) {
	sc, net, args, err := prepare(sc, req)
	if err != nil {
		return nil, nil, err
	}
	if ev := model.EstimateEvents(net) * float64(sc.Replications); ev > MaxEvents {
		return nil, nil, fmt.Errorf("the run would take about %.2g events, more than the page's %.0g: fewer replications or a shorter horizon", ev, float64(MaxEvents))
	}
	plan := model.Compile(net)
	results := make([]*model.Result, sc.Replications)
	for rep := range results {
		results[rep] = plan.Run(sc.Seed, rep)
	}
	if err := model.ResultsErr(results); err != nil {
		return nil, nil, err
	}
	sum := stats.Summarize(net, sc.Seed, results)
	res := &Result{
		Scenario: net.Name, Fingerprint: sc.Fingerprint(), Replications: sc.Replications,
		Seed: strconv.FormatUint(sc.Seed, 10), Horizon: sc.Horizon, Warmup: sc.Warmup,
		Events: sum.Events, Args: args,
		Total: column("total", "", &sum.Total, net.TimeUnit),
	}
	for i := range sum.SKUs {
		k := &sum.SKUs[i]
		res.SKUs = append(res.SKUs, column(k.Site+"/"+k.Item, policyText(k.Policy), &k.Metrics, net.TimeUnit))
	}
	if req.SKU >= 0 && req.SKU < len(sum.SKUs) {
		res.Levels = levels(net, sc.Seed, req.SKU)
	}
	return res, sum, nil
}

// prepare applies req to sc (never changing sc) and builds the network;
// args are the arguments of "scsim run" that do the same.
func prepare(sc *scenarios.Scenario, req Request) (*scenarios.Scenario, *model.Network, []string, error) {
	var args []string
	if req.Variant != "" {
		v, err := sc.Variant(req.Variant)
		if err != nil {
			return nil, nil, nil, err
		}
		sc = v
		args = append(args, "--variant", req.Variant)
	}
	if len(req.Set) > 0 {
		var ovs []scenarios.Override
		for _, s := range req.Set {
			ovs = append(ovs, scenarios.Override{Path: s.Path, Value: s.Value, Origin: "--set"})
			args = append(args, "--set", s.Path+"="+s.Value)
		}
		n, err := sc.With(ovs...)
		if err != nil {
			return nil, nil, nil, err
		}
		sc = n
	}
	cp := *sc // the flags below change a copy, never the caller's
	sc = &cp
	if req.Replications > 0 {
		if req.Replications > MaxReplications {
			return nil, nil, nil, fmt.Errorf("replications: at most %d in the lab, got %d", MaxReplications, req.Replications)
		}
		sc.Replications = req.Replications
	}
	args = append(args, "-n", strconv.Itoa(sc.Replications))
	if req.Seed != "" {
		seed, err := strconv.ParseUint(strings.TrimSpace(req.Seed), 10, 64)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("seed: expected a whole number >= 0, got %q", req.Seed)
		}
		sc.Seed = seed
	}
	args = append(args, "--seed", strconv.FormatUint(sc.Seed, 10))
	if req.Horizon > 0 {
		if req.Horizon > MaxHorizon {
			return nil, nil, nil, fmt.Errorf("horizon: at most %g days in the lab, got %g", float64(MaxHorizon), req.Horizon)
		}
		if req.Horizon <= sc.Warmup {
			return nil, nil, nil, fmt.Errorf("horizon: %g days is not beyond the warm-up of %g days", req.Horizon, sc.Warmup)
		}
		sc.Horizon = req.Horizon
		args = append(args, "--horizon", strconv.FormatFloat(req.Horizon, 'g', -1, 64))
	}
	net, err := sc.Build()
	if err != nil {
		return nil, nil, nil, err
	}
	if sc.VariantName != "" {
		net.Name += "/" + sc.VariantName
	}
	return sc, net, args, nil
}

// Estimate returns the events a run of sc as req asks is estimated to
// take (as scsim's --max-events estimates them), and its horizon and
// warm-up.
func Estimate(sc *scenarios.Scenario, req Request) (events, horizon, warmup float64, err error) {
	sc, net, _, err := prepare(sc, req)
	if err != nil {
		return 0, 0, 0, err
	}
	return model.EstimateEvents(net) * float64(sc.Replications), sc.Horizon, sc.Warmup, nil
}

// column is the key numbers est of name, their units labelled in the time
// unit tu.
func column(name, policy string, est *[model.NumMetrics]stats.Estimate, tu string) Column {
	c := Column{Name: name, Policy: policy}
	for _, m := range KeyMetrics {
		mt := model.Metrics[m]
		e := est[m]
		c.Numbers = append(c.Numbers, Number{Key: mt.Key, Name: mt.Name, Unit: model.UnitLabel(mt.Unit, tu),
			Mean: jsonSafe(e.Mean), HalfWidth: jsonSafe(e.HalfWidth), Text: FormatEstimate(mt.Unit, e)})
	}
	return c
}

// jsonSafe replaces a value JSON cannot hold (NaN, infinities) by 0; the
// Text of a Number says "-" for it.
func jsonSafe(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// policyText writes a policy as the table's policies section does:
// "rq(reorder_point=36, order_quantity=40)", derived fractions to 4
// significant digits.
func policyText(pi model.PolicyInfo) string {
	var parts []string
	for _, p := range pi.Params {
		v := strconv.FormatFloat(p.Value, 'g', 4, 64)
		if p.Value == math.Trunc(p.Value) && math.Abs(p.Value) < 1e15 {
			v = strconv.FormatFloat(p.Value, 'f', 0, 64)
		}
		parts = append(parts, p.Name+"="+v)
	}
	if pi.Review == model.Continuous {
		parts = append(parts, "review=continuous")
	}
	return pi.Type + "(" + strings.Join(parts, ", ") + ")"
}

// LevelDays is the most days of levels the page plots.
const LevelDays = 365

// levels traces site-item sku in replication 0 over the first days after
// the warm-up (at least 60, at most LevelDays), as scsim report's
// stock-over-time plot does.
func levels(net *model.Network, seed uint64, sku int) *Levels {
	from := net.Warmup
	to := min(net.Horizon, from+max(60, min(LevelDays, (net.Horizon-from)/10)))
	// the trace of a run stopped at "to" is the first part of replication
	// 0's: events are drawn from streams keyed by name, in time order
	short := *net
	short.Horizon = to
	_, tr := model.RunTraced(&short, seed, 0, sku)
	lv := &Levels{SKU: tr.SKU, From: from, To: to, Orders: []Mark{}, Receipts: []Mark{}}
	start := 0
	for start+1 < len(tr.Times) && tr.Times[start+1] <= from {
		start++
	}
	for i := start; i < len(tr.Times) && tr.Times[i] <= to; i++ {
		lv.Times = append(lv.Times, max(tr.Times[i], from))
		lv.OnHand = append(lv.OnHand, tr.OnHand[i])
		lv.Backorders = append(lv.Backorders, tr.Backorders[i])
	}
	for _, m := range tr.Orders {
		if m.T >= from && m.T <= to {
			lv.Orders = append(lv.Orders, Mark{m.T, m.Qty})
		}
	}
	for _, m := range tr.Receipts {
		if m.T >= from && m.T <= to {
			lv.Receipts = append(lv.Receipts, Mark{m.T, m.Qty})
		}
	}
	return lv
}

// ErrNoWasm is returned by callers that have no WebAssembly build of the
// lab to embed.
var ErrNoWasm = errors.New("no WebAssembly build of the lab")

// Version identifies the lab's request and result formats; the page and
// the WebAssembly binary embedded in it must agree on it.
const Version = "1"
