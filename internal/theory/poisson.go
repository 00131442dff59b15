package theory

import "math"

// The Poisson terms the formulas sum, computed so that they keep their
// relative precision for every mean and every k: a lead-time demand of
// mean 10⁵ or 10⁻⁹ and levels far in either tail.

// MaxLevel bounds the levels (reorder points, batches, order-up-to levels,
// servers) the formulas take: their sums run over every level up to it.
// Beyond it they return NaN.
const MaxLevel = 1 << 24

// poissonPMF returns P(N = k) for N Poisson of mean m ≥ 0, to a relative
// precision of a few ulps for every k and m, by Loader's saddle-point
// form (C. Loader, "Fast and accurate computation of binomial
// probabilities", 2000): e^{−stirlerr(k) − bd0(k, m)} / √(2πk), which
// avoids the cancellation of k·ln m − m − ln k! when both are large.
func poissonPMF(k int, m float64) float64 {
	switch {
	case k < 0:
		return 0
	case m == 0:
		if k == 0 {
			return 1
		}
		return 0
	case k == 0:
		return math.Exp(-m)
	case k < 16 && m < 700:
		// k! is exact, m^k within an ulp or two, e^{−m} normal
		return math.Exp(-m) * math.Pow(m, float64(k)) / factorial[k]
	case k < 16:
		// e^{−m} underflows: in logarithms, where ln k! ≤ 28 loses nothing
		return math.Exp(float64(k)*math.Log(m) - m - math.Log(factorial[k]))
	}
	x := float64(k)
	return math.Exp(-stirlerr(k)-bd0(x, m)) / math.Sqrt(2*math.Pi*x)
}

// factorial holds k! for k < 16, each exact in a float64.
var factorial = func() (t [16]float64) {
	t[0] = 1
	for k := 1; k < 16; k++ {
		t[k] = t[k-1] * float64(k)
	}
	return t
}()

// stirlerr returns ln k! − ln(√(2πk)·(k/e)^k) for k ≥ 16, by its
// asymptotic series (Loader 2000), accurate to double precision there.
func stirlerr(k int) float64 {
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	n := float64(k)
	nn := n * n
	switch {
	case k > 500:
		return (s0 - s1/nn) / n
	case k > 80:
		return (s0 - (s1-s2/nn)/nn) / n
	case k > 35:
		return (s0 - (s1-(s2-s3/nn)/nn)/nn) / n
	}
	return (s0 - (s1-(s2-(s3-s4/nn)/nn)/nn)/nn) / n
}

// bd0 returns x·ln(x/m) + m − x, the deviance term of Loader (2000),
// by a series when x is near m, where the direct form cancels.
func bd0(x, m float64) float64 {
	if math.Abs(x-m) < 0.1*(x+m) {
		v := (x - m) / (x + m)
		s := (x - m) * v
		ej := 2 * x * v
		v *= v
		for j := 3.0; j < 1000; j += 2 {
			ej *= v
			s1 := s + ej/j
			if s1 == s {
				return s1
			}
			s = s1
		}
		return s
	}
	return x*math.Log(x/m) + m - x
}

// poissonUpper returns, for N Poisson of mean m, P(N > b), E[(N − b)⁺]
// and E[C((N − b)⁺, 2)] = E[(N−b)(N−b−1)/2; N > b], summing the terms
// above b upwards until they no longer count: a sum of positive terms,
// exact to a few ulps even far in the tail (where 1 − P(N ≤ b) would
// cancel). Its cost is the number of terms that count, about
// 40 + 10√m above max(b, m).
func poissonUpper(m float64, b int) (tail, loss, loss2 float64) {
	for j := max(b+1, 0); ; j++ {
		p := poissonPMF(j, m)
		d := float64(j - b)
		tail += p
		loss += d * p
		loss2 += d * (d - 1) / 2 * p
		if p == 0 && float64(j) > m {
			return tail, loss, loss2
		}
		// past the mode the terms fall faster than geometrically, by
		// ρ = m/(j+1) and less: the rest is at most ρ/(1−ρ) of this term,
		// each at most d + 1/(1−ρ) more units above b
		if rho := m / float64(j+1); rho < 1 {
			rest := p * rho / (1 - rho)
			e := d + 1/(1-rho)
			if rest < 1e-17*tail && e*rest < 1e-17*loss && e*e*rest < 1e-17*loss2 {
				return tail, loss, loss2
			}
		}
	}
}

// validMean reports whether m is a mean the formulas take.
func validMean(m float64) bool { return m >= 0 && !math.IsInf(m, 0) }
