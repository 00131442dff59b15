package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
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

// runJobs runs every replication of every job on --workers goroutines (the
// number of CPUs by default), with a progress bar on a terminal. Results
// are stored by job and replication index, so they do not depend on the
// number of workers.
func runJobs(c *cli.Context, title string, jobs []job) ran {
	if st, ok := c.App.Metadata[shardKey].(*shardRun); ok {
		return st.runJobs(c, title, jobs) // sharded or merging: see shard.go
	}
	start := time.Now()
	workers := c.Int("workers")
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type task struct{ j, rep int }
	var tasks []task
	out := ran{results: make([][]*model.Result, len(jobs))}
	for j, jb := range jobs {
		out.results[j] = make([]*model.Result, jb.sc.Replications)
		for rep := 0; rep < jb.sc.Replications; rep++ {
			tasks = append(tasks, task{j, rep})
		}
	}
	var prog *model.Progress
	stop := func() {}
	if !c.Bool("quiet") && isTerminal(c.App.ErrWriter) {
		prog = new(model.Progress)
		stop = startProgress(c.App.ErrWriter, title, int64(len(tasks))*model.ProgressSteps, prog)
	}
	// each job's fixed structure, compiled once for all its replications
	plans := make([]*model.Plan, len(jobs))
	for j := range jobs {
		plans[j] = model.Compile(jobs[j].net)
	}
	next := make(chan task)
	var wg sync.WaitGroup
	// a panic in a worker is passed to this goroutine and raised again
	// here, for the command's guard; the other workers skip what is left
	var failed atomic.Pointer[workerPanic]
	for w := 0; w < min(workers, len(tasks)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				if failed.Load() != nil {
					continue
				}
				func() {
					defer func() {
						if v := recover(); v != nil {
							failed.CompareAndSwap(nil, &workerPanic{v, debug.Stack()})
						}
					}()
					hook("replication")
					out.results[t.j][t.rep] = plans[t.j].RunProgress(jobs[t.j].sc.Seed, t.rep, prog)
				}()
			}
		}()
	}
	for _, t := range tasks {
		next <- t
	}
	close(next)
	wg.Wait()
	stop()
	if p := failed.Load(); p != nil {
		panic(*p)
	}
	for j, jb := range jobs {
		if err := model.ResultsErr(out.results[j]); err != nil && out.err == nil {
			out.err = fmt.Errorf("%s: %w", jb.name, err)
		}
		sum := stats.Summarize(jb.net, jb.sc.Seed, out.results[j])
		sum.Fingerprint = jb.sc.Fingerprint()
		out.sums = append(out.sums, sum)
		out.events += sum.Events
	}
	out.wall = time.Since(start)
	return out
}
