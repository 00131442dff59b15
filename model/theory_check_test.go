package model

import (
	"math"
	"testing"

	"scsim/internal/theory"
)

// TestTheoryValuesAreTheFormulas checks that the values given beside the
// simulation are the formulas' of package theory, and the cost per day
// the sum of its parts, worked out here from the item's costs.
func TestTheoryValuesAreTheFormulas(t *testing.T) {
	// rqNet's item: holding 1, backorder 10, lost sale 5, order 100
	const h, b, lost, k = 1.0, 10.0, 5.0, 100.0
	type want struct {
		formula string
		vals    map[int]float64
	}
	fill, oh, bo := theory.RQPoisson(8*4, 36, 40)
	bsFill, bsOH, bsBO := theory.RQPoisson(5*2, 11, 1)
	lFill, lLost, lOH := theory.BaseStockLost(12, 5, 2)
	pFill, pOH, pBO := theory.PeriodicPoisson(5, 2, 3, 30)
	sFill, sOH, sBO, sOrders := theory.PeriodicSSPoisson(5, 2, 3, 12, 30)
	gamma, _ := NewGamma(2, 1.5)
	regular := rqNet(t, 100, Const(3), &RQ{R: 300, Q: 1000}, 1300, Backorder, 1000, 0)
	regular.Sites[0].Stocks[0].Demand[0].Regular = true
	// JIT buffer 30 with 24 a day over 1.5 days (examples/jit-by-hand.yaml's
	// line-short): the position 30 is 6 short of the λL = 36 demanded in
	// a lead time, so every demand waits 6/24 days and 6 are owed
	short := rqNet(t, 24, Const(1.5), &JIT{Buffer: 30}, 30, Backorder, 1000, 0)
	short.Sites[0].Stocks[0].Demand[0].Regular = true
	// (r, Q) = (0, 4), λL = 2.5: positions 1..4, short 1.5 and 0.5 at the
	// first two, 0.5 and 1.5 on hand at the last two
	half := rqNet(t, 2, Const(1.25), &RQ{R: 0, Q: 4}, 4, Backorder, 1000, 0)
	half.Sites[0].Stocks[0].Demand[0].Regular = true
	tests := []struct {
		name string
		net  *Network
		want want
	}{
		{"rq", rqNet(t, 8, Const(4), &RQ{R: 36, Q: 40}, 76, Backorder, 100, 0), want{FormulaHadleyWhitin,
			map[int]float64{MFillRate: fill, MAvgOnHand: oh, MAvgBackorders: bo, MTotalCost: h*oh + b*bo + k*8.0/40}}},
		{"base stock", rqNet(t, 5, Const(2), &BaseStock{S: 12}, 12, Backorder, 100, 0), want{FormulaHadleyWhitin,
			map[int]float64{MFillRate: bsFill, MAvgOnHand: bsOH, MAvgBackorders: bsBO, MTotalCost: h*bsOH + b*bsBO + k*5}}},
		{"sS continuous", rqNet(t, 8, Const(4), &SS{Small: 36, Big: 76}, 76, Backorder, 100, 0), want{FormulaHadleyWhitin,
			map[int]float64{MFillRate: fill, MAvgOnHand: oh, MAvgBackorders: bo, MTotalCost: h*oh + b*bo + k*8.0/40}}},
		{"lost sales", rqNet(t, 5, Const(2), &BaseStock{S: 12}, 12, LostSale, 100, 0), want{FormulaErlangB,
			map[int]float64{MFillRate: lFill, MLostRate: lLost, MAvgOnHand: lOH, MAvgBackorders: 0, MTotalCost: h*lOH + lost*5*lLost + k*5*lFill}}},
		{"lost sales gamma lead", rqNet(t, 5, gamma, &JIT{Buffer: 12}, 12, LostSale, 100, 0), want{FormulaErlangB,
			map[int]float64{MFillRate: lFill, MLostRate: lLost, MAvgOnHand: lOH, MAvgBackorders: 0, MTotalCost: h*lOH + lost*5*lLost + k*5*lFill}}},
		{"periodic", rqNet(t, 5, Const(2), &BaseStock{S: 30, Period: 3}, 30, Backorder, 100, 0), want{FormulaPeriodic,
			map[int]float64{MFillRate: pFill, MAvgOnHand: pOH, MAvgBackorders: pBO, MTotalCost: h*pOH + b*pBO + k*(1-math.Exp(-15))/3}}},
		{"periodic (s, S)", rqNet(t, 5, Const(2), &SS{Small: 12, Big: 30, Period: 3}, 30, Backorder, 100, 0), want{FormulaPeriodicSS,
			map[int]float64{MFillRate: sFill, MAvgOnHand: sOH, MAvgBackorders: sBO, MTotalCost: h*sOH + b*sBO + k*sOrders}}},
		{"eoq", regular, want{FormulaDeterministic,
			map[int]float64{MFillRate: 1, MAvgOnHand: 500.5, MAvgBackorders: 0, MTotalCost: h*500.5 + k*100.0/1000}}},
		{"deterministic JIT short", short, want{FormulaDeterministic,
			map[int]float64{MFillRate: 0, MAvgOnHand: 0, MAvgBackorders: 6, MWaitMean: 0.25, MTotalCost: b*6 + k*24}}},
		{"deterministic (r, Q) half short", half, want{FormulaDeterministic,
			map[int]float64{MFillRate: 0.5, MAvgOnHand: 0.5, MAvgBackorders: 0.5, MWaitMean: 0.5, MTotalCost: h*0.5 + b*0.5 + k*2.0/4}}},
	}
	for _, tt := range tests {
		ths := tt.net.Theories()
		if len(ths) != 1 {
			t.Errorf("%s: %d theories, want 1", tt.name, len(ths))
			continue
		}
		th := ths[0]
		if th.Formula != tt.want.formula || len(th.Values) != len(tt.want.vals) {
			t.Errorf("%s: %s with %d values, want %s with %d", tt.name, th.Formula, len(th.Values), tt.want.formula, len(tt.want.vals))
		}
		for m, w := range tt.want.vals {
			if got, ok := th.Value(m); !ok || math.Abs(got-w) > 1e-12*max(1, math.Abs(w)) {
				t.Errorf("%s: %s = %v, want %v", tt.name, Metrics[m].Key, got, w)
			}
		}
	}
}

// TestTheoryStrict checks that a setting just outside a theory's domain
// gets no theory.
func TestTheoryStrict(t *testing.T) {
	gamma, _ := NewGamma(4, 1)
	base := func() *Network { return rqNet(t, 8, Const(4), &RQ{R: 36, Q: 40}, 76, Backorder, 100, 0) }
	tests := map[string]func(n *Network){
		"random lead time, backorders": func(n *Network) { n.Sites[0].Stocks[0].Lane.Transit = gamma },
		"lost sales with Q > 1":        func(n *Network) { n.Sites[0].Stocks[0].Demand[0].Stockout = LostSale },
		"orders of 2 units":            func(n *Network) { n.Sites[0].Stocks[0].Demand[0].Size = Const(2) },
		"supplier capacity":            func(n *Network) { n.Suppliers[0].Capacity = 20 },
		"supplier outages": func(n *Network) {
			n.Suppliers[0].Disruption = &Disruption{Outages: []Outage{{Start: 10, Duration: 5}}}
		},
		"impatient customers": func(n *Network) { p := Const(3); n.Sites[0].Stocks[0].Demand[0].Customers.Patience = &p },
		"quoted dates":        func(n *Network) { n.Sites[0].Stocks[0].Demand[0].Customers.Quote = true },
		"regular, a demand ties with its receipt": func(n *Network) {
			n.Sites[0].Stocks[0].Demand[0].Regular = true // λL = 32 = r + 1: the 1st demand of a cycle meets its receipt
			n.Sites[0].Stocks[0].Policy = &RQ{R: 31, Q: 40}
		},
		"regular, tie at the end of the cycle": func(n *Network) {
			n.Sites[0].Stocks[0].Demand[0].Regular = true // λL = 32 = r + Q
			n.Sites[0].Stocks[0].Policy = &RQ{R: 22, Q: 10}
		},
		"regular, stockouts, lost sales": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Demand[0].Regular, st.Demand[0].Stockout = true, LostSale
			st.Policy = &RQ{R: 10, Q: 5} // λL = 32: every demand short
		},
		"regular, random lead time": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Demand[0].Regular = true
			st.Policy = &RQ{R: 40, Q: 10}
			st.Lane.Transit = gamma
		},
		"regular, periodic": func(n *Network) {
			n.Sites[0].Stocks[0].Demand[0].Regular = true
			n.Sites[0].Stocks[0].Policy = &BaseStock{S: 40, Period: 2}
		},
		"periodic (s, S), random lead time": func(n *Network) {
			n.Sites[0].Stocks[0].Policy = &SS{Small: 30, Big: 70, Period: 7}
			n.Sites[0].Stocks[0].Lane.Transit = gamma
		},
		"periodic (s, S), lost sales": func(n *Network) {
			n.Sites[0].Stocks[0].Policy = &SS{Small: 30, Big: 70, Period: 7}
			n.Sites[0].Stocks[0].Demand[0].Stockout = LostSale
		},
		"lost sales, periodic": func(n *Network) {
			n.Sites[0].Stocks[0].Demand[0].Stockout = LostSale
			n.Sites[0].Stocks[0].Policy = &BaseStock{S: 40, Period: 2}
		},
		"lost sales, random lead without overtaking": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Demand[0].Stockout = LostSale
			st.Policy = &BaseStock{S: 40}
			st.Lane.Transit, st.Lane.NoOvertaking = gamma, true
		},
		"mixed stockout rules": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Demand = append(st.Demand, Demand{Name: "d1", Rate: 1, Size: Const(1), Stockout: LostSale})
		},
		"seasonal demand": func(n *Network) { n.Sites[0].Stocks[0].Demand[0].Profile = &Profile{} },
		"two regular streams": func(n *Network) {
			st := &n.Sites[0].Stocks[0]
			st.Policy = &RQ{R: 60, Q: 40}
			st.Demand[0].Regular = true
			st.Demand = append(st.Demand, Demand{Name: "d1", Rate: 1, Regular: true, Size: Const(1)})
		},
	}
	for name, change := range tests {
		n := base()
		change(n)
		if ths := n.Theories(); len(ths) != 0 {
			t.Errorf("%s: theory %s (%s) given", name, ths[0].Formula, ths[0].Model)
		}
	}
	// and two independent Poisson streams are one Poisson stream
	n := base()
	n.Sites[0].Stocks[0].Demand = append(n.Sites[0].Stocks[0].Demand, Demand{Name: "d1", Rate: 2, Size: Const(1)})
	if ths := n.Theories(); len(ths) != 1 || ths[0].Formula != FormulaHadleyWhitin {
		t.Errorf("two Poisson streams: %v", ths)
	} else if f, _ := ths[0].Value(MFillRate); f != func() float64 { f, _, _ := theory.RQPoisson(40, 36, 40); return f }() {
		t.Errorf("two Poisson streams of 8 and 2: fill %v, want that of λL = 40", f)
	}
}
