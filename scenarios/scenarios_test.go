package scenarios

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"scsim/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(tb testing.TB, path, got string) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s mismatch:\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines of want and got that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("-" + wl + "\n+" + gl + "\n")
		}
	}
	return b.String()
}

// mustBuild parses and builds a scenario or fails the test.
func mustBuild(tb testing.TB, file string, data []byte) (*Scenario, *model.Network) {
	tb.Helper()
	s, err := Parse(file, data)
	if err != nil {
		tb.Fatalf("parse %s:\n%v", file, err)
	}
	net, err := s.Build()
	if err != nil {
		tb.Fatalf("build %s:\n%v", file, err)
	}
	return s, net
}

func TestBadCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Errorf("bad corpus has %d files, want >= 20", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, err := Load(file)
			if err == nil {
				t.Fatalf("Load(%s) succeeded, want errors", file)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load(%s) error is %T, want ErrorList", file, err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".err.golden", err.Error()+"\n")
		})
	}
}

func TestBundled(t *testing.T) {
	got := Bundled()
	want := []string{"beer-game", "customer-classes", "disruption", "dropship", "dual-sourcing", "eoq", "expedite", "forecast", "history", "impatient-customers", "jit", "lost-sales", "policy-showdown", "rq-network", "rq-single", "safety-stock", "seasonal", "starter", "substitution", "two-echelon", "vmi", "what-if"}
	if len(got) != len(want) {
		t.Fatalf("Bundled() = %v, want names %v", got, want)
	}
	for i, b := range got {
		if b.Name != want[i] {
			t.Errorf("Bundled()[%d].Name = %q, want %q", i, b.Name, want[i])
		}
		if b.Summary == "" || strings.Contains(b.Summary, "\n") {
			t.Errorf("Bundled()[%d].Summary = %q, want one non-empty line", i, b.Summary)
		}
		data, ok := BundledYAML(b.Name)
		if !ok {
			t.Fatalf("BundledYAML(%q) not found", b.Name)
		}
		s, net := mustBuild(t, b.Name+".yaml", data)
		if s.Name != b.Name {
			t.Errorf("%s: name = %q, want the file name", b.Name, s.Name)
		}
		if net.Name != b.Name || len(net.Sites) == 0 {
			t.Errorf("%s: network %q with %d sites", b.Name, net.Name, len(net.Sites))
		}
	}
}

// TestPB1 pins that rq-single is exactly benchmark model PB1.
func TestPB1(t *testing.T) {
	s, err := Open("rq-single")
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Replications != 10 || s.Seed != 1 {
		t.Errorf("replications, seed = %d, %d, want 10, 1", s.Replications, s.Seed)
	}
	if net.Horizon != 200000 || net.Warmup != 0 {
		t.Errorf("horizon, warmup = %v, %v, want 200000, 0", net.Horizon, net.Warmup)
	}
	if len(net.Items) != 1 || len(net.Sites) != 1 || len(net.Sites[0].Stocks) != 1 {
		t.Fatalf("want 1 item at 1 site, got %d items, %d sites", len(net.Items), len(net.Sites))
	}
	st := net.Sites[0].Stocks[0]
	if rq, ok := st.Policy.(*model.RQ); !ok || rq.R != 36 || rq.Q != 40 {
		t.Errorf("policy = %v, want rq(36, 40)", st.Policy.Describe())
	}
	if st.Initial != 76 {
		t.Errorf("initial = %d, want 76", st.Initial)
	}
	lt := st.Lane.Transit
	if !lt.IsConst() || lt.Mean() != 4 {
		t.Errorf("lead time = %v, want constant 4", lt)
	}
	if len(st.Demand) != 1 {
		t.Fatalf("%d demand streams, want 1", len(st.Demand))
	}
	d := st.Demand[0]
	if d.Rate != 8 || !d.Size.IsConst() || d.Size.Mean() != 1 || d.Stockout != model.Backorder {
		t.Errorf("demand = rate %v size %v stockout %v, want rate 8, size 1, backorder", d.Rate, d.Size, d.Stockout)
	}
}

func TestBuild(t *testing.T) {
	src := `
horizon: 100
items:
  - {name: a, unit_cost: 73, holding_rate: 0.5}
  - {name: b, holding_cost: 0.1}
suppliers: [{name: f, lead_time: {type: uniform, min: 1, max: 3}}]
sites:
  - name: dc
    type: warehouse
    stock:
      - item: b
        source: f
        policy: {type: sS, reorder_point: 5, order_up_to: 20, review: periodic, review_period: 7}
        demand: [{rate: 2}, {name: web, daily: {type: poisson, mean: 3}, stockout: lost_sale}]
      - item: a
        source: f
        policy: {type: base_stock, order_up_to: 9}
        demand: [{rate: 1}]
`
	s, net := mustBuild(t, "x.yaml", []byte(src))
	if s.Name != "x" || s.Seed != 1 || s.Replications != 10 {
		t.Errorf("name, seed, replications = %q, %d, %d, want x, 1, 10", s.Name, s.Seed, s.Replications)
	}
	if got, want := net.Items[0].HoldingCost, 0.5*73/365.0; got != want {
		t.Errorf("holding cost from rate = %v, want %v", got, want)
	}
	site := net.Sites[0]
	if site.Kind != model.Warehouse {
		t.Errorf("kind = %v, want warehouse", site.Kind)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"stock[0].item", site.Stocks[0].Item, 1},
		{"stock[0].initial", site.Stocks[0].Initial, int64(20)},
		{"stock[0].policy", site.Stocks[0].Policy.Describe().String(), "sS(reorder_point=5, order_up_to=20, review_period=7)"},
		{"stock[0].demand[0].name", site.Stocks[0].Demand[0].Name, "d0"},
		{"stock[0].demand[1].name", site.Stocks[0].Demand[1].Name, "web"},
		{"stock[0].demand[1].daily", site.Stocks[0].Demand[1].IsDaily(), true},
		{"stock[0].demand[1].stockout", site.Stocks[0].Demand[1].Stockout, model.LostSale},
		{"stock[1].initial", site.Stocks[1].Initial, int64(9)},
		{"stock[1].policy", site.Stocks[1].Policy.Describe().String(), "base_stock(order_up_to=9, review=continuous)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestValidateAfterOverride checks that changing fields after Parse, as the
// CLI does with --warmup, is caught by Validate and Build.
func TestValidateAfterOverride(t *testing.T) {
	s, err := Open("lost-sales")
	if err != nil {
		t.Fatal(err)
	}
	s.Warmup = 30000
	s.Replications = 0
	_, err = s.Build()
	want := "lost-sales.yaml:25:15: replications: must be >= 1, got 0\n" +
		"lost-sales.yaml:27:9: warmup: must be < horizon (20000 days), got 30000"
	if err == nil || err.Error() != want {
		t.Errorf("Build after override: got\n%v\nwant\n%s", err, want)
	}
}

func TestOpen(t *testing.T) {
	if _, err := Open("starter"); err != nil {
		t.Errorf("Open(starter): %v", err)
	}
	if _, err := Open("testdata/bad/../../rq-single.yaml"); err != nil {
		t.Errorf("Open(file path): %v", err)
	}
	_, err := Open("no-such")
	want := "open scenario no-such: no such file, and no bundled scenario of that name (bundled: beer-game, customer-classes, disruption, dropship, dual-sourcing, eoq, expedite, forecast, history, impatient-customers, jit, lost-sales, ... (10 more))"
	if err == nil || err.Error() != want {
		t.Errorf("Open(no-such) = %v, want %s", err, want)
	}
	_, err = Load("testdata/bad")
	if err == nil || !strings.HasPrefix(err.Error(), "load scenario testdata/bad: ") {
		t.Errorf("Load(directory) = %v, want a load scenario error", err)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"full", &Error{"a.yaml", 3, 7, "items[0].price", "must be >= 0, got -1"}, "a.yaml:3:7: items[0].price: must be >= 0, got -1"},
		{"no field", &Error{"a.yaml", 1, 1, "", "YAML syntax error: x"}, "a.yaml:1:1: YAML syntax error: x"},
		{"no position", &Error{"", 0, 0, "horizon", "must be > 0 days, got 0"}, "horizon: must be > 0 days, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	if ErrorList(nil).Err() != nil {
		t.Error("empty ErrorList.Err() != nil")
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		word string
		want string
	}{
		{"holdng_cost", "holding_cost"},
		{"rQ", "rq"},
		{"ss", "sS"},
		{"x", ""},
		{"zzzzzzzz", ""},
	}
	cands := []string{"holding_cost", "holding_rate", "rq", "sS", "base_stock"}
	for _, tt := range tests {
		if got := strings.Join(Closest(tt.word, cands, maxTypo), ","); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestParseCorners(t *testing.T) {
	src := `
seed: 18446744073709551615
horizon: 1e3
items: [{name: a}, {name: b}]
suppliers: [{name: f, lead_time: {type: constant, value: 0}}]
sites:
  - name: s
    stock:
      - item: a
        source: f
        initial:
        policy: &p {type: rq, reorder_point: 5, order_quantity: 4e1}
        demand: &d [{rate: 1}]
      - item: b
        source: f
        policy: *p
        demand: *d
`
	s, net := mustBuild(t, "corners.yaml", []byte(src))
	if s.Seed != 1<<64-1 {
		t.Errorf("seed = %d, want max uint64", s.Seed)
	}
	if got := net.Sites[0].Stocks[1].Policy.Describe().String(); got != "rq(reorder_point=5, order_quantity=40)" {
		t.Errorf("aliased policy = %s", got)
	}
	if got := net.Sites[0].Stocks[0].Initial; got != 45 {
		t.Errorf("initial with an empty value = %d, want the default 45", got)
	}
}

// TestAliasBomb checks that nested aliases cannot make decoding explode:
// 100 sites × 100 stock entries × 100 demands × 100 values is 10⁸ values
// from a file of a few kilobytes.
func TestAliasBomb(t *testing.T) {
	list := func(alias string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(alias+", ", 100), ", ") + "]"
	}
	src := "horizon: 10\nitems: [{name: a}]\nsuppliers: [{name: f, lead_time: 1}]\n" +
		"x: [&v " + list("1") + ", &d {rate: 1, size: {type: empirical, values: *v}}, " +
		"&st {item: a, source: f, policy: {type: base_stock, order_up_to: 1}, demand: " + list("*d") + "}, " +
		"&site {name: s, stock: " + list("*st") + "}]\n" +
		"sites: " + list("*site") + "\n"
	_, err := Parse("bomb.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "document too large") {
		t.Fatalf("Parse = %.300v, want a document too large error", err)
	}
}

// PB2 is benchmark model PB2 rq-network (/work/shared/bench/SCENARIOS.md):
// one uncapacitated supplier → one DC → 50 stores, 100 items.
const (
	pb2Items    = 100
	pb2Stores   = 50
	pb2LeadTime = 7 // supplier → DC, days
	pb2Transit  = 2 // DC → store, days
)

// pb2Mu is the Poisson demand rate of item k at each store, per day.
func pb2Mu(k int) float64 { return float64(1 + k%10) }

// pb2Store returns the store (r, Q) of item k: r covers the transit-time
// demand plus two standard deviations of it, Q is five days of demand.
func pb2Store(k int) (r, q int64) {
	m := pb2Mu(k) * pb2Transit
	return int64(math.Ceil(m + 2*math.Sqrt(m))), int64(math.Ceil(5 * pb2Mu(k)))
}

// pb2DC returns the DC (r, Q) of item k: r covers the lead-time demand of
// all stores plus two standard deviations, Q is 50 store order quantities.
func pb2DC(k int) (r, q int64) {
	m := pb2Stores * pb2Mu(k) * pb2LeadTime
	_, qs := pb2Store(k)
	return int64(math.Ceil(m + 2*math.Sqrt(m))), pb2Stores * qs
}

func pb2ItemName(k int) string  { return fmt.Sprintf("item-%02d", k) }
func pb2StoreName(s int) string { return fmt.Sprintf("store-%02d", s+1) }

// pb2YAML generates rq-network.yaml. The stores' stock lists are equal, so
// the first store's is an anchor and the others alias it.
func pb2YAML() string {
	var b strings.Builder
	b.WriteString(pb2Header)
	b.WriteString("items:\n")
	for k := range pb2Items {
		fmt.Fprintf(&b, "  - {name: %s}\n", pb2ItemName(k))
	}
	fmt.Fprintf(&b, "suppliers:\n  - name: supplier\n    lead_time: %d       # days, constant; capacity: unlimited (the default)\n", pb2LeadTime)
	b.WriteString("sites:\n  - name: dc\n    type: warehouse\n    stock:\n")
	b.WriteString("      # item-k: r = ceil(350 mu + 2 sqrt(350 mu)), Q = 50 x store Q, mu = 1 + (k mod 10)\n")
	for k := range pb2Items {
		r, q := pb2DC(k)
		fmt.Fprintf(&b, "      - {item: %s, source: supplier, policy: {type: rq, reorder_point: %d, order_quantity: %d}}\n", pb2ItemName(k), r, q)
	}
	fmt.Fprintf(&b, "  - name: %s\n    stock: &store-stock\n", pb2StoreName(0))
	b.WriteString("      # item-k: r = ceil(2 mu + 2 sqrt(2 mu)), Q = ceil(5 mu), mu = 1 + (k mod 10)\n")
	for k := range pb2Items {
		r, q := pb2Store(k)
		fmt.Fprintf(&b, "      - {item: %s, source: dc, lane: {transit: %d, shipment: whole}, policy: {type: rq, reorder_point: %d, order_quantity: %d}, demand: [{rate: %g}]}\n",
			pb2ItemName(k), pb2Transit, r, q, pb2Mu(k))
	}
	for s := 1; s < pb2Stores; s++ {
		fmt.Fprintf(&b, "  - {name: %s, stock: *store-stock}\n", pb2StoreName(s))
	}
	return b.String()
}

const pb2Header = `# Generated by pb2YAML in scenarios_test.go (go test ./scenarios -run PB2File -update).
name: rq-network
description: |
  PB2: supplier -> 1 DC -> 50 stores, 100 items, (r, Q) at every site; a benchmark.
  A two-echelon distribution network. A distribution centre (dc) orders from
  an outside supplier with unlimited capacity and a constant lead time of 7
  days, and supplies 50 identical stores, each 2 days away. Every store sells
  all 100 items. Customers arrive as Poisson processes and buy one unit each:
  item k (k = 0..99) at rate mu = 1 + (k mod 10) a day at each store, so
  27500 customers a day in all, about 10 million in the year simulated.
  Customers who find the shelf empty wait (backorder).

  Every site-item reviews its inventory position (on hand + on order -
  backorders) continuously with an (r, Q) policy:
    stores: r = ceil(2 mu + 2 sqrt(2 mu)), Q = ceil(5 mu)
            (demand over the 2-day transit plus two standard deviations;
            five days of demand per order)
    dc:     r = ceil(350 mu + 2 sqrt(350 mu)), Q = 50 x the store Q
            (all 50 stores' demand over the 7-day lead time plus two
            standard deviations, as if that demand were Poisson)
  The DC ships a store's order only whole. An order it cannot ship waits in
  line (first come, first served) until stock arrives, and the store's
  customers wait with it. Every site-item starts with r + Q on hand.

  This is benchmark model PB2, written to be compared side by side with the
  same model in other discrete-event tools: one replication of 365 days, no
  warm-up, seed 1. Expect a few seconds of wall time.

  What to look at:
  - the store fill rate (units shipped at once / units demanded, all stores
    and items): about 0.9986 in the peer tool's run;
  - the DC order fill rate (store orders shipped at once / store orders):
    about 0.994;
  - bullwhip, the variance of an echelon's daily orders divided by that of
    its daily demand: customers buy one unit at a time, the stores order
    in lumps of Q and the DC in lumps of 50 Q, so the DC sees far lumpier
    demand than the stores do, and the supplier lumpier still. Beware the
    start: every store-item starts at r + Q and every store Q is five days
    of demand, so all 5000 store-items order together around day 5 and go
    on ordering in waves for weeks. Over this one year from the start the
    ratios come out near 540 (stores) and 46 (DC) in scsim; run
      scsim run rq-network --horizon 1095 --warmup 365
    to measure the steady state instead (near 35 and 130).
seed: 1
replications: 1   # a benchmark: one long replication
horizon: 365      # days
warmup: 0         # days
`

// TestPB2File checks that rq-network.yaml is what pb2YAML generates; run
// with -update to regenerate it.
func TestPB2File(t *testing.T) {
	want := pb2YAML()
	if *update {
		if err := os.WriteFile("rq-network.yaml", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, ok := BundledYAML("rq-network")
	if !ok {
		t.Fatal("rq-network is not bundled")
	}
	if string(got) != want && !*update {
		t.Errorf("rq-network.yaml differs from pb2YAML (go test -run PB2File -update regenerates it):\n%s", lineDiff(want, string(got)))
	}
}

// TestPB2 checks, independently of the file's text, that the bundled
// rq-network builds into exactly benchmark model PB2.
func TestPB2(t *testing.T) {
	s, err := Open("rq-network")
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Replications != 1 || s.Seed != 1 || net.Horizon != 365 || net.Warmup != 0 {
		t.Errorf("replications, seed, horizon, warmup = %d, %d, %v, %v, want 1, 1, 365, 0",
			s.Replications, s.Seed, net.Horizon, net.Warmup)
	}
	if len(net.Suppliers) != 1 || net.Suppliers[0].Capacity != 0 {
		t.Fatalf("suppliers = %+v, want one uncapacitated", net.Suppliers)
	}
	if len(net.Items) != pb2Items || len(net.Sites) != 1+pb2Stores {
		t.Fatalf("%d items, %d sites, want %d, %d", len(net.Items), len(net.Sites), pb2Items, 1+pb2Stores)
	}
	checkRQ := func(where string, st *model.Stock, r, q int64) {
		t.Helper()
		if rq, ok := st.Policy.(*model.RQ); !ok || rq.R != r || rq.Q != q {
			t.Errorf("%s: policy %v, want rq(%d, %d)", where, st.Policy.Describe(), r, q)
		}
		if st.Initial != r+q {
			t.Errorf("%s: initial %d, want r+Q = %d", where, st.Initial, r+q)
		}
	}
	checkLane := func(where string, ln model.Lane, transit float64) {
		t.Helper()
		if !ln.Transit.IsConst() || ln.Transit.Mean() != transit || ln.Partial || ln.NoOvertaking || ln.UnitCost != 0 || ln.ShipmentCost != 0 {
			t.Errorf("%s: lane %+v, want constant transit %v, whole shipments, no costs", where, ln, transit)
		}
	}
	for i, site := range net.Sites {
		if len(site.Stocks) != pb2Items {
			t.Fatalf("%s: %d items, want %d", site.Name, len(site.Stocks), pb2Items)
		}
		for k := range site.Stocks {
			st := &site.Stocks[k]
			where := net.SKU(i, k)
			if st.Item != k || net.Items[k].Name != pb2ItemName(k) {
				t.Fatalf("%s: item %d, want %d", where, st.Item, k)
			}
			if i == 0 {
				r, q := pb2DC(k)
				checkRQ(where, st, r, q)
				checkLane(where, st.Lane, pb2LeadTime)
				if site.Kind != model.Warehouse || st.Source != (model.Node{Kind: model.SupplierNode}) || len(st.Demand) != 0 {
					t.Errorf("%s: kind %v, source %+v, %d demand streams, want a warehouse ordering from the supplier, no customers", where, site.Kind, st.Source, len(st.Demand))
				}
				continue
			}
			r, q := pb2Store(k)
			checkRQ(where, st, r, q)
			checkLane(where, st.Lane, pb2Transit)
			if site.Kind != model.Store || st.Source != (model.Node{Kind: model.SiteNode, Index: 0}) {
				t.Errorf("%s: kind %v, source %+v, want a store ordering from the DC", where, site.Kind, st.Source)
			}
			if len(st.Demand) != 1 {
				t.Fatalf("%s: %d demand streams, want 1", where, len(st.Demand))
			}
			d := st.Demand[0]
			if d.Rate != pb2Mu(k) || !d.Size.IsConst() || d.Size.Mean() != 1 || d.Stockout != model.Backorder {
				t.Errorf("%s: demand rate %v size %v stockout %v, want Poisson %v of single units, backordered", where, d.Rate, d.Size, d.Stockout, pb2Mu(k))
			}
		}
	}
	total := 0.0
	for k := range pb2Items {
		total += pb2Stores * pb2Mu(k)
	}
	if total != 27500 {
		t.Errorf("total demand %v a day, want 27500", total)
	}
}

func TestBuildNetwork(t *testing.T) {
	src := `
horizon: 100
items: [{name: a}, {name: b}]
suppliers:
  - {name: f, lead_time: 7, capacity: 12.5}
  - {name: g, lead_time: {type: uniform, min: 1, max: 3}}
sites:
  - name: store
    stock:
      - item: a
        source: dc
        lane: {transit: {type: gamma, mean: 2, sd: 1}, unit_cost: 0.5, shipment_cost: 20, shipment: partial, overtaking: false}
        policy: {type: rq, reorder_point: 5, order_quantity: 10}
        demand: [{rate: 2}]
      - item: b
        source: dc
        lane: {transit: 1}
        policy: {type: rq, reorder_point: 5, order_quantity: 10}
        demand: [{rate: 2}]
  - name: dc
    type: warehouse
    stock:
      - item: a
        source: f
        policy: {type: rq, reorder_point: 50, order_quantity: 100}
      - item: b
        source: g
        lane: {transit: 4, overtaking: true}
        policy: {type: rq, reorder_point: 50, order_quantity: 100}
`
	_, net := mustBuild(t, "net.yaml", []byte(src))
	if got := net.Suppliers[0].Capacity; got != 12.5 {
		t.Errorf("capacity = %v, want 12.5", got)
	}
	if got := net.Suppliers[1].Capacity; got != 0 {
		t.Errorf("default capacity = %v, want 0 (unlimited)", got)
	}
	store, dc := net.Sites[0].Stocks, net.Sites[1].Stocks
	dcNode := model.Node{Kind: model.SiteNode, Index: 1}
	tests := []struct {
		name      string
		got, want any
	}{
		{"store/a source", store[0].Source, dcNode},
		{"store/a transit", fmt.Sprint(store[0].Lane.Transit.Mean(), store[0].Lane.Transit.SD()), "2 1"},
		{"store/a unit cost", store[0].Lane.UnitCost, 0.5},
		{"store/a shipment cost", store[0].Lane.ShipmentCost, 20.0},
		{"store/a partial", store[0].Lane.Partial, true},
		{"store/a no overtaking", store[0].Lane.NoOvertaking, true},
		{"store/b source", store[1].Source, dcNode},
		{"store/b transit", store[1].Lane.Transit.Mean(), 1.0},
		{"store/b partial", store[1].Lane.Partial, false},
		{"store/b no overtaking", store[1].Lane.NoOvertaking, false},
		{"store/b costs", store[1].Lane.UnitCost + store[1].Lane.ShipmentCost, 0.0},
		{"dc/a source", dc[0].Source, model.Node{Kind: model.SupplierNode, Index: 0}},
		{"dc/a transit = lead time", dc[0].Lane.Transit.Mean(), 7.0},
		{"dc/b source", dc[1].Source, model.Node{Kind: model.SupplierNode, Index: 1}},
		{"dc/b transit replaces lead time", dc[1].Lane.Transit.Mean(), 4.0},
		{"dc/b no overtaking", dc[1].Lane.NoOvertaking, false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	level, err := net.Echelons()
	if err != nil || fmt.Sprint(level) != "[1 1 2 2]" {
		t.Errorf("echelons = %v, %v, want [1 1 2 2]", level, err)
	}
}

// TestGoScenario checks a Scenario built in Go, with zero lanes: whole
// shipments, overtaking, and no positions in errors.
func TestGoScenario(t *testing.T) {
	s := DefaultScenario()
	s.Name, s.Horizon = "go", 10
	s.Items = []Item{{Name: "a"}}
	s.Suppliers = []Supplier{{Name: "f", LeadTime: Dist{Type: "constant", Value: 3}}}
	pol := Policy{Type: "rq", ReorderPoint: 1, OrderQuantity: 2}
	s.Sites = []Site{
		{Name: "dc", Type: "warehouse", Stock: []Stock{{Item: "a", Source: "f", Policy: pol}}},
		{Name: "s", Type: "store", Stock: []Stock{{Item: "a", Source: "dc", Policy: pol,
			Demand: []Demand{{Rate: 1, Size: Dist{Type: "constant", Value: 1}, Stockout: "backorder"}}}}},
	}
	_, err := s.Build()
	want := "sites[1].stock[0].lane.transit: required for a site source: days from shipment at dc to receipt, a number or a distribution"
	if err == nil || err.Error() != want {
		t.Fatalf("Build = %v, want %s", err, want)
	}
	s.Sites[1].Stock[0].Lane.Transit = Dist{Type: "constant", Value: 1}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	if ln := net.Sites[1].Stocks[0].Lane; ln.Partial || ln.NoOvertaking || ln.Transit.Mean() != 1 {
		t.Errorf("lane = %+v, want whole shipments with overtaking, transit 1", ln)
	}
	if ln := net.Sites[0].Stocks[0].Lane; ln.Transit.Mean() != 3 {
		t.Errorf("supplier lane transit = %v, want the lead time 3", ln.Transit.Mean())
	}
}

// TestNetworkErrorsNotCascaded checks that a misspelt source is reported
// alone, not also as an unused supplier and a dead site-item.
func TestNetworkErrorsNotCascaded(t *testing.T) {
	src := `
horizon: 100
items: [{name: a}]
suppliers: [{name: factory, lead_time: 7}]
sites:
  - name: dc
    stock: [{item: a, source: factroy, policy: {type: rq, reorder_point: 5, order_quantity: 10}}]
  - name: s
    stock: [{item: a, source: dc1, lane: {transit: 1}, policy: {type: rq, reorder_point: 5, order_quantity: 10}, demand: [{rate: 1}]}]
`
	_, err := Parse("typo.yaml", []byte(src))
	want := "typo.yaml:7:31: sites[0].stock[0].source: unknown source \"factroy\" (did you mean factory?)\n" +
		"typo.yaml:9:31: sites[1].stock[0].source: unknown source \"dc1\" (did you mean dc?)"
	if err == nil || err.Error() != want {
		t.Errorf("Parse = \n%v\nwant\n%s", err, want)
	}
}
