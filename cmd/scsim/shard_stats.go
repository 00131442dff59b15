package main

import (
	"fmt"
	"scsim/stats"
	"time"

	"scsim/model"
)

// summarizeJobs is the end of [runJobs] for results that a sharded run
// computed elsewhere: each job's summary from its replications, the events
// and the first overflow, exactly as runJobs makes them, so that a merge
// prints what the unsharded command prints. This file is the sharding's
// one call into the statistics.
func summarizeJobs(jobs []job, results [][]*model.Result, start time.Time) ran {
	out := ran{results: results}
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
