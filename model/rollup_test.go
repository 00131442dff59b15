package model

import (
	"math"
	"strings"
	"testing"
)

// twoEchelon returns a supplier → DC → two stores network of two items;
// with dcCustomers, the DC's widget also has customers of its own (a
// site-item serving customers and stores alike), who lose their sale when
// it is short.
func twoEchelon(tb testing.TB, dcR int64, dcCustomers bool) *Network {
	tb.Helper()
	net := &Network{
		Name:      "two-echelon",
		Items:     []Item{{Name: "widget", HoldingCost: 0.1, BackorderCost: 1, LostSaleCost: 3, OrderCost: 20, Price: 5}, {Name: "gadget", HoldingCost: 0.2, BackorderCost: 2, OrderCost: 10, Price: 9}},
		Suppliers: []Supplier{{Name: "factory"}},
		Horizon:   400,
		Warmup:    50,
	}
	dc := Site{Name: "dc", Kind: Warehouse}
	for it := range net.Items {
		st := Stock{Item: it, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(5)}, Initial: 60, Policy: &RQ{R: dcR, Q: 40}}
		if it == 0 && dcCustomers {
			st.Demand = []Demand{{Name: "walk-in", Rate: 1, Size: Const(1), Stockout: LostSale}}
		}
		dc.Stocks = append(dc.Stocks, st)
	}
	net.Sites = append(net.Sites, dc)
	for _, name := range []string{"store-a", "store-b"} {
		site := Site{Name: name, Kind: Store}
		for it := range net.Items {
			site.Stocks = append(site.Stocks, Stock{Item: it, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1)}, Initial: 10,
				Policy: &RQ{R: 4, Q: 8}, Demand: []Demand{{Name: "d0", Rate: 2 + float64(it), Size: Const(1)}}})
		}
		net.Sites = append(net.Sites, site)
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

func mustScope(tb testing.TB, s *Summary, name string) ScopeResult {
	tb.Helper()
	sc, err := s.Scope(name)
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// TestCustomerTotal checks, replication by replication, that the headline
// total covers customers only: its demand is the stores' demand (the DC's
// orders from the stores are left out), and its fill rate is the
// demand-weighted mean of the customer-facing site-items' fill rates, while
// its costs are the whole network's.
func TestCustomerTotal(t *testing.T) {
	net := twoEchelon(t, 20, false)
	sum := Summarize(net, 1, RunAll(net, 1, 8, 2))
	total := mustScope(t, sum, ScopeCustomers)
	stores := []string{"store-a/widget", "store-a/gadget", "store-b/widget", "store-b/gadget"}
	all := append([]string{"dc/widget", "dc/gadget"}, stores...)
	for r := range sum.Replications {
		var demand, filled, cost float64
		for _, name := range stores {
			v := mustScope(t, sum, name).Reps[r]
			demand += v[MDemandUnits]
			filled += v[MFillRate] * v[MDemandUnits]
		}
		for _, name := range all {
			cost += mustScope(t, sum, name).Reps[r][MTotalCost]
		}
		got := total.Reps[r]
		if got[MDemandUnits] != demand {
			t.Errorf("rep %d: customer demand = %v, want the stores' %v", r, got[MDemandUnits], demand)
		}
		if want := filled / demand; math.Abs(got[MFillRate]-want) > 1e-12 {
			t.Errorf("rep %d: customer fill rate = %v, want the demand-weighted mean %v", r, got[MFillRate], want)
		}
		if math.Abs(got[MTotalCost]-cost) > 1e-9*cost {
			t.Errorf("rep %d: total cost = %v, want the network's %v", r, got[MTotalCost], cost)
		}
	}
}

// TestCustomerBackorders checks the units owed to customers: at a store,
// which serves customers only, the customers' time-average backorders
// equal the site-item's; at a DC serving customers and stores, the
// customers' share is at most the site-item's, and the total counts the
// customers' only.
func TestCustomerBackorders(t *testing.T) {
	net := twoEchelon(t, 5, true)
	res := RunAll(net, 3, 4, 2)
	streams := net.Streams()
	for _, r := range res {
		for i, st := range streams {
			sku, cust := r.SKUs[st.SKU].BackorderArea, r.Streams[i].BackorderArea
			if st.Name == "dc/widget/walk-in" {
				if cust != 0 { // lost sales: nobody waits
					t.Errorf("rep %d: %s owed area %v, want 0 (lost sales)", r.Replication, st.Name, cust)
				}
				continue
			}
			if math.Abs(sku-cust) > 1e-9*math.Max(1, sku) {
				t.Errorf("rep %d: %s owed area %v, want the site-item's %v", r.Replication, st.Name, cust, sku)
			}
		}
	}
	// the DC's waits are the stores' orders'; the customers' total waits
	// are the customers' alone
	for _, r := range res {
		dc := &r.SKUs[0]
		if dc.Waits.Count() == 0 || !(dc.WaitSum > 0) || dc.WaitMax < dc.WaitSum/float64(dc.Waits.Count()) {
			t.Errorf("rep %d: the DC's waits %d, sum %v, max %v: want the stores' orders' waits", r.Replication, dc.Waits.Count(), dc.WaitSum, dc.WaitMax)
		}
	}
	sum := Summarize(net, 3, res)
	for r, v := range mustScope(t, sum, ScopeCustomers).Reps {
		var n, w float64
		for i := range res[r].Streams {
			n += float64(res[r].Streams[i].Waits.Count())
			w += res[r].Streams[i].WaitSum
		}
		if got := v[MWaitMean]; math.Abs(got-w/n) > 1e-12 {
			t.Errorf("rep %d: customer wait mean %v, want the streams' %v", r, got, w/n)
		}
	}
	var stores float64
	for _, k := range sum.SKUs[2:] {
		stores += k.Metrics[MAvgBackorders].Mean
	}
	if got := sum.Total[MAvgBackorders].Mean; math.Abs(got-stores) > 1e-9 {
		t.Errorf("customer avg backorders = %v, want the stores' %v (the DC's are owed to stores)", got, stores)
	}
	if sum.SKUs[0].Metrics[MAvgBackorders].Mean == 0 {
		t.Error("the DC never owed the stores anything: the test does not test")
	}
	// the DC's walk-in customers count as customers
	var demand float64
	for i := range sum.Streams {
		demand += sum.Streams[i].Metrics[MDemandUnits].Mean
	}
	if got := sum.Total[MDemandUnits].Mean; math.Abs(got-demand) > 1e-9 {
		t.Errorf("customer demand = %v, want every stream's %v", got, demand)
	}
	if sum.Total[MLostUnits].Mean == 0 {
		t.Error("no lost sales at the DC: the test does not test")
	}
	if sum.Conservation != 0 {
		t.Errorf("conservation = %d", sum.Conservation)
	}
}

// TestRollups checks the roll-ups by site (every order a site receives),
// by item (the item's customers, the costs of every site holding it) and
// by echelon.
func TestRollups(t *testing.T) {
	net := twoEchelon(t, 20, false)
	sum := Summarize(net, 1, RunAll(net, 1, 4, 2))
	for r := range sum.Replications {
		rep := func(name string) [NumMetrics]float64 { return mustScope(t, sum, name).Reps[r] }
		site := rep("site:store-a")
		if got, want := site[MDemandUnits], rep("store-a/widget")[MDemandUnits]+rep("store-a/gadget")[MDemandUnits]; got != want {
			t.Errorf("rep %d: site:store-a demand = %v, want %v", r, got, want)
		}
		dc := rep("site:dc")
		if got, want := dc[MDemandUnits], rep("dc/widget")[MDemandUnits]+rep("dc/gadget")[MDemandUnits]; got != want {
			t.Errorf("rep %d: site:dc demand = %v, want its orders from the stores %v", r, got, want)
		}
		item := rep("item:widget")
		if got, want := item[MDemandUnits], rep("store-a/widget")[MDemandUnits]+rep("store-b/widget")[MDemandUnits]; got != want {
			t.Errorf("rep %d: item:widget demand = %v, want its customers' %v", r, got, want)
		}
		hold := rep("dc/widget")[MHoldingCost] + rep("store-a/widget")[MHoldingCost] + rep("store-b/widget")[MHoldingCost]
		if got := item[MHoldingCost]; math.Abs(got-hold) > 1e-9 {
			t.Errorf("rep %d: item:widget holding = %v, want every site's %v", r, got, hold)
		}
		e1, e2 := rep("echelon-1"), rep("echelon-2")
		if got, want := e2[MDemandUnits], dc[MDemandUnits]; got != want {
			t.Errorf("rep %d: echelon-2 demand = %v, want the DC's %v", r, got, want)
		}
		if got, want := e1[MDemandUnits], rep(ScopeCustomers)[MDemandUnits]; got != want {
			t.Errorf("rep %d: echelon-1 demand = %v, want the customers' %v", r, got, want)
		}
	}
	if n := len(sum.Sites); n != 3 || sum.Sites[0].Name != "dc" || len(sum.Sites[1].Members) != 2 {
		t.Errorf("sites = %+v", sum.Sites)
	}
	if len(sum.Items) != 2 || strings.Join(sum.Items[1].Members, ",") != "dc/gadget,store-a/gadget,store-b/gadget" {
		t.Errorf("items = %+v", sum.Items)
	}
	if _, err := sum.Scope("echelon-9"); err == nil || !strings.Contains(err.Error(), "customers, dc/widget") {
		t.Errorf("unknown scope error = %v", err)
	}
}

// TestComparePolicyAtDC checks that a policy change at the DC leaves the
// customers' demand exactly as it was (common random numbers), while
// their service changes.
func TestComparePolicyAtDC(t *testing.T) {
	base, variant := twoEchelon(t, 20, false), twoEchelon(t, 0, false)
	bs := Summarize(base, 5, RunAll(base, 5, 6, 2))
	vs := Summarize(variant, 5, RunAll(variant, 5, 6, 2))
	cmp := Compare(bs, []string{"low-dc"}, []*Summary{vs})
	d := cmp.Variants[0].Total
	if d[MDemandUnits].Mean != 0 || d[MDemandUnits].HalfWidth != 0 || d[MDemandOrders].Mean != 0 {
		t.Errorf("customer demand difference = %+v, want exactly 0", d[MDemandUnits])
	}
	if !d[MFillRate].Significant || d[MFillRate].Mean >= 0 {
		t.Errorf("customer fill rate difference = %+v, want significantly lower", d[MFillRate])
	}
	for _, g := range [][]GroupDiff{cmp.Variants[0].Echelons, cmp.Variants[0].Sites, cmp.Variants[0].Items} {
		for _, gd := range g {
			if !gd.Matched {
				t.Errorf("%s %s not matched", gd.Kind, gd.Name)
			}
		}
	}
	if e := cmp.Variants[0].Echelons[1]; e.Name != "echelon-2" || !e.Metrics[MFillRate].Significant {
		t.Errorf("echelon-2 fill difference = %+v, want significant", e)
	}
}

// TestPeriodicNoDrift checks that periodic reviews and evenly spaced
// arrivals fall at start + n·period, not at the sum of n periods: ten
// reviews 0.1 days apart sum to 0.9999999999999999, which would fall in
// a window that ends at 1.0. A base-stock review every 0.1 days, with a
// customer order every 0.001 days, orders at every review but the first:
// 9 orders in [0, 1), not 10. With a progress count, the run ends at the
// horizon exactly (H·100/100 is not always H) and gives the same result.
func TestPeriodicNoDrift(t *testing.T) {
	for _, h := range []float64{1, 0.7, 2.3} {
		net := rqNet(t, 1000, Const(0.05), &BaseStock{S: 1000, Period: 0.1}, 1000, Backorder, h, 0)
		net.Sites[0].Stocks[0].Demand[0].Regular = true
		if err := net.Validate(); err != nil {
			t.Fatal(err)
		}
		res := Run(net, 1, 0)
		want := int64(math.Round(h/0.1)) - 1 // reviews at 0.1, 0.2, ... before h
		if got := res.SKUs[0].OrdersPlaced; got != want {
			t.Errorf("horizon %v: %d orders placed, want %d (one per review after the first)", h, got, want)
		}
		if got, want := res.SKUs[0].DemandOrders, int64(math.Round(h/0.001))-1; got != want {
			t.Errorf("horizon %v: %d customer orders, want %d (every 0.001 days before the horizon)", h, got, want)
		}
		prog := RunProgress(net, 1, 0, new(Progress))
		if a, b := prog.SKUs[0], res.SKUs[0]; a.OrdersPlaced != b.OrdersPlaced || a.DemandUnits != b.DemandUnits || a.OnHandArea != b.OnHandArea || a.Days != b.Days {
			t.Errorf("horizon %v: the run counted in slices differs from the plain run", h)
		}
	}
}
