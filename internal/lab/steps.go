package lab

import (
	"math"
	"strconv"

	"scsim/model"
	"scsim/scenarios"
)

// StepLevels are a site-item's levels at one step of the trace.
type StepLevels struct {
	OnHand     int64 `json:"on_hand"`
	Backorders int64 `json:"backorders"`
	OnOrder    int64 `json:"on_order"`
	Position   int64 `json:"position"`
}

// Step is one record of the event trace (see [model.TraceRecord]).
type Step struct {
	Event  uint64     `json:"event"`
	T      float64    `json:"t"`
	Kind   string     `json:"kind"`
	SKU    int        `json:"sku"`   // -1 for none (warm-up, outages)
	Where  string     `json:"where"` // "site/item", or the supplier or lane
	Before StepLevels `json:"before"`
	After  StepLevels `json:"after"`
	// Rule is the decision in words and numbers.
	Rule string `json:"rule"`
}

// Steps is the start of replication 0's event trace.
type Steps struct {
	Steps []Step `json:"steps"`
	// More says the trace goes on beyond the steps given.
	More bool `json:"more"`
	// Args are the arguments of "scsim trace" after the scenario that
	// print the same steps.
	Args []string `json:"args"`
}

// MaxSteps is the most steps [Trace] returns.
const MaxSteps = 5000

// Trace returns the first n steps (at most [MaxSteps]) of replication 0
// of sc run as req asks, the steps of site-item req.SKU only (and those of
// no site-item) when only is true. The run stops after them.
func Trace(sc *scenarios.Scenario, req Request, n int, only bool) (*Steps, error) {
	sc, net, runArgs, err := prepare(sc, req)
	if err != nil {
		return nil, err
	}
	n = max(1, min(n, MaxSteps))
	out := &Steps{Steps: []Step{}}
	for i := 0; i < len(runArgs); i++ {
		if runArgs[i] == "-n" { // scsim trace runs one replication
			i++
			continue
		}
		out.Args = append(out.Args, runArgs[i])
	}
	if only {
		if refs := net.SKUs(); req.SKU >= 0 && req.SKU < len(refs) {
			out.Args = append(out.Args, "--items", refs[req.SKU].Name)
		}
	}
	out.Args = append(out.Args, "--limit", strconv.Itoa(n))
	model.Compile(net).RunEvents(sc.Seed, 0, func(r model.TraceRecord) bool {
		if only && r.SKU >= 0 && r.SKU != req.SKU {
			return true
		}
		if len(out.Steps) == n {
			out.More = true
			return false
		}
		out.Steps = append(out.Steps, Step{
			Event: r.Event, T: finiteOr0(r.T), Kind: r.Kind.String(), SKU: r.SKU, Where: r.Where,
			Before: stepLevels(r.Before), After: stepLevels(r.After), Rule: r.Rule,
		})
		return true
	})
	return out, nil
}

func stepLevels(l model.TraceLevels) StepLevels {
	return StepLevels{OnHand: l.OnHand, Backorders: l.Backorders, OnOrder: l.OnOrder, Position: l.Position()}
}

func finiteOr0(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
