package check

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Verdict is the outcome of one guarded metric.
type Verdict string

// The verdicts, from the worst.
const (
	Regression   Verdict = "regression"
	Inconclusive Verdict = "inconclusive"
	Within       Verdict = "changed-within-tolerance"
	Pass         Verdict = "pass"
	Improvement  Verdict = "improvement"
)

// Verdicts lists the verdicts from the worst.
var Verdicts = []Verdict{Regression, Inconclusive, Within, Pass, Improvement}

// rank orders verdicts from the worst (0).
func (v Verdict) rank() int {
	for i, w := range Verdicts {
		if w == v {
			return i
		}
	}
	return len(Verdicts)
}

// Power is the probability with which [Test.Detectable] is detected.
const Power = 0.8

// Test is the comparison of one metric's current values with the
// baseline's.
type Test struct {
	// Paired says the paired t-test on the per-replication differences
	// was used (same seed and replications: common random numbers);
	// else Welch's unpaired t-test.
	Paired bool
	// NBase and NCur are the values used (the pairs, if paired: both
	// defined); undefined (NaN) values are left out.
	NBase, NCur int
	// Base and Cur are the means and their half-widths at the
	// confidence level.
	Base, Cur, BaseHW, CurHW float64
	// Diff is the mean of current − baseline, SE its standard error, DF
	// the degrees of freedom of its t distribution (Welch–Satterthwaite
	// when unpaired), and [Low, High] its two-sided confidence interval.
	Diff, SE, DF, Low, High float64
	// Sigma is the standard deviation per replication of the
	// difference: SE·√n paired, √(s²base + s²cur) unpaired (for equal
	// numbers of replications on both sides).
	Sigma float64
	// UnpairedSigma is √(s²base + s²cur), Sigma of the unpaired test.
	UnpairedSigma float64
	// Worse, WLow and WHigh are the worsening, current − baseline in
	// the direction that is worse, and its interval.
	Worse, WLow, WHigh float64
	// Tolerance is the absolute tolerance (a relative one times the
	// baseline's mean).
	Tolerance float64
	Verdict   Verdict
	// Needed, for an inconclusive verdict, is the number of replications
	// (on both sides) after which an interval as wide as the spread
	// observed would no longer straddle the tolerance, if the worsening
	// stayed what it is; -1 if no number would (it equals the
	// tolerance), 0 if not inconclusive.
	Needed int
	// Detectable is the smallest worsening that the test finds a
	// regression with probability [Power] at these replications: the
	// tolerance plus (t(1−α/2) + t(Power))·SE. For a paired test whose
	// differences are all equal (SE 0, as when nothing changed), the
	// unpaired SE stands in, a bound on what pairing detects.
	Detectable float64
}

// Assess compares the current values cur of a metric with the baseline's
// base, per replication, for a two-sided confidence level conf.
// higher says that higher values are worse; the tolerance is abs, or rel
// times the baseline's mean if rel > 0. With paired, base[r] and cur[r]
// are replication r of runs with the same seed (common random numbers),
// and the test is the paired t-test on cur[r] − base[r]; otherwise it is
// Welch's unpaired t-test.
//
// With the interval [L, U] of the worsening W (current − baseline where
// higher is worse, baseline − current where lower is worse) at level
// conf, and the tolerance τ:
//
//	regression                L > τ
//	improvement               U < −τ
//	inconclusive              L ≤ τ < U (a worsening beyond τ is neither shown nor ruled out)
//	pass                      U ≤ τ and L ≤ 0 ≤ U (no change shown)
//	changed-within-tolerance  U ≤ τ, −τ ≤ U and 0 ∉ [L, U] (a change shown, but within τ unless better)
//
// Each one-sided statement holds at level 1 − (1 − conf)/2: when the
// true worsening is at most τ, a regression is reported with probability
// at most (1 − conf)/2, 2.5% at conf 0.95 (exactly for normal values,
// approximately otherwise).
func Assess(base, cur []float64, paired, higher bool, abs, rel, conf float64) Test {
	t := Test{Paired: paired}
	alpha := 1 - conf
	var bs, cs []float64
	if paired {
		for r := 0; r < min(len(base), len(cur)); r++ {
			if !math.IsNaN(base[r]) && !math.IsNaN(cur[r]) {
				bs, cs = append(bs, base[r]), append(cs, cur[r])
			}
		}
	} else {
		bs, cs = defined(base), defined(cur)
	}
	t.NBase, t.NCur = len(bs), len(cs)
	bm, bv := meanVar(bs)
	cm, cv := meanVar(cs)
	t.Base, t.Cur = bm, cm
	t.BaseHW, t.CurHW = halfWidth(bv, len(bs), alpha), halfWidth(cv, len(cs), alpha)
	t.Tolerance = abs
	if rel > 0 {
		t.Tolerance = rel * math.Abs(bm)
	}
	if len(bs) < 2 || len(cs) < 2 {
		t.Diff, t.SE, t.DF = cm-bm, math.NaN(), math.NaN()
		t.Low, t.High, t.Worse, t.WLow, t.WHigh = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
		t.Sigma, t.UnpairedSigma, t.Detectable = math.NaN(), math.NaN(), math.NaN()
		t.Verdict, t.Needed = Inconclusive, -1
		return t
	}
	t.UnpairedSigma = math.Sqrt(bv + cv)
	welchSE := math.Sqrt(bv/float64(len(bs)) + cv/float64(len(cs)))
	welchDF := welch(bv, len(bs), cv, len(cs))
	if paired {
		d := make([]float64, len(bs))
		for r := range d {
			d[r] = cs[r] - bs[r]
		}
		m, v := meanVar(d)
		t.Diff, t.SE, t.DF = m, math.Sqrt(v/float64(len(d))), float64(len(d)-1)
		t.Sigma = math.Sqrt(v)
	} else {
		t.Diff, t.SE, t.DF = cm-bm, welchSE, welchDF
		t.Sigma = math.Sqrt(bv + cv)
	}
	h := 0.0
	if t.SE > 0 {
		h = tq(1-alpha/2, t.DF) * t.SE
	}
	t.Low, t.High = t.Diff-h, t.Diff+h
	if higher {
		t.Worse, t.WLow, t.WHigh = t.Diff, t.Low, t.High
	} else {
		t.Worse, t.WLow, t.WHigh = -t.Diff, -t.High, -t.Low
	}
	tau := t.Tolerance
	switch {
	case t.WLow > tau:
		t.Verdict = Regression
	case t.WHigh < -tau:
		t.Verdict = Improvement
	case t.WHigh > tau:
		t.Verdict = Inconclusive
		t.Needed = needed(t.Sigma, math.Abs(t.Worse-tau), alpha, t.NCur)
	case t.WLow <= 0 && 0 <= t.WHigh:
		t.Verdict = Pass
	default:
		t.Verdict = Within
	}
	se, df := t.SE, t.DF
	if se == 0 && paired {
		se, df = welchSE, welchDF
	}
	t.Detectable = tau
	if se > 0 {
		t.Detectable += (tq(1-alpha/2, df) + tq(Power, df)) * se
	}
	return t
}

// Replications returns the number of replications (on both sides) at
// which the test detects a worsening of size w with probability
// [Power], for a spread sigma per replication of the difference and a
// tolerance tau: the least n with tau + (t(1−α/2) + t(Power))·sigma/√n ≤
// w; -1 if w ≤ tau or more than a million are needed.
func Replications(sigma, w, tau, conf float64) int {
	if !(w > tau) || math.IsNaN(sigma) {
		return -1
	}
	if sigma == 0 {
		return 2
	}
	alpha := 1 - conf
	return search(func(n int) bool {
		df := float64(n - 1)
		return (tq(1-alpha/2, df)+tq(Power, df))*sigma/math.Sqrt(float64(n)) <= w-tau
	})
}

// needed returns the replications after which the half-width t·sigma/√n
// is below gap, and at least more than have; -1 if none up to a million.
func needed(sigma, gap, alpha float64, have int) int {
	if !(gap > 0) {
		return -1
	}
	n := search(func(n int) bool {
		return tq(1-alpha/2, float64(n-1))*sigma/math.Sqrt(float64(n)) < gap
	})
	if n > 0 && n <= have {
		n = have + 1
	}
	return n
}

// maxReplications bounds the searches for numbers of replications.
const maxReplications = 1_000_000

// search returns the least n in [2, maxReplications] for which ok holds,
// ok being monotone, or -1.
func search(ok func(n int) bool) int {
	if !ok(maxReplications) {
		return -1
	}
	lo, hi := 2, maxReplications
	for lo < hi {
		mid := (lo + hi) / 2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// tq is the p-quantile of Student's t with df degrees of freedom.
func tq(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// welch returns the Welch–Satterthwaite degrees of freedom of the
// difference of two means with sample variances v1, v2 of n1, n2 values.
func welch(v1 float64, n1 int, v2 float64, n2 int) float64 {
	a, b := v1/float64(n1), v2/float64(n2)
	switch {
	case a == 0 && b == 0:
		return float64(n1 + n2 - 2)
	case a == 0:
		return float64(n2 - 1)
	case b == 0:
		return float64(n1 - 1)
	}
	return (a + b) * (a + b) / (a*a/float64(n1-1) + b*b/float64(n2-1))
}

// halfWidth is the half-width of the confidence interval of a mean of n
// values with sample variance v.
func halfWidth(v float64, n int, alpha float64) float64 {
	if n < 2 {
		return math.NaN()
	}
	return tq(1-alpha/2, float64(n-1)) * math.Sqrt(v/float64(n))
}

// meanVar returns the mean and the sample variance (n − 1) of xs.
func meanVar(xs []float64) (mean, v float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return mean, v / float64(len(xs)-1)
}

// defined returns the values of xs that are not NaN.
func defined(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}
