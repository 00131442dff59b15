// Package model is the supply chain: items, suppliers, stocking sites,
// customer demand streams, backorder queues, replenishment policies and the
// metric accumulators, together with the event handler that gives each
// event kind of package sim its meaning.
//
// A [Network] is plain data, built once (usually by package scenarios) and
// shared read-only by every replication. [Run] simulates one replication and
// returns its raw [Counters]; [Summarize] turns many replications into means
// with 95% confidence half-widths.
//
// It knows nothing of YAML, files or plotting.
package model
