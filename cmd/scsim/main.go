// Command scsim runs discrete-event supply chain scenarios: customers,
// stocking sites and suppliers under replenishment policies, measuring
// backorders, fill rates, lost sales and costs with confidence intervals.
//
// Run "scsim --help" for the commands.
package main

import "os"

func main() {
	err := runApp(os.Stdout, os.Stderr, os.Args)
	os.Exit(report(os.Stderr, err))
}
