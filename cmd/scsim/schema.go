package main

import (
	"github.com/urfave/cli/v2"

	"scsim/scenarios"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:         "schema",
		Usage:        "print the JSON Schema of scenario files, for editors",
		OnUsageError: onUsageError("schema"),
		Description: `Prints a JSON Schema (draft 2020-12) of the scenario format, generated from
the definitions scsim's own decoder uses: every field with its meaning, unit
and default, the policy and distribution types with the parameters each takes,
the allowed words and simple bounds. With it an editor completes and checks
scenario files as they are typed. Save it once and point yaml-language-server
(VS Code's YAML extension, Neovim, Emacs, ...) at it, in the file's first line:

  scsim schema > scenario.schema.json
  # yaml-language-server: $schema=scenario.schema.json

The schema checks less than "scsim validate": references between names, the
network, demand history files and variants' overrides are left to scsim.`,
		Action: func(c *cli.Context) error {
			if err := needArgs(c, 0, 0, "no arguments"); err != nil {
				return err
			}
			_, err := c.App.Writer.Write(scenarios.Schema())
			return err
		},
	}
}
