// Package output formats the results of package model for people and
// programs: an aligned text table ([WriteTable]), a documented JSON document
// ([WriteJSON], schema "scsim/run/v1", described in docs/json-format.md) and
// tidy CSV ([WriteCSV], [WriteReplicationsCSV]). Plots and the HTML report
// will live here too.
//
// It reads a [model.Summary] or per-replication [model.Result] values and
// never changes them; it knows nothing of how they were produced (scenario
// files, flags, the engine). Every writer is byte-deterministic: the same
// results always give the same bytes, with no clock and no map order in
// the output.
package output
