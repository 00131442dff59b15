package model_test

import (
	"reflect"
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// sharedKeyNet: two stores with the same customers (one stream key: the
// very same arrival times) and the same (r, Q) order at the same
// instants from one supplier with a capacity; b's shorter transit gets
// its receipt first.
const sharedKeyNet = `
name: tie
seed: 3
replications: 1
horizon: 200
items:
  - {name: w, unit_cost: 10, holding_rate: 0.2, backorder_cost: 1, order_cost: 5}
suppliers:
  - {name: f, lead_time: 1, capacity: 20}
sites:
  - name: a
    stock:
      - item: w
        source: f
        lane: {transit: 5}
        initial: 12
        policy: {type: rq, reorder_point: 5, order_quantity: 40}
        demand: [{rate: 4, stream: customers}]
  - name: b
    stock:
      - item: w
        source: f
        lane: {transit: 1}
        initial: 12
        policy: {type: rq, reorder_point: 5, order_quantity: 40}
        demand: [{rate: 4, stream: customers}]
`

func TestRunAheadSharedKeyTie(t *testing.T) {
	sc, err := scenarios.Parse("tie.yaml", []byte(sharedKeyNet))
	if err != nil {
		t.Fatal(err)
	}
	net, err := sc.Build()
	if err != nil {
		t.Fatal(err)
	}
	for rep := range 4 {
		got, n := model.RunAhead(net, 3, rep, true)
		want, _ := model.RunAhead(net, 3, rep, false)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("replication %d: results differ with %d arrivals ahead:\n got  %s\n want %s", rep, n, brief(got), brief(want))
		}
	}
}
