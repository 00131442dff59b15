package check

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// t975 is the 0.975 quantile of Student's t with df degrees of freedom.
func t975(df float64) float64 { return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975) }

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// The paired test by hand: differences 0.5, 0.7, 0.6, 0.6 have mean 0.6
// and sample variance ((−0.1)² + 0.1² + 0 + 0)/3 = 0.02/3.
func TestAssessPairedByHand(t *testing.T) {
	base := []float64{1, 2, 3, 4}
	cur := []float64{1.5, 2.7, 3.6, 4.6}
	se := math.Sqrt(0.02 / 3 / 4)
	h := t975(3) * se
	for _, c := range []struct {
		higher   bool
		abs, rel float64
		want     Verdict
	}{
		{true, 0.1, 0, Regression},        // worse by 0.6 ± 0.13 > 0.1
		{false, 0.1, 0, Improvement},      // lower is worse: better by 0.6
		{true, 1, 0, Within},              // a change shown, inside ±1
		{true, 0.6, 0, Inconclusive},      // the interval straddles the tolerance
		{true, 0, 0.4, Inconclusive},      // 40% of the baseline's mean 2.5 = 1: no; see below
		{true, 0, 0.1, Regression},        // 10% of 2.5 = 0.25 < 0.6 − h
		{false, 0, 0.1, Improvement},      // better by more than 0.25
		{true, 0.6 + h + 1e-9, 0, Within}, // the upper bound just inside
	} {
		tt := Assess(base, cur, true, c.higher, c.abs, c.rel, 0.95)
		if !near(tt.Diff, 0.6) || !near(tt.SE, se) || tt.DF != 3 || !near(tt.High-tt.Low, 2*h) {
			t.Fatalf("diff %v se %v df %v interval %v..%v; want 0.6, %v, 3, ±%v", tt.Diff, tt.SE, tt.DF, tt.Low, tt.High, se, h)
		}
		want := c.want
		if c.rel == 0.4 { // τ = 1 > 0.6 + h: within
			want = Within
		}
		if tt.Verdict != want {
			t.Errorf("higher %v abs %v rel %v: verdict %s, want %s (interval %v..%v, tolerance %v)", c.higher, c.abs, c.rel, tt.Verdict, want, tt.WLow, tt.WHigh, tt.Tolerance)
		}
	}
}

// Identical values pass with a zero interval; equal nonzero differences
// decide exactly.
func TestAssessExact(t *testing.T) {
	xs := []float64{3, 1, 4, 1, 5}
	tt := Assess(xs, xs, true, true, 0, 0, 0.95)
	if tt.Verdict != Pass || tt.Diff != 0 || tt.Low != 0 || tt.High != 0 {
		t.Errorf("identical: %+v", tt)
	}
	up := []float64{3.5, 1.5, 4.5, 1.5, 5.5}
	if v := Assess(xs, up, true, true, 0.4, 0, 0.95).Verdict; v != Regression {
		t.Errorf("+0.5 everywhere, tolerance 0.4: %s, want regression", v)
	}
	if v := Assess(xs, up, true, true, 0.5, 0, 0.95).Verdict; v != Within {
		t.Errorf("+0.5 everywhere, tolerance 0.5: %s, want changed-within-tolerance", v)
	}
}

// Welch's test by hand: samples (1,2,3) and (2,4,6,8): means 2 and 5,
// variances 1 and 20/3; standard error √(1/3 + 20/12) = √2; degrees of
// freedom (1/3 + 5/3)² / ((1/3)²/2 + (5/3)²/3) = 4 / (1/18 + 25/27).
func TestAssessWelchByHand(t *testing.T) {
	tt := Assess([]float64{1, 2, 3}, []float64{2, 4, 6, 8}, false, true, 0.5, 0, 0.95)
	df := 4 / (1.0/18 + 25.0/27)
	if !near(tt.Diff, 3) || !near(tt.SE, math.Sqrt(2)) || !near(tt.DF, df) {
		t.Fatalf("diff %v se %v df %v; want 3, √2, %v", tt.Diff, tt.SE, tt.DF, df)
	}
	if h := t975(df) * math.Sqrt(2); !near(tt.Low, 3-h) || !near(tt.High, 3+h) {
		t.Errorf("interval %v..%v, want 3 ± %v", tt.Low, tt.High, h)
	}
	if tt.Verdict != Inconclusive || tt.Needed <= 4 {
		t.Errorf("verdict %s needing %d; want inconclusive needing more than 4", tt.Verdict, tt.Needed)
	}
	// the number needed does decide: with sd √(1 + 20/3) and n of them,
	// t·sd/√n < |3 − 0.5|
	sd := math.Sqrt(1 + 20.0/3)
	n := float64(tt.Needed)
	if !(t975(n-1)*sd/math.Sqrt(n) < 2.5) || t975(n-2)*sd/math.Sqrt(n-1) < 2.5 {
		t.Errorf("needed %d is not the least n with t·sd/√n < 2.5", tt.Needed)
	}
}

// NaN values are left out, as pairs when paired.
func TestAssessNaN(t *testing.T) {
	nan := math.NaN()
	tt := Assess([]float64{1, nan, 3, 5}, []float64{1, 2, nan, 5}, true, true, 0, 0, 0.95)
	if tt.NCur != 2 || tt.Diff != 0 || tt.Verdict != Pass {
		t.Errorf("paired with NaN: %d pairs, diff %v, %s; want 2, 0, pass", tt.NCur, tt.Diff, tt.Verdict)
	}
	tt = Assess([]float64{nan, nan, 1}, []float64{1, 2, 3}, false, true, 0, 0, 0.95)
	if tt.Verdict != Inconclusive || tt.NBase != 1 {
		t.Errorf("one defined baseline value: %s with %d; want inconclusive", tt.Verdict, tt.NBase)
	}
}

// The detectable worsening is detected with the stated power: simulate
// normal differences of that mean and count the regressions.
func TestDetectablePower(t *testing.T) {
	const n, trials = 10, 4000
	src := distuv.Normal{Mu: 0, Sigma: 1, Src: rand.NewPCG(1, 2)}
	sd, tol := 2.0, 0.5
	// the detectable change for sd and n, from a sample with exactly sd
	d := tol + (t975(n-1)+distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(Power))*sd/math.Sqrt(n)
	if r := Replications(sd, d, tol, 0.95); r != n {
		t.Errorf("Replications(sd %v, %v) = %d, want %d", sd, d, r, n)
	}
	hits := 0
	base := make([]float64, n)
	cur := make([]float64, n)
	for k := 0; k < trials; k++ {
		for i := range cur {
			cur[i] = d + sd*src.Rand()
		}
		if Assess(base, cur, true, true, tol, 0, 0.95).Verdict == Regression {
			hits++
		}
	}
	// the t-based power at the true sd is close to, a little below, 0.8
	if p := float64(hits) / trials; p < 0.72 || p > 0.86 {
		t.Errorf("power %.3f at the detectable change, want about %v", p, Power)
	}
}
