package model

import (
	"math"
	"testing"
)

// TestProfileIntegral checks the integral of the day factor over windows
// against sums worked out by hand.
func TestProfileIntegral(t *testing.T) {
	week := &Profile{Weekly: []float64{1, 2, 3, 4, 5, 6, 7}, Promotions: []Promotion{{Start: 3, Days: 2, Multiplier: 10}}}
	months := &Profile{Monthly: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	trend := &Profile{Growth: 0.365} // day d: 1 + 0.001·(d + 0.5)
	for _, c := range []struct {
		name    string
		p       *Profile
		a, b    float64
		f, f2   float64
		comment string
	}{
		// day 1 (2) for half a day, day 2 (3), days 3 and 4 promoted (4·10, 5·10), day 4 for a quarter
		{"weekly and promotion", week, 1.5, 4.25, 0.5*2 + 3 + 40 + 0.25*50, 0.5*4 + 9 + 1600 + 0.25*2500, ""},
		// half of day 29 and day 30 in January (1), days 31 and 32 in February (2)
		{"months", months, 29.5, 33, 0.5 + 1 + 2 + 2, 0.5 + 1 + 4 + 4, ""},
		// day 364 is in December (12), day 365 in January again (1)
		{"year wraps", months, 364, 366, 12 + 1, 144 + 1, ""},
		{"trend", trend, 0, 2.5, 1.0005 + 1.0015 + 0.5*1.0025, 1.0005*1.0005 + 1.0015*1.0015 + 0.5*1.0025*1.0025, ""},
		{"empty", week, 3, 3, 0, 0, ""},
	} {
		f, f2 := c.p.Integral(c.a, c.b)
		if math.Abs(f-c.f) > 1e-12 || math.Abs(f2-c.f2) > 1e-9 {
			t.Errorf("%s: Integral(%v, %v) = %v, %v; want %v, %v", c.name, c.a, c.b, f, f2, c.f, c.f2)
		}
	}
	// over whole days from 0 it is days × Moments' mean
	f, _ := week.Integral(0, 100)
	if m, _ := week.Moments(100); math.Abs(f-100*m) > 1e-9 {
		t.Errorf("Integral(0, 100) = %v, want 100 × Moments = %v", f, 100*m)
	}
}

// TestLevelDemandWindow checks the windowed mean and variance of a
// site-item's demand: a compound Poisson stream (10 orders a day of 2
// units: 20 a day, variance λE[S²] = 40) closed at weekends, a normal
// daily quantity (50, sd 10) doubled by a promotion, whose variance
// scales with the factor squared, and a stationary Poisson stream of 3 a
// day, the rest. Over [5, 8]: days 5 and 6 are a weekend, day 7 a
// Monday, all three promoted.
func TestLevelDemandWindow(t *testing.T) {
	closed := &Profile{Weekly: []float64{1, 1, 1, 1, 1, 0, 0}}
	promo := &Profile{Promotions: []Promotion{{Start: 0, Days: 10, Multiplier: 2}}}
	nd, err := NewNormal(50, 10)
	if err != nil {
		t.Fatal(err)
	}
	net := oneItem(t, Demand{Rate: 10, Size: Const(2), Profile: closed}, &RQ{R: 1, Q: 1}, Lane{Transit: Const(1)}, 0, 1, 1, 30, 0)
	st := &net.Sites[0].Stocks[0]
	st.Demand = append(st.Demand, Demand{Name: "d1", Daily: nd, Profile: promo}, Demand{Name: "d2", Rate: 3, Size: Const(1)})
	mean, variance, err := net.DemandRate()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := net.LevelDemand(0, mean[0], variance[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(ld.Streams) != 2 || math.Abs(ld.Mean-3) > 1e-9 || math.Abs(ld.Variance-3) > 1e-9 {
		t.Fatalf("level demand: %d profiled streams, rest %v (variance %v); want 2, 3 (3)", len(ld.Streams), ld.Mean, ld.Variance)
	}
	m, v := ld.Window(5, 8)
	wantM := 20*1 + 50*6 + 3*3.0   // 329
	wantV := 40*1 + 100*12 + 3*3.0 // 1249
	if math.Abs(m-wantM) > 1e-9 || math.Abs(v-wantV) > 1e-9 {
		t.Errorf("Window(5, 8) = %v, %v; want %v, %v", m, v, wantM, wantV)
	}
	// no profile: no level demand
	plain := oneItem(t, Demand{Rate: 3, Size: Const(1)}, &RQ{R: 1, Q: 1}, Lane{Transit: Const(1)}, 0, 1, 1, 30, 0)
	if ld, err := plain.LevelDemand(0, 3, 3); ld != nil || err != nil {
		t.Errorf("LevelDemand without a profile = %v, %v; want nil", ld, err)
	}
}

// promoNet returns a store with Poisson demand of 10 a day, tripled on
// days 10 to 19, a lead time of 2 days and policy p.
func promoNet(t *testing.T, p Policy, horizon float64) *Network {
	pr := &Profile{Promotions: []Promotion{{Start: 10, Days: 10, Multiplier: 3}}}
	return oneItem(t, Demand{Rate: 10, Size: Const(1), Profile: pr}, p, Lane{Transit: Const(2)}, 0, 1, 1, horizon, 0)
}

// follow derives p's level demand from net and makes p follow it.
func follow(t *testing.T, net *Network, p interface {
	FollowProfile(*LevelDemand, float64)
}) {
	t.Helper()
	mean, variance, err := net.DemandRate()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := net.LevelDemand(0, mean[0], variance[0])
	if err != nil || ld == nil {
		t.Fatalf("LevelDemand = %v, %v", ld, err)
	}
	p.FollowProfile(ld, net.Horizon)
}

// TestSafetyStockFollowsProfile checks the levels of a safety_stock that
// follows a profile against hand-computed ones. Periodic review every day,
// L = 2, CSL 0.95 (z = 1.64485): the window is 3 days of Poisson demand,
// S = ceil(M + z·√M) with M = 30 outside the promotion (S = ceil(39.01) =
// 40), M = 10 + 30 + 30 = 70 from day 9 (ceil(83.76) = 84) and M = 90
// inside it (ceil(105.60) = 106).
func TestSafetyStockFollowsProfile(t *testing.T) {
	p, err := NewSafetyStock(CycleServiceLevel, 0.95, 10, 3, 2, 0, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	net := promoNet(t, p, 30)
	follow(t, net, p)
	for _, c := range []struct {
		t    float64
		want int64
	}{{0, 40}, {9, 84}, {10, 106}, {17, 106}, {18, 84}, {20, 40}} {
		if got := p.levelFrom(c.t); got != c.want {
			t.Errorf("S from day %v = %d, want %d", c.t, got, c.want)
		}
		if got := p.Order(Position{OnHand: 5, Now: c.t}); got != c.want-5 {
			t.Errorf("order at day %v with 5 on hand = %d, want %d", c.t, got, c.want-5)
		}
	}
	if p.LevelMin != 40 || p.LevelMax != 106 || p.StartLevel() != 40 {
		t.Errorf("range %d to %d, start %d; want 40 to 106, 40", p.LevelMin, p.LevelMax, p.StartLevel())
	}
	info := p.Describe()
	if info.Params[1] != (Param{"order_up_to_min", 40}) || info.Params[2] != (Param{"order_up_to_max", 106}) {
		t.Errorf("Describe = %v", info)
	}

	// continuous review, fill rate 0.98 with Q = 20: the window [d, d+2]
	// from the start of the day, σ·G(z) = 0.02·20
	q, err := NewSafetyStock(FillRate, 0.98, 10, 3, 2, 0, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	follow(t, promoNet(t, q, 30), q)
	c := q.fresh().(*SafetyStock)
	for _, day := range []float64{0, 9, 12} {
		m, _ := c.Seasonal.Window(day, day+2)
		sigma := math.Sqrt(m)
		// the least r whose expected shortage per cycle σ·G((r − M)/σ) is at most 0.4
		want := int64(math.Ceil(m - 8*sigma))
		for sigma*normalLoss((float64(want)-m)/sigma) > 0.4 {
			want++
		}
		// r is where ordering starts: at a position of r, not r + 1
		now := day + 0.7
		if c.Order(Position{OnHand: want, Now: now}) == 0 || c.Order(Position{OnHand: want + 1, Now: now}) != 0 {
			t.Errorf("day %v: r is not %d (M = %v, σ = %.3f)", day, want, m, sigma)
		}
	}
	if q.at != -1 {
		t.Error("ordering on a fresh copy wrote the network's policy")
	}
}

// TestEOQFollowsProfile checks the reorder point of an eoq that follows
// a profile: the demand expected over [d, d+2] plus the safety stock 5,
// rounded: 25 outside the promotion, 45 on day 9 (10 + 30), 65 on days
// 10 to 18, 45 on day 19; Q stays that of the mean demand over the
// horizon.
func TestEOQFollowsProfile(t *testing.T) {
	mean := (10*20 + 30*10) / 30.0 // the horizon's mean demand per day
	p, err := NewEOQ(mean, 1, 1, 2, 5)
	if err != nil {
		t.Fatal(err)
	}
	net := promoNet(t, p, 30)
	follow(t, net, p)
	for _, c := range []struct {
		t    float64
		want int64
	}{{0, 25}, {9.5, 45}, {10, 65}, {18.9, 65}, {19, 45}, {20, 25}, {25, 25}} {
		q := p.Order(Position{OnHand: 0, Now: c.t})
		if r := q - p.Q; q == 0 || r > c.want || r+p.Q <= c.want {
			t.Errorf("day %v: order %d from position 0, want the batches that lift it above r = %d", c.t, q, c.want)
		}
	}
	if p.RMin != 25 || p.RMax != 65 || p.Q != int64(math.Round(math.Sqrt(2*mean))) {
		t.Errorf("r from %d to %d, Q %d; want 25 to 65, %v", p.RMin, p.RMax, p.Q, math.Round(math.Sqrt(2*mean)))
	}
}
