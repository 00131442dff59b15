// Package sim implements a deterministic discrete-event engine: a simulation
// clock, an event queue ordered by (time, priority, sequence), a run loop and
// seeded random streams.
//
// It knows nothing about inventory; package model gives each event kind its
// meaning by implementing [Handler].
//
// Events are small value structs kept in a typed 4-ary heap, so scheduling
// and processing an event allocates nothing once the heap has grown to its
// working size. One [Sim] is single-threaded; parallelism belongs across
// independent replications, each with its own Sim.
package sim
