package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// runApp runs scsim with args (args[0] is the program name). Flags may come
// before or after a command's arguments ("scsim run my.yaml -n 20"): the
// underlying flag parser stops at the first argument, so flags are moved in
// front of the arguments first. Everything after "--" stays an argument.
//
// A panic anywhere becomes an internal error (exit code 4); those in a
// command's action are caught there (see [guard]), with the scenario's
// fingerprint.
func runApp(stdout, stderr io.Writer, args []string) (err error) {
	app := newApp(stdout, stderr)
	defer func() {
		if v := recover(); v != nil {
			err = recovered(app, v)
		}
	}()
	args, err = intersperse(app, args)
	if err != nil {
		return err
	}
	return app.Run(args)
}

// intersperse returns args with the flags of the command args[1] moved
// before its positional arguments. A flag that takes a value but ends the
// line is a usage error: moved in front of the "--" that marks the
// arguments, it would take "--" as its value.
func intersperse(app *cli.App, args []string) ([]string, error) {
	if len(args) < 3 {
		return args, nil
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args, nil
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, name := range f.Names() {
			takesValue[name] = !isBool
		}
	}
	var flags, positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if _, known := takesValue[name]; !known && name != "help" && name != "h" && name != "" {
			return nil, unknownFlag(cmd.Name, a, takesValue)
		}
		if hasValue {
			continue
		}
		if takesValue[name] {
			if i+1 == len(rest) {
				return nil, flagError(cmd.Name, fmt.Errorf("flag needs an argument: %s", a))
			}
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	if len(positional) > 0 {
		out = append(append(out, "--"), positional...)
	}
	return out, nil
}

// unknownFlag is the error for the unknown flag typed as a in command
// cmd, whose flags are the keys of takesValue (true for those that take a
// value). It quotes a as typed, and suggests "-j 1" for "-j1": the flag
// package reads "-j1" as a flag named j1, not as -j with the value 1.
func unknownFlag(cmd, a string, takesValue map[string]bool) error {
	typed, _, _ := strings.Cut(a, "=")
	name := strings.TrimLeft(typed, "-")
	hint := ""
	if short := name[:1]; len(name) > 1 && takesValue[short] {
		hint = fmt.Sprintf("did you mean -%s %s? A short flag takes its value after a space or =; ", short, name[1:])
	} else {
		var names []string
		for n := range takesValue {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		if near := nearestName(name, names); near != "" && len(name) > 2 {
			hint = fmt.Sprintf("did you mean --%s? ", near)
		}
	}
	return usagef("%s: unknown flag %s (%ssee scsim %s --help)", cmd, typed, hint, cmd)
}
