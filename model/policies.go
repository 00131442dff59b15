package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// The policies below decide with the same [Policy] interface as RQ, SS and
// BaseStock; what sets them apart is how their parameters are derived, and,
// for VMI and drop-ship, who decides and where the goods go.

var (
	_ Policy = (*JIT)(nil)
	_ Policy = (*EOQ)(nil)
	_ Policy = (*SafetyStock)(nil)
	_ Policy = (*VMI)(nil)
	_ Policy = (*DropShip)(nil)
)

// JIT is lot-for-lot pull replenishment: every unit demanded is reordered at
// once, keeping the inventory position at Buffer (a kanban buffer, often 0).
// With a zero lead time it holds about no stock; with a positive one every
// demand during the lead time beyond the buffer is backordered.
type JIT struct {
	Buffer int64 // units
}

// Order implements [Policy].
func (p *JIT) Order(pos Position) int64 {
	if ip := pos.Inventory(); ip < p.Buffer {
		return p.Buffer - ip
	}
	return 0
}

// ReviewPeriod implements [Policy]; JIT reviews continuously.
func (p *JIT) ReviewPeriod() float64 { return 0 }

// Describe implements [Policy].
func (p *JIT) Describe() PolicyInfo {
	return PolicyInfo{Type: "jit", Params: []Param{{"buffer", float64(p.Buffer)}}}
}

// EOQ is continuous-review (r, Q) with the economic order quantity
// Q = √(2KD/h) (Harris 1913) for the fixed order cost K, the mean demand D
// per day reaching the site-item and the holding cost h per unit-day, and
// the reorder point r = D·L + safety stock for the mean lead time L.
type EOQ struct {
	RQ
	Demand      float64 // D, units per day
	OrderCost   float64 // K, money per order
	HoldingCost float64 // h, money per unit-day
	LeadTime    float64 // L, mean days
	Safety      float64 // safety stock, units
	Exact       float64 // √(2KD/h) before rounding
}

// NewEOQ derives an EOQ policy. Q is √(2KD/h) rounded to the nearest whole
// unit (at least 1); r is D·L + safety rounded to the nearest unit.
func NewEOQ(demand, orderCost, holdingCost, leadTime, safety float64) (*EOQ, error) {
	switch {
	case !(demand > 0) || math.IsInf(demand, 0):
		return nil, fmt.Errorf("eoq needs a mean demand > 0 reaching the site-item, got %v units/day", demand)
	case !(orderCost > 0) || math.IsInf(orderCost, 0):
		return nil, fmt.Errorf("eoq needs the item's order_cost > 0, got %v", orderCost)
	case !(holdingCost > 0) || math.IsInf(holdingCost, 0):
		return nil, fmt.Errorf("eoq needs the item's holding cost > 0, got %v per unit-day", holdingCost)
	case !(leadTime >= 0) || !(safety >= 0):
		return nil, fmt.Errorf("eoq needs lead time and safety stock >= 0, got %v and %v", leadTime, safety)
	}
	exact := math.Sqrt(2 * orderCost * demand / holdingCost)
	p := &EOQ{Demand: demand, OrderCost: orderCost, HoldingCost: holdingCost, LeadTime: leadTime, Safety: safety, Exact: exact}
	p.Q = max(1, int64(math.Round(exact)))
	p.R = int64(math.Round(demand*leadTime + safety))
	return p, nil
}

// Describe implements [Policy], with the derived values.
func (p *EOQ) Describe() PolicyInfo {
	return PolicyInfo{Type: "eoq", Params: []Param{
		{"order_quantity", float64(p.Q)}, {"reorder_point", float64(p.R)},
		{"eoq", p.Exact}, {"demand_per_day", p.Demand}, {"lead_time", p.LeadTime}, {"safety_stock", p.Safety},
	}}
}

// SafetyTarget says what service a safety-stock policy aims at.
type SafetyTarget uint8

// The service targets.
const (
	// CycleServiceLevel: the probability of no stockout in a replenishment
	// cycle, z = Φ⁻¹(target).
	CycleServiceLevel SafetyTarget = iota
	// FillRate: the unit fill rate, z solving σ·G(z) = (1 − target)·Q with
	// the standard normal loss function G and Q the order quantity (the
	// mean demand per review period under periodic review).
	FillRate
)

// SafetyStock sets a reorder point (continuous review, with order quantity
// Q) or an order-up-to level (periodic review every Period days) to the mean
// demand over the protection period plus z·σ, where the protection period is
// the mean lead time L (plus Period under periodic review) and
//
//	σ = √(T·σd² + d²·σL²)
//
// for protection period T, mean and standard deviation d, σd of daily
// demand, and lead-time standard deviation σL (Silver, Pyke and Thomas,
// Inventory and Production Management in Supply Chains, 2017, ch. 6 and 7).
// z comes from a target cycle service level or fill rate; the normal
// approximation of demand makes the target approximate for slow movers.
type SafetyStock struct {
	Target            SafetyTarget
	Level             float64 // the target, in (0, 1)
	Demand, DemandSD  float64 // d and σd, units per day
	LeadTime, LeadSD  float64 // L and σL, days
	Period            float64 // review period in days; 0 for continuous review
	Z, Sigma, Safety  float64 // derived: z, σ and the safety stock z·σ
	ProtectionDemand  float64 // derived: d·(L + Period)
	Q                 int64   // order quantity, continuous review
	ReorderPoint, Top int64   // derived r (continuous) or S (periodic)
}

// NewSafetyStock derives a safety-stock policy; q is the order quantity for
// continuous review and is ignored under periodic review.
func NewSafetyStock(target SafetyTarget, level, demand, demandSD, leadTime, leadSD, period float64, q int64) (*SafetyStock, error) {
	switch {
	case !(level > 0 && level < 1):
		return nil, fmt.Errorf("the service target must be in (0, 1), got %v", level)
	case !(demand > 0) || math.IsInf(demand, 0):
		return nil, fmt.Errorf("safety stock needs a mean demand > 0 reaching the site-item, got %v units/day", demand)
	case !(demandSD >= 0 && leadTime >= 0 && leadSD >= 0 && period >= 0):
		return nil, fmt.Errorf("safety stock needs demand sd, lead time, lead-time sd and review period >= 0")
	case period == 0 && q < 1:
		return nil, fmt.Errorf("safety stock under continuous review needs an order quantity >= 1, got %d", q)
	}
	p := &SafetyStock{Target: target, Level: level, Demand: demand, DemandSD: demandSD, LeadTime: leadTime, LeadSD: leadSD, Period: period, Q: q}
	t := leadTime + period
	p.Sigma = math.Sqrt(t*demandSD*demandSD + demand*demand*leadSD*leadSD)
	p.ProtectionDemand = demand * t
	std := distuv.UnitNormal
	switch target {
	case CycleServiceLevel:
		p.Z = std.Quantile(level)
	case FillRate:
		batch := float64(q)
		if period > 0 {
			batch = demand * period
		}
		if p.Sigma == 0 {
			p.Z = 0
		} else {
			p.Z = lossInverse((1 - level) * batch / p.Sigma)
		}
	}
	p.Safety = p.Z * p.Sigma
	level0 := int64(math.Ceil(p.ProtectionDemand + p.Safety - 1e-9))
	if period > 0 {
		p.Top = level0
	} else {
		p.ReorderPoint = level0
	}
	return p, nil
}

// normalLoss returns G(z) = φ(z) − z(1 − Φ(z)), the standard normal loss
// function: the expected shortfall of a unit normal beyond z.
func normalLoss(z float64) float64 {
	std := distuv.UnitNormal
	return std.Prob(z) - z*std.Survival(z)
}

// lossInverse returns z with G(z) = g, by bisection on [-8, 8] (G is
// decreasing; g beyond its range gives the end).
func lossInverse(g float64) float64 {
	lo, hi := -8.0, 8.0
	for i := 0; i < 100; i++ {
		mid := (lo + hi) / 2
		if normalLoss(mid) > g {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// Order implements [Policy]: (r, Q) under continuous review, order-up-to S
// under periodic review.
func (p *SafetyStock) Order(pos Position) int64 {
	return levelOrder(pos, p.Period > 0, p.Top, p.ReorderPoint, p.Q)
}

// ReviewPeriod implements [Policy].
func (p *SafetyStock) ReviewPeriod() float64 { return p.Period }

// Describe implements [Policy], with the derived values.
func (p *SafetyStock) Describe() PolicyInfo {
	target := "cycle_service_level"
	if p.Target == FillRate {
		target = "fill_rate"
	}
	params := []Param{{target, p.Level}}
	if p.Period > 0 {
		params = append(params, Param{"order_up_to", float64(p.Top)}, Param{"review_period", p.Period})
	} else {
		params = append(params, Param{"reorder_point", float64(p.ReorderPoint)}, Param{"order_quantity", float64(p.Q)})
	}
	params = append(params, Param{"safety_stock", p.Safety}, Param{"z", p.Z}, Param{"sigma", p.Sigma},
		Param{"protection_demand", p.ProtectionDemand})
	rev, _ := review(p.Period)
	return PolicyInfo{Type: "safety_stock", Review: rev, Params: params}
}

// VMI is vendor-managed inventory: the supplier, not the site, reviews the
// site's stock every Period days, sees its real customer demand, and ships
// enough to bring the inventory position back to Max whenever it is at or
// below Min. Limits given in days of cover are converted with the mean
// customer demand. With Consignment the supplier owns the stock until it is
// sold, so the site's holding cost is the supplier's.
type VMI struct {
	Min, Max    int64   // units
	Period      float64 // days between the supplier's reviews (> 0)
	Consignment bool
}

// Order implements [Policy].
func (p *VMI) Order(pos Position) int64 { return upTo(pos, p.Min, p.Max) }

// ReviewPeriod implements [Policy].
func (p *VMI) ReviewPeriod() float64 { return p.Period }

// Describe implements [Policy].
func (p *VMI) Describe() PolicyInfo {
	c := 0.0
	if p.Consignment {
		c = 1
	}
	return PolicyInfo{Type: "vmi", Params: []Param{{"min", float64(p.Min)}, {"max", float64(p.Max)}, {"review_period", p.Period}, {"consignment", c}}}
}

// DropShip makes a site-item hold no stock: each customer order passes to
// the site-item's source, which ships it straight to the customer, from its
// stock (an upstream site) or its capacity (a supplier), along the lane.
// The customer waits for the source's handling plus the transit; what the
// source is short of becomes the customer's backorder. Fee is charged per
// customer order (as ordering cost).
type DropShip struct {
	Fee float64 // money per customer order
}

// Order implements [Policy]; a drop-ship site-item never orders stock.
func (p *DropShip) Order(Position) int64 { return 0 }

// ReviewPeriod implements [Policy].
func (p *DropShip) ReviewPeriod() float64 { return 0 }

// Describe implements [Policy].
func (p *DropShip) Describe() PolicyInfo {
	return PolicyInfo{Type: "dropship", Params: []Param{{"fee", p.Fee}}}
}
