package model

import (
	"fmt"
	"math"
	"testing"
)

// testProfile is a profile with every part: a weekly and a yearly pattern,
// 20% growth a year and a x3 promotion on days 200-213.
func testProfile() *Profile {
	return &Profile{
		Weekly:     []float64{0.8, 0.9, 1, 1, 1.2, 1.6, 0.5},
		Monthly:    []float64{0.7, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.2, 1.1, 1, 1.3, 1.5},
		Growth:     0.2,
		Promotions: []Promotion{{Start: 200, Days: 14, Multiplier: 3}},
	}
}

func TestProfileFactor(t *testing.T) {
	p := testProfile()
	tests := []struct {
		day  int64
		want float64
	}{
		{0, 0.8 * 0.7 * (1 + 0.2*0.5/365)},
		{31, 1.0 * 0.7 * (1 + 0.2*31.5/365)},       // 1 February, week day 3
		{199, 1.0 * 1.2 * (1 + 0.2*199.5/365)},     // 19 July, before the promotion
		{200, 1.2 * 1.2 * (1 + 0.2*200.5/365) * 3}, // its first day
		{213, 1.0 * 1.2 * (1 + 0.2*213.5/365) * 3}, // its last day, 2 August
		{214, 1.2 * 1.2 * (1 + 0.2*214.5/365)},     // the day after
		{364, 0.8 * 1.5 * (1 + 0.2*364.5/365)},     // 31 December
		{365, 0.9 * 0.7 * (1 + 0.2*365.5/365)},     // 1 January again
	}
	for _, tt := range tests {
		if got := p.Factor(tt.day); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Factor(%d) = %v, want %v", tt.day, got, tt.want)
		}
	}
	if got := (&Profile{Growth: -2}).Factor(200); got != 0 {
		t.Errorf("a rate declining past 0 = %v, want 0", got)
	}
}

// profileNet is one store facing stream d (with plenty of stock, which
// does not matter: demand is counted whether or not it is filled).
func profileNet(d Demand, horizon float64) *Network {
	return &Network{
		Name:      "profile",
		Items:     []Item{{Name: "widget"}},
		Suppliers: []Supplier{{Name: "factory"}},
		Sites: []Site{{Name: "store", Stocks: []Stock{{
			Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: 1000,
			Policy: &BaseStock{S: 1000, Period: 1}, Demand: []Demand{d},
		}}}},
		Horizon: horizon,
	}
}

// dayDemand runs replication rep of net and returns its units demanded on
// each day.
func dayDemand(net *Network, rep int) []int64 {
	r, s := start(net, 7, rep)
	out := make([]int64, int(net.Horizon))
	c := &r.tally[0] // the customers of the site-item's first stream
	last := int64(0)
	for {
		t, ok := s.Peek()
		if !ok || float64(t) >= net.Horizon {
			break
		}
		s.Step()
		if n := c.units; n != last {
			out[int(s.Now())] += n - last
			last = n
		}
	}
	return out
}

// TestProfileDemand is the signature test of demand profiles: over a year,
// the demand counted per week day, per month, during a promotion and in
// total equals the integral of the profiled rate, for Poisson arrivals and
// for a daily Poisson quantity. Both counts are Poisson with mean the
// integral Λ over the bucket's days, so a sum over n replications has
// variance nΛ; each of the 22 buckets must lie within 4 standard
// deviations (the chance that any of them strays so far by chance is
// about 22 × 6e-5 ≈ 0.1%).
func TestProfileDemand(t *testing.T) {
	const reps, horizon = 40, 365
	p := testProfile()
	tests := []struct {
		name string
		d    Demand
		mean float64 // base units per day
	}{
		{"poisson arrivals", Demand{Name: "d0", Rate: 10, Size: Const(1), Profile: p}, 10},
		{"daily poisson", Demand{Name: "d0", Daily: mustPoisson(t, 10), Profile: p}, 10},
	}
	type bucket struct {
		name string
		in   func(d int) bool
	}
	var buckets []bucket
	for w := range 7 {
		buckets = append(buckets, bucket{fmt.Sprintf("weekday %d", w), func(d int) bool { return d%7 == w }})
	}
	for m := range 12 {
		buckets = append(buckets, bucket{fmt.Sprintf("month %d", m+1), func(d int) bool { return int(monthOf[d]) == m }})
	}
	buckets = append(buckets,
		bucket{"promotion", func(d int) bool { return d >= 200 && d < 214 }},
		bucket{"two weeks before", func(d int) bool { return d >= 186 && d < 200 }},
		bucket{"year", func(d int) bool { return true }})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net := profileNet(tt.d, horizon)
			got := make([]float64, len(buckets))
			for rep := range reps {
				for d, q := range dayDemand(net, rep) {
					for i, b := range buckets {
						if b.in(d) {
							got[i] += float64(q)
						}
					}
				}
			}
			for i, b := range buckets {
				want := 0.0
				for d := range horizon {
					if b.in(d) {
						want += tt.mean * p.Factor(int64(d))
					}
				}
				want *= reps
				z := (got[i] - want) / math.Sqrt(want)
				t.Logf("%-17s %8.0f  integral %9.1f  z %+.2f", b.name, got[i]/reps, want/reps, z)
				if math.Abs(z) > 4 {
					t.Errorf("%s: demand %v over %d replications, integral of the rate %.1f: z = %.2f", b.name, got[i], reps, want, z)
				}
			}
		})
	}
}

// TestPromotionTriples checks the plain reading: a x3 promotion triples the
// demand of its window, compared with the same window without it, under
// common random numbers kept apart by the window (the ratio's CI is that
// of a ratio of two Poisson totals).
func TestPromotionTriples(t *testing.T) {
	const reps = 200
	with := profileNet(Demand{Name: "d0", Rate: 5, Size: Const(1), Profile: &Profile{Promotions: []Promotion{{Start: 10, Days: 7, Multiplier: 3}}}}, 17)
	with.Warmup = 10
	without := profileNet(Demand{Name: "d0", Rate: 5, Size: Const(1)}, 17)
	without.Warmup = 10
	var a, b float64
	for rep := range reps {
		a += float64(Run(with, 3, rep).SKUs[0].DemandUnits)
		b += float64(Run(without, 3, rep).SKUs[0].DemandUnits)
	}
	ratio := a / b
	// delta method: Var(a/b)/ratio² ≈ 1/a + 1/b for Poisson totals
	hw := 1.96 * ratio * math.Sqrt(1/a+1/b)
	t.Logf("promotion window demand %.1f vs %.1f a replication: ratio %.3f ± %.3f", a/reps, b/reps, ratio, hw)
	if math.Abs(ratio-3) > hw {
		t.Errorf("promotion ratio = %.3f ± %.3f, want 3", ratio, hw)
	}
	if want := 5.0 * 7 * 3 * reps; math.Abs(a-want) > 4*math.Sqrt(want) {
		t.Errorf("promotion window demand %v, want %v", a, want)
	}
}

// TestProfileRegular checks regular arrivals under a profile: one arrival
// per unit of the integrated rate, so a year's count is the integral
// rounded down.
func TestProfileRegular(t *testing.T) {
	p := testProfile()
	net := profileNet(Demand{Name: "d0", Rate: 3, Regular: true, Size: Const(1), Profile: p}, 365)
	want := 0.0
	for d := range int64(365) {
		want += 3 * p.Factor(d)
	}
	got := Run(net, 1, 0).SKUs[0].DemandUnits
	if float64(got) != math.Floor(want+1e-9) {
		t.Errorf("regular arrivals in a year = %d, want floor(%v)", got, want)
	}
}

func TestProfileNext(t *testing.T) {
	p := &Profile{Weekly: []float64{1, 0, 0, 0, 0, 0, 2}}
	tests := []struct{ t, e, want float64 }{
		{0, 0.5, 0.5},
		{0.5, 0.75, 6.125}, // 0.5 left of day 0, then 0.25 at rate 2 on day 6
		{6.5, 1.5, 7.5},    // 1 to the end of day 6, 0.5 on day 7 (week day 0)
		{3, 0, 3},
	}
	for _, tt := range tests {
		if got := p.next(tt.t, tt.e, 1, 100); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("next(%v, %v) = %v, want %v", tt.t, tt.e, got, tt.want)
		}
	}
	if got := p.next(99.5, 10, 1, 100); !math.IsInf(got, 1) {
		t.Errorf("next past the end = %v, want +Inf", got)
	}
}

// TestProfileEventAllocs pins that profiled arrivals and daily quantities
// allocate nothing.
func TestProfileEventAllocs(t *testing.T) {
	p := testProfile()
	net := profileNet(Demand{Name: "d0", Rate: 10, Size: Const(1), Profile: p}, 1e9)
	net.Sites[0].Stocks[0].Demand = append(net.Sites[0].Stocks[0].Demand, Demand{Name: "d1", Daily: mustPoisson(t, 10), Profile: p})
	_, s := start(net, 1, 0)
	for range 100000 {
		s.Step()
	}
	if n := testing.AllocsPerRun(10000, func() { s.Step() }); n != 0 {
		t.Errorf("an event allocates %v times, want 0", n)
	}
}

func mustPoisson(tb testing.TB, mean float64) Dist {
	tb.Helper()
	d, err := NewPoisson(mean)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
