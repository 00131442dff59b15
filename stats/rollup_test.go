package stats_test

import (
	"math"
	"strings"
	"testing"

	"scsim/model"
	"scsim/stats"
)

// twoEchelon returns a supplier → DC → two stores network of two items;
// with dcCustomers, the DC's widget also has customers of its own (a
// site-item serving customers and stores alike), who lose their sale when
// it is short.
func twoEchelon(tb testing.TB, dcR int64, dcCustomers bool) *model.Network {
	tb.Helper()
	net := &model.Network{
		Name:      "two-echelon",
		Items:     []model.Item{{Name: "widget", HoldingCost: 0.1, BackorderCost: 1, LostSaleCost: 3, OrderCost: 20, Price: 5}, {Name: "gadget", HoldingCost: 0.2, BackorderCost: 2, OrderCost: 10, Price: 9}},
		Suppliers: []model.Supplier{{Name: "factory"}},
		Horizon:   400,
		Warmup:    50,
	}
	dc := model.Site{Name: "dc", Kind: model.Warehouse}
	for it := range net.Items {
		st := model.Stock{Item: it, Source: model.Node{Kind: model.SupplierNode, Index: 0}, Lane: model.Lane{Transit: model.Const(5)}, Initial: 60, Policy: &model.RQ{R: dcR, Q: 40}}
		if it == 0 && dcCustomers {
			st.Demand = []model.Demand{{Name: "walk-in", Rate: 1, Size: model.Const(1), Stockout: model.LostSale}}
		}
		dc.Stocks = append(dc.Stocks, st)
	}
	net.Sites = append(net.Sites, dc)
	for _, name := range []string{"store-a", "store-b"} {
		site := model.Site{Name: name, Kind: model.Store}
		for it := range net.Items {
			site.Stocks = append(site.Stocks, model.Stock{Item: it, Source: model.Node{Kind: model.SiteNode, Index: 0}, Lane: model.Lane{Transit: model.Const(1)}, Initial: 10,
				Policy: &model.RQ{R: 4, Q: 8}, Demand: []model.Demand{{Name: "d0", Rate: 2 + float64(it), Size: model.Const(1)}}})
		}
		net.Sites = append(net.Sites, site)
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

func mustScope(tb testing.TB, s *stats.Summary, name string) stats.ScopeResult {
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
	sum := stats.Summarize(net, 1, model.RunAll(net, 1, 8, 2))
	total := mustScope(t, sum, stats.ScopeCustomers)
	stores := []string{"store-a/widget", "store-a/gadget", "store-b/widget", "store-b/gadget"}
	all := append([]string{"dc/widget", "dc/gadget"}, stores...)
	for r := range sum.Replications {
		var demand, filled, cost float64
		for _, name := range stores {
			v := mustScope(t, sum, name).Reps[r]
			demand += v[model.MDemandUnits]
			filled += v[model.MFillRate] * v[model.MDemandUnits]
		}
		for _, name := range all {
			cost += mustScope(t, sum, name).Reps[r][model.MTotalCost]
		}
		got := total.Reps[r]
		if got[model.MDemandUnits] != demand {
			t.Errorf("rep %d: customer demand = %v, want the stores' %v", r, got[model.MDemandUnits], demand)
		}
		if want := filled / demand; math.Abs(got[model.MFillRate]-want) > 1e-12 {
			t.Errorf("rep %d: customer fill rate = %v, want the demand-weighted mean %v", r, got[model.MFillRate], want)
		}
		if math.Abs(got[model.MTotalCost]-cost) > 1e-9*cost {
			t.Errorf("rep %d: total cost = %v, want the network's %v", r, got[model.MTotalCost], cost)
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
	res := model.RunAll(net, 3, 4, 2)
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
	sum := stats.Summarize(net, 3, res)
	for r, v := range mustScope(t, sum, stats.ScopeCustomers).Reps {
		var n, w float64
		for i := range res[r].Streams {
			n += float64(res[r].Streams[i].Waits.Count())
			w += res[r].Streams[i].WaitSum
		}
		if got := v[model.MWaitMean]; math.Abs(got-w/n) > 1e-12 {
			t.Errorf("rep %d: customer wait mean %v, want the streams' %v", r, got, w/n)
		}
	}
	var stores float64
	for _, k := range sum.SKUs[2:] {
		stores += k.Metrics[model.MAvgBackorders].Mean
	}
	if got := sum.Total[model.MAvgBackorders].Mean; math.Abs(got-stores) > 1e-9 {
		t.Errorf("customer avg backorders = %v, want the stores' %v (the DC's are owed to stores)", got, stores)
	}
	if sum.SKUs[0].Metrics[model.MAvgBackorders].Mean == 0 {
		t.Error("the DC never owed the stores anything: the test does not test")
	}
	// the DC's walk-in customers count as customers
	var demand float64
	for i := range sum.Streams {
		demand += sum.Streams[i].Metrics[model.MDemandUnits].Mean
	}
	if got := sum.Total[model.MDemandUnits].Mean; math.Abs(got-demand) > 1e-9 {
		t.Errorf("customer demand = %v, want every stream's %v", got, demand)
	}
	if sum.Total[model.MLostUnits].Mean == 0 {
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
	sum := stats.Summarize(net, 1, model.RunAll(net, 1, 4, 2))
	for r := range sum.Replications {
		rep := func(name string) [model.NumMetrics]float64 { return mustScope(t, sum, name).Reps[r] }
		site := rep("site:store-a")
		if got, want := site[model.MDemandUnits], rep("store-a/widget")[model.MDemandUnits]+rep("store-a/gadget")[model.MDemandUnits]; got != want {
			t.Errorf("rep %d: site:store-a demand = %v, want %v", r, got, want)
		}
		dc := rep("site:dc")
		if got, want := dc[model.MDemandUnits], rep("dc/widget")[model.MDemandUnits]+rep("dc/gadget")[model.MDemandUnits]; got != want {
			t.Errorf("rep %d: site:dc demand = %v, want its orders from the stores %v", r, got, want)
		}
		item := rep("item:widget")
		if got, want := item[model.MDemandUnits], rep("store-a/widget")[model.MDemandUnits]+rep("store-b/widget")[model.MDemandUnits]; got != want {
			t.Errorf("rep %d: item:widget demand = %v, want its customers' %v", r, got, want)
		}
		hold := rep("dc/widget")[model.MHoldingCost] + rep("store-a/widget")[model.MHoldingCost] + rep("store-b/widget")[model.MHoldingCost]
		if got := item[model.MHoldingCost]; math.Abs(got-hold) > 1e-9 {
			t.Errorf("rep %d: item:widget holding = %v, want every site's %v", r, got, hold)
		}
		e1, e2 := rep("echelon-1"), rep("echelon-2")
		if got, want := e2[model.MDemandUnits], dc[model.MDemandUnits]; got != want {
			t.Errorf("rep %d: echelon-2 demand = %v, want the DC's %v", r, got, want)
		}
		if got, want := e1[model.MDemandUnits], rep(stats.ScopeCustomers)[model.MDemandUnits]; got != want {
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
	bs := stats.Summarize(base, 5, model.RunAll(base, 5, 6, 2))
	vs := stats.Summarize(variant, 5, model.RunAll(variant, 5, 6, 2))
	cmp := stats.Compare(bs, []string{"low-dc"}, []*stats.Summary{vs})
	d := cmp.Variants[0].Total
	if d[model.MDemandUnits].Mean != 0 || d[model.MDemandUnits].HalfWidth != 0 || d[model.MDemandOrders].Mean != 0 {
		t.Errorf("customer demand difference = %+v, want exactly 0", d[model.MDemandUnits])
	}
	if !d[model.MFillRate].Significant || d[model.MFillRate].Mean >= 0 {
		t.Errorf("customer fill rate difference = %+v, want significantly lower", d[model.MFillRate])
	}
	for _, g := range [][]stats.GroupDiff{cmp.Variants[0].Echelons, cmp.Variants[0].Sites, cmp.Variants[0].Items} {
		for _, gd := range g {
			if !gd.Matched {
				t.Errorf("%s %s not matched", gd.Kind, gd.Name)
			}
		}
	}
	if e := cmp.Variants[0].Echelons[1]; e.Name != "echelon-2" || !e.Metrics[model.MFillRate].Significant {
		t.Errorf("echelon-2 fill difference = %+v, want significant", e)
	}
}

// TestStreamMetrics: a stream that is its site-item's only customers
// (a store's) shares the site-item's estimates, and Estimate leaves the
// stock's own metrics (levels, costs) undefined for it; the DC's walk-in
// customers, among the stores' orders, have estimates of their own, with
// less demand than the DC's and the stock's metrics undefined.
func TestStreamMetrics(t *testing.T) {
	net := twoEchelon(t, 20, true)
	sum := stats.Summarize(net, 1, model.RunAll(net, 1, 3, 1))
	sku := func(site, item string) *stats.SKUSummary {
		for i := range sum.SKUs {
			if sum.SKUs[i].Site == site && sum.SKUs[i].Item == item {
				return &sum.SKUs[i]
			}
		}
		t.Fatalf("no site-item %s/%s", site, item)
		return nil
	}
	undefined := func(e stats.Estimate) bool { return math.IsNaN(e.Mean) && e.N == 0 }
	for i := range sum.Streams {
		st := &sum.Streams[i]
		k := sku(st.Site, st.Item)
		if !undefined(st.Estimate(model.MAvgOnHand)) || !undefined(st.Estimate(model.MHoldingCost)) {
			t.Errorf("%s/%s/%s: on hand %v, holding cost %v: want undefined", st.Site, st.Item, st.Name, st.Estimate(model.MAvgOnHand), st.Estimate(model.MHoldingCost))
		}
		if st.Site == "dc" {
			if st.Metrics == &k.Metrics {
				t.Error("the DC's walk-in customers share the DC's estimates")
			}
			if d, all := st.Estimate(model.MDemandUnits).Mean, k.Metrics[model.MDemandUnits].Mean; !(d > 0 && d < all) {
				t.Errorf("the DC's walk-in demand %v, the DC's %v: want 0 < walk-in < all", d, all)
			}
			if !undefined(st.Metrics[model.MAvgOnHand]) {
				t.Errorf("the DC's walk-in customers have an on-hand level %v", st.Metrics[model.MAvgOnHand])
			}
			continue
		}
		if st.Metrics != &k.Metrics {
			t.Errorf("%s/%s/%s: a copy of the site-item's estimates", st.Site, st.Item, st.Name)
		}
		if got, want := st.Estimate(model.MFillRate), k.Metrics[model.MFillRate]; got != want || got.N != 3 {
			t.Errorf("%s/%s/%s: fill rate %v, want the site-item's %v", st.Site, st.Item, st.Name, got, want)
		}
	}
	if len(sum.Streams) != 5 {
		t.Errorf("%d streams, want 5", len(sum.Streams))
	}
}
