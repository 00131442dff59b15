// Package sim implements a deterministic discrete-event engine: a simulation
// clock, an event queue ordered by (time, priority, sequence), a run loop and
// seeded random streams.
//
// It knows nothing about inventory; package model gives each event kind its
// meaning by implementing [Handler].
//
// Events are small value structs. The queue is a radix heap over the bits
// of event times, in digits of four bits, with a short sorted run (a binary heap when many share
// an instant) for the events at the earliest time, so scheduling and processing an event take O(1) amortized work and
// allocate nothing once the queue has grown to its working size. One [Sim]
// is single-threaded; parallelism belongs across independent replications,
// each with its own Sim.
//
// The next event is found as soon as the current one is taken out, so a
// [Prefetcher] can learn it before the current one is handled and start
// loading its state: when that state does not fit in the processor's
// caches, those loads then overlap the current event's work.
package sim
