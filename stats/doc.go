// Package stats says what many replications of a network say: it turns
// the raw results of package model (one [model.Result] per replication)
// into estimates, and pairs replications for comparisons.
//
//   - [Estimate] is a metric's mean over replications with the half-width
//     of its 95% confidence interval (Student t, [Estimate95]).
//   - [Summarize] builds a [Summary]: an estimate of every metric of
//     every site-item, demand stream and roll-up (echelons, sites, items)
//     and of the customers' total (see [CustomerCounters] for the rule of
//     a total), with the conservation check and, for learning policies,
//     their parameters at the horizon.
//   - [Summary.Scope] and [Summary.Scopes] name the parts of a summary a
//     question is asked of, with their per-replication values.
//   - [Compare] and [PairedDiffs] give the paired differences of variants
//     from a base run with the same seed (common random numbers).
//   - [CheckTarget] and [SKUSummary.TargetCheck] judge a policy's service
//     target against what it achieved.
//   - [ShownMetrics] and [StreamMetric] say which metrics output shows.
//
// It knows nothing of scenario files, the engine or output formats.
package stats
