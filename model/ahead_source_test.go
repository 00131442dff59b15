package model

import (
	"reflect"
	"testing"
)

// TestRunAheadSourceWithCustomers: a DC with customers of its own that
// also supplies a store. The store's orders reach the DC at their own
// times and take from its shelf, so the DC's arrivals cannot be handled
// ahead of them.
func TestRunAheadSourceWithCustomers(t *testing.T) {
	net := &Network{Name: "source", Suppliers: []Supplier{{Name: "f"}},
		Items: []Item{{Name: "a", HoldingCost: 1, BackorderCost: 2, Price: 10, OrderCost: 4}}}
	net.Sites = []Site{
		{Name: "dc", Kind: Warehouse, Stocks: []Stock{{Item: 0, Source: Node{SupplierNode, 0}, Lane: Lane{Transit: Const(3)},
			Initial: 60, Policy: &RQ{R: 20, Q: 40}, Demand: []Demand{{Name: "d", Rate: 5, Size: Const(1)}}}}},
		{Name: "s", Kind: Store, Stocks: []Stock{{Item: 0, Source: Node{SiteNode, 0}, Lane: Lane{Transit: Const(1)},
			Initial: 10, Policy: &RQ{R: 5, Q: 10}, Demand: []Demand{{Name: "d", Rate: 4, Size: Const(1)}}}}},
	}
	net.Horizon = 200
	if err := net.Validate(); err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(5) {
		got, k := RunAhead(net, seed, 0, true)
		want, _ := RunAhead(net, seed, 0, false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: results differ with %d arrivals handled ahead:\n dc got  %+v\n dc want %+v", seed, k, got.SKUs[0], want.SKUs[0])
		}
	}
}
