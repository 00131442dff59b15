package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/urfave/cli/v2"

	"scsim/internal/lab"
	"scsim/output"
	"scsim/scenarios"
)

// labFiles holds the lab's simulator built for the browser and Go's
// wasm_exec.js when "make build" generated them before building scsim
// (see labwasm/README.md); otherwise only the README.
//
//go:embed labwasm
var labFiles embed.FS

// labAssets returns the simulator (gzip) and wasm_exec.js for the lab
// page; tests replace it.
var labAssets = func() (wasm, wasmExec []byte, err error) {
	wasm, err1 := fs.ReadFile(labFiles, "labwasm/lab.wasm.gz")
	wasmExec, err2 := fs.ReadFile(labFiles, "labwasm/wasm_exec.js")
	if err1 != nil || err2 != nil {
		return nil, nil, errNoLab
	}
	return wasm, wasmExec, nil
}

var errNoLab = errors.New(`lab: this scsim was built without the lab's WebAssembly simulator; build it with "make build", which compiles internal/lab/wasm for GOOS=js GOARCH=wasm into cmd/scsim/labwasm/ first (see cmd/scsim/labwasm/README.md)`)

func labCommand() *cli.Command {
	return &cli.Command{
		Name:      "lab",
		Usage:     "write an interactive page that runs a scenario in the browser",
		ArgsUsage: "FILE|NAME",
		Description: `Writes DIR/lab.html: one self-contained page that runs the scenario in a web
browser, offline, with the simulator compiled to WebAssembly inside it. It
needs no server and no network: open it from the file system, or send it to
students as it is.

The page offers the scenario's variants, the numbers its file writes for each
site-item's policy parameters, demand rates and lead times (or a lane's
transit time and order delay) and the items' costs, the replications, the
seed and the horizon. Every change runs the scenario again and redraws the
key numbers (fill rate, cycle service level, backorder rate, average
backorders, mean wait, lost share, on-hand, holding, ordering and total cost
and the bullwhip ratio, each with its 95% confidence interval, rounded as
scsim run rounds them, beside the previous run's) and the stock of a
site-item over time, and shows the "scsim run" line that gives the same
numbers. Its step mode walks through the first 300 events of replication 0,
each with the site-item's levels before and after and the rule that decided
(as "scsim trace" prints them; the page shows that command line too). A run
of the page is refused above 5e8 estimated events.

--replications, --seed and --horizon set the page's starting values (the
student may change them); a short horizon keeps every re-run under a second
for a scenario whose own horizon is long:
  scsim lab rq-single --horizon 3000 --out lab/

Scenarios that read demand history files cannot run in the page.

DIR is written as scsim writes every --out: DIR must be new, empty or hold a
set scsim wrote, which the new one replaces whole.`,
		OnUsageError: onUsageError("lab"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write lab.html into `DIR` (created if missing); required", Action: nonEmptyOut},
			&cli.IntFlag{Name: "replications", Aliases: []string{"n"}, Usage: "start the page at `N` replications", DefaultText: "from the scenario"},
			&cli.Uint64Flag{Name: "seed", Usage: "start the page at master random `SEED`", DefaultText: "from the scenario"},
			&cli.Float64Flag{Name: "horizon", Usage: "start the page at a horizon of `DAYS`", DefaultText: "from the scenario"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not say what was written", DisableDefaultText: true},
		},
		Action: labAction,
	}
}

func labAction(c *cli.Context) error {
	if err := needArgs(c, 1, 1, "one scenario file or bundled name"); err != nil {
		return err
	}
	arg, dir := c.Args().First(), c.String("out")
	if dir == "" {
		return usagef("lab: --out DIR is required: the directory to write lab.html into (see scsim lab --help)")
	}
	wasm, wasmExec, err := labAssets()
	if err != nil {
		return err
	}
	sc, err := openScenario(c, arg) // with the limits of loading from the environment
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return err
		}
		return usageError{err}
	}
	if err := lab.NoFiles(sc); err != nil {
		return usageError{err}
	}
	// the text the page parses: a file wins over a bundled name, as Open
	file, data := arg+".yaml", []byte(nil)
	if sc.Source == "bundled:"+arg {
		data, _ = scenarios.BundledYAML(arg)
	} else {
		file = arg
		if data, err = os.ReadFile(arg); err != nil {
			return err
		}
	}
	// the checks the page makes, here first: the same parser, one
	// description per variant
	psc, err := lab.Parse(file, data)
	if err != nil {
		return usageError{err}
	}
	for _, v := range append([]string{""}, variantNames(psc)...) {
		if _, err := lab.Describe(psc, v); err != nil {
			return usageError{err}
		}
	}
	initial := map[string]string{}
	if c.IsSet("replications") {
		if n := c.Int("replications"); n < 1 || n > lab.MaxReplications {
			return usagef("lab: --replications must be from 1 to %d, got %d", lab.MaxReplications, n)
		}
		initial["replications"] = strconv.Itoa(c.Int("replications"))
	}
	if c.IsSet("seed") {
		initial["seed"] = strconv.FormatUint(c.Uint64("seed"), 10)
	}
	if c.IsSet("horizon") {
		if h := c.Float64("horizon"); !(h > psc.Warmup) || h > lab.MaxHorizon {
			return usagef("lab: --horizon must be a number of %[1]ss beyond the warm-up (%[2]v %[1]ss) and at most %[3]g, got %[4]v", psc.TimeUnitName(), psc.Warmup, lab.MaxHorizon, h)
		}
		initial["horizon"] = strconv.FormatFloat(c.Float64("horizon"), 'g', -1, 64)
	}
	if err := checkOut(dir); err != nil {
		return err
	}
	var page bytes.Buffer
	if err := lab.WritePage(&page, lab.Page{Name: arg, File: file, YAML: data, Initial: initial, WasmGz: wasm, WasmExec: wasmExec}, sc.Name); err != nil {
		return err
	}
	if err := writeFiles(dir, []outFile{{"lab.html", page.Bytes()}}); err != nil {
		return err
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "scsim: wrote %s (%.1f MB): open it in a browser; it runs offline\n",
			output.Printable(filepath.Join(dir, "lab.html")), float64(page.Len())/1e6)
		if note := labSlowNote(psc, initial); note != "" {
			fmt.Fprintln(c.App.ErrWriter, "scsim: "+note)
		}
	}
	return nil
}

// Events estimated for a run of the page (model.EstimateEvents) above
// which scsim lab suggests a shorter horizon, and the estimate it aims
// for: a browser runs 1 to 4 million events a second, and the estimate is
// 1 to 3 times the events run.
const (
	labSlowEvents   = 1e6
	labTargetEvents = 5e5
)

// labSlowNote returns a note suggesting a shorter horizon when the page's
// first run of sc, with the starting values initial, is estimated to take
// more than a second or so; "" otherwise.
func labSlowNote(sc *scenarios.Scenario, initial map[string]string) string {
	req := lab.Request{Seed: initial["seed"]}
	req.Replications, _ = strconv.Atoi(initial["replications"])
	req.Horizon, _ = strconv.ParseFloat(initial["horizon"], 64)
	ev, horizon, warmup, err := lab.Estimate(sc, req)
	if err != nil || ev <= labSlowEvents {
		return ""
	}
	h := warmup + (horizon-warmup)*labTargetEvents/ev
	h, _ = strconv.ParseFloat(strconv.FormatFloat(h, 'g', 2, 64), 64)
	return fmt.Sprintf("note: a run of the page takes about %.2g events, several seconds in a browser; for re-runs within a second, start it at a shorter horizon: --horizon %g (or fewer replications)", ev, h)
}

func variantNames(sc *scenarios.Scenario) []string {
	var names []string
	for _, v := range sc.Variants {
		names = append(names, v.Name)
	}
	return names
}
