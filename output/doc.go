// Package output formats the results of packages model and stats for people and
// programs: an aligned text table ([WriteTable]), a documented JSON document
// ([WriteJSON], schema "scsim/run/v2", described in docs/json-format.md) and
// tidy CSV ([WriteCSV], [WriteReplicationsCSV]). A [stats.Comparison] of
// variants against a base has the same three forms ([WriteCompareTable],
// [WriteCompareJSON] with schema "scsim/compare/v1", [WriteCompareCSV]).
//
// Plots use gonum.org/v1/plot: [BarChart], [CostBreakdown], [CostVsFill],
// [LevelsOverTime] and [WaitHistogram] build a *plot.Plot, [EncodePlot]
// encodes it as PNG or SVG (the command writes the files, atomically with
// the rest of --out), and [WriteReport] writes one self-contained HTML
// page with the tables and the plots. Each plot's data series are
// computed by a small function of their own, tested exactly. Colours come
// from one colour-blind-safe palette (Okabe–Ito): a variant has the same
// one in every plot ([VariantColor]), and each series of a single run
// (on hand, backorders, orders, receipts, waits, drop-ship delivery
// times, cost parts) has its own. [SelectSKUs] chooses the site-items a
// report plots.
//
// It reads a [stats.Summary] or per-replication [model.Result] values and
// never changes them; it knows nothing of how they were produced (scenario
// files, flags, the engine). Every writer is byte-deterministic: the same
// results always give the same bytes, with no clock and no map order in
// the output. [WriteJSON] and [WriteCSV] write their documents directly
// (numbers with strconv, keys quoted once) through a small buffer, with the
// bytes encoding/json and encoding/csv would write, which their tests
// check; a network of thousands of site-items costs a few allocations.
package output
