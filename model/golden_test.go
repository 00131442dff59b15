package model

import (
	"reflect"
	"testing"
)

// TestWorkersDoNotMatter runs the same replications serially and on four
// workers: the results must be identical.
func TestWorkersDoNotMatter(t *testing.T) {
	net := pb1(t, 3000)
	serial := RunAll(net, 7, 6, 1)
	parallel := RunAll(net, 7, 6, 4)
	if !reflect.DeepEqual(serial, parallel) {
		t.Error("results differ between 1 and 4 workers")
	}
	again := RunAll(net, 7, 6, 3)
	if !reflect.DeepEqual(serial, again) {
		t.Error("results differ between runs")
	}
}

// TestCommonRandomNumbers changes one site-item's policy and checks that
// the demand seen by the site-item and by another one is unchanged.
func TestCommonRandomNumbers(t *testing.T) {
	build := func(p Policy) *Network {
		net := pb1(t, 1000)
		other := net.Sites[0]
		other.Name = "other"
		other.Stocks = []Stock{net.Sites[0].Stocks[0]}
		net.Sites = append(net.Sites, other)
		net.Sites[0].Stocks[0].Policy = p
		return net
	}
	a := Run(build(&RQ{R: 36, Q: 40}), 3, 2)
	b := Run(build(&BaseStock{S: 50, Period: 7}), 3, 2)
	for i := range a.SKUs {
		if a.SKUs[i].DemandUnits != b.SKUs[i].DemandUnits || a.SKUs[i].DemandOrders != b.SKUs[i].DemandOrders {
			t.Errorf("site-item %d: demand %d vs %d after a policy change", i, a.SKUs[i].DemandUnits, b.SKUs[i].DemandUnits)
		}
	}
	if a.SKUs[1].OrdersPlaced != b.SKUs[1].OrdersPlaced || a.SKUs[1].AtOnceUnits != b.SKUs[1].AtOnceUnits {
		t.Error("the untouched site-item changed when another site-item's policy changed")
	}
	if a.SKUs[0].OrdersPlaced == b.SKUs[0].OrdersPlaced {
		t.Error("the policy change had no effect; the test proves nothing")
	}
}
