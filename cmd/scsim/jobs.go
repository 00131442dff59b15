package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/scenarios"
	"scsim/stats"
)

// job is one scenario to run: a base, a variant or a sweep point.
type job struct {
	name string
	sc   *scenarios.Scenario
	net  *model.Network
}

// ran is what running the jobs gave, in job order.
type ran struct {
	results [][]*model.Result
	sums    []*stats.Summary
	events  uint64
	wall    time.Duration
	// err is the first replication that counted beyond what a run
	// counts exactly (a model.OverflowError), in job order
	err error
}

// runJobs runs every replication of every job with [model.RunBatches] on
// --workers goroutines (the number of CPUs by default), with a progress
// bar on a terminal. Results are stored by job and replication index, so
// they do not depend on the number of workers.
func runJobs(c *cli.Context, title string, jobs []job) ran {
	if st, ok := c.App.Metadata[shardKey].(*shardRun); ok {
		return st.runJobs(c, title, jobs) // sharded or merging: see shard.go
	}
	start := time.Now()
	out := ran{}
	batches := make([]model.Batch, len(jobs))
	total := 0
	for j, jb := range jobs {
		// each job's fixed structure, compiled once for all its replications
		batches[j] = model.Batch{Plan: model.Compile(jb.net), Seed: jb.sc.Seed, Replications: jb.sc.Replications}
		total += jb.sc.Replications
	}
	var prog *model.Progress
	stop := func() {}
	if !c.Bool("quiet") && isTerminal(c.App.ErrWriter) {
		prog = new(model.Progress)
		stop = startProgress(c.App.ErrWriter, title, int64(total)*model.ProgressSteps, prog)
	}
	func() {
		defer stop()
		out.results = model.RunBatches(batches, c.Int("workers"), prog, func() { hook("replication") })
	}()
	return summarizeJobs(jobs, out.results, start)
}
