package model_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"scsim/model"
	"scsim/scenarios"
)

// aheadNet is a DC serving two stores of two items, with the lane into
// the stores, the DC's stock and the run's times given: the settings that
// decide whether and how far arrivals are handled ahead.
const aheadNet = `
name: ahead
seed: 7
replications: 1
horizon: %[1]s
warmup: %[2]s
items:
  - {name: a, unit_cost: 10, price: 15, holding_rate: 0.2, backorder_cost: 1, order_cost: 5, lost_sale_cost: 3}
  - {name: b, unit_cost: 10, price: 15, holding_rate: 0.2, backorder_cost: 1, order_cost: 5, lost_sale_cost: 3}
suppliers:
  - {name: f, lead_time: 3, capacity: %[5]s}
sites:
  - name: dc
    type: warehouse
    stock:
      - {item: a, source: f, initial: 40, policy: {type: rq, reorder_point: 30, order_quantity: 60}}
      - {item: b, source: f, initial: 40, policy: {type: rq, reorder_point: 30, order_quantity: 60}}
  - name: s1
    stock: &st
      - item: a
        source: dc
        lane: {transit: %[3]s, shipment: %[4]s}
        policy: {type: rq, reorder_point: 6, order_quantity: 9}
        pipeline: %[6]s
        demand:
          - {rate: 4.5, stockout: %[7]s}
      - item: b
        source: dc
        lane: {transit: 0.75, order_delay: 0.4}
        policy: {type: rq, reorder_point: 3, order_quantity: 5}
        demand:
          - {rate: 2.5}
  - {name: s2, stock: *st}
`

// TestRunAheadChangesNothing checks that handling quiet arrivals ahead
// of the queue gives the very results of queueing every arrival, on every
// bundled scenario and on networks whose lanes, warm-up, horizon,
// capacity, pipelines and stockout rules bound how far ahead it may go;
// and that it does handle arrivals ahead where it may, so that the
// comparison is not between two runs of the same path.
func TestRunAheadChangesNothing(t *testing.T) {
	type tc struct {
		name  string
		net   *model.Network
		ahead bool // some arrival is expected to be handled ahead
		reps  int
		seed  uint64
	}
	var cases []tc
	for _, v := range []struct {
		name                                                         string
		horizon, warmup, transit, shipment, capacity, pipe, stockout string
		ahead                                                        bool
	}{
		{"plain", "200", "0", "2", "whole", "0", "0", "backorder", true},
		{"fractional times", "123.7", "10.25", "1.5", "whole", "0", "0", "backorder", true},
		{"short transit", "150", "0", "0.05", "partial", "0", "0", "backorder", true},
		{"uniform transit", "150", "3.5", "{type: uniform, min: 0.25, max: 3}", "partial", "0", "0", "lost_sale", true},
		{"empirical transit", "150", "0", "{type: empirical, values: [0.5, 2, 4], weights: [1, 2, 1]}", "whole", "0", "0", "backorder", true},
		{"gamma transit: none ahead on lane a", "150", "0", "{type: gamma, mean: 2, sd: 1}", "whole", "0", "0", "backorder", true},
		{"capacity", "200", "20", "1", "whole", "30", "0", "backorder", true},
		{"lost sales", "200", "0", "2", "whole", "0", "0", "lost_sale", true},
		{"long transit", "300", "30.5", "9", "partial", "0", "0", "backorder", true},
	} {
		y := fmt.Sprintf(aheadNet, v.horizon, v.warmup, v.transit, v.shipment, v.capacity, v.pipe, v.stockout)
		sc, err := scenarios.Parse("ahead.yaml", []byte(y))
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		net, err := sc.Build()
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		cases = append(cases, tc{v.name, net, v.ahead, 3, 11})
	}
	if !testing.Short() {
		for _, b := range scenarios.Bundled() {
			_, net := bundledNet(t, b.Name)
			n := *net
			n.Horizon = min(n.Horizon, 400) // long enough for every feature to act
			n.Warmup = min(n.Warmup, n.Horizon/4)
			cases = append(cases, tc{"bundled " + b.Name, &n, false, 2, 1})
		}
	}
	sawAhead := map[string]bool{}
	for _, c := range cases {
		for rep := range c.reps {
			got, n := model.RunAhead(c.net, c.seed, rep, true)
			want, none := model.RunAhead(c.net, c.seed, rep, false)
			if none != 0 {
				t.Fatalf("%s: %d arrivals handled ahead with it off", c.name, none)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, replication %d: results differ with arrivals handled ahead (%d of %d events):\n got  %+v\n want %+v",
					c.name, rep, n, got.Events, brief(got), brief(want))
			}
			if n > 0 {
				sawAhead[c.name] = true
			}
		}
		if c.ahead && !sawAhead[c.name] {
			t.Errorf("%s: no arrival was handled ahead", c.name)
		}
	}
	for _, name := range []string{"bundled rq-network", "bundled rq-single"} {
		if !testing.Short() && !sawAhead[name] {
			t.Errorf("%s: no arrival was handled ahead", name)
		}
	}
}

// brief is the part of a result a difference shows first.
func brief(r *model.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "events %d", r.Events)
	for i, c := range r.SKUs {
		fmt.Fprintf(&b, "; sku %d: demand %d, at once %d, on-hand area %v", i, c.DemandUnits, c.AtOnceUnits, c.OnHandArea)
	}
	return b.String()
}
