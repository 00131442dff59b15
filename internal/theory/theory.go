// Package theory holds exact results of inventory theory that scsim's
// tests check the simulation against. Only tests import it.
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
	n := int(m+20*math.Sqrt(m)) + max(r, 0) + q + 50
	pmf := make([]float64, n)
	pmf[0] = math.Exp(-m)
	for k := 1; k < n; k++ {
		pmf[k] = pmf[k-1] * m / float64(k)
	}
	for y := r + 1; y <= r+q; y++ {
		for d, p := range pmf {
			if d <= y-1 {
				fill += p
			}
			if d < y {
				onHand += float64(y-d) * p
			} else {
				backorders += float64(d-y) * p
			}
		}
	}
	return fill / float64(q), onHand / float64(q), backorders / float64(q)
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
