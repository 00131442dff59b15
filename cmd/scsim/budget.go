package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/model"
)

// The default limits of a run, checked before anything runs (see
// [checkBudget]). A run processes 4 to 20 million events a second per
// core on the bundled scenarios (4 on rq-network, 19 on rq-single), so
// 2e10 events take from about 10 minutes (a single site-item on 2 cores)
// to about an hour (a network).
const (
	defaultMaxEvents = 2e10
	defaultMaxMemory = 4 << 30 // bytes of results kept until the run ends
	defaultMaxPoints = 10000   // points of a sweep's grid
)

func init() {
	flagValues["max-events"] = "a number of events > 0, such as 5e10"
	flagValues["max-points"] = "a whole number >= 1"
}

// budgetFlags returns the flags that raise the limits of a run.
func budgetFlags() []cli.Flag {
	return []cli.Flag{
		&cli.Float64Flag{Name: "max-events", Value: defaultMaxEvents, EnvVars: []string{"SCSIM_MAX_EVENTS"},
			Usage: "refuse, before running, a run estimated to process more than `N` events in all (about an hour here at the default)"},
		&cli.StringFlag{Name: "max-memory", Value: "4G", EnvVars: []string{"SCSIM_MAX_MEMORY"},
			Usage: "refuse, before running, a run whose results would take more than `SIZE` of memory (bytes, or with a suffix K, M, G or T)"},
	}
}

// budget is what a run is estimated to cost, summed over its jobs.
type budget struct {
	events, bytes float64
	runs, reps    int     // scenarios run and their replications in all
	perRep        float64 // events of one replication of the largest job
}

// add counts reps replications of net, times times (for optimize's
// evaluations).
func (b *budget) add(net *model.Network, reps int, times int) {
	ev := model.EstimateEvents(net)
	b.events += ev * float64(reps) * float64(times)
	b.bytes += model.EstimateBytes(net, reps) // results are kept per job, not across optimize's batches
	b.runs += times
	b.reps += reps * times
	b.perRep = max(b.perRep, ev)
}

// jobsBudget returns the budget of running jobs.
func jobsBudget(jobs []job) budget {
	var b budget
	for _, jb := range jobs {
		b.add(jb.net, jb.sc.Replications, 1)
	}
	return b
}

// checkBudget refuses a run whose estimated events or memory exceed the
// limits of --max-events and --max-memory, with the estimate and how to
// raise them: a usage error (exit 2) before anything runs.
func checkBudget(c *cli.Context, b budget) error {
	cmd := c.Command.Name
	maxEvents := c.Float64("max-events")
	if !(maxEvents > 0) {
		return usagef("%s: --max-events must be a number of events > 0, got %v", cmd, maxEvents)
	}
	maxMemory, err := parseSize(c.String("max-memory"))
	if err != nil {
		return usagef("%s: --max-memory: %v", cmd, err)
	}
	what := fmt.Sprintf("%d replication(s)", b.reps)
	if b.runs > 1 {
		what = fmt.Sprintf("%d runs, %d replications in all", b.runs, b.reps)
	}
	if !(b.events <= maxEvents) {
		return usagef("%s: the run would process about %s events (%s, up to %s events each), more than the limit of %s (about an hour here);\n"+
			"shorten the horizon, lower the demand rates or the replications, lengthen the review periods, or raise the limit with --max-events N (or SCSIM_MAX_EVENTS=N)",
			cmd, count(b.events), what, count(b.perRep), count(maxEvents))
	}
	if !(b.bytes <= maxMemory) {
		return usagef("%s: the run would keep about %s of results (%s), more than the limit of %s;\n"+
			"run fewer replications or runs, or raise the limit with --max-memory SIZE (or SCSIM_MAX_MEMORY=SIZE)",
			cmd, bytesText(b.bytes), what, bytesText(maxMemory))
	}
	return nil
}

// count formats a large count for a message: "3.2e+10", "1200".
func count(v float64) string {
	if math.IsInf(v, 1) {
		return "infinitely many"
	}
	if v < 1e6 {
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// bytesText formats a size in bytes: "1.5 TB", "512 MB".
func bytesText(v float64) string {
	for _, u := range []string{"B", "kB", "MB", "GB", "TB", "PB"} {
		if v < 1000 || u == "PB" {
			return strconv.FormatFloat(v, 'g', 3, 64) + " " + u
		}
		v /= 1000
	}
	return ""
}

// parseSize reads a size in bytes, with an optional suffix K, M, G or T
// (powers of 1024; a trailing B or iB is allowed): "4G", "512MiB", "1e9".
func parseSize(s string) (float64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "IB"), "B")
	mult := 1.0
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = math.Pow(1024, float64(i+1))
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("want a size > 0 in bytes, or with a suffix K, M, G or T, such as 8G; got %q", s)
	}
	return v * mult, nil
}

// checkPoints refuses a sweep grid of more than --max-points points
// before any point is built.
func checkPoints(c *cli.Context, axes []sweepAxis) error {
	limit := c.Int("max-points")
	if limit < 1 {
		return usagef("sweep: --max-points must be >= 1, got %d", limit)
	}
	n := 1.0
	var sizes []string
	for _, ax := range axes {
		n *= float64(len(ax.steps))
		sizes = append(sizes, strconv.Itoa(len(ax.steps)))
	}
	if n > float64(limit) {
		return usagef("sweep: the grid has %s points (%s values), more than the limit of %d; give fewer values, link paths that vary together with +PATH, or raise the limit with --max-points N",
			count(n), strings.Join(sizes, " × "), limit)
	}
	return nil
}
