package lab

import (
	"bytes"
	"math"
	"regexp"
	"scsim/stats"
	"slices"
	"strconv"
	"strings"
	"testing"

	"scsim/internal/theory"
	"scsim/model"
	"scsim/output"
	"scsim/scenarios"
)

func bundled(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	data, ok := scenarios.BundledYAML(name)
	if !ok {
		t.Fatalf("no bundled scenario %s", name)
	}
	sc, err := Parse(name+".yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

var (
	cellRE  = regexp.MustCompile(`\S+ ± \S+|\S+`)
	spaceRE = regexp.MustCompile(`\s{2,}`)
)

// tableCells parses the metrics tables of scsim's table output into
// cells[column][metric name].
func tableCells(text string) map[string]map[string]string {
	cells := map[string]map[string]string{}
	var cols []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "metric ") {
			cols = spaceRE.Split(strings.TrimSpace(line), -1)[2:]
			continue
		}
		if line == "" || cols == nil {
			cols = nil
			continue
		}
		parts := spaceRE.Split(line, 3) // name, unit, cells
		if len(parts) < 3 {
			continue
		}
		vals := cellRE.FindAllString(parts[2], -1)
		for i, c := range cols {
			if i < len(vals) {
				if cells[c] == nil {
					cells[c] = map[string]string{}
				}
				cells[c][parts[0]] = vals[i]
			}
		}
	}
	return cells
}

// The page shows its numbers as scsim's table prints them: for every
// site-item and the total of bundled scenarios of every shape (one store,
// lost sales, a network with a total column, customer classes, drop-ship
// with undefined values), each key number's text equals the table's cell.
func TestNumbersAgreeWithTable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		horizon float64
	}{
		{"rq-single", 3000}, {"lost-sales", 3000}, {"eoq", 0}, {"two-echelon", 700},
		{"starter", 600}, {"policy-showdown", 300}, {"customer-classes", 400}, {"jit", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := bundled(t, tc.name)
			res, sum, err := run(sc, Request{Replications: 4, Horizon: tc.horizon, SKU: 0})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := output.WriteTable(&b, sum, output.Meta{}); err != nil {
				t.Fatal(err)
			}
			cells := tableCells(b.String())
			cols := append([]Column{}, res.SKUs...)
			if len(res.SKUs) > 1 {
				cols = append(cols, res.Total)
			}
			for _, c := range res.SKUs {
				if line := "  " + c.Name + "  "; !strings.Contains(b.String(), c.Policy+"\n") || !strings.Contains(b.String(), line) {
					t.Errorf("policy of %s: page %q, not in the table's policies:\n%s", c.Name, c.Policy, b.String())
				}
			}
			checked := 0
			for _, c := range cols {
				got, ok := cells[c.Name]
				if !ok {
					t.Fatalf("no column %q in the table:\n%s", c.Name, b.String())
				}
				for _, n := range c.Numbers {
					want := strings.TrimRight(got[n.Name], "†*")
					if want == "" {
						t.Errorf("%s: no row %q in the table", c.Name, n.Name)
						continue
					}
					if n.Text != want {
						t.Errorf("%s %s: page shows %q, the table %q", c.Name, n.Name, n.Text, want)
					}
					checked++
				}
			}
			if checked < len(KeyMetrics) {
				t.Errorf("only %d numbers checked", checked)
			}
		})
	}
}

// FormatEstimate's rules on values a run may not give.
func TestFormatEstimate(t *testing.T) {
	for _, tc := range []struct {
		unit string
		e    stats.Estimate
		want string
	}{
		{"share", stats.Estimate{Mean: math.NaN()}, "-"},
		{"share", stats.Estimate{Mean: 0.5, N: 1}, "0.5000"},
		{"share", stats.Estimate{Mean: 0.97929, HalfWidth: 0.000183, N: 10}, "0.97929 ± 0.00018"},
		{"money/day", stats.Estimate{Mean: 10, HalfWidth: 1e-14, N: 10}, "10.00 ± 0.00"},
		{"units", stats.Estimate{Mean: 1599888.4, HalfWidth: 748.2, N: 10}, "1599888 ± 748"},
		{"share", stats.Estimate{Mean: -0.00001, HalfWidth: 0, N: 1}, "0.0000"},
		{"days", stats.Estimate{Mean: 1, HalfWidth: 1e-8, N: 3}, "1.000000 ± 1.0e-08"},
	} {
		if got := FormatEstimate(tc.unit, tc.e); got != tc.want {
			t.Errorf("FormatEstimate(%s, %+v) = %q, want %q", tc.unit, tc.e, got, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	d, err := Describe(bundled(t, "rq-single"), "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, in := range d.Inputs {
		got[in.Path] = in.Value
		if strings.HasSuffix(in.Path, "reorder_point") && !in.Integer {
			t.Errorf("%s takes whole numbers", in.Path)
		}
	}
	want := map[string]string{
		"sites[store].stock[widget].policy.reorder_point":  "36",
		"sites[store].stock[widget].policy.order_quantity": "40",
		"sites[store].stock[widget].demand[0].rate":        "8",
		"suppliers[factory].lead_time":                     "4",
	}
	for p, v := range want {
		if got[p] != v {
			t.Errorf("input %s = %q, want %q (inputs %v)", p, got[p], v, got)
		}
	}
	if d.Replications != 10 || d.Seed != "1" || d.Horizon != 200000 || !slices.Equal(d.SKUs, []string{"store/widget"}) {
		t.Errorf("description %+v", d)
	}
	// a variant's inputs are those of its policy
	sc := bundled(t, "policy-showdown")
	for _, v := range sc.Variants {
		d, err := Describe(sc, v.Name)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		if len(d.Variants) != len(sc.Variants) {
			t.Errorf("%s: variants %v", v.Name, d.Variants)
		}
		// every input is a path --set takes, with the value it holds
		for _, in := range d.Inputs {
			vs, err := sc.Variant(v.Name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := vs.With(scenarios.Override{Path: in.Path, Value: in.Value}); err != nil {
				t.Errorf("%s: input %s=%s: %v", v.Name, in.Path, in.Value, err)
			}
		}
	}
}

// A change of the reorder point moves the fill rate as theory says: the
// page's run of rq-single at r = 30 and at r = 40 gives fill rates whose
// intervals hold the exact (r, Q) values (Hadley–Whitin), and its
// arguments are those of scsim run.
func TestRunFollowsTheory(t *testing.T) {
	sc := bundled(t, "rq-single")
	for _, r := range []int{30, 40} {
		res, err := Run(sc, Request{
			Set:          []Setting{{"sites[store].stock[widget].policy.reorder_point", strconv.Itoa(r)}},
			Replications: 10, Seed: "3", Horizon: 20000,
		})
		if err != nil {
			t.Fatal(err)
		}
		fill, onHand, _ := theory.RQPoisson(32, r, 40)
		got := map[string]Number{}
		for _, n := range res.SKUs[0].Numbers {
			got[n.Key] = n
		}
		if n := got["fill_rate"]; math.Abs(n.Mean-fill) > n.HalfWidth {
			t.Errorf("r=%d: fill rate %s, theory %.5f", r, n.Text, fill)
		}
		if n := got["avg_on_hand"]; math.Abs(n.Mean-onHand) > n.HalfWidth {
			t.Errorf("r=%d: on hand %s, theory %.4f", r, n.Text, onHand)
		}
		want := []string{"--set", "sites[store].stock[widget].policy.reorder_point=" + strconv.Itoa(r), "-n", "10", "--seed", "3", "--horizon", "20000"}
		if !slices.Equal(res.Args, want) {
			t.Errorf("args %q, want %q", res.Args, want)
		}
	}
}

// The levels plotted are replication 0's: a run stopped at the end of the
// plot gives the same steps as the whole run's trace over those days.
func TestLevelsArePrefixOfTheRun(t *testing.T) {
	for _, name := range []string{"rq-single", "two-echelon", "disruption"} {
		sc := bundled(t, name)
		net, err := sc.Build()
		if err != nil {
			t.Fatal(err)
		}
		net.Horizon = min(net.Horizon, net.Warmup+1000)
		sku := len(net.SKUs()) - 1
		lv := levels(net, sc.Seed, sku)
		_, tr := model.RunTraced(net, sc.Seed, 0, sku)
		if len(lv.Times) < 10 {
			t.Fatalf("%s: %d steps", name, len(lv.Times))
		}
		// the full trace's steps in [from, to]
		var times []float64
		var onHand, bo []int64
		for i, tm := range tr.Times {
			next := net.Horizon
			if i+1 < len(tr.Times) {
				next = tr.Times[i+1]
			}
			if next <= lv.From || tm > lv.To {
				continue
			}
			times = append(times, max(tm, lv.From))
			onHand = append(onHand, tr.OnHand[i])
			bo = append(bo, tr.Backorders[i])
		}
		if !slices.Equal(lv.Times, times) || !slices.Equal(lv.OnHand, onHand) || !slices.Equal(lv.Backorders, bo) {
			t.Errorf("%s: the plotted levels (%d steps) differ from the full run's (%d steps)", name, len(lv.Times), len(times))
		}
	}
}

func TestParseRefusesHistory(t *testing.T) {
	sc, err := scenarios.Open("history")
	if err != nil {
		t.Fatal(err)
	}
	err = NoFiles(sc)
	if err == nil || !strings.Contains(err.Error(), "history file") {
		t.Errorf("history scenario: %v", err)
	}
}

func TestRunRefuses(t *testing.T) {
	sc := bundled(t, "rq-single")
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Seed: "-1"}, "seed"},
		{Request{Replications: 1001}, "replications"},
		{Request{Horizon: 2e7}, "horizon"},
		{Request{Replications: 1000}, "events"},
		{Request{Set: []Setting{{"sites[store].stock[widget].policy.reorder_point", "x"}}}, "reorder_point"},
		{Request{Variant: "nope"}, "variant"},
	} {
		if _, err := Run(sc, tc.req); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one about %s", tc.req, err, tc.want)
		}
	}
}

// TestTimeUnitLabels checks that the page labels the Beer Game (time_unit:
// week) in weeks, inputs and key numbers alike, with the same numbers as
// the scenario labelled in days, and a scenario in days as before.
func TestTimeUnitLabels(t *testing.T) {
	sc := bundled(t, "beer-game")
	d, err := Describe(sc, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.TimeUnit != "week" {
		t.Errorf("time unit %q, want week", d.TimeUnit)
	}
	weeks := 0
	for _, in := range d.Inputs {
		if strings.Contains(in.Label, "day") {
			t.Errorf("input %s labelled %q", in.Path, in.Label)
		}
		if strings.Contains(in.Label, "(weeks)") || strings.Contains(in.Label, "unit-week") {
			weeks++
		}
	}
	if weeks < 10 {
		t.Errorf("only %d inputs labelled in weeks: %+v", weeks, d.Inputs)
	}
	res, err := Run(sc, Request{SKU: 0})
	if err != nil {
		t.Fatal(err)
	}
	days, err := sc.With(scenarios.Override{Path: "time_unit", Value: "day"})
	if err != nil {
		t.Fatal(err)
	}
	resDays, err := Run(days, Request{SKU: 0})
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]string{}
	for i, n := range res.Total.Numbers {
		units[n.Key] = n.Unit
		if m := resDays.Total.Numbers[i]; m.Text != n.Text || m.Key != n.Key {
			t.Errorf("%s: %q in weeks, %q in days", n.Key, n.Text, m.Text)
		}
	}
	if units["total_cost"] != "money/week" || units["wait_mean"] != "weeks" {
		t.Errorf("units %v, want money/week and weeks", units)
	}
	if dd, _ := Describe(bundled(t, "rq-single"), ""); dd.TimeUnit != "day" {
		t.Errorf("rq-single's time unit %q, want day", dd.TimeUnit)
	}
}
