// Package model is the supply chain: items, suppliers, stocking sites,
// customer demand streams, backorder queues, replenishment policies and the
// metric accumulators, together with the event handler that gives each
// event kind of package sim its meaning.
//
// A [Network] is plain data, built once (usually by package scenarios) and
// shared read-only by every replication. [Compile] turns it into a [Plan],
// its fixed structure (site-items, streams, echelons, sources, hashed
// random stream keys, priority classes) built once; [Plan.Run] simulates
// one replication from it, allocating only that replication's state, and
// returns its raw [Counters]. [Run] and [RunAll] compile for you.
// [Summarize] turns many replications into means with 95% confidence
// half-widths.
//
// The event handler is split by concern: events.go (event kinds and their
// dispatch), demand.go (customer orders), replenish.go (reviews, orders,
// shipping, receipts), accounting.go (levels over time, daily flows,
// warm-up reset, the result), state.go (a replication's state and its
// setup from a plan), rng.go (random streams as plain PCG values). A
// site-item's state is split hot and cold: what most events touch fits in
// two cache lines, counters and optional features live apart.
//
// It knows nothing of YAML, files or plotting.
package model
