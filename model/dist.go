package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// DistKind names a family of probability distributions.
type DistKind uint8

// The supported distribution families.
const (
	Constant    DistKind = iota // always Value
	Uniform                     // uniform on [Min, Max]
	Exponential                 // exponential with the given mean
	Poisson                     // Poisson with the given mean (whole numbers)
	Normal                      // normal with mean and sd, truncated at 0 (redrawn while negative)
	Gamma                       // gamma with mean and sd
	Lognormal                   // lognormal with mean and sd (of the variable, not its log)
	Empirical                   // one of Values, with probabilities proportional to Weights
)

var distNames = [...]string{"constant", "uniform", "exponential", "poisson", "normal", "gamma", "lognormal", "empirical"}

// String returns the family's name as written in scenario files.
func (k DistKind) String() string {
	if int(k) < len(distNames) {
		return distNames[k]
	}
	return fmt.Sprintf("DistKind(%d)", k)
}

// Dist is a non-negative probability distribution of a quantity or a
// duration. It is a small value: sampling dispatches on Kind with a switch
// and allocates nothing. Build one with the constructors ([Const],
// [NewUniform], ...), which check their arguments.
type Dist struct {
	Kind DistKind
	// a and b are the family's internal parameters: the value (Constant),
	// the bounds (Uniform), the mean (Exponential, Poisson), mean and sd
	// (Normal), shape and scale (Gamma), mu and sigma of the log (Lognormal).
	a, b float64
	// emp holds the values and cumulative probabilities (Empirical); a
	// pointer keeps Dist small for the other families.
	emp      *empirical
	mean, sd float64
}

// empirical is the table of an Empirical distribution.
type empirical struct {
	cum, vals []float64
}

// Const returns the distribution that is always v, which must be finite and
// >= 0 (package scenarios checks user input before it gets here).
func Const(v float64) Dist { return Dist{Kind: Constant, a: v, mean: v} }

// NewUniform returns the uniform distribution on [lo, hi].
func NewUniform(lo, hi float64) (Dist, error) {
	if !(lo >= 0 && hi >= lo) || math.IsInf(hi, 0) {
		return Dist{}, fmt.Errorf("uniform needs 0 <= min <= max, got min %v, max %v", lo, hi)
	}
	return Dist{Kind: Uniform, a: lo, b: hi, mean: (lo + hi) / 2, sd: (hi - lo) / math.Sqrt(12)}, nil
}

// NewExponential returns the exponential distribution with the given mean.
func NewExponential(mean float64) (Dist, error) {
	if !(mean > 0) || math.IsInf(mean, 0) {
		return Dist{}, fmt.Errorf("exponential needs mean > 0, got %v", mean)
	}
	return Dist{Kind: Exponential, a: mean, mean: mean, sd: mean}, nil
}

// NewPoisson returns the Poisson distribution with the given mean.
func NewPoisson(mean float64) (Dist, error) {
	if !(mean >= 0) || mean > 1e9 {
		return Dist{}, fmt.Errorf("poisson needs 0 <= mean <= 1e9, got %v", mean)
	}
	return Dist{Kind: Poisson, a: mean, mean: mean, sd: math.Sqrt(mean)}, nil
}

// NewNormal returns the normal distribution with the given mean and
// standard deviation, truncated at 0: negative draws are redrawn, so the
// realised mean exceeds mean when sd is large relative to it.
func NewNormal(mean, sd float64) (Dist, error) {
	if !(mean >= 0 && sd >= 0) || math.IsInf(mean, 0) || math.IsInf(sd, 0) {
		return Dist{}, fmt.Errorf("normal needs mean >= 0 and sd >= 0, got mean %v, sd %v", mean, sd)
	}
	return Dist{Kind: Normal, a: mean, b: sd, mean: mean, sd: sd}, nil
}

// NewGamma returns the gamma distribution with the given mean and standard
// deviation (shape (mean/sd)², scale sd²/mean).
func NewGamma(mean, sd float64) (Dist, error) {
	if !(mean > 0 && sd > 0) || math.IsInf(mean, 0) || math.IsInf(sd, 0) {
		return Dist{}, fmt.Errorf("gamma needs mean > 0 and sd > 0, got mean %v, sd %v", mean, sd)
	}
	shape, scale := (mean/sd)*(mean/sd), sd*(sd/mean)
	if !(shape > 0 && scale > 0) || math.IsInf(shape, 0) || math.IsInf(scale, 0) {
		return Dist{}, fmt.Errorf("gamma mean %v and sd %v give a shape (mean/sd)² of %v and a scale sd²/mean of %v: both must be finite and > 0, so keep sd/mean between about 1e-150 and 1e150", mean, sd, shape, scale)
	}
	return Dist{Kind: Gamma, a: shape, b: scale, mean: mean, sd: sd}, nil
}

// NewLognormal returns the lognormal distribution whose values (not their
// logarithms) have the given mean and standard deviation.
func NewLognormal(mean, sd float64) (Dist, error) {
	if !(mean > 0 && sd > 0) || math.IsInf(mean, 0) || math.IsInf(sd, 0) {
		return Dist{}, fmt.Errorf("lognormal needs mean > 0 and sd > 0, got mean %v, sd %v", mean, sd)
	}
	s2 := math.Log1p((sd / mean) * (sd / mean))
	if math.IsInf(s2, 0) || !(s2 > 0) {
		return Dist{}, fmt.Errorf("lognormal mean %v and sd %v give a log-variance ln(1 + (sd/mean)²) of %v: it must be finite and > 0, so keep sd/mean between about 1e-150 and 1e150", mean, sd, s2)
	}
	return Dist{Kind: Lognormal, a: math.Log(mean) - s2/2, b: math.Sqrt(s2), mean: mean, sd: sd}, nil
}

// NewEmpirical returns the distribution that takes values[i] with
// probability weights[i] / sum(weights). Nil weights mean equal weights.
func NewEmpirical(values, weights []float64) (Dist, error) {
	if len(values) == 0 {
		return Dist{}, fmt.Errorf("empirical needs at least one value")
	}
	if weights != nil && len(weights) != len(values) {
		return Dist{}, fmt.Errorf("empirical needs as many weights as values, got %d weights for %d values", len(weights), len(values))
	}
	e := &empirical{vals: slices.Clone(values), cum: make([]float64, len(values))}
	d := Dist{Kind: Empirical, emp: e}
	total := 0.0
	for i, v := range values {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		if !(v >= 0) || math.IsInf(v, 0) {
			return Dist{}, fmt.Errorf("empirical values must be finite and >= 0, got %v", v)
		}
		if !(w >= 0) || math.IsInf(w, 0) {
			return Dist{}, fmt.Errorf("empirical weights must be finite and >= 0, got %v", w)
		}
		total += w
		e.cum[i] = total
	}
	if !(total > 0) {
		return Dist{}, fmt.Errorf("empirical weights must not all be 0")
	}
	if math.IsInf(total, 0) {
		return Dist{}, fmt.Errorf("empirical weights are too large: their sum overflows")
	}
	var m, m2 float64
	prev := 0.0
	for i, v := range values {
		p := (e.cum[i] - prev) / total
		prev = e.cum[i]
		e.cum[i] /= total
		m += p * v
		m2 += p * v * v
	}
	e.cum[len(e.cum)-1] = 1
	d.mean, d.sd = m, math.Sqrt(math.Max(0, m2-m*m))
	return d, nil
}

// Mean returns the distribution's mean (before truncation, for Normal).
func (d *Dist) Mean() float64 { return d.mean }

// SD returns the distribution's standard deviation (before truncation, for Normal).
func (d *Dist) SD() float64 { return d.sd }

// IsConst reports whether every draw is the same value.
func (d *Dist) IsConst() bool { return d.Kind == Constant }

// Sample draws one value using r. It never returns a negative number and
// never allocates.
func (d *Dist) Sample(r *rand.Rand) float64 {
	g := rng{src: r}
	return d.sample(&g)
}

// sample is [Dist.Sample] drawing from a run's stream r.
// low returns a bound no draw of d is below: the least value of the
// families that have one (constant, uniform, a normal of sd 0, an
// empirical table), else 0.
func (d *Dist) low() float64 {
	switch d.Kind {
	case Constant, Uniform:
		return d.a
	case Normal:
		if d.b == 0 {
			return d.a
		}
	case Empirical:
		return slices.Min(d.emp.vals)
	}
	return 0
}

func (d *Dist) sample(r *rng) float64 {
	switch d.Kind {
	case Constant:
		return d.a
	case Uniform:
		return d.a + (d.b-d.a)*r.Float64()
	case Exponential:
		return d.a * r.ExpFloat64()
	case Poisson:
		return float64(poisson(r, d.a))
	case Normal:
		if d.b == 0 {
			return d.a
		}
		for {
			// mean >= 0, so each try succeeds with probability >= 1/2
			if x := d.a + d.b*r.NormFloat64(); x >= 0 {
				return x
			}
		}
	case Gamma:
		return d.b * gamma(r, d.a)
	case Lognormal:
		return math.Exp(d.a + d.b*r.NormFloat64())
	case Empirical:
		u := r.Float64()
		// the first value whose cumulative probability exceeds u; values
		// of weight 0 share their predecessor's cum and are skipped
		e := d.emp
		i := sort.SearchFloat64s(e.cum, u)
		for i < len(e.vals)-1 && e.cum[i] <= u {
			i++
		}
		return e.vals[i]
	}
	panic("model: unknown distribution kind")
}

// Units draws a whole number of units: the sample rounded to the nearest
// integer, or MaxCount+1 for a draw beyond [MaxCount] (which a run then
// reports as an [OverflowError] instead of converting it to a wrong
// integer).
func (d *Dist) Units(r *rand.Rand) int64 {
	g := rng{src: r}
	return d.units(&g)
}

// units is [Dist.Units] drawing from a run's stream r.
func (d *Dist) units(r *rng) int64 {
	if d.Kind == Constant {
		return units(d.a)
	}
	return units(d.sample(r))
}

// units rounds x >= 0 to the nearest integer, or returns MaxCount+1 for
// x beyond MaxCount (or NaN), where int64(x) would be undefined.
func units(x float64) int64 {
	if !(x <= MaxCount) {
		return MaxCount + 1
	}
	return int64(math.Round(x))
}

// UnitsScaled draws a whole number of units from the distribution with
// its mean scaled by m >= 0: a Poisson draw of mean m × mean, a constant
// m × value, and otherwise m × a draw (which scales the standard deviation
// too, keeping the coefficient of variation). Each is rounded to the
// nearest integer.
func (d *Dist) UnitsScaled(r *rand.Rand, m float64) int64 {
	g := rng{src: r}
	return d.unitsScaled(&g, m)
}

// unitsScaled is [Dist.UnitsScaled] drawing from a run's stream r.
func (d *Dist) unitsScaled(r *rng, m float64) int64 {
	switch d.Kind {
	case Constant:
		return units(m * d.a)
	case Poisson:
		return poisson(r, m*d.a)
	}
	return units(m * d.sample(r))
}

// String describes the distribution as it would be written in a scenario.
func (d Dist) String() string {
	switch d.Kind {
	case Constant:
		return fmt.Sprintf("constant %g", d.a)
	case Uniform:
		return fmt.Sprintf("uniform [%g, %g]", d.a, d.b)
	case Empirical:
		return fmt.Sprintf("empirical of %d values (mean %g)", len(d.emp.vals), d.mean)
	}
	return fmt.Sprintf("%v mean %g sd %g", d.Kind, d.mean, d.sd)
}

// poissonSmall is the mean below which Poisson draws use inversion by
// sequential search; above it, PTRS is faster.
const poissonSmall = 10

// poisson draws from Poisson(mu): inversion for small means, otherwise the
// transformed rejection method PTRS (Hörmann, "The transformed rejection
// method for generating Poisson random variables", 1993).
func poisson(r *rng, mu float64) int64 {
	if mu <= 0 {
		return 0
	}
	if mu < poissonSmall {
		u := r.Float64()
		p := math.Exp(-mu)
		k := int64(0)
		c := p
		for u > c {
			k++
			p *= mu / float64(k)
			if c+p == c { // u beyond what the rounded cumulative sum reaches
				break
			}
			c += p
		}
		return k
	}
	slam := math.Sqrt(mu)
	loglam := math.Log(mu)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := r.Float64() - 0.5
		v := r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + mu + 0.43)
		if us >= 0.07 && v <= vr {
			return int64(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -mu+k*loglam-lg {
			return int64(k)
		}
	}
}

// gamma draws from Gamma(shape, 1) by Marsaglia and Tsang, "A simple method
// for generating gamma variables" (2000), with the usual boost for shape < 1.
func gamma(r *rng, shape float64) float64 {
	if shape < 1 {
		u := r.Float64()
		for u == 0 {
			u = r.Float64()
		}
		return gamma(r, shape+1) * math.Pow(u, 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}
