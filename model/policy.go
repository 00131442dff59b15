package model

import (
	"fmt"
	"math"
)

// Position is what a replenishment policy sees of a site-item when it
// decides: the stock levels in units.
type Position struct {
	OnHand     int64 // units in stock
	OnOrder    int64 // units ordered and not yet received
	Backorders int64 // units owed to waiting customers
	// Now is the time of the decision, in days: policies whose levels
	// follow a demand profile read it.
	Now float64
}

// Inventory returns the inventory position: on-hand + on-order − backorders.
func (p Position) Inventory() int64 { return p.OnHand + p.OnOrder - p.Backorders }

// Policy decides replenishment for one site-item.
//
// A policy with ReviewPeriod 0 reviews continuously: Order is called at time
// 0 and after every customer order. Otherwise Order is called at times 0,
// R, 2R, ... after the same instant's receipts and demand.
type Policy interface {
	// Order returns how many units to order now; 0 means none.
	Order(p Position) int64
	// ReviewPeriod returns the time between reviews in days, 0 for
	// continuous review.
	ReviewPeriod() float64
	// Describe returns the policy's type and the parameters it acts on,
	// derived values included, so users see what it decided.
	Describe() PolicyInfo
}

// PolicyInfo describes a policy for output.
type PolicyInfo struct {
	Type string // as written in scenario files, e.g. "rq"
	// Review is "continuous" or "periodic" for the policies that review
	// either way (sS, base_stock, safety_stock, forecast), as written in
	// scenario files; Params holds review_period only for "periodic".
	// Empty for the others, whose review is fixed (rq and eoq review
	// continuously, vmi periodically: see its review_period).
	Review string
	Params []Param // in a fixed order
	// Target is the service level the policy promises (safety_stock,
	// forecast); nil for a policy without one.
	Target *Target
}

// The values of [PolicyInfo.Review].
const (
	Continuous = "continuous"
	Periodic   = "periodic"
)

// review returns a policy's Review and, for periodic review, its
// review_period parameter.
func review(period float64) (string, []Param) {
	if period > 0 {
		return Periodic, []Param{{"review_period", period}}
	}
	return Continuous, nil
}

// Param is one named policy parameter.
type Param struct {
	Name  string
	Value float64
}

var (
	_ Policy = (*RQ)(nil)
	_ Policy = (*SS)(nil)
	_ Policy = (*BaseStock)(nil)
)

// RQ is the continuous-review (r, Q) policy: whenever the inventory position
// is at or below r, order enough multiples of Q to lift it above r (one
// order). With unit demand that is exactly one batch of Q each time.
type RQ struct {
	R int64 // reorder point, units
	Q int64 // order quantity, units (>= 1)
}

// Order implements [Policy].
func (p *RQ) Order(pos Position) int64 { return rqOrder(pos.Inventory(), p.R, p.Q) }

// rqOrder is the order of an (r, Q) policy at inventory position ip: a
// run decides it inline for a site-item with an [RQ].
// quieter is a policy that can tell, without being asked, that it orders
// nothing at any inventory position above a bound, and that asking it then
// changes nothing: a continuous one lets arrivals above the bound be
// handled ahead of the queue ([runner.runAhead]). ok is false when no
// bound holds for the whole run.
type quieter interface {
	quietAbove() (bound int64, ok bool)
}

// below returns the bound under which a policy that orders at positions
// below level orders nothing, if there is one.
func below(level int64) (int64, bool) { return level - 1, level > math.MinInt64 }

func (p *RQ) quietAbove() (int64, bool)        { return p.R, true }
func (p *SS) quietAbove() (int64, bool)        { return p.Small, true }
func (p *BaseStock) quietAbove() (int64, bool) { return below(p.S) }

func rqOrder(ip, r, q int64) int64 {
	if ip > r {
		return 0
	}
	n := (r-ip)/q + 1
	return n * q
}

// ReviewPeriod implements [Policy]; (r, Q) reviews continuously.
func (p *RQ) ReviewPeriod() float64 { return 0 }

// Describe implements [Policy].
func (p *RQ) Describe() PolicyInfo {
	return PolicyInfo{Type: "rq", Params: []Param{{"reorder_point", float64(p.R)}, {"order_quantity", float64(p.Q)}}}
}

// SS is the (s, S) policy: when the inventory position is at or below s,
// order up to S. Review is continuous when Period is 0, else every Period
// days.
type SS struct {
	Small  int64   // s, the reorder point, units
	Big    int64   // S, the order-up-to level, units (> s)
	Period float64 // review period in days; 0 for continuous review
}

// Order implements [Policy].
func (p *SS) Order(pos Position) int64 { return upTo(pos, p.Small, p.Big) }

// upTo returns the order of an (s, S) rule: S − IP when the inventory
// position IP is at or below s, else nothing.
func upTo(pos Position, s, big int64) int64 {
	if ip := pos.Inventory(); ip <= s {
		return big - ip
	}
	return 0
}

// levelOrder is the order of a policy with a derived level: under
// periodic review, up to top; under continuous review, (r, Q) with reorder
// point r and quantity q.
func levelOrder(pos Position, periodic bool, top, r, q int64) int64 {
	ip := pos.Inventory()
	if periodic {
		if ip < top {
			return top - ip
		}
		return 0
	}
	if ip > r {
		return 0
	}
	return ((r-ip)/q + 1) * q
}

// ReviewPeriod implements [Policy].
func (p *SS) ReviewPeriod() float64 { return p.Period }

// Describe implements [Policy].
func (p *SS) Describe() PolicyInfo {
	rev, period := review(p.Period)
	return PolicyInfo{Type: "sS", Review: rev, Params: append([]Param{{"reorder_point", float64(p.Small)}, {"order_up_to", float64(p.Big)}}, period...)}
}

// BaseStock is the order-up-to policy: at each review, order S minus the
// inventory position if positive. With Period 0 it reviews continuously,
// which is one-for-one replenishment of every unit demanded.
type BaseStock struct {
	S      int64   // order-up-to level, units
	Period float64 // review period in days; 0 for continuous review
}

// Order implements [Policy].
func (p *BaseStock) Order(pos Position) int64 {
	if ip := pos.Inventory(); ip < p.S {
		return p.S - ip
	}
	return 0
}

// ReviewPeriod implements [Policy].
func (p *BaseStock) ReviewPeriod() float64 { return p.Period }

// Describe implements [Policy].
func (p *BaseStock) Describe() PolicyInfo {
	rev, period := review(p.Period)
	return PolicyInfo{Type: "base_stock", Review: rev, Params: append([]Param{{"order_up_to", float64(p.S)}}, period...)}
}

// String formats a PolicyInfo as "rq(reorder_point=36, order_quantity=40)";
// a policy reviewing continuously that could review periodically ends
// "review=continuous".
func (pi PolicyInfo) String() string {
	s := pi.Type + "("
	for i, p := range pi.Params {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s=%s", p.Name, trimFloat(p.Value))
	}
	if pi.Review == Continuous {
		if len(pi.Params) > 0 {
			s += ", "
		}
		s += "review=continuous"
	}
	return s + ")"
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.4g", v)
}
