// Command scsim runs discrete-event supply chain scenarios: customers,
// stocking sites and suppliers under replenishment policies, measuring
// backorders, fill rates, lost sales and costs with confidence intervals.
//
// Run "scsim --help" for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	exitOnInterrupt(os.Stderr)
	err := runApp(os.Stdout, os.Stderr, os.Args)
	if errors.Is(err, errInterrupted) {
		select {} // the interrupt's goroutine exits, now that the files are cleaned
	}
	os.Exit(report(os.Stderr, err))
}

// Exit codes after a signal: 128 plus its number, as shells report it.
const (
	exitInterrupted = 130 // SIGINT (Ctrl-C)
	exitTerminated  = 143 // SIGTERM
)

// exitOnInterrupt makes an interrupt (SIGINT) print "scsim: interrupted"
// to stderr and exit with code 130, and SIGTERM print "scsim: terminated"
// and exit with 143. A run cannot be cancelled half way, but it writes
// nothing until every replication is done, so exiting is safe; if the
// files of --out are being written, the writing stops and its temporary
// directory is removed first (or, once the new set is being moved into
// place, that finishes), so that the directory holds the whole previous
// set or the whole new one and no temporary is left.
func exitOnInterrupt(stderr io.Writer) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-c
		interrupted.Store(true)
		writing.Lock() // held until the exit
		if sig == syscall.SIGTERM {
			fmt.Fprintln(stderr, "scsim: terminated")
			os.Exit(exitTerminated)
		}
		fmt.Fprintln(stderr, "scsim: interrupted")
		os.Exit(exitInterrupted)
	}()
}
