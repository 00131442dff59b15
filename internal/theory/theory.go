// Package theory holds exact results of inventory theory: scsim shows them
// beside the simulated means where they apply, and its tests check the
// simulation against them.
package theory

import "math"

// RQPoisson returns the exact unit fill rate, mean on-hand and mean
// backorders of continuous-review (r, Q) with unit Poisson demand of mean
// m = λL over a constant lead time L and full backordering. The inventory
// position is uniform on r+1..r+Q, and the net stock is IP − D with
// D ~ Poisson(m) (Hadley and Whitin 1963, ch. 4; Zipkin, Foundations of
// Inventory Management, 2000, §6.2):
//
//	fill rate  = (1/Q) Σ_{y=r+1}^{r+Q} P(D ≤ y−1)
//	on-hand    = (1/Q) Σ_y E[(y − D)⁺]
//	backorders = (1/Q) Σ_y E[(D − y)⁺]
func RQPoisson(m float64, r, q int) (fill, onHand, backorders float64) {
	// with F(j) = P(D ≤ j) and E[(y − D)⁺] = Σ_{j<y} F(j), both zero for
	// y ≤ 0, and E[(D − y)⁺] = E[(y − D)⁺] − y + m; one pass up to r+Q
	loss := 0.0 // E[(y − D)⁺]
	cdf := poissonCDF(m)
	for y := 1; y <= r+q; y++ {
		f := cdf() // F(y − 1)
		loss += f  // E[(y − D)⁺]
		if y >= r+1 {
			fill += f
			onHand += loss
		}
	}
	fill /= float64(q)
	onHand /= float64(q)
	backorders = onHand - (float64(r) + float64(q+1)/2) + m
	return fill, onHand, backorders
}

// poissonCDF returns a function giving P(N ≤ 0), P(N ≤ 1), ... in turn
// for N Poisson of mean m, its terms computed in logarithms so that a
// large m does not underflow.
func poissonCDF(m float64) func() float64 {
	k, cdf := 0, 0.0
	lm := math.Log(m)
	return func() float64 {
		var p float64
		switch {
		case m == 0 && k == 0:
			p = 1
		case m > 0:
			lg, _ := math.Lgamma(float64(k + 1))
			p = math.Exp(float64(k)*lm - m - lg)
		}
		k++
		cdf = min(1, cdf+p)
		return cdf
	}
}

// RQCost returns the exact long-run cost per day of (r, Q) as in
// [RQPoisson], with demand rate lambda per day and lead time lead:
// holding·E[on hand] + backorder·E[backorders] + order·λ/Q, the
// holding and backorder costs per unit per day and the order cost per
// order (each order is for Q units, so λ/Q orders a day).
func RQCost(lambda, lead float64, r, q int, holding, backorder, order float64) float64 {
	_, oh, bo := RQPoisson(lambda*lead, r, q)
	return holding*oh + backorder*bo + order*lambda/float64(q)
}

// ErlangB returns the Erlang loss probability B(s, a) for s servers and
// offered load a, by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)).
// By Palm's theorem it is the lost share of continuous-review base-stock S
// with Poisson demand and lost sales, for any lead-time distribution of mean
// L, with a = λL.
func ErlangB(s int, a float64) float64 {
	b := 1.0
	for k := 1; k <= s; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// BaseStockLost returns the exact unit fill rate, lost share and mean
// on-hand of continuous-review base stock S (one-for-one replenishment)
// with Poisson demand of rate lambda, lost sales, and independent lead
// times of mean lead, of any distribution: the units on order are the busy
// servers of an Erlang loss system M/G/S/S with offered load a = λL, so a
// demand is lost with probability B(S, a) (Erlang 1917; Palm 1938; Zipkin
// 2000, §7.3) and
//
//	fill rate = 1 − B(S, a)
//	on-hand   = S − a·(1 − B(S, a))
//
// (the mean number of busy servers is the carried load a·(1 − B)).
func BaseStockLost(s int, lambda, lead float64) (fill, lost, onHand float64) {
	a := lambda * lead
	b := ErlangB(s, a)
	return 1 - b, b, float64(s) - a*(1-b)
}

// EOQ returns the economic order quantity √(2KD/h) of Harris (1913) for
// order cost k per order, demand d per day and holding cost h per
// unit-day, and the cost per day √(2KDh) it achieves with continuous
// demand.
func EOQ(k, d, h float64) (q, costPerDay float64) {
	return math.Sqrt(2 * k * d / h), math.Sqrt(2 * k * d * h)
}

// RQDeterministic returns the exact mean on-hand of continuous-review
// (r, Q) with deterministic unit demand, one unit every 1/lambda days, and
// a constant lead time lead, when no demand is ever short: then the
// inventory position steps through r+Q, ..., r+1, each for 1/λ days, the
// on-hand is the position of one lead time before less the λL units
// demanded since, and its time average is
//
//	on-hand = r + (Q + 1)/2 − λL
//
// (the EOQ's Q/2 for units, with (Q + 1)/2 because the stock steps down a
// whole unit at a time). No demand is short when r ≥ ⌈λL⌉: the order
// placed as the position reaches r arrives after at most ⌈λL⌉ demands
// (at most ⌈λL⌉ − 1 when λL is whole, but a receipt and a demand at the
// same instant are then a question of rounding). ok is false when r is
// below that.
func RQDeterministic(lambda, lead float64, r, q int) (onHand float64, ok bool) {
	m := lambda * lead
	if float64(r) < math.Ceil(m) {
		return math.NaN(), false
	}
	return float64(r) + float64(q+1)/2 - m, true
}

// PeriodicPoisson returns the exact unit fill rate, mean on-hand and mean
// backorders of periodic-review order-up-to S, reviewed every period R
// days, with Poisson demand of rate lambda, a constant lead time L and full
// backordering. Every review raises the inventory position to S, so the net
// stock u days after a review, for u in [L, L+R), is S − N(λu) with N
// Poisson, and each time in the cycle is equally likely (Hadley and Whitin
// 1963, ch. 5; Zipkin 2000, §6.7; Poisson arrivals see time averages):
//
//	fill rate  = (1/R) ∫_L^{L+R} P(N(λu) ≤ S−1) du
//	on-hand    = (1/R) ∫_L^{L+R} E[(S − N(λu))⁺] du
//	backorders = on-hand − S + λ(L + R/2)
//
// computed in closed form with ∫_0^T P(N(λu) ≤ n) du =
// (1/λ) Σ_{k=0}^{n} P(N(λT) ≥ k+1).
func PeriodicPoisson(lambda, lead, period float64, s int) (fill, onHand, backorders float64) {
	// ∫_0^T P(N(λu) ≤ k') du summed over k' ≤ S−1, and ∫_0^T E[(S −
	// N(λu))⁺] du = (1/λ) Σ_{k=0}^{S−1} (S − k)·P(N(λT) ≥ k+1)
	ints := func(t float64) (f, oh float64) {
		cdf := poissonCDF(lambda * t)
		for k := 0; k < s; k++ {
			tail := 1 - cdf() // P(N(λT) ≥ k+1)
			f += tail
			oh += float64(s-k) * tail
		}
		return f / lambda, oh / lambda
	}
	f1, oh1 := ints(lead + period)
	f0, oh0 := ints(lead)
	fill = (f1 - f0) / period
	onHand = (oh1 - oh0) / period
	backorders = onHand - float64(s) + lambda*(lead+period/2)
	return fill, onHand, backorders
}

// PeriodicOrders returns the orders per day of periodic order-up-to with
// Poisson demand of rate lambda reviewed every period days: a review
// orders when some demand came since the last, (1 − e^{−λR})/R.
func PeriodicOrders(lambda, period float64) float64 {
	return -math.Expm1(-lambda*period) / period
}
