package model

import (
	"testing"

	"scsim/internal/theory"
)

// TestTheoryStrictEdges adds to [TestTheoryStrict] the settings at the
// numeric edges of the formulas and the lane's features: each just
// outside a domain gets no theory, and the order delay counts in the lead
// time of those inside.
func TestTheoryStrictEdges(t *testing.T) {
	gamma, _ := NewGamma(4, 1)
	base := func() *Network { return rqNet(t, 8, Const(4), &RQ{R: 36, Q: 40}, 76, Backorder, 100, 0) }
	none := map[string]func(n *Network){
		// λL overflows to +Inf: the formulas give NaN, no theory is shown
		"lead-time demand overflows": func(n *Network) {
			n.Sites[0].Stocks[0].Demand[0].Rate = 1e200
			n.Sites[0].Stocks[0].Lane.Transit = Const(1e200)
		},
		"lost sales, base stock S = -1": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Demand[0].Stockout = LostSale
			st.Policy = &RQ{R: -2, Q: 1}
		},
		"lane expedite mode": func(n *Network) {
			n.Sites[0].Stocks[0].Lane.Expedite = &Expedite{Transit: Const(1), Backorders: 5}
		},
		"lane outages": func(n *Network) {
			n.Sites[0].Stocks[0].Lane.Disruption = &Disruption{Outages: []Outage{{Start: 10, Duration: 5}}}
		},
		"backup source": func(n *Network) {
			n.Sites[0].Stocks[0].Backup = &Backup{Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(1)}}
		},
		"random lead time, periodic": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Policy = &BaseStock{S: 40, Period: 2}
			st.Lane.Transit = gamma
		},
		"order delay, random transit, backorders": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Lane.OrderDelay = 1
			st.Lane.Transit = gamma
		},
		"batch Q = 0": func(n *Network) { n.Sites[0].Stocks[0].Policy = &RQ{R: 3, Q: 0} },
		// beyond the cost bound of the (s, S) mixture: none rather than slow
		"periodic (s, S) = (0, 5000)": func(n *Network) { n.Sites[0].Stocks[0].Policy = &SS{Small: 0, Big: 5000, Period: 7} },
	}
	for name, change := range none {
		n := base()
		change(n)
		if ths := n.Theories(); len(ths) != 0 {
			t.Errorf("%s: theory %s (%s) given", name, ths[0].Formula, ths[0].Model)
		}
	}
	// an order delay of 1.5 days before a transit of 4: lead time 5.5,
	// λL = 44, for (r, Q), lost-sales base stock and periodic review
	for _, c := range []struct {
		name   string
		policy Policy
		out    Stockout
		want   float64 // fill rate
	}{
		{"rq", &RQ{R: 36, Q: 40}, Backorder, func() float64 { f, _, _ := theory.RQPoisson(44, 36, 40); return f }()},
		{"lost sales", &BaseStock{S: 50}, LostSale, 1 - theory.ErlangB(50, 44)},
		{"periodic", &BaseStock{S: 70, Period: 3}, Backorder, func() float64 { f, _, _ := theory.PeriodicPoisson(8, 5.5, 3, 70); return f }()},
	} {
		n := base()
		st := &n.Sites[0].Stocks[0]
		st.Policy, st.Demand[0].Stockout, st.Lane.OrderDelay = c.policy, c.out, 1.5
		ths := n.Theories()
		if len(ths) != 1 {
			t.Errorf("order delay, %s: %d theories", c.name, len(ths))
			continue
		}
		if f, _ := ths[0].Value(MFillRate); f != c.want {
			t.Errorf("order delay, %s: fill %v, want %v, that of lead time 1.5 + 4 (%s)", c.name, f, c.want, ths[0].Model)
		}
	}
}
