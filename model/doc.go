// Package model is the supply chain: items, suppliers, stocking sites,
// customer demand streams, backorder queues, replenishment policies and the
// counters of one replication, together with the event handler that gives
// each event kind of package sim its meaning.
//
// A [Network] is plain data, built once (usually by package scenarios) and
// shared read-only by every replication. [Compile] turns it into a [Plan],
// its fixed structure (site-items, streams, echelons, sources, hashed
// random stream keys, priority classes) built once; [Plan.Run] simulates
// one replication from it, allocating only that replication's state, and
// returns its raw [Result]: the [Counters] of every site-item and demand
// stream, from which [Counters.Metrics] derives the figures of [Metrics].
// [Run] and [RunAll] compile for you. Model produces raw results only:
// package stats turns many replications into means with 95% confidence
// half-widths, roll-ups and paired comparisons.
//
// The event handler is split by concern: events.go (event kinds and their
// dispatch), demand.go (customer orders), replenish.go (reviews, orders,
// shipping, receipts), accounting.go (levels over time, daily flows,
// warm-up reset, the result), state.go (a replication's state and its
// setup from a plan), rng.go (random streams as plain PCG values). A
// site-item's state is split hot and cold: what most events touch fits in
// two cache lines, counters and optional features live apart.
//
// It knows nothing of YAML, files, statistics over replications or
// plotting.
package model
