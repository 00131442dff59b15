package sim

import (
	"math"
	"math/bits"
)

// queue is the event queue: a radix heap (Ahuja, Mehlhorn, Orlin and
// Tarjan, "Faster algorithms for the shortest path problem", 1990) over the
// bits of event times, with a short sorted run for the events at the
// current minimum time.
//
// It relies on the simulation clock never going back: every event is
// scheduled at or after the time of the last event taken out. The bits of
// a non-negative float64 order the same way as the floats, so bucket i
// (1..64) holds the events whose time bits first differ from last's at
// bit i−1, and events at or before last wait in now, ordered by (time,
// key): usually the one or few events at last, and any
// scheduled before it after the queue looked ahead (settle runs as soon
// as an event is taken out, so that the next is known while the current
// one is handled). Taking out an event costs O(1)
// amortized moves between buckets, each a sequential append, instead of a
// comparison-heavy sift through a deep heap: about twice as fast as a
// 4-ary heap with thousands of pending events. A bucket of at most
// wholesale events is not spread further: it becomes now as it is,
// sorted by insertion, which halves the moves (about seven an event on
// PB2 otherwise). now stays a sorted run, taken from its front, while it
// holds fewer than sortedMax events (on PB2 about five, and an event is
// scheduled into it once in twenty): no sift per event taken out; more
// events at one instant (thousands of daily demands, say) turn it into a
// binary heap, whose insertions do not move the later events.
type queue struct {
	last uint64 // time bits of the last minimum found
	// now holds the events at or before time last, and those cover says:
	// while there are few, now[head:] sorted by (time, key), so that
	// taking one out is a step; past sortedMax, a binary heap (head 0)
	now     []entry
	head    int
	heap    bool
	buckets [64][]entry
	full    uint64 // bit i set when buckets[i] is not empty
	n       int
	// cover is 1<<(i+1) when the events of bucket i were all moved into
	// now (a bucket of at most wholesale events): until now runs empty,
	// an event whose time bits differ from last's below bit i+1 goes
	// there too; 0 otherwise
	cover uint64
}

// sortedMax is the most events now holds as a sorted run: an event
// scheduled into it moves the later ones up, so many would cost more than
// a heap's sifts.
const sortedMax = 32

// wholesale is the largest bucket moved into now as it is rather than
// spread over the lower buckets: a few events cost fewer comparisons in
// a small heap than moves down through the buckets.
const wholesale = 16

// push adds e: into now if its time is at or before the last minimum
// found, else into the bucket its time bits say.
func (q *queue) push(e entry) {
	x := math.Float64bits(float64(e.at))
	q.n++
	if x <= q.last || x^q.last < q.cover {
		q.pushNow(e)
		return
	}
	i := 63 - bits.LeadingZeros64(x^q.last)
	q.buckets[i] = append(q.buckets[i], e)
	q.full |= 1 << i
}

// settle makes q.now hold the earliest events, moving the lowest non-empty
// bucket down when q.now is empty. It returns false if q is empty.
func (q *queue) settle() bool {
	if len(q.now) > 0 {
		return true
	}
	q.cover = 0
	q.heap = false
	if q.n == 0 {
		return false
	}
	i := bits.TrailingZeros64(q.full)
	b := q.buckets[i]
	if len(b) <= wholesale && i < 63 {
		// the bucket becomes now, sorted, and now's empty array the bucket's
		q.now, q.buckets[i] = b, q.now[:0]
		q.full &^= 1 << i
		q.cover = 1 << (i + 1)
		sortSmall(q.now)
		return true
	}
	m := math.Float64bits(float64(b[0].at))
	for j := 1; j < len(b); j++ {
		m = min(m, math.Float64bits(float64(b[j].at)))
	}
	q.last = m
	for j := range b {
		e := b[j]
		x := math.Float64bits(float64(e.at))
		if x == m {
			q.pushNow(e)
		} else {
			k := 63 - bits.LeadingZeros64(x^m) // < i: x and m agree above bit i
			q.buckets[k] = append(q.buckets[k], e)
			q.full |= 1 << k
		}
	}
	q.buckets[i] = b[:0]
	q.full &^= 1 << i
	return true
}

// min returns the earliest event; settle must have returned true.
func (q *queue) min() *entry { return &q.now[q.head] }

// pop removes the earliest event; settle must have returned true.
func (q *queue) pop() entry {
	q.n--
	if !q.heap {
		top := q.now[q.head]
		q.head++
		if q.head == len(q.now) {
			q.now, q.head = q.now[:0], 0
		}
		return top
	}
	h := q.now
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	q.now = h
	if n > 0 {
		down(h, 0, last)
	}
	return top
}

// down places e in the hole at i of heap h, moving it below smaller
// children.
func down(h []entry, i int, e entry) {
	n := len(h)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && before(&h[c+1], &h[c]) {
			c++
		}
		if !before(&h[c], &e) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = e
}

// sortSmall sorts h, a few events, by (time, key): an insertion sort.
func sortSmall(h []entry) {
	for i := 1; i < len(h); i++ {
		e := h[i]
		j := i
		for ; j > 0 && before(&e, &h[j-1]); j-- {
			h[j] = h[j-1]
		}
		h[j] = e
	}
}

// pushNow adds e to the events at the current minimum time.
func (q *queue) pushNow(e entry) {
	if !q.heap {
		if len(q.now)-q.head < sortedMax {
			if q.head > 0 && len(q.now) == cap(q.now) {
				q.now = q.now[:copy(q.now, q.now[q.head:])]
				q.head = 0
			}
			q.now = append(q.now, e)
			h := q.now
			j := len(h) - 1
			for ; j > q.head && before(&e, &h[j-1]); j-- {
				h[j] = h[j-1]
			}
			h[j] = e
			return
		}
		// a sorted run is a heap as it is
		q.now = q.now[:copy(q.now, q.now[q.head:])]
		q.head = 0
		q.heap = true
	}
	q.now = append(q.now, e)
	h := q.now
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !before(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// before reports whether a comes before b: by time, then key.
func before(a, b *entry) bool {
	return a.at < b.at || a.at == b.at && a.key < b.key
}
