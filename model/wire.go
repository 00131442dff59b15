package model

import "slices"

// WaitHistState is the whole state of a [WaitHist], for encodings of
// results outside this package (the partial results of a sharded run):
// [WaitHist.SetState] of [WaitHist.State] gives back an equal histogram.
type WaitHistState struct {
	N        int64
	Sum      float64
	Min, Max float64
	Zero     int64
	Lo       int32
	Counts   []int64
}

// State returns h's state; its Counts are a copy.
func (h *WaitHist) State() WaitHistState {
	return WaitHistState{N: h.n, Sum: h.sum, Min: h.min, Max: h.max, Zero: h.zero, Lo: h.lo, Counts: slices.Clone(h.counts)}
}

// SetState makes h the histogram of state s, keeping s.Counts.
func (h *WaitHist) SetState(s WaitHistState) {
	*h = WaitHist{n: s.N, sum: s.Sum, min: s.Min, max: s.Max, zero: s.Zero, lo: s.Lo, counts: s.Counts}
}
