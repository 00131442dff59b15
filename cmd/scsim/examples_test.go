package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// examplesDir holds the worked example scenarios users are pointed to from
// the README: each is validated and run here, and the numbers their
// descriptions tell the reader to check by hand are checked.
const examplesDir = "../../examples"

// exampleRun is the part of a run's JSON (scsim/run/v2) these tests read.
type exampleRun struct {
	ConservationMaxImbalance float64 `json:"conservation_max_imbalance"`
	Scenario                 struct {
		Description string `json:"description"`
	} `json:"scenario"`
	SiteItems []struct {
		Site    string                     `json:"site"`
		Item    string                     `json:"item"`
		Metrics map[string]exampleEstimate `json:"metrics"`
	} `json:"site_items"`
	Total struct {
		Metrics map[string]exampleEstimate `json:"metrics"`
	} `json:"total"`
}

type exampleEstimate struct {
	Mean *float64 `json:"mean"`
}

func (r *exampleRun) siteItem(t *testing.T, name string) map[string]exampleEstimate {
	t.Helper()
	for _, si := range r.SiteItems {
		if si.Site+"/"+si.Item == name {
			return si.Metrics
		}
	}
	t.Fatalf("no site-item %s in the run", name)
	return nil
}

func mean(t *testing.T, m map[string]exampleEstimate, key string) float64 {
	t.Helper()
	e, ok := m[key]
	if !ok || e.Mean == nil {
		t.Fatalf("metric %s missing or undefined", key)
	}
	return *e.Mean
}

// runExample runs scsim with args (a run with --format json) and decodes it.
func runExample(t *testing.T, args ...string) *exampleRun {
	t.Helper()
	stdout, stderr, code := run(t, append(args, "--format", "json", "-q")...)
	if code != 0 {
		t.Fatalf("scsim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	var r exampleRun
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("scsim %s: %v", strings.Join(args, " "), err)
	}
	if r.ConservationMaxImbalance != 0 {
		t.Errorf("scsim %s: conservation imbalance %v", strings.Join(args, " "), r.ConservationMaxImbalance)
	}
	return &r
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %v, want %v (± %v)", what, got, want, tol)
	}
}

// TestExamples validates every scenario of examples/, runs it on a short
// horizon, and runs compare on those with variants; each must describe
// itself (a summary line for scsim list and text that teaches).
func TestExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("found %d example scenarios in %s, want at least 4", len(files), examplesDir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			stdout, stderr, code := run(t, "validate", f)
			if code != 0 || !strings.Contains(stdout, ": ok (") {
				t.Fatalf("validate: exit %d, %q %q", code, stdout, stderr)
			}
			r := runExample(t, "run", f, "--horizon", "300", "--warmup", "20", "-n", "2")
			lines := strings.Split(strings.TrimSpace(r.Scenario.Description), "\n")
			if len(lines) < 5 || strings.TrimSpace(lines[0]) == "" {
				t.Errorf("description of %d lines, want a summary line and at least 4 lines that explain", len(lines))
			}
			if mean(t, r.Total.Metrics, "demand_units") <= 0 {
				t.Errorf("no customer demand in 300 days")
			}
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(text), "\nvariants:") {
				if _, stderr, code := run(t, "compare", f, "--horizon", "300", "--warmup", "20", "-n", "2", "-q"); code != 0 {
					t.Errorf("compare: exit %d: %s", code, stderr)
				}
			}
		})
	}
}

// TestExampleEOQByHand checks the figures eoq-by-hand's description works
// out: Q = √(2KD/h) = 100, on-hand (Q+1)/2 with unit steps, holding h·50.5,
// ordering K·D/Q, on-order D·L (Little), an order every Q/D days.
func TestExampleEOQByHand(t *testing.T) {
	r := runExample(t, "run", filepath.Join(examplesDir, "eoq-by-hand.yaml"))
	const (
		d, lead, k, h = 10.0, 2.0, 20.0, 0.04
		window        = 1000.0
	)
	q := math.Sqrt(2 * k * d / h)
	m := r.siteItem(t, "shop/widget")
	near(t, "Q", q, 100, 1e-9)
	near(t, "fill_rate", mean(t, m, "fill_rate"), 1, 0)
	near(t, "avg_on_hand", mean(t, m, "avg_on_hand"), (q+1)/2, 1e-9)
	near(t, "holding_cost", mean(t, m, "holding_cost"), h*(q+1)/2, 1e-9)
	near(t, "ordering_cost", mean(t, m, "ordering_cost"), k*d/q, 1e-9)
	near(t, "avg_on_order", mean(t, m, "avg_on_order"), d*lead, 1e-9)
	near(t, "orders_placed", mean(t, m, "orders_placed"), window/(q/d), 0)
	near(t, "total_cost", mean(t, m, "total_cost"), math.Sqrt(2*k*d*h)+h/2, 1e-9)
}

// TestExampleJITByHand checks jit-by-hand: the position stays at the
// buffer B and D·L = 36 parts are on order (Little), so on hand is B − 36
// at B = 40, and at B = 30 every part waits (36 − 30)/24 days with 6 owed.
func TestExampleJITByHand(t *testing.T) {
	r := runExample(t, "run", filepath.Join(examplesDir, "jit-by-hand.yaml"))
	const d, lead = 24.0, 1.5
	for _, tt := range []struct {
		name   string
		buffer float64
	}{{"line/part", 40}, {"line-short/part", 30}} {
		m := r.siteItem(t, tt.name)
		onOrder := d * lead
		near(t, tt.name+" avg_on_order", mean(t, m, "avg_on_order"), onOrder, 1e-9)
		near(t, tt.name+" avg_on_hand", mean(t, m, "avg_on_hand"), math.Max(0, tt.buffer-onOrder), 1e-9)
		owed := math.Max(0, onOrder-tt.buffer)
		near(t, tt.name+" avg_backorders", mean(t, m, "avg_backorders"), owed, 1e-9)
		if owed > 0 {
			near(t, tt.name+" fill_rate", mean(t, m, "fill_rate"), 0, 0)
			near(t, tt.name+" wait_mean", mean(t, m, "wait_mean"), owed/d, 1e-9)
		} else {
			near(t, tt.name+" fill_rate", mean(t, m, "fill_rate"), 1, 0)
		}
	}
}

// TestExampleRegionalTotals checks what regional-dc's description says
// about its total: customer demand and lost units summed over the six
// stores, the fill rate the stores' units shipped at once over their units
// demanded, on-hand and cost summed over all eight site-items, and the
// outage's 14 days over the window at every site-item.
func TestExampleRegionalTotals(t *testing.T) {
	const horizon, warmup = 400.0, 50.0
	r := runExample(t, "run", filepath.Join(examplesDir, "regional-dc.yaml"),
		"--horizon", "400", "--warmup", "50", "-n", "1")
	var demand, filled, lost, onHand, cost float64
	for _, si := range r.SiteItems {
		onHand += mean(t, si.Metrics, "avg_on_hand")
		cost += mean(t, si.Metrics, "total_cost")
		near(t, si.Site+"/"+si.Item+" disrupted_share", mean(t, si.Metrics, "disrupted_share"), 14/(horizon-warmup), 1e-12)
		if si.Site == "dc" {
			continue
		}
		dem := mean(t, si.Metrics, "demand_units")
		demand += dem
		filled += dem * mean(t, si.Metrics, "fill_rate")
		lost += mean(t, si.Metrics, "lost_units")
	}
	tot := r.Total.Metrics
	near(t, "total demand_units", mean(t, tot, "demand_units"), demand, 1e-9)
	near(t, "total fill_rate", mean(t, tot, "fill_rate"), filled/demand, 1e-12)
	near(t, "total lost_units", mean(t, tot, "lost_units"), lost, 1e-9)
	near(t, "total avg_on_hand", mean(t, tot, "avg_on_hand"), onHand, 1e-9)
	near(t, "total total_cost", mean(t, tot, "total_cost"), cost, 1e-9)
	if lost == 0 {
		t.Errorf("no lost sale at any store: accept_backorder 0.7 should lose some customers")
	}
}

// TestExamplePharmacyLittle checks pharmacy-fill-rate against Little's
// law (on order = demand rate × lead time, 15 and then 30 units) and that
// doubling the lead time at the same reorder point lowers the fill rate.
func TestExamplePharmacyLittle(t *testing.T) {
	f := filepath.Join(examplesDir, "pharmacy-fill-rate.yaml")
	base := runExample(t, "run", f, "--horizon", "1000", "--warmup", "50", "-n", "2")
	slow := runExample(t, "run", f, "--variant", "slow-wholesaler", "--horizon", "1000", "--warmup", "50", "-n", "2")
	b, s := base.siteItem(t, "pharmacy/inhaler"), slow.siteItem(t, "pharmacy/inhaler")
	near(t, "base avg_on_order", mean(t, b, "avg_on_order"), 5*3, 0.05*15)
	near(t, "slow avg_on_order", mean(t, s, "avg_on_order"), 5*6, 0.05*30)
	if fb, fs := mean(t, b, "fill_rate"), mean(t, s, "fill_rate"); fs >= fb-0.3 {
		t.Errorf("fill rate %v with a 6-day lead time, %v with 3 days: want far lower", fs, fb)
	}
}
