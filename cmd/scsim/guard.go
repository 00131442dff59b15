package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/output"
	"scsim/scenarios"
)

// exitInternal is the exit code of an internal error: a panic, which is a
// bug in scsim whatever the input.
const exitInternal = 4

// debugEnv names the environment variable that, set to 1, makes an
// internal error print its stack trace.
const debugEnv = "SCSIM_DEBUG"

// internalError is a panic recovered at the command boundary. Its message
// asks for a report, with the scenario's fingerprint and scsim's version.
type internalError struct {
	val         any
	stack       []byte
	fingerprint string // "" if no scenario was open
}

func (e internalError) Error() string {
	fp := e.fingerprint
	if fp == "" {
		fp = "none: no scenario was loaded yet"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "internal error: %s\n", output.Printable(fmt.Sprint(e.val)))
	fmt.Fprintf(&b, "this is a bug in scsim %s, not a problem with the input; please report it with this message and the scenario (fingerprint %s); nothing was written to --out\n", version, fp)
	if os.Getenv(debugEnv) == "1" {
		b.WriteString(output.Printable(strings.TrimSpace(string(e.stack))))
	} else {
		fmt.Fprintf(&b, "run again with %s=1 to print the stack trace", debugEnv)
	}
	return b.String()
}

// hook, when not nil, is called at named points of a command ("render",
// before output is rendered; "replication", in a worker before each
// replication), so that tests can inject a panic.
var hook = func(point string) {}

// scenarioKey is where a command keeps, in its app's Metadata, the
// scenario it runs, for the fingerprint of an internal error.
const scenarioKey = "scenario"

// setScenario records sc as the scenario that c runs.
func setScenario(c *cli.Context, sc *scenarios.Scenario) {
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[scenarioKey] = sc
}

// recovered turns the value v of a recovered panic into an internalError.
func recovered(app *cli.App, v any) internalError {
	e := internalError{val: v, stack: debug.Stack()}
	if wp, ok := v.(model.ReplicationPanic); ok { // raised again from a worker, with its stack
		e.val, e.stack = wp.Value, wp.Stack
	}
	if app != nil {
		if sc, ok := app.Metadata[scenarioKey].(*scenarios.Scenario); ok {
			func() {
				defer func() { recover() }() // the fingerprint is best effort
				e.fingerprint = sc.Fingerprint()
			}()
		}
	}
	return e
}

// guard wraps a command's action so that a panic becomes an internalError
// (exit code 4) instead of a crash.
func guard(action cli.ActionFunc) cli.ActionFunc {
	if action == nil {
		return nil
	}
	return func(c *cli.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = recovered(c.App, v)
			}
		}()
		return action(c)
	}
}

// guardActions guards the actions of app and of each of its commands.
func guardActions(app *cli.App) {
	app.Action = guard(app.Action)
	for _, cmd := range app.Commands {
		cmd.Action = guard(cmd.Action)
	}
}
