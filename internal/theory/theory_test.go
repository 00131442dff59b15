package theory

import (
	"math"
	"testing"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.9f, want %.9f", name, got, want)
	}
}

func TestErlangAndLostSales(t *testing.T) {
	// B(3, 2) = (2³/3!) / (1 + 2 + 2²/2 + 2³/3!) = (4/3) / (19/3) = 4/19
	near(t, "B(3,2)", ErlangB(3, 2), 4.0/19, 1e-15)
	near(t, "B(0,5)", ErlangB(0, 5), 1, 0)
	// B(12, 10) = 0.1197 in the Erlang tables (e.g. Cooper, Introduction
	// to Queueing Theory, 1981, table); 0.11973918844 in exact arithmetic
	fill, lost, oh := BaseStockLost(12, 5, 2)
	near(t, "lost", lost, 0.11973918844, 1e-10)
	near(t, "fill", fill, 1-0.11973918844, 1e-10)
	near(t, "on hand", oh, 12-10*(1-0.11973918844), 1e-9) // 3.1973918844
}

func TestEOQ(t *testing.T) {
	// Harris: K = 50, D = 100/day, h = 0.01/unit-day: Q = √(2·50·100/0.01)
	// = √1,000,000 = 1000, cost √(2·50·100·0.01) = √100 = 10 a day
	q, c := EOQ(50, 100, 0.01)
	near(t, "Q", q, 1000, 1e-9)
	near(t, "cost", c, 10, 1e-12)
	// the bundled eoq scenario: r = 300 = λL, Q = 1000: the stock steps
	// from 1000 down to 1, averaging 500.5
	oh, ok := RQDeterministic(100, 3, 300, 1000)
	if !ok {
		t.Fatal("r = λL = 300 refused")
	}
	near(t, "on hand", oh, 500.5, 1e-9)
	// λL = 2.5: the order placed at r = 3 arrives after 2 or 3 demands;
	// the stock steps 5, 4, ..., 1 above r − λL: 3 + 6/2 − 2.5 = 3.5
	oh, ok = RQDeterministic(2, 1.25, 3, 5)
	near(t, "on hand", oh, 3.5, 1e-12)
	if !ok {
		t.Error("r = ⌈λL⌉ refused")
	}
	if _, ok := RQDeterministic(100, 3, 299, 1000); ok {
		t.Error("r = λL − 1, where a receipt and a demand tie, accepted")
	}
}

func TestRQPoissonLargeMean(t *testing.T) {
	// base stock S = 1001 (r = 1000, Q = 1) with lead-time demand of mean
	// 1000: e^{-1000} underflows, the terms in logarithms do not.
	// P(D ≤ 1000) = 0.50840936717 and E[(1001 − D)⁺] = 13.1230207159, by
	// direct summation of the Poisson terms
	fill, oh, bo := RQPoisson(1000, 1000, 1)
	near(t, "fill", fill, 0.50840936717, 1e-9)
	near(t, "on hand", oh, 13.1230207159, 1e-8)
	near(t, "backorders", bo, 13.1230207159-1001+1000, 1e-8)
}

func TestPeriodicPoisson(t *testing.T) {
	// S = 1, L = 0, R = 1, λ = 1: the net stock u days after a review is
	// 1 − N(u); fill = on hand = ∫_0^1 e^{-u} du = 1 − 1/e, backorders =
	// on hand − S + λ(L + R/2) = 1 − 1/e − 1/2
	fill, oh, bo := PeriodicPoisson(1, 0, 1, 1)
	near(t, "fill", fill, 1-math.Exp(-1), 1e-12)
	near(t, "on hand", oh, 1-math.Exp(-1), 1e-12)
	near(t, "backorders", bo, 0.5-math.Exp(-1), 1e-12)
	// S = 0: nothing on hand, the demand since the last review but one
	// lead time is owed: λ(L + R/2) = 2·(1 + 3/2) = 5
	fill, oh, bo = PeriodicPoisson(2, 1, 3, 0)
	near(t, "fill S=0", fill, 0, 0)
	near(t, "on hand S=0", oh, 0, 0)
	near(t, "backorders S=0", bo, 5, 1e-12)
	// a general case against the definition, integrated numerically
	// (Simpson, 2000 panels) from the Poisson terms
	lambda, lead, period, s := 3.0, 2.0, 5.0, 20
	var wf, woh, wbo float64
	const n = 2000
	for i := 0; i <= n; i++ {
		u := lead + period*float64(i)/n
		w := 2.0
		switch {
		case i == 0 || i == n:
			w = 1
		case i%2 == 1:
			w = 4
		}
		m := lambda * u
		var f, ohu, bou float64
		for k := 0; k < 200; k++ {
			p := math.Exp(float64(k)*math.Log(m) - m - lgamma(k+1))
			if k <= s-1 {
				f += p
			}
			if k < s {
				ohu += float64(s-k) * p
			} else {
				bou += float64(k-s) * p
			}
		}
		wf += w * f
		woh += w * ohu
		wbo += w * bou
	}
	h := 1.0 / n / 3 // Simpson: (period/n)/3, divided by period
	fill, oh, bo = PeriodicPoisson(lambda, lead, period, s)
	near(t, "fill", fill, wf*h, 1e-9)
	near(t, "on hand", oh, woh*h, 1e-9)
	near(t, "backorders", bo, wbo*h, 1e-9)
	near(t, "orders/day", PeriodicOrders(lambda, period), (1-math.Exp(-15))/5, 1e-15)
}

func lgamma(x int) float64 {
	v, _ := math.Lgamma(float64(x))
	return v
}

// TestPeriodicSS checks periodic (s, S) against its own definition,
// worked out independently: the stationary law of the position after a
// review by iterating the Markov chain's transition matrix, and against
// order-up-to where s = S − 1.
func TestPeriodicSS(t *testing.T) {
	// s = S − 1 is order-up-to S
	f, oh, bo, orders := PeriodicSSPoisson(5, 2, 3, 29, 30)
	wf, woh, wbo := PeriodicPoisson(5, 2, 3, 30)
	near(t, "fill s=S-1", f, wf, 1e-15)
	near(t, "on hand s=S-1", oh, woh, 1e-13)
	near(t, "backorders s=S-1", bo, wbo, 1e-15)
	near(t, "orders s=S-1", orders, PeriodicOrders(5, 3), 1e-15)
	// (s, S) = (3, 12), λ = 2, R = 1.5, L = 1: the chain on 4..12 by
	// power iteration of its transition matrix
	lambda, lead, period, s, big := 2.0, 1.0, 1.5, 3, 12
	n := big - s
	pmf := func(j int) float64 {
		return math.Exp(float64(j)*math.Log(lambda*period) - lambda*period - lgamma(j+1))
	}
	pi := make([]float64, n) // pi[i]: position s+1+i
	pi[n-1] = 1
	for range 2000 {
		next := make([]float64, n)
		for i, w := range pi {
			x := s + 1 + i
			stay := 0.0
			for d := 0; x-d > s; d++ {
				next[x-d-s-1] += w * pmf(d)
				stay += pmf(d)
			}
			next[n-1] += w * (1 - stay) // at or below s: up to S
		}
		pi = next
	}
	var ef, eoh, ebo, eorders float64
	for i, w := range pi {
		x := s + 1 + i
		f, oh, bo := PeriodicPoisson(lambda, lead, period, x)
		ef += w * f
		eoh += w * oh
		ebo += w * bo
		reach := 0.0 // P(x − D ≤ s)
		for d := x - s; d < 200; d++ {
			reach += pmf(d)
		}
		eorders += w * reach / period
	}
	f, oh, bo, orders = PeriodicSSPoisson(lambda, lead, period, s, big)
	near(t, "fill", f, ef, 1e-12)
	near(t, "on hand", oh, eoh, 1e-11)
	near(t, "backorders", bo, ebo, 1e-12)
	near(t, "orders/day", orders, eorders, 1e-12)
	if f, _, _, _ := PeriodicSSPoisson(lambda, lead, period, 12, 12); !math.IsNaN(f) {
		t.Error("s = S accepted")
	}
}

func TestPeriodicSSCostBound(t *testing.T) {
	// (S − s)·(S + 100) = 1900·2000 = 3.8·10⁶: refused, not slow
	if f, _, _, _ := PeriodicSSPoisson(100, 2, 1, 0, 1900); !math.IsNaN(f) {
		t.Error("(s, S) = (0, 1900) worked out")
	}
	if f, _, _, _ := PeriodicSSPoisson(100, 2, 1, 400, 1200); math.IsNaN(f) || f < 0.99 {
		t.Errorf("(s, S) = (400, 1200), λ(L+R) = 300: fill %v", f)
	}
}

// TestDeterministic checks the deterministic sawtooth with backorders
// against waits and levels worked out by hand.
func TestDeterministic(t *testing.T) {
	// JIT buffer 30 (r = 29, Q = 1), 24 a day, L = 1.5: λL = 36, the
	// position 30 is 6 short; each demand waits L − 30/24 = 0.25 day
	d, ok := Deterministic(24, 1.5, 29, 1)
	if !ok {
		t.Fatal("JIT 30 refused")
	}
	near(t, "fill", d.Fill, 0, 0)
	near(t, "on hand", d.OnHand, 0, 0)
	near(t, "backorders", d.Backorders, 6, 1e-12)
	near(t, "wait", d.WaitMean, 0.25, 1e-12)
	// (r, Q) = (0, 4), 2 a day (T = 0.5), L = 1.25: the demands of a
	// cycle wait 1.25 − 0.5 = 0.75, 1.25 − 1 = 0.25, 0 and 0; net stock
	// y − 2.5 for the positions 1..4
	d, ok = Deterministic(2, 1.25, 0, 4)
	if !ok {
		t.Fatal("(0, 4) refused")
	}
	near(t, "fill", d.Fill, 0.5, 0)
	near(t, "on hand", d.OnHand, (0.5+1.5)/4, 1e-12)
	near(t, "backorders", d.Backorders, (1.5+0.5)/4, 1e-12)
	near(t, "wait", d.WaitMean, (0.75+0.25)/2, 1e-12)
	// no demand short: RQDeterministic's on-hand, no wait
	d, ok = Deterministic(100, 3, 300, 1000)
	if !ok || d.Fill != 1 || d.Backorders != 0 || !math.IsNaN(d.WaitMean) {
		t.Errorf("eoq: %+v, %v", d, ok)
	}
	near(t, "eoq on hand", d.OnHand, 500.5, 1e-9)
	// everything short: r + Q < λL, backorders λL − mean position
	d, _ = Deterministic(10, 2, -5, 3) // positions -4..-2, λL = 20
	near(t, "all short", d.Backorders, 23, 1e-12)
	near(t, "all short fill", d.Fill, 0, 0)
	// ties: λL whole within r+1..r+Q
	for _, c := range [][2]int{{35, 1}, {29, 10}, {26, 10}} {
		if _, ok := Deterministic(24, 1.5, c[0], c[1]); ok {
			t.Errorf("(r, Q) = %v with λL = 36 accepted: a demand meets its receipt", c)
		}
	}
	if _, ok := Deterministic(24, 1.5, 25, 10); !ok {
		t.Error("(25, 10) with λL = 36 = r + Q + 1 refused")
	}
	if _, ok := Deterministic(1, 1, 5, 0); ok {
		t.Error("Q = 0 accepted")
	}
}
