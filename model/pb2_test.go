package model

import (
	"fmt"
	"math"
	"testing"
)

// pb2 returns model PB2 of the peer benchmarks: a supplier (lead time 7)
// feeding one DC that feeds 50 stores (transit 2), 100 items, Poisson unit
// demand of rate 1 + (k mod 10) per day for item k at every store, (r, Q)
// everywhere, on-hand r + Q at the start, whole shipments.
func pb2(tb testing.TB, horizon float64) *Network {
	tb.Helper()
	const stores, items = 50, 100
	net := &Network{Name: "pb2", Horizon: horizon, Suppliers: []Supplier{{Name: "supplier"}}}
	dc := Site{Name: "dc", Kind: Warehouse}
	for k := 0; k < items; k++ {
		net.Items = append(net.Items, Item{Name: fmt.Sprintf("item-%02d", k)})
		mu := float64(1 + k%10)
		q := int64(math.Ceil(5 * mu))
		dm := stores * mu * 7
		r := int64(math.Ceil(dm + 2*math.Sqrt(dm)))
		dc.Stocks = append(dc.Stocks, Stock{Item: k, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(7)},
			Initial: r + stores*q, Policy: &RQ{R: r, Q: stores * q}})
	}
	net.Sites = append(net.Sites, dc)
	for s := 0; s < stores; s++ {
		site := Site{Name: fmt.Sprintf("store-%02d", s), Kind: Store}
		for k := 0; k < items; k++ {
			mu := float64(1 + k%10)
			q := int64(math.Ceil(5 * mu))
			r := int64(math.Ceil(mu*2 + 2*math.Sqrt(mu*2)))
			site.Stocks = append(site.Stocks, Stock{Item: k, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(2)},
				Initial: r + q, Policy: &RQ{R: r, Q: q},
				Demand: []Demand{{Name: "d0", Rate: mu, Size: Const(1)}}})
		}
		net.Sites = append(net.Sites, site)
	}
	if err := net.Validate(); err != nil {
		tb.Fatal(err)
	}
	return net
}

// TestPB2 runs PB2 for 60 days and checks what must hold exactly:
// conservation at every site-item; every unit the stores ordered is demand
// at the DC; the DC ships whole store orders, so every store receives and
// has on order whole multiples of its Q; and every unit the DC shipped has
// reached a store or is in transit to one (stores' on-order at the end
// less the DC's backorders, the orders it still owes). The store fill rate
// is compared, loosely, with the stores-only (r, Q) formula (the DC is
// rarely short): a single 60-day run has no confidence interval, so the
// band [formula − 0.005, 1] is a sanity bound, not a theory check.
func TestPB2(t *testing.T) {
	net := pb2(t, 60)
	res := Run(net, 1, 0)
	levels, _ := net.Echelons()
	refs := net.SKUs()
	var stores, dc Counters
	var theory, demandRate float64 // the stores-only formula, weighted by demand
	for i, c := range res.SKUs {
		if c.DemandBalance() != 0 || c.StockBalance() != 0 || c.OrderBalance() != 0 {
			t.Fatalf("site-item %d: balances %d %d %d", i, c.DemandBalance(), c.StockBalance(), c.OrderBalance())
		}
		if levels[i] != 1 {
			dc.Add(&res.SKUs[i])
			continue
		}
		stores.Add(&res.SKUs[i])
		st := &net.Sites[refs[i].Site].Stocks[refs[i].Stock]
		q := st.Policy.(*RQ).Q
		if c.UnitsOrdered != q*c.OrdersPlaced || c.ReceivedUnits%q != 0 || c.OnOrderEnd%q != 0 {
			t.Errorf("%s: %d units in %d orders, %d received, %d on order: want whole orders of %d", refs[i].Name, c.UnitsOrdered, c.OrdersPlaced, c.ReceivedUnits, c.OnOrderEnd, q)
		}
		mu := st.Demand[0].Rate
		fill, _, _ := rqPoisson(2*mu, int(st.Policy.(*RQ).R), int(q))
		theory += mu * fill
		demandRate += mu
	}
	theory /= demandRate
	if len(res.Echelons) != 2 {
		t.Fatalf("%d echelons, want 2", len(res.Echelons))
	}
	// every unit the stores ordered is at the DC as demand
	if stores.UnitsOrdered != dc.DemandUnits || stores.OrdersPlaced != dc.DemandOrders {
		t.Errorf("stores ordered %d units in %d orders, the DC saw %d in %d", stores.UnitsOrdered, stores.OrdersPlaced, dc.DemandUnits, dc.DemandOrders)
	}
	// whole orders: an order is filled at once, later or still owed
	if dc.DemandOrders != dc.AtOnceOrders+dc.BackorderedOrders || dc.LostUnits != 0 {
		t.Errorf("DC: %d orders, %d filled at once, %d backordered, %d units lost", dc.DemandOrders, dc.AtOnceOrders, dc.BackorderedOrders, dc.LostUnits)
	}
	// shipped by the DC = received by the stores + in transit to them
	inTransit := stores.OnOrderEnd - stores.OnOrderStart - dc.BackordersEnd
	if shipped := dc.AtOnceUnits + dc.FromBackorderUnits; shipped != stores.ReceivedUnits+inTransit || inTransit < 0 {
		t.Errorf("DC shipped %d units; stores received %d with %d in transit", shipped, stores.ReceivedUnits, inTransit)
	}
	fill := float64(stores.AtOnceUnits) / float64(stores.DemandUnits)
	dcFill := float64(dc.AtOnceOrders) / float64(dc.DemandOrders)
	t.Logf("60 days: store fill %.5f (stores-only formula %.5f), DC order fill %.5f, events %d", fill, theory, dcFill, res.Events)
	if math.Abs(theory-0.9986) > 5e-5 {
		t.Errorf("stores-only formula %.5f, want PB2's 0.9986", theory)
	}
	if fill < theory-0.005 || dcFill < 0.95 {
		t.Errorf("store fill %.5f, DC order fill %.5f: far from the formula's %.5f and PB2's 0.994", fill, dcFill, theory)
	}
}

func BenchmarkPB2(b *testing.B) {
	for _, h := range []float64{30, 365} {
		b.Run(fmt.Sprintf("horizon=%g", h), func(b *testing.B) {
			net := pb2(b, h)
			var events uint64
			b.ReportAllocs()
			for b.Loop() {
				events += Run(net, 1, 0).Events
			}
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(events), "ns/event")
		})
	}
}
