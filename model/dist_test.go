package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Statistical checks of Dist.Sample. Every check draws distSamples values
// from rand.New(rand.NewPCG(1, 1)), so it is deterministic. Each tolerance is
// one that a correct sampler would exceed with probability at most 0.001 on
// another seed, while a wrong parameterisation or an off-by-one in a sampler
// exceeds it by a wide margin:
//
//   - Moments: the sample mean must lie within 5 standard errors σ/√n of the
//     true mean (two-sided probability 5.7e-7 under the CLT), and the sample
//     variance within 5 standard errors √((m₄ − s⁴)/n) of the true variance,
//     with m₄ the sample fourth central moment (the delta-method SE of s²).
//   - Continuous families: the one-sample Kolmogorov–Smirnov distance
//     D = sup|Fₙ − F| against the exact CDF (gonum distuv, or truncNormal
//     below) must be below the critical value at α = 0.001. Kolmogorov's
//     limit law gives P(√n·D > x) = 2Σ(−1)^(j−1)·exp(−2j²x²) ≈ 2·exp(−2x²)
//     (the next term is below 1e-12 here), so x = √(−ln(α/2)/2) = 1.9495;
//     with n = 200 000 the critical D is 0.0044: a CDF error of half a
//     percent anywhere fails.
//   - Discrete families (Poisson, Empirical): Pearson's chi-square over the
//     support, adjacent cells pooled until each expects at least 5 draws
//     (Cochran's rule), must be below the 0.999 quantile of χ²(cells − 1)
//     (distuv.ChiSquared.Quantile).

// distSamples is the sample size of every statistical check.
const distSamples = 200_000

// distSeed returns the fixed random stream of the statistical checks.
func distSeed() *rand.Rand { return rand.New(rand.NewPCG(1, 1)) }

const (
	// seTol is the tolerance on moments in standard errors.
	seTol = 5
	// ksAlpha is the significance level of the KS and chi-square checks.
	ksAlpha = 0.001
)

// ksCritical returns the asymptotic KS critical value at ksAlpha for n draws.
func ksCritical(n int) float64 {
	return math.Sqrt(-math.Log(ksAlpha/2)/2) / math.Sqrt(float64(n))
}

// mustSample draws n values of d and fails tb unless each is finite and
// non-negative, as Sample promises.
func mustSample(tb testing.TB, d *Dist, r *rand.Rand, n int) []float64 {
	tb.Helper()
	xs := make([]float64, n)
	bad := 0
	for i := range xs {
		x := d.Sample(r)
		if !(x >= 0) || math.IsInf(x, 0) {
			if bad < 5 {
				tb.Errorf("draw %d of %v = %v, want finite and >= 0", i, d, x)
			}
			bad++
		}
		xs[i] = x
	}
	if bad > 0 {
		tb.Fatalf("%d of %d draws of %v negative or not finite", bad, n, d)
	}
	return xs
}

// mustDist returns a function that takes a constructor's results and fails
// tb if it returned an error: mustDist(t)(NewPoisson(3)).
func mustDist(tb testing.TB) func(Dist, error) *Dist {
	return func(d Dist, err error) *Dist {
		tb.Helper()
		if err != nil {
			tb.Fatalf("constructor: %v", err)
		}
		return &d
	}
}

// checkMoments checks the sample mean and variance of xs against mean and
// sd (see the tolerances above).
func checkMoments(tb testing.TB, xs []float64, mean, sd float64) {
	tb.Helper()
	n := float64(len(xs))
	m, v := stat.MeanVariance(xs, nil)
	if se := sd / math.Sqrt(n); math.Abs(m-mean) > seTol*se {
		tb.Errorf("sample mean = %.6g, want %.6g ± %.3g (%d SE)", m, mean, seTol*se, seTol)
	}
	m4 := stat.Moment(4, xs, nil)
	if se := math.Sqrt(math.Max(0, m4-v*v) / n); math.Abs(v-sd*sd) > seTol*se {
		tb.Errorf("sample variance = %.6g, want %.6g ± %.3g (%d SE)", v, sd*sd, seTol*se, seTol)
	}
}

// ksDistance returns sup_x |Fₙ(x) − F(x)| of the sorted sample xs.
func ksDistance(xs []float64, cdf func(float64) float64) float64 {
	n := float64(len(xs))
	d := 0.0
	for i, x := range xs {
		f := cdf(x)
		d = max(d, f-float64(i)/n, float64(i+1)/n-f)
	}
	return d
}

// chiSquare returns Pearson's statistic of the counts against probabilities
// p (same length, summing to 1) for n draws, and its degrees of freedom,
// after pooling adjacent cells until each expects at least 5 draws. Cells
// of probability 0 must be empty; they are left out.
func chiSquare(tb testing.TB, counts []int, p []float64, n int) (chi2 float64, df int) {
	tb.Helper()
	var obs, exp []float64
	var o, e float64
	for i := range p {
		if p[i] == 0 {
			if counts[i] != 0 {
				tb.Errorf("cell %d has probability 0 but %d draws", i, counts[i])
			}
			continue
		}
		o += float64(counts[i])
		e += p[i] * float64(n)
		if e >= 5 {
			obs, exp = append(obs, o), append(exp, e)
			o, e = 0, 0
		}
	}
	if e > 0 || o > 0 { // the rest joins the last full cell
		if len(obs) == 0 {
			tb.Fatalf("chi-square: fewer than 5 expected draws in all")
		}
		obs[len(obs)-1] += o
		exp[len(exp)-1] += e
	}
	for i := range obs {
		chi2 += (obs[i] - exp[i]) * (obs[i] - exp[i]) / exp[i]
	}
	return chi2, len(obs) - 1
}

// checkChiSquare fails tb if the counts do not fit p at level ksAlpha.
func checkChiSquare(tb testing.TB, counts []int, p []float64, n int) {
	tb.Helper()
	chi2, df := chiSquare(tb, counts, p, n)
	if df < 1 {
		return // one cell: nothing to test
	}
	crit := distuv.ChiSquared{K: float64(df)}.Quantile(1 - ksAlpha)
	tb.Logf("chi-square %.2f on %d df, critical %.2f", chi2, df, crit)
	if chi2 > crit {
		tb.Errorf("chi-square = %.2f on %d df, want <= %.2f (α = %v)", chi2, df, crit, ksAlpha)
	}
}

// refDist is an exact reference distribution: the distuv families have
// these methods.
type refDist interface {
	CDF(x float64) float64
	Mean() float64
	StdDev() float64
}

// truncNormal is the normal distribution N(Mu, Sigma²) conditioned on being
// non-negative, which is what Normal samples (negative draws are redrawn).
// With a = −Mu/Sigma and λ = φ(a)/(1 − Φ(a)), its mean is Mu + Sigma·λ and
// its variance Sigma²·(1 + aλ − λ²) (Johnson, Kotz and Balakrishnan,
// Continuous Univariate Distributions 1, 1994, §10.1).
type truncNormal struct{ Mu, Sigma float64 }

func (t truncNormal) std() distuv.Normal { return distuv.Normal{Mu: 0, Sigma: 1} }

func (t truncNormal) lambda() (a, lam float64) {
	a = -t.Mu / t.Sigma
	return a, t.std().Prob(a) / t.std().Survival(a)
}

func (t truncNormal) CDF(x float64) float64 {
	if x < 0 {
		return 0
	}
	a := -t.Mu / t.Sigma
	z := (x - t.Mu) / t.Sigma
	return (t.std().CDF(z) - t.std().CDF(a)) / t.std().Survival(a)
}

func (t truncNormal) Mean() float64 {
	_, lam := t.lambda()
	return t.Mu + t.Sigma*lam
}

func (t truncNormal) StdDev() float64 {
	a, lam := t.lambda()
	return t.Sigma * math.Sqrt(1+a*lam-lam*lam)
}

// TestTruncNormalRef pins the reference itself: at Mu = 0 it is the
// half-normal, with mean σ√(2/π) and variance σ²(1 − 2/π), and its CDF is
// 2Φ(x/σ) − 1.
func TestTruncNormalRef(t *testing.T) {
	const sigma = 2.0
	h := truncNormal{Mu: 0, Sigma: sigma}
	if got, want := h.Mean(), sigma*math.Sqrt(2/math.Pi); !scalar.EqualWithinAbsOrRel(got, want, 1e-14, 1e-14) {
		t.Errorf("half-normal mean = %v, want %v", got, want)
	}
	if got, want := h.StdDev(), sigma*math.Sqrt(1-2/math.Pi); !scalar.EqualWithinAbsOrRel(got, want, 1e-14, 1e-14) {
		t.Errorf("half-normal sd = %v, want %v", got, want)
	}
	n := distuv.Normal{Mu: 0, Sigma: sigma}
	for _, x := range []float64{0, 0.5, 1, 2, 5} {
		if got, want := h.CDF(x), 2*n.CDF(x)-1; !scalar.EqualWithinAbsOrRel(got, want, 1e-14, 1e-14) {
			t.Errorf("half-normal CDF(%v) = %v, want %v", x, got, want)
		}
	}
}

// lognormalParams returns mu and sigma of the log of a lognormal variable
// with the given mean and sd: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
func lognormalParams(mean, sd float64) distuv.LogNormal {
	s2 := math.Log(1 + sd*sd/(mean*mean))
	return distuv.LogNormal{Mu: math.Log(mean) - s2/2, Sigma: math.Sqrt(s2)}
}

// gammaParams returns the gamma distribution with the given mean and sd:
// shape (mean/sd)², rate mean/sd².
func gammaParams(mean, sd float64) distuv.Gamma {
	return distuv.Gamma{Alpha: (mean / sd) * (mean / sd), Beta: mean / (sd * sd)}
}

func TestSampleContinuous(t *testing.T) {
	tests := []struct {
		name string
		dist func() (Dist, error)
		ref  refDist
	}{
		{"uniform [2,5]", func() (Dist, error) { return NewUniform(2, 5) }, distuv.Uniform{Min: 2, Max: 5}},
		{"uniform [0,1]", func() (Dist, error) { return NewUniform(0, 1) }, distuv.Uniform{Min: 0, Max: 1}},
		{"exponential mean 3", func() (Dist, error) { return NewExponential(3) }, distuv.Exponential{Rate: 1.0 / 3}},
		{"exponential mean 0.01", func() (Dist, error) { return NewExponential(0.01) }, distuv.Exponential{Rate: 100}},
		// Mean 10 sd above 0: the truncated mass Φ(−10) ≈ 7.6e-24 is
		// nil, so this is the plain normal.
		{"normal 100 sd 10", func() (Dist, error) { return NewNormal(100, 10) }, distuv.Normal{Mu: 100, Sigma: 10}},
		// Mean 0: the half-normal (see TestTruncNormalRef).
		{"normal 0 sd 2 (half-normal)", func() (Dist, error) { return NewNormal(0, 2) }, truncNormal{Mu: 0, Sigma: 2}},
		// Mean 1 sd above 0: 16% of raw draws are redrawn.
		{"normal 1 sd 1 (truncated)", func() (Dist, error) { return NewNormal(1, 1) }, truncNormal{Mu: 1, Sigma: 1}},
		// Shape 0.25 < 1 uses the boost u^(1/shape).
		{"gamma shape 0.25", func() (Dist, error) { return NewGamma(1, 2) }, gammaParams(1, 2)},
		{"gamma shape 0.9", func() (Dist, error) { return NewGamma(0.9, 1) }, gammaParams(0.9, 1)},
		{"gamma shape 1", func() (Dist, error) { return NewGamma(5, 5) }, gammaParams(5, 5)},
		{"gamma shape 1.78", func() (Dist, error) { return NewGamma(2, 1.5) }, gammaParams(2, 1.5)},
		{"gamma shape 25", func() (Dist, error) { return NewGamma(10, 2) }, gammaParams(10, 2)},
		{"lognormal mean 10 sd 5", func() (Dist, error) { return NewLognormal(10, 5) }, lognormalParams(10, 5)},
		{"lognormal mean 1 sd 1", func() (Dist, error) { return NewLognormal(1, 1) }, lognormalParams(1, 1)},
	}
	crit := ksCritical(distSamples)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(tt.dist())
			xs := mustSample(t, d, distSeed(), distSamples)
			checkMoments(t, xs, tt.ref.Mean(), tt.ref.StdDev())
			slices.Sort(xs)
			ks := ksDistance(xs, tt.ref.CDF)
			t.Logf("KS distance %.5f, critical %.5f", ks, crit)
			if ks > crit {
				t.Errorf("KS distance = %.5f, want <= %.5f (α = %v, n = %d)", ks, crit, ksAlpha, distSamples)
			}
		})
	}
}

// TestNormalMoments checks that Mean and SD are the parameters before
// truncation, which match the samples when mean >> sd.
func TestNormalMoments(t *testing.T) {
	d := mustDist(t)(NewNormal(50, 5))
	xs := mustSample(t, d, distSeed(), distSamples)
	checkMoments(t, xs, d.Mean(), d.SD())
}

// poissonProbs returns P(K = k) for k < len-1 and P(K >= len-1) in the last
// cell, enough cells that the tail is far beyond any draw.
func poissonProbs(mean float64) []float64 {
	n := int(mean+12*math.Sqrt(mean)) + 15
	pd := distuv.Poisson{Lambda: mean}
	p := make([]float64, n+1)
	for k := 0; k < n; k++ {
		p[k] = pd.Prob(float64(k))
	}
	p[n] = 1 - pd.CDF(float64(n-1))
	return p
}

// TestSamplePoisson checks Poisson draws on both sides of poissonSmall:
// below it, inversion; from it on, PTRS.
func TestSamplePoisson(t *testing.T) {
	tests := []struct {
		name string
		mean float64
	}{
		{"inversion 0.5", 0.5},
		{"inversion 3", 3},
		{"inversion 9.99", 9.99},
		{"PTRS 10", 10},
		{"PTRS 37", 37},
		{"PTRS 250", 250},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(NewPoisson(tt.mean))
			xs := mustSample(t, d, distSeed(), distSamples)
			checkMoments(t, xs, tt.mean, math.Sqrt(tt.mean))

			p := poissonProbs(tt.mean)
			counts := make([]int, len(p))
			for _, x := range xs {
				if x != math.Trunc(x) {
					t.Fatalf("draw %v is not a whole number", x)
				}
				counts[min(int(x), len(p)-1)]++
			}
			checkChiSquare(t, counts, p, distSamples)

			// The empirical CDF at each k within 4 sd of the mean must lie
			// within 5 binomial standard errors √(F(1−F)/n) of the exact
			// one: a pointed check for an off-by-one in either method.
			pd := distuv.Poisson{Lambda: tt.mean}
			sd := math.Sqrt(tt.mean)
			cum := 0
			for k := 0; k < len(p)-1 && float64(k) <= tt.mean+4*sd; k++ {
				cum += counts[k]
				if float64(k) < tt.mean-4*sd {
					continue
				}
				f := pd.CDF(float64(k))
				got := float64(cum) / distSamples
				if se := math.Sqrt(f * (1 - f) / distSamples); math.Abs(got-f) > seTol*se+1e-12 {
					t.Errorf("P(K <= %d) = %.6f, want %.6f ± %.2g", k, got, f, seTol*se)
				}
			}
		})
	}
}

func TestSampleEmpirical(t *testing.T) {
	tests := []struct {
		name    string
		values  []float64
		weights []float64
		want    []float64 // probability of each value
	}{
		{"equal weights (nil)", []float64{4, 1, 7, 2}, nil, []float64{0.25, 0.25, 0.25, 0.25}},
		{"weights", []float64{0, 1, 2, 5}, []float64{1, 2, 3, 4}, []float64{0.1, 0.2, 0.3, 0.4}},
		{"one value", []float64{3}, []float64{2}, []float64{1}},
		{"zero weights inside", []float64{1, 2, 3, 4, 5}, []float64{3, 0, 1, 0, 6}, []float64{0.3, 0, 0.1, 0, 0.6}},
		{"zero weights at the ends", []float64{1, 2, 3, 4}, []float64{0, 1, 1, 0}, []float64{0, 0.5, 0.5, 0}},
		{"tiny weight", []float64{1, 2}, []float64{1e-300, 1}, []float64{1e-300, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(NewEmpirical(tt.values, tt.weights))
			var mean, m2 float64
			for i, v := range tt.values {
				mean += tt.want[i] * v
				m2 += tt.want[i] * v * v
			}
			sd := math.Sqrt(math.Max(0, m2-mean*mean))
			if !scalar.EqualWithinAbsOrRel(d.Mean(), mean, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(d.SD(), sd, 1e-12, 1e-12) {
				t.Errorf("Mean, SD = %v, %v, want %v, %v", d.Mean(), d.SD(), mean, sd)
			}

			xs := mustSample(t, d, distSeed(), distSamples)
			counts := make([]int, len(tt.values))
			for _, x := range xs {
				i := slices.Index(tt.values, x)
				if i < 0 {
					t.Fatalf("draw %v is not one of %v", x, tt.values)
				}
				counts[i]++
			}
			for i, w := range tt.want {
				if w == 0 && counts[i] != 0 {
					t.Errorf("value %v of weight 0 drawn %d times, want 0", tt.values[i], counts[i])
				}
			}
			checkMoments(t, xs, mean, sd)
			checkChiSquare(t, counts, tt.want, distSamples)
		})
	}
}

// TestEmpiricalClonesValues checks that NewEmpirical keeps its own copy.
func TestEmpiricalClonesValues(t *testing.T) {
	vals := []float64{1, 1}
	d := mustDist(t)(NewEmpirical(vals, nil))
	vals[0], vals[1] = 9, 9
	if got := d.Sample(distSeed()); got != 1 {
		t.Errorf("Sample after changing the input = %v, want 1", got)
	}
}

// fixedSource is a rand.Source that returns its values in turn, so that a
// test can choose the uniform draw: r.Float64() is the low 53 bits of
// Uint64() divided by 2⁵³.
type fixedSource struct {
	vals []uint64
	i    int
}

func (s *fixedSource) Uint64() uint64 {
	v := s.vals[s.i%len(s.vals)]
	s.i++
	return v
}

// uniformRand returns a *rand.Rand whose Float64 always returns u, which
// must be a multiple of 2⁻⁵³ in [0, 1).
func uniformRand(u float64) *rand.Rand {
	return rand.New(&fixedSource{vals: []uint64{uint64(u * (1 << 53))}})
}

// TestEmpiricalBoundaries checks draws at the exact cumulative boundaries,
// where Sample must pick the first value whose cumulative probability
// exceeds u.
func TestEmpiricalBoundaries(t *testing.T) {
	tests := []struct {
		name            string
		values, weights []float64
		u, want         float64
	}{
		{"u = 0", []float64{1, 2}, []float64{1, 1}, 0, 1},
		{"u at the boundary", []float64{1, 2}, []float64{1, 1}, 0.5, 2},
		{"u below the boundary", []float64{1, 2}, []float64{1, 1}, 0.5 - 0x1p-53, 1},
		{"u at the top", []float64{1, 2}, []float64{1, 1}, 1 - 0x1p-53, 2},
		{"u = 0, leading zero weight", []float64{1, 2}, []float64{0, 1}, 0, 2},
		{"u at the top, trailing zero weight", []float64{1, 2, 3}, []float64{1, 1, 0}, 1 - 0x1p-53, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(NewEmpirical(tt.values, tt.weights))
			if got := d.Sample(uniformRand(tt.u)); got != tt.want {
				t.Errorf("Sample at u = %v: got %v, want %v", tt.u, got, tt.want)
			}
		})
	}
}

// TestEmpiricalZeroWeightAtBoundary is a known bug in Dist.Sample: when u
// equals a cumulative probability exactly and the next value has weight 0,
// the tie-break `i++` lands on the zero-weight value. Each such u has
// probability 2⁻⁵³ per draw. Fix: skip every cell with cum[i] <= u, e.g.
// `for i < len(d.vals)-1 && d.cum[i] <= u { i++ }`.
func TestEmpiricalZeroWeightAtBoundary(t *testing.T) {
	tests := []struct {
		name            string
		values, weights []float64
		u, want         float64
	}{
		{"zero weight after the boundary", []float64{1, 2, 3}, []float64{1, 0, 1}, 0.5, 3},
		{"two leading zero weights, u = 0", []float64{1, 2, 3}, []float64{0, 0, 1}, 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(NewEmpirical(tt.values, tt.weights))
			if got := d.Sample(uniformRand(tt.u)); got != tt.want {
				t.Errorf("Sample at u = %v: got %v, want %v (its weight is 0)", tt.u, got, tt.want)
			}
		})
	}
}

// TestPoissonInversionTail is a known bug in poisson: for many means below
// poissonSmall (about a quarter of them; 9.99 is one) the running sum of the
// probabilities rounds to less than 1 (1 − 3.3e-16 for 9.99), so for the
// largest uniforms (u = 1 − 2⁻⁵³, 1 − 2⁻⁵²) the search runs on until the
// probability underflows, and Poisson(9.99) returns 304. The true quantile
// there is below 50 (P(K >= 50) = 1.8e-19).
// Fix: stop when adding p no longer changes c:
//
//	k++
//	p *= mu / float64(k)
//	if c+p == c { break }
//	c += p
func TestPoissonInversionTail(t *testing.T) {
	for _, mean := range []float64{0.5, 3, 7.5, 9.99} {
		d := mustDist(t)(NewPoisson(mean))
		if got := d.Sample(uniformRand(1 - 0x1p-53)); got > 50 {
			t.Errorf("Poisson(%v) at u = 1 − 2⁻⁵³ = %v, want <= 50", mean, got)
		}
	}
}

// TestSampleDegenerate checks the distributions with a single value.
func TestSampleDegenerate(t *testing.T) {
	tests := []struct {
		name string
		dist func() (Dist, error)
		want float64
	}{
		{"constant 3.5", func() (Dist, error) { return Const(3.5), nil }, 3.5},
		{"constant 0", func() (Dist, error) { return Const(0), nil }, 0},
		{"uniform [2,2]", func() (Dist, error) { return NewUniform(2, 2) }, 2},
		{"poisson 0", func() (Dist, error) { return NewPoisson(0) }, 0},
		{"normal sd 0", func() (Dist, error) { return NewNormal(4, 0) }, 4},
		{"normal 0 sd 0", func() (Dist, error) { return NewNormal(0, 0) }, 0},
		{"empirical one value", func() (Dist, error) { return NewEmpirical([]float64{6}, nil) }, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(tt.dist())
			r := distSeed()
			for range 1000 {
				if got := d.Sample(r); got != tt.want {
					t.Fatalf("Sample = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestConstructorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name    string
		dist    func() (Dist, error)
		wantErr string // "" for no error, else a substring of the message
	}{
		{"uniform ok", func() (Dist, error) { return NewUniform(0, 1) }, ""},
		{"uniform point", func() (Dist, error) { return NewUniform(3, 3) }, ""},
		{"uniform negative min", func() (Dist, error) { return NewUniform(-1, 2) }, "uniform needs 0 <= min <= max"},
		{"uniform min > max", func() (Dist, error) { return NewUniform(3, 2) }, "uniform needs"},
		{"uniform NaN min", func() (Dist, error) { return NewUniform(nan, 1) }, "uniform needs"},
		{"uniform NaN max", func() (Dist, error) { return NewUniform(0, nan) }, "uniform needs"},
		{"uniform Inf max", func() (Dist, error) { return NewUniform(0, inf) }, "uniform needs"},
		{"uniform Inf both", func() (Dist, error) { return NewUniform(inf, inf) }, "uniform needs"},

		{"exponential ok", func() (Dist, error) { return NewExponential(2) }, ""},
		{"exponential 0", func() (Dist, error) { return NewExponential(0) }, "exponential needs mean > 0"},
		{"exponential negative", func() (Dist, error) { return NewExponential(-1) }, "exponential needs"},
		{"exponential NaN", func() (Dist, error) { return NewExponential(nan) }, "exponential needs"},
		{"exponential Inf", func() (Dist, error) { return NewExponential(inf) }, "exponential needs"},

		{"poisson ok", func() (Dist, error) { return NewPoisson(3) }, ""},
		{"poisson 0", func() (Dist, error) { return NewPoisson(0) }, ""},
		{"poisson 1e9", func() (Dist, error) { return NewPoisson(1e9) }, ""},
		{"poisson negative", func() (Dist, error) { return NewPoisson(-1) }, "poisson needs 0 <= mean <= 1e9"},
		{"poisson NaN", func() (Dist, error) { return NewPoisson(nan) }, "poisson needs"},
		{"poisson Inf", func() (Dist, error) { return NewPoisson(inf) }, "poisson needs"},
		{"poisson too large", func() (Dist, error) { return NewPoisson(2e9) }, "poisson needs"},

		{"normal ok", func() (Dist, error) { return NewNormal(5, 1) }, ""},
		{"normal zeros", func() (Dist, error) { return NewNormal(0, 0) }, ""},
		{"normal negative mean", func() (Dist, error) { return NewNormal(-1, 1) }, "normal needs mean >= 0 and sd >= 0"},
		{"normal negative sd", func() (Dist, error) { return NewNormal(1, -1) }, "normal needs"},
		{"normal NaN mean", func() (Dist, error) { return NewNormal(nan, 1) }, "normal needs"},
		{"normal NaN sd", func() (Dist, error) { return NewNormal(1, nan) }, "normal needs"},
		{"normal Inf mean", func() (Dist, error) { return NewNormal(inf, 1) }, "normal needs"},
		{"normal Inf sd", func() (Dist, error) { return NewNormal(1, inf) }, "normal needs"},

		{"gamma ok", func() (Dist, error) { return NewGamma(2, 1) }, ""},
		{"gamma mean 0", func() (Dist, error) { return NewGamma(0, 1) }, "gamma needs mean > 0 and sd > 0"},
		{"gamma sd 0", func() (Dist, error) { return NewGamma(1, 0) }, "gamma needs"},
		{"gamma negative mean", func() (Dist, error) { return NewGamma(-1, 1) }, "gamma needs"},
		{"gamma negative sd", func() (Dist, error) { return NewGamma(1, -1) }, "gamma needs"},
		{"gamma NaN", func() (Dist, error) { return NewGamma(nan, 1) }, "gamma needs"},
		{"gamma Inf sd", func() (Dist, error) { return NewGamma(1, inf) }, "gamma needs"},

		{"lognormal ok", func() (Dist, error) { return NewLognormal(2, 1) }, ""},
		{"lognormal mean 0", func() (Dist, error) { return NewLognormal(0, 1) }, "lognormal needs mean > 0 and sd > 0"},
		{"lognormal sd 0", func() (Dist, error) { return NewLognormal(1, 0) }, "lognormal needs"},
		{"lognormal negative sd", func() (Dist, error) { return NewLognormal(1, -1) }, "lognormal needs"},
		{"lognormal NaN sd", func() (Dist, error) { return NewLognormal(1, nan) }, "lognormal needs"},
		{"lognormal Inf mean", func() (Dist, error) { return NewLognormal(inf, 1) }, "lognormal needs"},

		{"empirical ok", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{1, 3}) }, ""},
		{"empirical nil weights", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, nil) }, ""},
		{"empirical some zero weights", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{0, 1}) }, ""},
		{"empirical no values", func() (Dist, error) { return NewEmpirical(nil, nil) }, "empirical needs at least one value"},
		{"empirical empty values", func() (Dist, error) { return NewEmpirical([]float64{}, []float64{}) }, "empirical needs at least one value"},
		{"empirical fewer weights", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{1}) }, "got 1 weights for 2 values"},
		{"empirical more weights", func() (Dist, error) { return NewEmpirical([]float64{1}, []float64{1, 1}) }, "got 2 weights for 1 values"},
		{"empirical empty weights", func() (Dist, error) { return NewEmpirical([]float64{1}, []float64{}) }, "got 0 weights for 1 values"},
		{"empirical all zero weights", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{0, 0}) }, "must not all be 0"},
		{"empirical negative value", func() (Dist, error) { return NewEmpirical([]float64{1, -2}, nil) }, "values must be finite and >= 0"},
		{"empirical NaN value", func() (Dist, error) { return NewEmpirical([]float64{nan}, nil) }, "values must be finite"},
		{"empirical Inf value", func() (Dist, error) { return NewEmpirical([]float64{inf}, nil) }, "values must be finite"},
		{"empirical negative weight", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{1, -1}) }, "weights must be finite and >= 0"},
		{"empirical NaN weight", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{1, nan}) }, "weights must be finite"},
		{"empirical Inf weight", func() (Dist, error) { return NewEmpirical([]float64{1, 2}, []float64{inf, 1}) }, "weights must be finite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.dist()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error = %q, want none", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("error = nil, want one containing %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("error = %q, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestMeanSD(t *testing.T) {
	tests := []struct {
		name           string
		dist           func() (Dist, error)
		wantMean, want float64 // want is the SD
	}{
		{"constant", func() (Dist, error) { return Const(4), nil }, 4, 0},
		{"uniform", func() (Dist, error) { return NewUniform(2, 8) }, 5, 6 / math.Sqrt(12)},
		{"exponential", func() (Dist, error) { return NewExponential(3) }, 3, 3},
		{"poisson", func() (Dist, error) { return NewPoisson(9) }, 9, 3},
		{"poisson 0", func() (Dist, error) { return NewPoisson(0) }, 0, 0},
		// Normal reports the parameters before truncation.
		{"normal", func() (Dist, error) { return NewNormal(1, 2) }, 1, 2},
		{"gamma", func() (Dist, error) { return NewGamma(3, 0.5) }, 3, 0.5},
		{"lognormal", func() (Dist, error) { return NewLognormal(10, 4) }, 10, 4},
		// Values 1, 3 with weights 1, 3: mean 2.5, E[X²] = 7, var 0.75.
		{"empirical", func() (Dist, error) { return NewEmpirical([]float64{1, 3}, []float64{1, 3}) }, 2.5, math.Sqrt(0.75)},
		{"empirical equal", func() (Dist, error) { return NewEmpirical([]float64{2, 4}, nil) }, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDist(t)(tt.dist())
			if got := d.Mean(); !scalar.EqualWithinAbsOrRel(got, tt.wantMean, 1e-12, 1e-12) {
				t.Errorf("Mean = %v, want %v", got, tt.wantMean)
			}
			if got := d.SD(); !scalar.EqualWithinAbsOrRel(got, tt.want, 1e-12, 1e-12) {
				t.Errorf("SD = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestInternalParams pins the families' internal parameters, which the
// samplers use directly: gamma shape and scale, lognormal mu and sigma.
func TestInternalParams(t *testing.T) {
	g := mustDist(t)(NewGamma(3, 0.5))
	if !scalar.EqualWithinAbsOrRel(g.a, 36, 0, 1e-14) || !scalar.EqualWithinAbsOrRel(g.b, 1.0/12, 0, 1e-14) {
		t.Errorf("gamma(3, 0.5) shape, scale = %v, %v, want 36, 1/12", g.a, g.b)
	}
	l := mustDist(t)(NewLognormal(10, 5))
	want := lognormalParams(10, 5)
	if !scalar.EqualWithinAbsOrRel(l.a, want.Mu, 0, 1e-14) || !scalar.EqualWithinAbsOrRel(l.b, want.Sigma, 0, 1e-14) {
		t.Errorf("lognormal(10, 5) mu, sigma = %v, %v, want %v, %v", l.a, l.b, want.Mu, want.Sigma)
	}
}

func TestUnits(t *testing.T) {
	// Units rounds half away from zero (math.Round).
	consts := []struct {
		v    float64
		want int64
	}{
		{0, 0}, {0.49, 0}, {0.5, 1}, {1.5, 2}, {2.5, 3}, {2.49, 2}, {7, 7}, {1e6 + 0.5, 1e6 + 1},
	}
	for _, tt := range consts {
		d := Const(tt.v)
		if got := d.Units(nil); got != tt.want {
			t.Errorf("Const(%v).Units = %d, want %d", tt.v, got, tt.want)
		}
	}

	// Uniform [0, 2] at chosen uniforms: the sample is 2u.
	uni := []struct {
		u    float64
		want int64
	}{
		{0, 0}, {0.2, 0}, {0.25, 1}, {0.5, 1}, {0.7, 1}, {0.75, 2}, {1 - 0x1p-53, 2},
	}
	d := mustDist(t)(NewUniform(0, 2))
	for _, tt := range uni {
		u := math.Floor(tt.u*(1<<53)) / (1 << 53) // exactly representable as a draw
		if got := d.Units(uniformRand(u)); got != tt.want {
			t.Errorf("uniform [0,2].Units at u = %v = %d, want %d", u, got, tt.want)
		}
	}

	// For every kind, Units is the rounded Sample of the same draws.
	for _, d := range allKinds(t) {
		t.Run(d.Kind.String(), func(t *testing.T) {
			r1, r2 := distSeed(), distSeed()
			for i := range 10_000 {
				x := d.Sample(r1)
				if got, want := d.Units(r2), int64(math.Round(x)); got != want {
					t.Fatalf("draw %d: Units = %d, want round(%v) = %d", i, got, x, want)
				}
			}
		})
	}
}

// allKinds returns one distribution of every kind, with the Poisson and
// Gamma samplers on both sides of their switch-over.
func allKinds(tb testing.TB) []*Dist {
	tb.Helper()
	return []*Dist{
		mustDist(tb)(Const(2), nil),
		mustDist(tb)(NewUniform(1, 4)),
		mustDist(tb)(NewExponential(2)),
		mustDist(tb)(NewPoisson(3)),
		mustDist(tb)(NewPoisson(40)),
		mustDist(tb)(NewNormal(5, 2)),
		mustDist(tb)(NewGamma(1, 2)),
		mustDist(tb)(NewGamma(10, 2)),
		mustDist(tb)(NewLognormal(3, 1)),
		mustDist(tb)(NewEmpirical([]float64{1, 2, 3}, []float64{1, 0, 2})),
	}
}

var sink float64

// TestSampleAllocs checks that Sample and Units never allocate.
func TestSampleAllocs(t *testing.T) {
	for _, d := range allKinds(t) {
		t.Run(d.String(), func(t *testing.T) {
			r := distSeed()
			if n := testing.AllocsPerRun(1000, func() { sink = d.Sample(r) }); n != 0 {
				t.Errorf("Sample allocates %v times per call, want 0", n)
			}
			if n := testing.AllocsPerRun(1000, func() { sink = float64(d.Units(r)) }); n != 0 {
				t.Errorf("Units allocates %v times per call, want 0", n)
			}
		})
	}
}

func TestDistString(t *testing.T) {
	tests := []struct {
		dist func() (Dist, error)
		want string
	}{
		{func() (Dist, error) { return Const(2.5), nil }, "constant 2.5"},
		{func() (Dist, error) { return NewUniform(1, 4) }, "uniform [1, 4]"},
		{func() (Dist, error) { return NewExponential(2) }, "exponential mean 2 sd 2"},
		{func() (Dist, error) { return NewPoisson(4) }, "poisson mean 4 sd 2"},
		{func() (Dist, error) { return NewNormal(5, 2) }, "normal mean 5 sd 2"},
		{func() (Dist, error) { return NewGamma(3, 1) }, "gamma mean 3 sd 1"},
		{func() (Dist, error) { return NewLognormal(3, 1) }, "lognormal mean 3 sd 1"},
		{func() (Dist, error) { return NewEmpirical([]float64{1, 3}, nil) }, "empirical of 2 values (mean 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d := mustDist(t)(tt.dist())
			if got := d.String(); got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
		})
	}
	if got, want := DistKind(200).String(), "DistKind(200)"; got != want {
		t.Errorf("DistKind(200).String = %q, want %q", got, want)
	}
}

// TestDistRangeMessages checks that a gamma or lognormal whose parameters
// cannot be represented says which range they must keep to.
func TestDistRangeMessages(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"gamma", func() error { _, err := NewGamma(1e300, 1e-300); return err }()},
		{"lognormal", func() error { _, err := NewLognormal(1, 1e-200); return err }()},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), "keep sd/mean between about 1e-150 and 1e150") {
			t.Errorf("%s: error %v, want the allowed range", tt.name, tt.err)
		}
	}
}
