package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"scsim/model"
	"scsim/output"
)

// Progress display timing: runs shorter than progressDelay show nothing;
// longer ones redraw the bar every progressEvery.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
	progressWidth = 30
)

// isTerminal reports whether w is a terminal (a character device), where a
// progress bar may be drawn; pipes and files get none.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// startProgress draws a progress bar for p on w once a run has lasted
// progressDelay, until the returned stop is called, which erases it.
func startProgress(w io.Writer, name string, total int64, p *model.Progress) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		select {
		case <-done:
			return
		case <-time.After(progressDelay):
		}
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		width := 0
		for {
			line := progressLine(name, p.Steps(), total, time.Since(start))
			fmt.Fprint(w, "\r"+line)
			width = max(width, len(line))
			select {
			case <-done:
				fmt.Fprint(w, "\r"+strings.Repeat(" ", width)+"\r")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progressLine formats one state of the bar:
// "scsim: rq-network [#######.......]  45%  3.2 s".
func progressLine(name string, steps, total int64, elapsed time.Duration) string {
	frac := 0.0
	if total > 0 {
		frac = min(1, float64(steps)/float64(total))
	}
	n := int(frac * progressWidth)
	return fmt.Sprintf("scsim: %s [%s%s] %3d%%  %.1f s", output.Printable(name),
		strings.Repeat("#", n), strings.Repeat(".", progressWidth-n), int(frac*100), elapsed.Seconds())
}
