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

func (p *JIT) quietAbove() (int64, bool) { return below(p.Buffer) }

// quietAbove is (r, Q)'s; a reorder point that follows a profile has none.
func (p *EOQ) quietAbove() (int64, bool) { return p.R, p.Seasonal == nil }

// quietAbove is that of continuous review's (r, Q); a level that follows a
// profile has none.
func (p *SafetyStock) quietAbove() (int64, bool) {
	return p.ReorderPoint, p.Seasonal == nil && p.Period == 0
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
//
// With Seasonal set ([EOQ.FollowProfile]) Q stays that of the mean demand
// over the horizon, and the reorder point in force on day d is the demand
// expected over [d, d+L] ([LevelDemand.Window]) plus the safety stock,
// rounded to the nearest unit.
type EOQ struct {
	RQ
	Demand      float64 // D, units per day
	OrderCost   float64 // K, money per order
	HoldingCost float64 // h, money per unit-day
	LeadTime    float64 // L, mean days
	Safety      float64 // safety stock, units
	Exact       float64 // √(2KD/h) before rounding
	// Seasonal, when not nil, is the profiled demand the reorder point
	// follows; RMin and RMax are then its range over the horizon.
	Seasonal   *LevelDemand
	RMin, RMax int64
	// the reorder point in force during one replication and its day
	// (-1: none yet)
	at     float64
	cached int64
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

// FollowProfile makes the reorder point follow the profiled demand ld
// over a run of horizon days, and works out its range.
func (p *EOQ) FollowProfile(ld *LevelDemand, horizon float64) {
	p.Seasonal = ld
	p.RMin, p.RMax = math.MaxInt64, math.MinInt64
	scanTimes(horizon, 0, func(t float64) {
		r := p.reorderFrom(t)
		p.RMin, p.RMax = min(p.RMin, r), max(p.RMax, r)
	})
	p.at = -1
}

// StartLevel returns the reorder point in force at time 0.
func (p *EOQ) StartLevel() int64 {
	if p.Seasonal != nil {
		return p.reorderFrom(0)
	}
	return p.R
}

// reorderFrom returns the reorder point of the lead-time window from day
// t.
func (p *EOQ) reorderFrom(t float64) int64 {
	m, _ := p.Seasonal.Window(t, t+p.LeadTime)
	return int64(max(-maxLevel, min(math.Round(m+p.Safety), maxLevel)))
}

// Order implements [Policy]: (r, Q), with the reorder point of the day
// when it follows a profile.
func (p *EOQ) Order(pos Position) int64 {
	if p.Seasonal == nil {
		return p.RQ.Order(pos)
	}
	if d := math.Floor(pos.Now); d != p.at {
		p.at, p.cached = d, p.reorderFrom(d)
	}
	return levelOrder(pos, false, 0, p.cached, p.Q)
}

// fresh implements replicated.
func (p *EOQ) fresh() Policy {
	if p.Seasonal == nil {
		return p
	}
	c := *p
	c.at = -1
	return &c
}

// Describe implements [Policy], with the derived values: for a reorder
// point that follows a profile, its range over the horizon.
func (p *EOQ) Describe() PolicyInfo {
	params := []Param{{"order_quantity", float64(p.Q)}}
	if p.Seasonal != nil {
		params = append(params, Param{"reorder_point_min", float64(p.RMin)}, Param{"reorder_point_max", float64(p.RMax)})
	} else {
		params = append(params, Param{"reorder_point", float64(p.R)})
	}
	return PolicyInfo{Type: "eoq", Params: append(params,
		Param{"eoq", p.Exact}, Param{"demand_per_day", p.Demand}, Param{"lead_time", p.LeadTime}, Param{"safety_stock", p.Safety},
	)}
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
//
// With Seasonal set ([SafetyStock.FollowProfile]) the level follows a
// profiled demand instead: the level in force from time t uses the mean M
// and variance V of the demand expected over the protection window [t,
// t+T] ([LevelDemand.Window]), σ = √(V + (M/T)²·σL²) and level = ceil(M +
// z·σ), z (for a fill rate) with the batch Q, or the demand expected over
// [t+L, t+T] under periodic review. It is worked out at each review under
// periodic review, and once a day, for the window from the start of the
// day, under continuous review.
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
	// Seasonal, when not nil, is the profiled demand the level follows;
	// LevelMin and LevelMax are then the range of its level over the
	// horizon, and the fields above keep the horizon-average derivation.
	Seasonal           *LevelDemand
	LevelMin, LevelMax int64
	// the level in force during one replication, and the start of its
	// window (-1: none yet)
	at     float64
	cached int64
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
	if target == CycleServiceLevel {
		p.Z = distuv.UnitNormal.Quantile(level)
	}
	batch := float64(q)
	if period > 0 {
		batch = demand * period
	}
	p.Z = p.z(p.Sigma, batch)
	p.Safety = p.Z * p.Sigma
	level0 := int64(math.Ceil(p.ProtectionDemand + p.Safety - 1e-9))
	if period > 0 {
		p.Top = level0
	} else {
		p.ReorderPoint = level0
	}
	return p, nil
}

// z returns the safety factor for a protection-period σ and, for a fill
// rate, the batch of units a cycle serves: Φ⁻¹(target) for a cycle service
// level (p.Z, set once), the z solving σ·G(z) = (1 − target)·batch for a
// fill rate.
func (p *SafetyStock) z(sigma, batch float64) float64 {
	switch {
	case p.Target == CycleServiceLevel:
		return p.Z
	case sigma == 0:
		return 0
	}
	return lossInverse((1 - p.Level) * batch / sigma)
}

// FollowProfile makes the level follow the profiled demand ld over a run
// of horizon days, and works out its range and the level at time 0.
func (p *SafetyStock) FollowProfile(ld *LevelDemand, horizon float64) {
	p.Seasonal = ld
	p.LevelMin, p.LevelMax = math.MaxInt64, math.MinInt64
	scanTimes(horizon, p.Period, func(t float64) {
		l := p.levelFrom(t)
		p.LevelMin, p.LevelMax = min(p.LevelMin, l), max(p.LevelMax, l)
	})
	p.at = -1
}

// StartLevel returns the level in force at time 0: the reorder point
// (continuous review) or order-up-to level (periodic review).
func (p *SafetyStock) StartLevel() int64 {
	switch {
	case p.Seasonal != nil:
		return p.levelFrom(0)
	case p.Period > 0:
		return p.Top
	}
	return p.ReorderPoint
}

// levelFrom works out the level of the protection window from t of a
// policy following a profile.
func (p *SafetyStock) levelFrom(t float64) int64 {
	T := p.LeadTime + p.Period
	m, v := p.Seasonal.Window(t, t+T)
	d := 0.0
	if T > 0 {
		d = m / T
	}
	sigma := math.Sqrt(v + d*d*p.LeadSD*p.LeadSD)
	batch := float64(p.Q)
	if p.Period > 0 {
		batch, _ = p.Seasonal.Window(t+p.LeadTime, t+T)
	}
	return clampLevel(m + p.z(sigma, batch)*sigma)
}

// levelAt returns the level in force at time t, from its cache when the
// window has not moved.
func (p *SafetyStock) levelAt(t float64) int64 {
	if p.Period == 0 {
		t = math.Floor(t)
	}
	if t != p.at {
		p.at, p.cached = t, p.levelFrom(t)
	}
	return p.cached
}

// fresh implements replicated: a copy with an empty cache for a policy
// following a profile, the policy itself otherwise.
func (p *SafetyStock) fresh() Policy {
	if p.Seasonal == nil {
		return p
	}
	c := *p
	c.at = -1
	return &c
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
	if p.Seasonal != nil {
		l := p.levelAt(pos.Now)
		return levelOrder(pos, p.Period > 0, l, l, p.Q)
	}
	return levelOrder(pos, p.Period > 0, p.Top, p.ReorderPoint, p.Q)
}

// ReviewPeriod implements [Policy].
func (p *SafetyStock) ReviewPeriod() float64 { return p.Period }

// Describe implements [Policy], with the derived values: for a level that
// follows a profile, the range of the level over the horizon.
func (p *SafetyStock) Describe() PolicyInfo {
	target, metric := "cycle_service_level", MCycleServiceLevel
	if p.Target == FillRate {
		target, metric = "fill_rate", MFillRate
	}
	params := []Param{{target, p.Level}}
	level := "reorder_point"
	if p.Period > 0 {
		level = "order_up_to"
	}
	switch {
	case p.Seasonal != nil:
		params = append(params, Param{level + "_min", float64(p.LevelMin)}, Param{level + "_max", float64(p.LevelMax)})
	case p.Period > 0:
		params = append(params, Param{level, float64(p.Top)})
	default:
		params = append(params, Param{level, float64(p.ReorderPoint)})
	}
	if p.Period > 0 {
		params = append(params, Param{"review_period", p.Period})
	} else {
		params = append(params, Param{"order_quantity", float64(p.Q)})
	}
	if p.Seasonal != nil {
		if p.Target == CycleServiceLevel {
			params = append(params, Param{"z", p.Z})
		}
		params = append(params, Param{"lead_time", p.LeadTime})
	} else {
		params = append(params, Param{"safety_stock", p.Safety}, Param{"z", p.Z}, Param{"sigma", p.Sigma},
			Param{"protection_demand", p.ProtectionDemand})
	}
	rev, _ := review(p.Period)
	return PolicyInfo{Type: "safety_stock", Review: rev, Params: params, Target: &Target{Metric: metric, Value: p.Level}}
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
