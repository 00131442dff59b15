package model

import (
	"math"
	"slices"
)

// WaitHist is the distribution of a set of waits, in days, kept in
// bounded memory however many waits it holds: their exact count, sum,
// smallest and largest, and a histogram of logarithmic buckets each
// [WaitGrowth] times as wide as the one before, from which quantiles are
// read within [WaitRelErr] of the exact value. Histograms add: the sum of
// two is the histogram of both sets of waits.
//
// Waits below [WaitFloor] days share one bucket, read as the smallest
// wait, so a quantile among them is within WaitFloor days. Memory grows
// with the logarithm of the largest wait over the smallest (about 116
// buckets of 8 bytes per factor of ten), not with the number of waits.
//
// The zero value is an empty histogram. A copy shares its buckets with
// the original: [WaitHist.Add] into a copy changes both, so copy with
// [WaitHist.Clone] what is added to.
type WaitHist struct {
	n        int64
	sum      float64
	min, max float64
	zero     int64   // waits below WaitFloor
	lo       int32   // the bucket index of counts[0]
	counts   []int64 // counts[i] holds the waits of bucket lo+i
}

const (
	// WaitGrowth is the ratio of the bounds of a bucket of [WaitHist]:
	// bucket i holds the waits in [WaitGrowth^i, WaitGrowth^(i+1)).
	WaitGrowth = 1.02
	// WaitRelErr bounds the relative error of a quantile of [WaitHist]
	// at or above [WaitFloor]: (WaitGrowth-1)/(WaitGrowth+1) < 1%.
	WaitRelErr = (WaitGrowth - 1) / (WaitGrowth + 1)
	// WaitFloor is the wait, in days (about 0.09 s), below which waits
	// share one bucket of [WaitHist].
	WaitFloor = 1e-6
)

var logWaitGrowth = math.Log(WaitGrowth)

// bucket returns the index of the bucket of w >= WaitFloor.
func waitBucket(w float64) int32 {
	return int32(math.Floor(math.Log(w) / logWaitGrowth))
}

// waitValue returns the value read for bucket i: the one with the same
// relative error, (WaitGrowth-1)/(WaitGrowth+1), to both of its bounds.
func waitValue(i int32) float64 {
	return math.Pow(WaitGrowth, float64(i)) * 2 * WaitGrowth / (1 + WaitGrowth)
}

// Record adds one wait w >= 0, in days. It is O(1) and allocates only
// when w falls outside the buckets used so far.
func (h *WaitHist) Record(w float64) {
	if h.n == 0 {
		h.min, h.max = w, w
	} else {
		h.min, h.max = min(h.min, w), max(h.max, w)
	}
	h.n++
	h.sum += w
	if !(w >= WaitFloor) {
		h.zero++
		return
	}
	if math.IsInf(w, 1) {
		w = math.MaxFloat64
	}
	i := waitBucket(w)
	j := i - h.lo
	if h.counts == nil || j < 0 || int(j) >= len(h.counts) {
		h.grow(i, i)
		j = i - h.lo
	}
	h.counts[j]++
}

// grow widens the buckets to cover indices a..b, with room to spare.
func (h *WaitHist) grow(a, b int32) {
	if h.counts == nil {
		const spare = 8
		h.lo = a - spare
		h.counts = make([]int64, int(b-a)+1+2*spare)
		return
	}
	hi := h.lo + int32(len(h.counts)) - 1
	if a >= h.lo && b <= hi {
		return
	}
	// widen by at least a half, so that growing stays amortised O(1)
	// while a histogram keeps little room it does not use (a wait
	// histogram spans about a hundred buckets)
	n := int32(len(h.counts))
	lo, top := min(a, h.lo), max(b, hi)
	if a < h.lo {
		lo = min(lo, h.lo-max(n/2, 8))
	}
	if b > hi {
		top = max(top, hi+max(n/2, 8))
	}
	c := make([]int64, int(top-lo)+1)
	copy(c[h.lo-lo:], h.counts)
	h.lo, h.counts = lo, c
}

// Count returns the number of waits.
func (h *WaitHist) Count() int64 { return h.n }

// Sum returns the sum of the waits, in days.
func (h *WaitHist) Sum() float64 { return h.sum }

// Mean returns the mean wait, exact; NaN for none.
func (h *WaitHist) Mean() float64 {
	if h.n == 0 {
		return math.NaN()
	}
	return h.sum / float64(h.n)
}

// Max returns the longest wait, exact; NaN for none.
func (h *WaitHist) Max() float64 {
	if h.n == 0 {
		return math.NaN()
	}
	return h.max
}

// Min returns the shortest wait, exact; NaN for none.
func (h *WaitHist) Min() float64 {
	if h.n == 0 {
		return math.NaN()
	}
	return h.min
}

// Quantile returns the q-quantile (0 < q <= 1) of the waits by the nearest
// rank method, the smallest wait with at least q·n waits at or below it,
// within a relative error of [WaitRelErr] (or [WaitFloor] days below
// it), and never outside [Min, Max]; NaN for none.
func (h *WaitHist) Quantile(q float64) float64 {
	if h.n == 0 {
		return math.NaN()
	}
	rank := int64(math.Ceil(q * float64(h.n)))
	rank = max(1, min(rank, h.n))
	if rank <= h.zero {
		return h.min
	}
	seen := h.zero
	for j, c := range h.counts {
		if seen += c; seen >= rank {
			return min(h.max, max(h.min, waitValue(h.lo+int32(j))))
		}
	}
	return h.max // not reached: the counts add up to n
}

// Add adds the waits of o to h.
func (h *WaitHist) Add(o *WaitHist) {
	if o.n == 0 {
		return
	}
	if h.n == 0 {
		h.min, h.max = o.min, o.max
	} else {
		h.min, h.max = min(h.min, o.min), max(h.max, o.max)
	}
	h.n += o.n
	h.sum += o.sum
	h.zero += o.zero
	if o.counts == nil {
		return
	}
	if h.counts == nil {
		h.lo, h.counts = o.lo, slices.Clone(o.counts)
		return
	}
	h.grow(o.lo, o.lo+int32(len(o.counts))-1)
	off := o.lo - h.lo
	for j, c := range o.counts {
		h.counts[int32(j)+off] += c
	}
}

// Clone returns a copy of h that shares nothing with it.
func (h WaitHist) Clone() WaitHist {
	h.counts = slices.Clone(h.counts)
	return h
}

// Reset empties h, keeping its buckets' memory.
func (h *WaitHist) Reset() {
	c := h.counts
	clear(c)
	*h = WaitHist{lo: h.lo, counts: c}
}

// Buckets calls f for every non-empty bucket in increasing order: the
// value read for its waits (within [WaitRelErr] of each, and within
// [Min, Max]) and how many waits it holds. The waits below [WaitFloor]
// come first, read as Min.
func (h *WaitHist) Buckets(f func(value float64, count int64)) {
	if h.zero > 0 {
		f(h.min, h.zero)
	}
	for j, c := range h.counts {
		if c > 0 {
			f(min(h.max, max(h.min, waitValue(h.lo+int32(j)))), c)
		}
	}
}
