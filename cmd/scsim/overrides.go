package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/output"
	"scsim/scenarios"
)

// setFlag is --set, on every command that reads a scenario. usage says
// what it does there: one value per path (run, compare, report,
// validate) or a list of values to sweep.
func setFlag(usage string) cli.Flag {
	return &cli.StringSliceFlag{Name: "set", Usage: usage}
}

// The --set of the commands that take one value per path.
const setUsage = "set the field at `PATH=VALUE` before running, as a variant would (repeatable; later ones win; see \"Variants and field paths\" in docs/scenario-format.md)"

// variantFlag is --variant, with the command's own usage text.
func variantFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "variant", Usage: usage}
}

// sets parses the --set flags of a command that takes one value per path.
// A comma list is refused: it is what scsim sweep runs.
func sets(c *cli.Context) ([]scenarios.Override, error) {
	var out []scenarios.Override
	for _, arg := range c.StringSlice("set") {
		ovs, err := scenarios.ParseOverride(arg)
		if err != nil {
			if !strings.Contains(arg, "=") { // in this command's words, one value
				return nil, usagef("%s: --set %s: expected PATH=VALUE, such as sites[store].stock[widget].policy.reorder_point=30", c.Command.Name, arg)
			}
			return nil, usagef("%s: %v", c.Command.Name, err)
		}
		if len(ovs) > 1 {
			return nil, usagef("%s: --set %s: gives %d values; %s takes one value per --set (quote a value that holds a comma); to run several, use scsim sweep --set PATH=V1,V2,...",
				c.Command.Name, arg, len(ovs), c.Command.Name)
		}
		out = append(out, ovs[0])
	}
	return out, nil
}

// override returns sc with the declared variant called variant applied
// (unless variant is ""), then the overrides on top.
func override(sc *scenarios.Scenario, variant string, ovs []scenarios.Override) (*scenarios.Scenario, error) {
	if variant != "" {
		v, err := sc.Variant(variant)
		if err != nil {
			var el scenarios.ErrorList
			if errors.As(err, &el) {
				return nil, err
			}
			return nil, usagef("--variant %s: %v", variant, err)
		}
		sc = v
	}
	if len(ovs) == 0 {
		return sc, nil
	}
	n, err := sc.With(ovs...)
	if err != nil {
		return nil, usageError{err}
	}
	return n, nil
}

// allowAnyPathFlag lets history files lie outside the scenario's directory.
func allowAnyPathFlag() cli.Flag {
	return &cli.BoolFlag{Name: "allow-any-path", Usage: "let a scenario read demand history files outside its own directory (absolute paths, ..); also SCSIM_ALLOW_ANY_PATH=1", DisableDefaultText: true}
}

// scenarioLimitFlags returns the flags that raise the limits of loading a
// scenario file (see scenarios.MaxScenarioBytes), on every command that
// reads one.
func scenarioLimitFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "max-scenario-size", Value: byteFlag(scenarios.DefaultMaxScenarioBytes), EnvVars: []string{"SCSIM_MAX_SCENARIO_SIZE"},
			Usage: "refuse a scenario file of more than `SIZE` (bytes, or with a suffix K, M, G or T)"},
		&cli.StringFlag{Name: "max-scenario-values", Value: strconv.Itoa(scenarios.DefaultMaxScenarioValues), EnvVars: []string{"SCSIM_MAX_SCENARIO_VALUES"},
			Usage: "refuse a scenario of more than `N` values, each expansion of an alias counted anew (about 1.5 µs and 300 bytes each to load)"},
	}
}

// byteFlag writes a size in bytes as --max-scenario-size takes it: "8M".
func byteFlag(n int64) string {
	for _, u := range []string{"T", "G", "M", "K"} {
		m := int64(1) << (10 * (strings.Index("KMGT", u) + 1))
		if n%m == 0 {
			return strconv.FormatInt(n/m, 10) + u
		}
	}
	return strconv.FormatInt(n, 10)
}

// setScenarioLimits sets the limits of loading a scenario from
// --max-scenario-size and --max-scenario-values, or, on a command without
// them, from their environment variables.
func setScenarioLimits(c *cli.Context) error {
	get := func(name, env string) string {
		if v := c.String(name); v != "" {
			return v
		}
		return os.Getenv(env)
	}
	if v := get("max-scenario-size", "SCSIM_MAX_SCENARIO_SIZE"); v != "" {
		n, err := parseSize(v)
		if err != nil || n < 1 || n >= 1<<62 {
			return usagef("%s: --max-scenario-size: want a size of 1 byte or more, or with a suffix K, M, G or T, such as 64M; got %q", c.Command.Name, v)
		}
		scenarios.MaxScenarioBytes = int64(n)
	}
	if v := get("max-scenario-values", "SCSIM_MAX_SCENARIO_VALUES"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || !(n >= 1 && n <= 1<<53) || n != math.Trunc(n) {
			return usagef("%s: --max-scenario-values must be a whole number >= 1, such as 2e7; got %q", c.Command.Name, v)
		}
		scenarios.MaxScenarioValues = int(n)
	}
	return nil
}

// openScenario opens the scenario file or bundled name arg ("-" for
// standard input), with --allow-any-path and the limits of loading
// taken into account.
func openScenario(c *cli.Context, arg string) (*scenarios.Scenario, error) {
	if c.Bool("allow-any-path") {
		scenarios.AllowAnyPath = true
	}
	if err := setScenarioLimits(c); err != nil {
		return nil, err
	}
	return scenarios.Open(arg)
}

// openOverridden opens the scenario arg with --variant and --set applied.
func openOverridden(c *cli.Context, arg string) (*scenarios.Scenario, error) {
	ovs, err := sets(c)
	if err != nil {
		return nil, err
	}
	sc, err := openScenario(c, arg)
	if err != nil {
		return nil, usageError{err}
	}
	return override(sc, c.String("variant"), ovs)
}

// variantsOf returns the variants of sc to compare with its base: those
// named by --variant, or all.
func variantsOf(c *cli.Context, sc *scenarios.Scenario) ([]string, error) {
	var all []string
	for _, v := range sc.Variants {
		all = append(all, v.Name)
	}
	name := c.String("variant")
	if name == "" {
		return all, nil
	}
	if _, err := sc.Variant(name); err != nil {
		var el scenarios.ErrorList
		if errors.As(err, &el) {
			return nil, err
		}
		return nil, usagef("%s: --variant %s: %v", c.Command.Name, name, err)
	}
	return []string{name}, nil
}

// fingerprintNote is the fingerprint's description in help texts.
const fingerprintNote = `The JSON and CSV outputs carry the scenario's fingerprint: a hash of the
scenario as run, after --variant, --set and the flags, that ignores comments,
layout, key order and the file's name, and leaves out the seed and the
replications (reported beside it). Equal fingerprints and seeds mean equal
inputs.`

// describeSet is the help paragraph on --set and --variant of the
// commands that take one value per path.
func describeSet(cmd string) string {
	return fmt.Sprintf(`--set PATH=VALUE changes one field before the run, with the paths of a
scenario's variants (one value each; scsim sweep runs lists of values):
  scsim %s rq-single --set 'sites[store].stock[widget].policy.reorder_point=40'
--variant NAME applies a variant declared in the file first, then the --set
on top.`, cmd)
}

// metaOf is the output header of scenario sc as run.
func metaOf(sc *scenarios.Scenario) output.Meta {
	return output.Meta{Version: version, Source: sc.Source, Description: sc.Description, Fingerprint: sc.Fingerprint(), TimeUnit: timeUnit(sc)}
}

// timeUnit is the time unit outputs label sc's times with: its time_unit,
// or "" for days.
func timeUnit(sc *scenarios.Scenario) string {
	if sc.TimeUnit == "day" {
		return ""
	}
	return sc.TimeUnit
}
