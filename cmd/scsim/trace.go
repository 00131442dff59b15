package main

import (
	"bufio"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
)

// defaultTraceLimit is the number of records scsim trace prints unless
// --limit says otherwise.
const defaultTraceLimit = 200

func traceCommand() *cli.Command {
	return &cli.Command{
		Name:      "trace",
		Usage:     "print the events of one replication, each with the rule that decided it",
		ArgsUsage: "FILE|NAME",
		Description: `Runs one replication of the scenario and prints its events in time order: every
customer order, replenishment order, review, receipt, cancellation, substitute
and outage, with the site-item's levels before and after (on hand,
backorders, on order, inventory position) and, for each decision, the rule
that made it in words and numbers ("scsim trace rq-single --from 62 --to 62.14"):

  t=62.09 store/widget demand: customer wants 1, 0 on hand: backorder 1 (queue 4)
        on hand 0 · backorders 3 → 4 · on order 40 · position 37 → 36
  t=62.09 store/widget review: position 36 ≤ r = 36, order Q = 40 from factory, due 66.09
        on hand 0 · backorders 4 · on order 40 → 80 · position 36 → 76
  t=62.13 store/widget receipt: receipt 40: serve 4 backordered to 4 waiting orders (longest
        waited 0.16 d), on hand 36
        on hand 0 → 36 · backorders 4 → 0 · on order 80 → 40 · position 76

Continuous reviews that order nothing are not printed (one follows every
customer order); periodic reviews are, order or not.

--from and --to keep the events at times from <= t < to; --items keeps the
site-items SITE/ITEM,... (outages and the end of the warm-up are always
kept). At most --limit records are printed (0: all), and the trace says how
many more it left out. --format text (readable at 100 columns), jsonl (one
JSON object per line) or csv (one row per record); docs/trace.md describes
their fields for your own analysis. The events are the run's: the trace of
replication R with seed S is the replication R that "scsim run --seed S"
counts.

` + describeSet("trace"),
		OnUsageError: onUsageError("trace"),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "print `FORMAT`: text, jsonl or csv"},
			&cli.Float64Flag{Name: "from", Usage: "print events at times >= `T` days (or the scenario's time_unit)", DefaultText: "0"},
			&cli.Float64Flag{Name: "to", Usage: "print events at times < `T` days (or the scenario's time_unit)", DefaultText: "the horizon"},
			&cli.StringSliceFlag{Name: "items", Usage: "print only the site-items `SITE/ITEM,...`", DefaultText: "all"},
			&cli.IntFlag{Name: "limit", Value: defaultTraceLimit, Usage: "print at most `N` records (0: all)"},
			&cli.IntFlag{Name: "replication", Aliases: []string{"r"}, Usage: "trace replication `R` (from 0)"},
			&cli.Uint64Flag{Name: "seed", Usage: "master random `SEED`", DefaultText: "from the scenario"},
			&cli.Float64Flag{Name: "horizon", Usage: "simulated `DAYS`", DefaultText: "from the scenario"},
			&cli.Float64Flag{Name: "warmup", Usage: "`DAYS` after which statistics start", DefaultText: "from the scenario"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "with jsonl or csv, do not print the count of records on stderr", DisableDefaultText: true},
			allowAnyPathFlag(),
			setFlag(setUsage),
			variantFlag("trace the variant `NAME` declared in the scenario instead of its base"),
		}, scenarioLimitFlags()...),
		Action: traceAction,
	}
}

func traceAction(c *cli.Context) error {
	if err := needArgs(c, 1, 1, "one scenario file or bundled name"); err != nil {
		return err
	}
	format := c.String("format")
	if !slices.Contains(output.TraceFormats, format) {
		return usagef("trace: --format must be one of %s, got %q", strings.Join(output.TraceFormats, ", "), format)
	}
	limit := c.Int("limit")
	if limit < 0 {
		return usagef("trace: --limit must be a whole number >= 0 (0: all), got %d", limit)
	}
	rep := c.Int("replication")
	if rep < 0 {
		return usagef("trace: --replication must be a whole number >= 0, got %d", rep)
	}
	sc, err := loadScenario(c)
	if err != nil {
		return err
	}
	net, err := sc.Build()
	if err != nil {
		return usageError{err}
	}
	from, to := 0.0, net.Horizon
	if c.IsSet("from") {
		from = c.Float64("from")
	}
	if c.IsSet("to") {
		to = c.Float64("to")
	}
	if !(from >= 0) || math.IsInf(from, 0) || !(to > from) || math.IsInf(to, 0) {
		return usagef("trace: --from and --to must be times in %ss with 0 <= from < to, got from %v, to %v", sc.TimeUnitName(), from, to)
	}
	var items []string
	for _, v := range c.StringSlice("items") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				items = append(items, n)
			}
		}
	}
	var keep []bool // by site-item; nil for all
	if len(items) > 0 {
		skus, err := output.SelectSKUs(namesOnly(net), items)
		if err != nil {
			return usagef("trace: --items: %v", err)
		}
		keep = make([]bool, len(net.SKUs()))
		for _, i := range skus {
			keep[i] = true
		}
	}

	w := bufio.NewWriter(c.App.Writer)
	tw, err := output.NewTraceWriter(w, format)
	if err != nil {
		return usageError{err}
	}
	name := net.Name
	if sc.VariantName != "" {
		name += "/" + sc.VariantName
	}
	tw.Header(output.TraceHeader{Scenario: name, Replication: rep, Seed: sc.Seed, From: from, To: min(to, net.Horizon),
		Items: items, Horizon: net.Horizon, Warmup: net.Warmup, TimeUnit: timeUnit(sc)})
	shown, leftOut := 0, 0
	model.Compile(net).RunEvents(sc.Seed, rep, func(r model.TraceRecord) bool {
		if r.T >= to {
			return false // the rest is later still: stop the run
		}
		if r.T < from || keep != nil && r.SKU >= 0 && !keep[r.SKU] {
			return true
		}
		if limit > 0 && shown >= limit {
			leftOut++
			return true
		}
		shown++
		tw.Record(&r)
		return true
	})
	tw.Footer(shown, leftOut, limit)
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if format != "text" && !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "scsim: %s\n", output.TraceSummary(shown, leftOut, limit))
	}
	return nil
}
