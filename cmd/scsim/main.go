// Command scsim runs discrete-event supply chain scenarios: customers,
// stocking sites and suppliers under replenishment policies, measuring
// backorders, fill rates, lost sales and costs with confidence intervals.
//
// Run "scsim --help" for the commands.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	exitOnInterrupt(os.Stderr)
	err := runApp(os.Stdout, os.Stderr, os.Args)
	os.Exit(report(os.Stderr, err))
}

// exitInterrupted is the exit code after an interrupt (Ctrl-C): 128 plus
// SIGINT's number, as shells report it.
const exitInterrupted = 130

// exitOnInterrupt makes an interrupt print "scsim: interrupted" to stderr
// and exit with code 130. A run cannot be cancelled half way, but it
// writes nothing until every replication is done, so exiting is safe; if
// the files of --out are being written, they are all written first, so
// that the directory never holds half a set.
func exitOnInterrupt(stderr io.Writer) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go func() {
		<-c
		writing.Lock() // held until the exit
		fmt.Fprintln(stderr, "scsim: interrupted")
		os.Exit(exitInterrupted)
	}()
}
