package theory

import (
	"math"
	"testing"
)

// TestPrecision checks the formulas to 1e-13 relative (a few hundred
// ulps) against the definitions evaluated in 40-digit arithmetic (mpmath:
// the Poisson terms from the regularised incomplete gamma function, the
// periodic integrals by Gauss–Legendre quadrature of the integrands
// P(N(λu) ≤ S−1), E[(S − N(λu))⁺] and E[(N(λu) − S)⁺], Erlang B from its
// sums of a^k/k!), rounded to float64. The cases are the ones a float64
// evaluation in logarithms gets wrong: lead-time demand of mean 10⁴ and
// 10⁵, levels far in the upper tail, where the backorders are tiny and
// the shortcut on-hand − position + mean cancels, means of 10⁻⁹ and
// 10⁻⁶, many more servers than the load and the reverse.
func TestPrecision(t *testing.T) {
	rq := []struct {
		m    float64
		r, q int
		want [3]float64 // fill, on-hand, backorders
	}{
		{32, 36, 40, [3]float64{0.9792520812031504, 24.55295909610759, 0.0529590961075889}},
		{1000, 1000, 1, [3]float64{0.508409367168506, 13.123020715890005, 12.123020715890005}},
		{500, 520, 30, [3]float64{0.9267837153491167, 36.258964899014515, 0.7589648990145116}},
		{500, 540, 1, [3]float64{0.9636661129953907, 41.31568587566982, 0.31568587566982215}},
		{1e4, 10100, 50, [3]float64{0.8918262645528843, 130.7326207701484, 5.2326207701484115}},
		{1e4, 10400, 1, [3]float64{0.9999655943430839, 401.0007731443247, 0.0007731443247003424}},
		{1e5, 100000, 1, [3]float64{0.5008410430993401, 126.6573620136294, 125.6573620136294}},
		{1e5, 99500, 1000, [3]float64{0.5000602408302562, 173.39915468590505, 172.89915468590505}},
		{1e5, 101500, 1, [3]float64{0.9999988978481349, 1501.0000679797445, 6.797974444463106e-05}},
		{1e-9, 0, 1, [3]float64{0.999999999, 0.999999999, 4.999999998333334e-19}},
		{1e-9, -1, 3, [3]float64{0.6666666663333334, 0.9999999993333333, 3.3333333350000003e-10}},
		{0.001, 2, 5, [3]float64{0.9999999999666833, 4.9990000000000085, 8.33000083317463e-15}},
		{3, -5, 2, [3]float64{0, 0, 6.5}},
		{3, 30, 1, [3]float64{1, 28, 4.238705012746547e-22}},
		{7.5, 4, 3, [3]float64{0.2505510005271552, 0.5037275314481469, 2.003727531448147}},
	}
	for _, c := range rq {
		f, oh, bo := RQPoisson(c.m, c.r, c.q)
		for i, got := range [3]float64{f, oh, bo} {
			if !relNear(got, c.want[i], 1e-13) {
				t.Errorf("RQPoisson(%g, %d, %d)[%d] = %.17g, want %.17g", c.m, c.r, c.q, i, got, c.want[i])
			}
		}
	}
	erl := []struct {
		s    int
		a    float64
		want [3]float64 // B, idle servers S − a(1 − B), 1 − B
	}{
		{10, 10, [3]float64{0.21458234310734733, 2.1458234310734734, 0.7854176568926526}},
		{1, 1e5, [3]float64{0.999990000099999, 9.99990000099999e-06, 9.99990000099999e-06}},
		{3, 1e7, [3]float64{0.99999970000003, 3.00000029999991e-7, 2.99999969999997e-07}},
		{12, 10, [3]float64{0.11973918844482515, 3.1973918844482516, 0.8802608115551749}},
		{50, 80, [3]float64{0.39305906456883843, 1.444725165507074, 0.6069409354311616}},
		{200, 150, [3]float64{1.5038660387163715e-05, 50.00225579905808, 0.9999849613396128}},
	}
	for _, c := range erl {
		fill, lost, oh := BaseStockLost(c.s, c.a, 1)
		if !relNear(lost, c.want[0], 1e-13) || !relNear(oh, c.want[1], 1e-13) || !relNear(fill, c.want[2], 1e-13) {
			t.Errorf("BaseStockLost(%d, %g) = %.17g, %.17g, want %.17g, %.17g", c.s, c.a, lost, oh, c.want[0], c.want[1])
		}
	}
	per := []struct {
		lambda, lead, period float64
		s                    int
		want                 [3]float64
	}{
		{1e-6, 2, 3, 1, [3]float64{0.9999965000065, 0.9999965000065, 6.499991541675258e-12}},
		{3, 2, 5, 20, [3]float64{0.8433355279380542, 6.931016012818084, 0.43101601281808444}},
		{5, 2, 3, 30, [3]float64{0.9698757427197675, 12.56138046521521, 0.061380465215210164}},
		{2, 1, 7, 20, [3]float64{0.973758269111614, 11.041682228015127, 0.041682228015126464}},
		{2, 1, 7, 60, [3]float64{1, 51, 2.75360896349968e-19}},
		{100, 4, 1, 560, [3]float64{0.9996993341847152, 110.0018882330052, 0.001888233005199151}},
		{0.01, 0, 1, 3, [3]float64{0.999999958582502, 2.995000000082918, 8.291785466682623e-11}},
	}
	for _, c := range per {
		f, oh, bo := PeriodicPoisson(c.lambda, c.lead, c.period, c.s)
		for i, got := range [3]float64{f, oh, bo} {
			if !relNear(got, c.want[i], 1e-12) || i == 0 && got > 1 {
				t.Errorf("PeriodicPoisson(%g, %g, %g, %d)[%d] = %.17g, want %.17g", c.lambda, c.lead, c.period, c.s, i, got, c.want[i])
			}
		}
	}
}

func relNear(got, want, tol float64) bool {
	return got == want || math.Abs(got-want) <= tol*math.Abs(want)
}

// TestTheoryEdges checks the edges of the formulas' domains: what is
// outside gives NaN, not a number; what is on the edge gives the value
// worked out by hand.
func TestTheoryEdges(t *testing.T) {
	nan3 := func(name string, a, b, c float64) {
		t.Helper()
		if !math.IsNaN(a) || !math.IsNaN(b) || !math.IsNaN(c) {
			t.Errorf("%s = %v, %v, %v, want NaN", name, a, b, c)
		}
	}
	a, b, c := RQPoisson(5, 3, 0)
	nan3("RQPoisson Q=0", a, b, c)
	a, b, c = RQPoisson(5, 3, -2)
	nan3("RQPoisson Q<0", a, b, c)
	a, b, c = RQPoisson(-1, 3, 2)
	nan3("RQPoisson m<0", a, b, c)
	a, b, c = RQPoisson(math.Inf(1), 3, 2)
	nan3("RQPoisson m=Inf", a, b, c)
	a, b, c = RQPoisson(math.NaN(), 3, 2)
	nan3("RQPoisson m=NaN", a, b, c)
	a, b, c = RQPoisson(5, MaxLevel+1, 1)
	nan3("RQPoisson r too large", a, b, c)
	a, b, c = PeriodicPoisson(0, 1, 1, 5)
	nan3("PeriodicPoisson λ=0", a, b, c)
	a, b, c = PeriodicPoisson(1, -1, 1, 5)
	nan3("PeriodicPoisson L<0", a, b, c)
	a, b, c = PeriodicPoisson(1, 1, 0, 5)
	nan3("PeriodicPoisson R=0", a, b, c)
	// S < 0 under periodic review: nothing on hand, λ(L + R/2) − S owed
	if f, oh, bo := PeriodicPoisson(2, 1, 3, -2); f != 0 || oh != 0 || bo != 2*(1+1.5)+2 {
		t.Errorf("PeriodicPoisson S=-2: %v, %v, %v, want 0, 0, 7", f, oh, bo)
	}
	a, b, c = BaseStockLost(-1, 1, 1)
	nan3("BaseStockLost S<0", a, b, c)
	a, b, c = BaseStockLost(3, math.Inf(1), 1)
	nan3("BaseStockLost a=Inf", a, b, c)
	if v := ErlangB(3, -1); !math.IsNaN(v) {
		t.Errorf("B(3, -1) = %v", v)
	}
	if q, c := EOQ(10, 100, 0); !math.IsNaN(q) || !math.IsNaN(c) {
		t.Errorf("EOQ with h = 0: %v, %v", q, c)
	}
	if _, ok := RQDeterministic(1, 1, 5, 0); ok {
		t.Error("RQDeterministic Q=0 accepted")
	}
	if v := PeriodicOrders(1, 0); !math.IsNaN(v) {
		t.Errorf("PeriodicOrders R=0: %v", v)
	}

	// S = 0: nothing on hand; with lost sales every demand is lost
	fill, lost, oh := BaseStockLost(0, 3, 2)
	if fill != 0 || lost != 1 || oh != 0 {
		t.Errorf("lost sales S = 0: %v, %v, %v", fill, lost, oh)
	}
	// Q = 1, r = -1 (base stock S = 0) with backorders: all of λL owed,
	// for a large mean too
	for _, m := range []float64{0, 1e-9, 6, 1e5, 1e9} {
		f, oh, bo := RQPoisson(m, -1, 1)
		if f != 0 || oh != 0 || bo != m {
			t.Errorf("S = 0, m = %g: %v, %v, %v, want 0, 0, %g", m, f, oh, bo, m)
		}
	}
	// no demand in the lead time: the position is the stock
	f, oh, bo := RQPoisson(0, 4, 3)
	if f != 1 || oh != 6 || bo != 0 {
		t.Errorf("m = 0: %v, %v, %v, want 1, 6, 0", f, oh, bo)
	}
	// a negative reorder point far below: positions −99..−95 owe m + 97
	f, oh, bo = RQPoisson(2.5, -100, 5)
	if f != 0 || oh != 0 || bo != 2.5+97 {
		t.Errorf("r = -100: %v, %v, %v, want 0, 0, 99.5", f, oh, bo)
	}
	// a lead-time demand of mean 10⁹ with r far below: nothing on hand,
	// backorders m − (r + (Q+1)/2) without a cancellation
	f, oh, bo = RQPoisson(1e9, 1000, 10)
	if f != 0 || oh != 0 || bo != 1e9-1005.5 {
		t.Errorf("m = 1e9: %v, %v, %v", f, oh, bo)
	}
	// every value a probability or a non-negative amount, the identity
	// on-hand − backorders = position − m, over a grid of edges
	for _, m := range []float64{1e-12, 1e-3, 0.5, 1, 7.3, 250, 500, 1e4} {
		for _, r := range []int{-3, -1, 0, 1, int(m) - 5, int(m), int(m) + 40, int(m) + 400} {
			for _, q := range []int{1, 2, 7, 100} {
				f, oh, bo := RQPoisson(m, r, q)
				ip := float64(r) + float64(q+1)/2
				if !(f >= 0 && f <= 1 && oh >= 0 && bo >= 0) || math.Abs(oh-bo-(ip-m)) > 1e-12*max(1, math.Abs(ip), m) {
					t.Errorf("RQPoisson(%g, %d, %d) = %v, %v, %v", m, r, q, f, oh, bo)
				}
			}
		}
		for _, s := range []int{0, 1, 3, int(m), int(m) + 30} {
			f, oh, bo := PeriodicPoisson(m, 1.5, 2, s)
			if !(f >= 0 && f <= 1 && oh >= 0 && bo >= 0) || math.Abs(oh-bo-(float64(s)-m*2.5)) > 1e-11*max(1, float64(s), m) {
				t.Errorf("PeriodicPoisson(%g, 1.5, 2, %d) = %v, %v, %v", m, s, f, oh, bo)
			}
			f, lost, oh := BaseStockLost(s, m, 1)
			if !(f >= 0 && f <= 1 && lost >= 0 && lost <= 1 && oh >= 0 && oh <= float64(s)) {
				t.Errorf("BaseStockLost(%d, %g) = %v, %v, %v", s, m, f, lost, oh)
			}
		}
	}
}

// TestPoissonPMF checks the Poisson terms against the definition where
// it is exact in float64 and their sum to 1 for large means.
func TestPoissonPMF(t *testing.T) {
	// small k and m: e^{-m} m^k / k! directly
	for _, m := range []float64{0.1, 1, 3.5, 20} {
		fact := 1.0
		for k := 0; k <= 30; k++ {
			if k > 0 {
				fact *= float64(k)
			}
			want := math.Exp(-m) * math.Pow(m, float64(k)) / fact
			if got := poissonPMF(k, m); !relNear(got, want, 1e-13) {
				t.Errorf("P(N=%d), m=%g: %.17g, want %.17g", k, m, got, want)
			}
		}
	}
	// the terms of a large mean sum to 1 and have mean m
	for _, m := range []float64{1e3, 1e5, 1e7} {
		var s, mean float64
		w := int(20*math.Sqrt(m)) + 50
		for k := max(0, int(m)-w); k <= int(m)+w; k++ {
			p := poissonPMF(k, m)
			s += p
			mean += float64(k) * p
		}
		if math.Abs(s-1) > 1e-12 || math.Abs(mean-m) > 1e-12*m {
			t.Errorf("m = %g: terms sum to %.17g, mean %.17g", m, s, mean)
		}
	}
}
