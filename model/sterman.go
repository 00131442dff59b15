package model

import (
	"fmt"
	"math"
)

// The typical parameters of the anchoring-and-adjustment ordering rule of
// Beer Game players: the means of the estimates over the subjects of
// J. D. Sterman, "Modeling managerial behavior: misperceptions of feedback
// in a dynamic decision making experiment", Management Science 35(3),
// 321–339, 1989.
const (
	StermanTheta        = 0.36 // θ, weight of the latest demand in the expectation
	StermanAlphaS       = 0.26 // α_S, share of the stock gap corrected each period
	StermanBeta         = 0.34 // β, weight of the supply line relative to the stock
	StermanDesiredStock = 17   // S′, the desired stock plus β × the desired supply line, units
)

var _ Learner = (*Sterman)(nil)

// Sterman is the anchoring-and-adjustment ordering heuristic of Beer Game
// players (Sterman 1989). At every review, every Period days, it first
// updates its expected demand L̂ with the demand D of the period just
// ended (the units ordered from the site-item since the previous review,
// up to and including the review's instant),
//
//	L̂ ← θ·D + (1 − θ)·L̂
//
// (not at the first review, at time 0, when no period has ended), then
// orders
//
//	O = max(0, L̂ + α_S·(S′ − S − β·SL))
//
// rounded to the nearest unit, where S = on hand − backorders is the net
// inventory and SL = the units on order, the supply line, orders not yet
// seen by the source included. β < 1 is the players' typical
// misperception: they under-weight what they have already ordered.
//
// With Shared (information sharing), D is the demand of the end customers
// (the customer demand of the site-items downstream, its own included)
// instead of the orders reaching the site-item.
type Sterman struct {
	Theta, AlphaS, Beta float64
	DesiredStock        float64 // S′, units
	InitialDemand       float64 // L̂ at time 0, units per period
	Period              float64 // review period in days (> 0)
	Shared              bool

	// the state of one replication
	expected float64 // L̂
	pending  int64   // demand since the last review
	started  bool    // a review has been made
}

// NewSterman returns the rule in its initial state.
func NewSterman(theta, alphaS, beta, desired, initial, period float64, shared bool) (*Sterman, error) {
	switch {
	case !(theta >= 0 && theta <= 1):
		return nil, fmt.Errorf("sterman needs theta in [0, 1], got %v", theta)
	case !(alphaS >= 0 && alphaS <= 1):
		return nil, fmt.Errorf("sterman needs alpha_s in [0, 1], got %v", alphaS)
	case !(beta >= 0 && beta <= 1):
		return nil, fmt.Errorf("sterman needs beta in [0, 1], got %v", beta)
	case !(desired >= 0 && desired <= maxLevel):
		return nil, fmt.Errorf("sterman needs desired_stock in [0, 1e9], got %v", desired)
	case !(initial >= 0 && initial <= maxLevel):
		return nil, fmt.Errorf("sterman needs an expected demand in [0, 1e9], got %v", initial)
	case !(period > 0) || math.IsInf(period, 0):
		return nil, fmt.Errorf("sterman needs a review period > 0, got %v", period)
	}
	p := &Sterman{Theta: theta, AlphaS: alphaS, Beta: beta, DesiredStock: desired, InitialDemand: initial, Period: period, Shared: shared}
	p.expected = initial
	return p, nil
}

// Fresh implements [Learner].
func (p *Sterman) Fresh() Learner {
	c := *p
	c.expected, c.pending, c.started = p.InitialDemand, 0, false
	return &c
}

// Observe implements [Learner]: it adds units to the current period's
// demand.
func (p *Sterman) Observe(_ float64, units int64) { p.pending += units }

// Order implements [Policy]. It is called once per review and updates the
// expected demand.
func (p *Sterman) Order(pos Position) int64 {
	if p.started {
		p.expected = p.Theta*float64(p.pending) + (1-p.Theta)*p.expected
	}
	p.started, p.pending = true, 0
	net := float64(pos.OnHand - pos.Backorders)
	o := p.expected + p.AlphaS*(p.DesiredStock-net-p.Beta*float64(pos.OnOrder))
	return int64(max(0, min(math.Round(o), maxLevel)))
}

// ReviewPeriod implements [Policy].
func (p *Sterman) ReviewPeriod() float64 { return p.Period }

// Expected returns the current expected demand L̂, units per period.
func (p *Sterman) Expected() float64 { return p.expected }

// Describe implements [Policy]: the parameters and the current expected
// demand (for a Network's policy, the initial one).
func (p *Sterman) Describe() PolicyInfo {
	shared := 0.0
	if p.Shared {
		shared = 1
	}
	return PolicyInfo{Type: "sterman", Params: []Param{
		{"theta", p.Theta}, {"alpha_s", p.AlphaS}, {"beta", p.Beta}, {"desired_stock", p.DesiredStock},
		{"expected_demand", p.expected}, {"review_period", p.Period}, {"information_sharing", shared},
	}}
}
