package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTraceUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"trace", "rq-single", "--format", "xml"}, `trace: --format must be one of text, jsonl, csv, got "xml"`},
		{[]string{"trace", "rq-single", "--limit", "-1"}, `trace: --limit must be a whole number >= 0 (0: all), got -1`},
		{[]string{"trace", "rq-single", "--limit", "many"}, `trace: --limit must be a whole number >= 0, got "many"`},
		{[]string{"trace", "rq-single", "--from", "10", "--to", "5"}, `trace: --from and --to must be times in days with 0 <= from < to, got from 10, to 5`},
		{[]string{"trace", "rq-single", "--from", "-1"}, `trace: --from and --to must be times in days with 0 <= from < to, got from -1, to 200000`},
		{[]string{"trace", "rq-single", "--to", "x"}, `trace: --to must be a number, got "x"`},
		{[]string{"trace", "rq-single", "--replication", "-2"}, `trace: --replication must be a whole number >= 0, got -2`},
		{[]string{"trace", "two-echelon", "--items", "dc/widget,store-z/widget"}, `trace: --items: unknown site-item "store-z/widget" in two-echelon`},
		{[]string{"trace"}, `trace: expected one scenario file or bundled name, got 0 argument(s)`},
		{[]string{"trace", "rq-single", "--bogus"}, `trace: unknown flag --bogus (see scsim trace --help)`},
		{[]string{"trace", "rq-single", "--variant", "nope"}, `--variant nope`},
	}
	for _, tt := range tests {
		stdout, stderr, code := run(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, "scsim: "+tt.want) || stdout != "" {
			t.Errorf("scsim %s: exit %d, stderr %q, stdout %q; want exit 2 and %q", strings.Join(tt.args, " "), code, stderr, stdout, tt.want)
		}
	}
}

// TestTraceText checks the text form: every line within 100 columns, the
// count of records shown and left out by --limit, and the filters.
func TestTraceText(t *testing.T) {
	all, stderr, code := run(t, "trace", "two-echelon", "--to", "30", "--limit", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	total := strings.Count(all, "\nt=")
	if total < 50 {
		t.Fatalf("only %d records in 30 days of two-echelon", total)
	}
	if !strings.Contains(all, strconv.Itoa(total)+" event record(s) shown.") {
		t.Errorf("the full trace does not say it shows %d records:\n%s", total, all[len(all)-200:])
	}
	for _, args := range [][]string{
		{"trace", "two-echelon", "--to", "30", "--limit", "0"},
		{"trace", "impatient-customers", "--to", "60", "--limit", "0"},
		{"trace", "dual-sourcing", "--from", "50", "--to", "70", "--limit", "0"},
		{"trace", "forecast", "--to", "30", "--limit", "0"},
	} {
		out, _, _ := run(t, args...)
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 100 {
				t.Errorf("%v line %d is %d columns: %q", args, i+1, n, line)
			}
		}
	}
	out, stderr, code := run(t, "trace", "two-echelon", "--to", "30", "--limit", "7")
	if n := strings.Count(out, "\nt="); n != 7 {
		t.Errorf("--limit 7 printed %d records", n)
	}
	if want := "7 event record(s) shown; " + strconv.Itoa(total-7) + " more left out by --limit 7"; !strings.Contains(out, want) {
		t.Errorf("--limit 7 does not say %q:\n%s", want, out)
	}
	out, _, _ = run(t, "trace", "two-echelon", "--from", "10", "--to", "30", "--limit", "0", "--items", "dc/widget,store-a/widget")
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "t=") {
			continue
		}
		f := strings.Fields(line)
		tm, _ := strconv.ParseFloat(strings.TrimPrefix(f[0], "t="), 64)
		if tm < 10 || tm >= 30 || f[1] != "dc/widget" && f[1] != "store-a/widget" {
			t.Errorf("filtered trace has %q", line)
		}
	}
	// --set and --variant change what is traced, as they change run's
	out, stderr, code = run(t, "trace", "rq-single", "--to", "30", "--set", "sites[store].stock[widget].policy.reorder_point=20")
	if code != 0 || !strings.Contains(out, "≤ r = 20, order Q = 40 from factory") {
		t.Errorf("--set reorder_point=20: exit %d %s\n%s", code, stderr, out)
	}
	// another replication, another trace
	if other, _, _ := run(t, "trace", "two-echelon", "--to", "30", "--limit", "0", "--replication", "1"); other == all {
		t.Errorf("replications 0 and 1 gave the same trace")
	}
	// the same run, replication and seed give the same trace
	again, _, _ := run(t, "trace", "two-echelon", "--to", "30", "--limit", "0")
	if again != all {
		t.Errorf("two traces of the same replication differ")
	}
}

// TestTraceMatchesRun checks that the trace's totals over the measurement
// window agree with run's counters of one replication with the same seed,
// from the JSON Lines and the CSV forms alike.
func TestTraceMatchesRun(t *testing.T) {
	for _, name := range []string{"lost-sales", "rq-single", "impatient-customers", "substitution"} {
		t.Run(name, func(t *testing.T) {
			common := []string{name, "--horizon", "1500", "--seed", "7"}
			summary, stderr, code := run(t, append([]string{"run", "-n", "1", "--format", "csv", "-q"}, common...)...)
			if code != 0 {
				t.Fatalf("run: exit %d: %s", code, stderr)
			}
			want := map[string]float64{}
			rows, err := csv.NewReader(strings.NewReader(summary)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows[1:] {
				if r[3] == "customers" {
					v, _ := strconv.ParseFloat(r[9], 64)
					want[r[7]] = v
				}
			}
			jl, stderr, code := run(t, append([]string{"trace", "--limit", "0", "--format", "jsonl", "-q"}, common...)...)
			if code != 0 || stderr != "" {
				t.Fatalf("trace: exit %d: %s", code, stderr)
			}
			got := map[string]float64{}
			in := !strings.Contains(jl, `"kind":"warmup"`)
			sc := bufio.NewScanner(strings.NewReader(jl))
			sc.Buffer(nil, 1<<20)
			n := 0
			for sc.Scan() {
				var rec struct {
					Kind                            string
					Qty, Shipped, Backordered, Lost int64
				}
				if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
					t.Fatalf("line %d: %v", n+1, err)
				}
				n++
				switch {
				case rec.Kind == "warmup":
					in = true
				case !in:
				case rec.Kind == "demand":
					got["demand_units"] += float64(rec.Qty)
					got["demand_orders"]++
					got["backordered_units"] += float64(rec.Backordered)
					got["lost_units"] += float64(rec.Lost)
					got["shipped"] += float64(rec.Shipped)
				case rec.Kind == "review" && rec.Qty > 0:
					got["orders_placed"]++
				}
			}
			for _, m := range []string{"demand_units", "demand_orders", "backordered_units", "lost_units", "orders_placed"} {
				if got[m] != want[m] {
					t.Errorf("%s: trace %v, run %v", m, got[m], want[m])
				}
			}
			if m := "fill_rate"; want[m] > 0 && strconv.FormatFloat(got["shipped"]/got["demand_units"], 'g', 10, 64) != strconv.FormatFloat(want[m], 'g', 10, 64) {
				t.Errorf("fill rate: trace %v, run %v", got["shipped"]/got["demand_units"], want[m])
			}
			t.Logf("%d records; %v", n, got)

			c, _, code := run(t, append([]string{"trace", "--limit", "0", "--format", "csv", "-q"}, common...)...)
			if code != 0 {
				t.Fatalf("trace csv: exit %d", code)
			}
			crow, err := csv.NewReader(strings.NewReader(c)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(crow) != n+1 || strings.Join(crow[0][:4], ",") != "event,t,kind,where" {
				t.Errorf("csv has %d rows (header %v), jsonl %d records", len(crow), crow[0], n)
			}
		})
	}
}

// TestTraceSterman recomputes, from the Beer Game's own trace, every
// order of Sterman's rule: the expected demand smoothed over the units
// each stage was asked for since its last review (θ 0.36, from 4), then
// max(0, round(L̂ + α_S 0.26·(S′ 17 − net − β 0.34·on order))), and
// checks that each review's rule states these numbers and when the order
// reaches its source (2 weeks, the factory's brewhouse 1), where the
// source's request record then appears.
func TestTraceSterman(t *testing.T) {
	jl, stderr, code := run(t, "trace", "beer-game", "--limit", "0", "--format", "jsonl", "-q")
	if code != 0 {
		t.Fatalf("trace: exit %d: %s", code, stderr)
	}
	const theta, alpha, beta, desired = 0.36, 0.26, 0.34, 17.0
	type state struct {
		expected float64
		pending  int64
		started  bool
	}
	st := map[string]*state{}
	delay := map[string]float64{"retailer/beer": 2, "wholesaler/beer": 2, "distributor/beer": 2, "factory/beer": 1}
	reach := map[string][]float64{} // the times at which orders reach each source (site-items only)
	requests := map[string][]float64{}
	reviews := 0
	sc := bufio.NewScanner(strings.NewReader(jl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			T                  float64
			Kind, Where, Other string
			Before             struct {
				OnHand     int64 `json:"on_hand"`
				Backorders int64 `json:"backorders"`
				OnOrder    int64 `json:"on_order"`
			} `json:"before"`
			Qty  int64
			Rule string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Where == "" {
			continue
		}
		s := st[rec.Where]
		if s == nil {
			s = &state{expected: 4}
			st[rec.Where] = s
		}
		switch rec.Kind {
		case "demand":
			s.pending += rec.Qty
		case "request":
			s.pending += rec.Qty
			requests[rec.Where] = append(requests[rec.Where], rec.T)
		case "review":
			reviews++
			if s.started {
				s.expected = theta*float64(s.pending) + (1-theta)*s.expected
			}
			s.started, s.pending = true, 0
			net := rec.Before.OnHand - rec.Before.Backorders
			o := s.expected + alpha*(desired-float64(net)-beta*float64(rec.Before.OnOrder))
			want := int64(max(0, math.Round(o)))
			if rec.Qty != want {
				t.Fatalf("t=%v %s: ordered %d, the rule gives %d (L̂ %v, net %d, on order %d)", rec.T, rec.Where, rec.Qty, want, s.expected, net, rec.Before.OnOrder)
			}
			head := fmt.Sprintf("expected demand %.2f + α_S 0.26·(S′ 17 − net %d − β 0.34·on order %d) = %.2f, order %d", s.expected, net, rec.Before.OnOrder, o, want)
			if !strings.HasPrefix(rec.Rule, head) {
				t.Fatalf("t=%v %s: rule %q, want it to start %q", rec.T, rec.Where, rec.Rule, head)
			}
			if want > 0 {
				at := rec.T + delay[rec.Where]
				if tail := fmt.Sprintf(", reaching it at %.2f", at); !strings.HasSuffix(rec.Rule, tail) {
					t.Fatalf("t=%v %s: rule %q, want it to end %q", rec.T, rec.Where, rec.Rule, tail)
				}
				if strings.Contains(rec.Rule, "backordered there") {
					t.Errorf("t=%v %s: %q: an order still on its way is not backordered", rec.T, rec.Where, rec.Rule)
				}
				if rec.Other != "brewhouse" && at < 36 {
					reach[rec.Other] = append(reach[rec.Other], at)
				}
			}
		}
	}
	if reviews != 4*36 {
		t.Errorf("%d reviews, want 4 stages × 36 weeks", reviews)
	}
	// every order reaching a stage within the horizon gives its request
	// record then (after the pipeline's requests, which start the list)
	for src, ts := range reach {
		got := requests[src]
		if len(got) < len(ts) || !slices.Equal(got[len(got)-len(ts):], ts) {
			t.Errorf("%s: requests at %v, want the orders' arrivals %v at the end", src, got, ts)
		}
	}
}
