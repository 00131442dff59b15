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
//
// Every term is a sum of positive terms, so that the values keep their
// precision for any mean (10⁵, 10⁻⁹) and levels far in either tail: for a
// position y ≤ m the on-hand and fill are summed from below and the
// backorders are E[(y − D)⁺] + (m − y); above m the backorders and
// shortage are summed from above and the on-hand is E[(D − y)⁺] + (y − m).
// It returns NaN for q < 1, a mean that is negative, infinite or NaN, or
// levels beyond ±[MaxLevel].
func RQPoisson(m float64, r, q int) (fill, onHand, backorders float64) {
	if q < 1 || !validMean(m) || q > MaxLevel || r < -MaxLevel || r > MaxLevel {
		return math.NaN(), math.NaN(), math.NaN()
	}
	top := r + q
	// positions y ≤ 0: nothing on hand, m − y owed
	if n := min(top, 0) - r; n > 0 {
		lo, hi := float64(r+1), float64(min(top, 0))
		backorders += float64(n) * (m - (lo+hi)/2)
	}
	// positions 1 ≤ y ≤ m, from below: F(y−1) and E[(y − D)⁺] = Σ_{j<y} F(j)
	mid := top // the last position summed from below
	if m < float64(top) {
		mid = int(math.Floor(m))
	}
	cdf, loss := 0.0, 0.0
	for y := 1; y <= mid; y++ {
		cdf += poissonPMF(y-1, m)
		loss += cdf
		if y > r {
			fill += cdf
			onHand += loss
			backorders += loss + (m - float64(y))
		}
	}
	// positions y > m, from above: G(y) = P(D > y), E[(D − y)⁺]
	if lo := max(r+1, mid+1); lo <= top {
		g, bo, _ := poissonUpper(m, top)
		for y := top; y >= lo; y-- {
			g += poissonPMF(y, m) // now G(y−1)
			fill += 1 - g
			onHand += bo + (float64(y) - m)
			backorders += bo
			bo += g // E[(D − (y−1))⁺] = E[(D − y)⁺] + P(D > y−1)
		}
	}
	fq := float64(q)
	return min(1, fill/fq), onHand / fq, backorders / fq
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
//
// It returns NaN for s < 0 or beyond [MaxLevel], and for a load that is
// negative, infinite or NaN.
func ErlangB(s int, a float64) float64 {
	b, _, _ := erlang(s, a)
	return b
}

// erlang returns B(s, a), 1 − B(s, a) and s − a·(1 − B(s, a)), the idle
// servers of the loss system, each by a recursion of positive terms:
// with c = k + a·B(k−1),
//
//	B(k)     = a·B(k−1) / c
//	1 − B(k) = k / c
//	idle(k)  = k·(1 + idle(k−1)) / c
//
// (the last from idle(k) = k − a·(1 − B(k)) and a·B(k−1) = a − (k−1) +
// idle(k−1)), so that neither 1 − B nor the idle servers cancel when B
// is near 1, nor B underflow before its time.
func erlang(s int, a float64) (b, notB, idle float64) {
	if s < 0 || s > MaxLevel || !validMean(a) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	b, notB, idle = 1, 0, 0
	for k := 1; k <= s; k++ {
		fk := float64(k)
		c := fk + a*b
		b, notB, idle = a*b/c, fk/c, fk*(1+idle)/c
	}
	return b, notB, idle
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
	b, notB, idle := erlang(s, lambda*lead)
	return notB, b, idle
}

// EOQ returns the economic order quantity √(2KD/h) of Harris (1913) for
// order cost k per order, demand d per day and holding cost h per
// unit-day, and the cost per day √(2KDh) it achieves with continuous
// demand.
//
// It returns NaN unless k ≥ 0, d ≥ 0 and h > 0 are finite.
func EOQ(k, d, h float64) (q, costPerDay float64) {
	if !(k >= 0 && d >= 0 && h > 0) || math.IsInf(k+d+h, 0) {
		return math.NaN(), math.NaN()
	}
	// √(2K)·√(D/h) rather than √(2KD/h): no overflow of the product
	return math.Sqrt(2*k) * math.Sqrt(d/h), math.Sqrt(2*k) * math.Sqrt(d) * math.Sqrt(h)
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
// below that, Q < 1 or λL not a finite mean. [Deterministic] also takes
// the settings where some demand is short.
func RQDeterministic(lambda, lead float64, r, q int) (onHand float64, ok bool) {
	m := lambda * lead
	if q < 1 || !validMean(m) || float64(r) < math.Ceil(m) {
		return math.NaN(), false
	}
	return float64(r) + float64(q+1)/2 - m, true
}

// DeterministicResult is the long run of continuous-review (r, Q) with
// deterministic demand and backorders, from [Deterministic].
type DeterministicResult struct {
	Fill, OnHand, Backorders float64
	// Short is the share of demands backordered, 1 − Fill; WaitMean the
	// mean wait of those (NaN when none is short), in days.
	Short, WaitMean float64
}

// Deterministic returns the exact long run of continuous-review (r, Q)
// with deterministic unit demand, one unit every T = 1/lambda days, a
// constant lead time L = lead and full backordering. The inventory
// position steps through r+Q, ..., r+1, each for T days; the order placed
// as it reaches r (at some demand) holds the units of the demands r+1 to
// r+Q after that one, and arrives L days after it, so the demand i (i = 1
// .. Q) of each cycle waits max(0, L − (r+i)·T). With m = λL and the
// positions y = r+1..r+Q, each equally often, the net stock a lead time
// after the position is y is y − m on average over the phase, exactly
// (it is y − ⌊m⌋ and y − ⌊m⌋ − 1 in the shares 1 − frac(m) and frac(m)
// of the time, and y ≥ ⌈m⌉ or y ≤ ⌊m⌋), hence the sawtooth
//
//	on-hand    = (1/Q) Σ_y (y − m)⁺
//	backorders = (1/Q) Σ_y (m − y)⁺    (= λ × the mean wait, Little)
//	fill rate  = #{y : y ≥ m} / Q
//	wait mean  = backorders / (λ · (1 − fill rate)), of the short demands
//
// (with no shortage, r + 1 ≥ m, the on-hand is r + (Q+1)/2 − m of
// [RQDeterministic]). When m is whole (to 1e-9) and r+1 ≤ m ≤ r+Q, the
// demand i = m − r meets its receipt at the same instant, and whether it
// is served at once is a matter of the event order and of rounding: ok is
// false then, as for Q < 1, |r|, Q beyond [MaxLevel] or m not a finite
// mean.
func Deterministic(lambda, lead float64, r, q int) (DeterministicResult, bool) {
	nan := math.NaN()
	no := DeterministicResult{nan, nan, nan, nan, nan}
	m := lambda * lead
	if q < 1 || q > MaxLevel || r < -MaxLevel || r > MaxLevel || !(lambda > 0) || !validMean(m) {
		return no, false
	}
	top := r + q
	if w := math.Round(m); math.Abs(m-w) <= 1e-9*max(1, m) {
		if float64(r+1) <= w && w <= float64(top) {
			return no, false // a demand ties with its receipt
		}
		m = w
	}
	// the positions below m (short) are r+1..hi, those at or above lo..top
	hi := r
	if m > float64(r) {
		hi = int(min(float64(top), math.Ceil(m)-1))
	}
	fq := float64(q)
	var res DeterministicResult
	if k := hi - r; k > 0 {
		fk := float64(k)
		res.Backorders = fk * (m - float64(r+1+hi)/2) / fq
		res.Short = fk / fq
		res.WaitMean = res.Backorders / (lambda * res.Short)
	} else {
		res.WaitMean = nan
	}
	if lo := hi + 1; lo <= top {
		res.OnHand = float64(top-lo+1) * (float64(lo+top)/2 - m) / fq
	}
	res.Fill = 1 - res.Short
	return res, true
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
// (1/λ) Σ_{k=0}^{n} P(N(λT) ≥ k+1), from tails that keep their relative
// precision. It returns NaN unless λ > 0, L ≥ 0 and R > 0 are finite and
// |S| ≤ [MaxLevel].
func PeriodicPoisson(lambda, lead, period float64, s int) (fill, onHand, backorders float64) {
	if !(lambda > 0 && lead >= 0 && period > 0) || math.IsInf(lambda+lead+period, 0) || s < -MaxLevel || s > MaxLevel {
		return math.NaN(), math.NaN(), math.NaN()
	}
	if s <= 0 { // nothing ever on hand: S − N(λu) is all owed
		return 0, 0, lambda*(lead+period/2) - float64(s)
	}
	// λ·∫_0^T of the three integrands: Σ_{k<S} G(k), Σ_{k<S} (S−k)·G(k)
	// with G(k) = P(N(λT) > k), and, when S is above the mean, E[C((N −
	// S)⁺, 2)] for the backorders (∫_0^T E[(N(λu) − S)⁺] du = (1/λ) Σ_{j>S}
	// (j − S)·G(j)); G is 1 − F where F ≤ 1/2, else summed from above
	direct := float64(s) >= lambda*(lead+period)
	ints := func(t float64) (f, oh, bo float64) {
		m := lambda * t
		k, cdf := 0, 0.0
		for ; k < s; k++ {
			cdf += poissonPMF(k, m)
			if cdf > 0.5 {
				break
			}
			f += 1 - cdf
			oh += float64(s-k) * (1 - cdf)
		}
		if k < s {
			g, _, _ := poissonUpper(m, s-1) // G(S−1)
			for j := s - 1; j >= k; j-- {
				f += g
				oh += float64(s-j) * g
				g += poissonPMF(j, m) // G(j−1)
			}
		}
		if direct {
			_, _, bo = poissonUpper(m, s)
		}
		return f, oh, bo
	}
	f1, oh1, bo1 := ints(lead + period)
	f0, oh0, bo0 := ints(lead)
	lr := lambda * period
	// the differences are of increasing functions of T: clamped, so that
	// their rounding does not take them out of their range
	fill = min(1, max(0, (f1-f0)/lr))
	onHand = max(0, (oh1-oh0)/lr)
	if direct {
		backorders = max(0, (bo1-bo0)/lr)
	} else {
		backorders = onHand - float64(s) + lambda*(lead+period/2)
	}
	return fill, onHand, backorders
}

// PeriodicOrders returns the orders per day of periodic order-up-to with
// Poisson demand of rate lambda reviewed every period days: a review
// orders when some demand came since the last, (1 − e^{−λR})/R.
func PeriodicOrders(lambda, period float64) float64 {
	if !(lambda >= 0 && period > 0) || math.IsInf(lambda+period, 0) {
		return math.NaN()
	}
	return -math.Expm1(-lambda*period) / period
}

// PeriodicSSPoisson returns the exact unit fill rate, mean on-hand, mean
// backorders and orders per day of periodic-review (s, S), reviewed every
// period R days — at a review, an inventory position at or below s is
// raised to S —, with Poisson demand of rate lambda, a constant lead time
// L and full backordering. The position just after a review is a Markov
// chain on s+1..S: it falls by the demand of each period while it stays
// above s and returns to S when it does not. Its stationary law is, by
// renewal-reward over the cycles between orders (Hadley and Whitin 1963,
// ch. 5; Zipkin 2000, §6.7),
//
//	π(x) = v(S − x) / V,  V = Σ_{k=0}^{S−s−1} v(k),
//
// with v(k) the expected number of reviews at which the demand since the
// cycle's order is exactly k: v(0) = 1/(1 − p₀), v(k) = Σ_{j=1}^{k} p_j
// v(k−j) / (1 − p₀) for p_j = P(N(λR) = j). One order per cycle makes
// 1/(R·V) orders a day, and since the units ordered at a review have
// arrived L days later, the net stock u ∈ [L, L+R) days after a review
// with position x is x − N(λu), so each value is the π-mixture of
// [PeriodicPoisson] with S = x. With s = S − 1 it is order-up-to S.
//
// It returns NaN outside [PeriodicPoisson]'s domain, for s ≥ S, and
// when (S − s)·(S + 100) exceeds 2·10⁶ (the mixture's cost: it takes
// about 80 ms there).
func PeriodicSSPoisson(lambda, lead, period float64, s, big int) (fill, onHand, backorders, orders float64) {
	nan := math.NaN()
	if s >= big || big > MaxLevel || s < -MaxLevel || float64(big-s)*float64(max(big, 0)+100) > 2e6 {
		return nan, nan, nan, nan
	}
	if f, _, _ := PeriodicPoisson(lambda, lead, period, big); math.IsNaN(f) {
		return nan, nan, nan, nan
	}
	n := big - s
	m := lambda * period
	p := make([]float64, n)
	for j := range p {
		p[j] = poissonPMF(j, m)
	}
	notStay := -math.Expm1(-m) // 1 − p₀
	v := make([]float64, n)
	total := 0.0
	for k := range v {
		if k == 0 {
			v[0] = 1 / notStay
		} else {
			sum := 0.0
			for j := 1; j <= k; j++ {
				sum += p[j] * v[k-j]
			}
			v[k] = sum / notStay
		}
		total += v[k]
	}
	for k, vk := range v {
		w := vk / total // π(S − k)
		f, oh, bo := PeriodicPoisson(lambda, lead, period, big-k)
		fill += w * f
		onHand += w * oh
		backorders += w * bo
	}
	return min(1, fill), onHand, backorders, 1 / (period * total)
}
