package main

import (
	"fmt"
	"io"
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
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
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
