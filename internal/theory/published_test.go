package theory

import (
	"math"
	"testing"
)

// The formulas against published numeric examples, to the precision
// published.

// round returns v rounded to d decimals.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

func TestErlangBPublished(t *testing.T) {
	for _, c := range []struct {
		s        int
		a        float64
		want     float64
		decimals int
		source   string
	}{
		// the Erlang B table's 10 trunks at 10 erlangs, 4 decimals
		{10, 10, 0.2146, 4, "Erlang B table, N = 10, A = 10"},
		// the examples of the ErlangB page of the Wolfram Language
		// documentation (reference.wolfram.com/language/ref/ErlangB.html):
		// five 1 Mbps lines, 3 calls an hour of an hour each: 0.110054;
		// four modems at 2 erlangs: 2/21 = 0.0952381; six: 0.0120846
		{5, 3, 0.110054, 6, "Wolfram ErlangB, five lines, 3 erlangs"},
		{4, 2, 2.0 / 21, 15, "Wolfram ErlangB, four modems, 2 erlangs: (2⁴/4!)/(1+2+2+4/3+2/3) = 2/21"},
		{6, 2, 0.0120846, 7, "Wolfram ErlangB, six modems, 2 erlangs"},
		// the same page's application: 30 lines at 25 erlangs block
		// "approximately 0.05"
		{30, 25, 0.05, 2, "Wolfram ErlangB, 30 lines, 25 erlangs"},
	} {
		got := ErlangB(c.s, c.a)
		if round(got, c.decimals) != round(c.want, c.decimals) {
			t.Errorf("B(%d, %g) = %.10f, published %.*f (%s)", c.s, c.a, got, c.decimals, c.want, c.source)
		}
	}
	// trunk sizing (e.g. the worked example of neoprimate.github.io/IEOR,
	// Erlang B): at 2.5 erlangs 7 trunks are the fewest that block under 1%
	if b6, b7 := ErlangB(6, 2.5), ErlangB(7, 2.5); !(b6 > 0.01 && b7 < 0.01) {
		t.Errorf("B(6, 2.5) = %v, B(7, 2.5) = %v: 7 trunks should be the fewest under 1%%", b6, b7)
	}
}

// TestRQCostPublished checks the exact expected cost of (r, Q) with
// Poisson demand against Snyder and Shen, Fundamentals of Supply Chain
// Theory, 2nd ed. (2019), §5.6, Example 5.8 and Problem 5.2, as their
// stockpyl package (github.com/LarrySnyder/stockpyl, rq.r_q_cost_poisson
// and tests/test_rq.py) reproduces them: g(r, Q) = (Kλ + Σ_{y=r+1}^{r+Q}
// g(y))/Q with g(y) = h·E[(y − D)⁺] + p·E[(D − y)⁺], which is
// holding·on-hand + backorder·backorders + order·λ/Q.
func TestRQCostPublished(t *testing.T) {
	for _, c := range []struct {
		name                      string
		lambda, lead              float64
		r, q                      int
		holding, backorder, order float64
		want                      float64
	}{
		// Example 5.8: h = 20, p = 150, K = 100, λ = 1.5, L = 2
		{name: "example 5.8 (3, 5)", lambda: 1.5, lead: 2, r: 3, q: 5, holding: 20, backorder: 150, order: 100, want: 107.9235806331498},
		{name: "example 5.8 (8, 12)", lambda: 1.5, lead: 2, r: 8, q: 12, holding: 20, backorder: 150, order: 100, want: 242.5281637662021},
		// Problem 5.2: h = 4, p = 28, K = 4, λ = 12, L = 0.5
		{name: "problem 5.2 (6, 7)", lambda: 12, lead: 0.5, r: 6, q: 7, holding: 4, backorder: 28, order: 4, want: 28.241312842169155},
		{name: "problem 5.2 (3, 9)", lambda: 12, lead: 0.5, r: 3, q: 9, holding: 4, backorder: 28, order: 4, want: 34.264154469469503},
	} {
		got := RQCost(c.lambda, c.lead, c.r, c.q, c.holding, c.backorder, c.order)
		if math.Abs(got-c.want) > 1e-10*c.want {
			t.Errorf("%s: cost %.13f, published %.13f", c.name, got, c.want)
		}
	}
	// and (3, 5) is Example 5.8's optimum (Federgruen and Zheng 1992, as
	// the book finds it): no neighbour costs less
	best := RQCost(1.5, 2, 3, 5, 20, 150, 100)
	for _, d := range [][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, 1}, {1, -1}, {-1, -1}, {1, 1}} {
		if c := RQCost(1.5, 2, 3+d[0], 5+d[1], 20, 150, 100); c < best {
			t.Errorf("(r, Q) = (%d, %d) costs %v < %v of the optimum (3, 5)", 3+d[0], 5+d[1], c, best)
		}
	}
}

func TestEOQPublished(t *testing.T) {
	// Snyder and Shen (2019), Example 3.1: K = 8, h = 0.75·0.3 = 0.225,
	// λ = 1300: Q* = 304.0467800264368, g* = 68.410525505948272 (as
	// stockpyl's tests/test_eoq.py has them)
	q, c := EOQ(8, 1300, 0.225)
	near(t, "example 3.1 Q*", q, 304.0467800264368, 1e-10)
	near(t, "example 3.1 g*", c, 68.410525505948272, 1e-10)
	// Problem 3.1: K = 2250, h = 275, λ = 500·365: Q* = 1728.109844993551,
	// g* = 475230.2073732266
	q, c = EOQ(2250, 500*365, 275)
	near(t, "problem 3.1 Q*", q, 1728.109844993551, 1e-9)
	near(t, "problem 3.1 g*", c, 475230.2073732266, 1e-7)
	// the textbook case of Heizer and Render, Operations Management
	// (Sharp, Inc.): D = 1000 a year, S = $10 an order, H = $0.50 a
	// unit-year: Q* = 200 units, ordering plus holding $100 a year
	q, c = EOQ(10, 1000, 0.5)
	near(t, "Heizer–Render Q*", q, 200, 1e-12)
	near(t, "Heizer–Render cost", c, 100, 1e-12)
}
