package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"scsim/model"
	"scsim/scenarios"
)

// TestEstimateBundled compares the estimate of events with the events a
// replication of every bundled scenario processes: the estimate is above
// (give or take the noise of random arrivals) and within a factor of 4.
func TestEstimateBundled(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		sc, err := scenarios.Open(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		net, err := sc.Build()
		if err != nil {
			t.Fatal(err)
		}
		net.Horizon = min(net.Horizon, 1000)
		if len(net.SKUs()) > 20 {
			net.Horizon = 60 // rq-network: 2.5 s at 1000 days
		}
		net.Warmup = min(net.Warmup, net.Horizon/2)
		ran := float64(model.Run(net, sc.Seed, 0).Events)
		est := model.EstimateEvents(net)
		if !(est >= 0.95*ran && est <= 4*ran) {
			t.Errorf("%s: estimate %v events, a replication ran %v", b.Name, est, ran)
		}
	}
}

// TestBudgetRefusals runs what would take hours or all the memory: each
// is refused at once, exit 2, with the estimate and how to raise the
// limit; and a raised limit lets a run through.
func TestBudgetRefusals(t *testing.T) {
	rp := "sites[store].stock[widget].policy.reorder_point="
	var big []string
	for i := range 2000 {
		big = append(big, strconv.Itoa(i+1))
	}
	grid := strings.Join(big, ",")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"horizon 1e12", []string{"run", "rq-single", "--horizon", "1e12"}, []string{"about 1.6e+14 events (10 replication(s), up to 1.6e+13 events each)", "limit of 2e+10", "--max-events N", "SCSIM_MAX_EVENTS"}},
		{"rate 1e6", []string{"run", "rq-single", "--set", "sites[store].stock[widget].demand[0].rate=1e6"}, []string{"events", "--max-events"}},
		{"replications 1e9", []string{"run", "rq-single", "-n", "1000000000"}, []string{"1000000000 replication(s)", "--max-events"}},
		{"replications 1e9, short", []string{"run", "rq-single", "-n", "1000000000", "--horizon", "1", "--warmup", "0"}, []string{"of results", "--max-memory SIZE"}},
		{"compare", []string{"compare", "what-if", "--horizon", "1e9"}, []string{"5 runs", "--max-events"}},
		{"report", []string{"report", "rq-single", "--horizon", "1e9", "--out", "x"}, []string{"--max-events"}},
		{"sweep grid", []string{"sweep", "rq-single", "--set", rp + grid, "--set", "sites[store].stock[widget].policy.order_quantity=" + grid}, []string{"4e+06 points (2000 × 2000 values)", "limit of 10000", "--max-points N"}},
		{"sweep events", []string{"sweep", "rq-single", "--horizon", "1e9", "--set", rp + "30,40"}, []string{"2 runs", "--max-events"}},
		{"optimize", []string{"optimize", "rq-single", "--horizon", "1e8", "--vary", rp + "30:40", "--minimize", "total_cost"}, []string{"runs", "--max-events"}},
		{"lowered limit", []string{"run", "rq-single", "--max-events", "1000"}, []string{"limit of 1000 "}},
		{"bad limit", []string{"run", "rq-single", "--max-events", "0"}, []string{"--max-events must be"}},
		{"bad memory", []string{"run", "rq-single", "--max-memory", "lots"}, []string{"--max-memory: want a size"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, stderr, code := run(t, append(tt.args, "-q")...)
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %v, want a refusal at once", el)
			}
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
	// raised by the flag and by the environment
	if _, stderr, code := run(t, "run", "rq-single", "--horizon", "2000", "-n", "2", "--max-events", "1e6", "-q"); code != 0 {
		t.Errorf("--max-events 1e6 over 6.4e5 estimated: exit %d, %s", code, stderr)
	}
	t.Setenv("SCSIM_MAX_EVENTS", "1000")
	if _, stderr, code := run(t, "run", "rq-single", "--horizon", "2000", "-q"); code != 2 || !strings.Contains(stderr, "limit of 1000 ") {
		t.Errorf("SCSIM_MAX_EVENTS=1000: exit %d, %s; want the limit of 1000", code, stderr)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]float64{"4G": 4 << 30, "512MiB": 512 << 20, "1e9": 1e9, "2kb": 2048, "1T": math.Pow(1024, 4)} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "G", "-1G", "inf", "NaN", "4X"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
