package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"
)

// runEvents runs the scsim binary bin with args and the extra environment
// env, and returns the number of events its JSON output reports.
func runEvents(b *testing.B, bin string, env []string, args ...string) float64 {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("scsim %v: %v\n%s", args, err, out)
	}
	var res struct{ Events float64 }
	if err := json.Unmarshal(out, &res); err != nil {
		b.Fatal(err)
	}
	if res.Events <= 0 {
		b.Fatalf("scsim %v reports %v events", args, res.Events)
	}
	return res.Events
}

// BenchmarkPB2Process times PB2 (rq-network, 365 days, 5100 site-items),
// one replication, as a whole process: start-up, loading the bundled
// scenario, the run and the JSON output.
func BenchmarkPB2Process(b *testing.B) {
	bin := buildBinary(b)
	var events float64
	for b.Loop() {
		events += runEvents(b, bin, nil, "run", "rq-network", "-n", "1", "-q", "--format", "json")
	}
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/events, "ns/event")
}

// BenchmarkPB1Replications times 8 replications of PB1 as a whole process
// on one core (GOMAXPROCS=1, -j 1) and then on two (GOMAXPROCS=2, -j 2),
// and reports the speed-up, one core's seconds over two cores'. Perfect
// scaling is 2; on a shared host the second core may be busy, so read it
// with the host's load (scripts/reps.sh times the same runs interleaved).
func BenchmarkPB1Replications(b *testing.B) {
	bin := buildBinary(b)
	args := []string{"run", "rq-single", "-n", "8", "-q", "--format", "json"}
	var one, two time.Duration
	var events float64
	for b.Loop() {
		t := time.Now()
		events += runEvents(b, bin, []string{"GOMAXPROCS=1"}, append(args, "-j", "1")...)
		one += time.Since(t)
		t = time.Now()
		runEvents(b, bin, []string{"GOMAXPROCS=2"}, append(args, "-j", "2")...)
		two += time.Since(t)
	}
	b.ReportMetric(one.Seconds()/float64(b.N), "s-1core/op")
	b.ReportMetric(two.Seconds()/float64(b.N), "s-2cores/op")
	b.ReportMetric(one.Seconds()/two.Seconds(), "speedup")
	b.ReportMetric(events/two.Seconds(), "events/s-2cores")
}
