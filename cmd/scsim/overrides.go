package main

import (
	"errors"
	"fmt"
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

// openScenario opens the scenario file or bundled name arg, with
// --allow-any-path taken into account.
func openScenario(c *cli.Context, arg string) (*scenarios.Scenario, error) {
	if c.Bool("allow-any-path") {
		scenarios.AllowAnyPath = true
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
