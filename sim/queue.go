package sim

import (
	"math"
	"math/bits"
)

// queue is the event queue: a radix heap (Ahuja, Mehlhorn, Orlin and
// Tarjan, "Faster algorithms for the shortest path problem", 1990) over the
// bits of event times, in digits of four bits, with a short sorted run for
// the events at the current minimum time.
//
// It relies on the simulation clock never going back: every event is
// scheduled at or after the time of the last event taken out. The bits of
// a non-negative float64 order the same way as the floats, so an event
// whose time bits x first differ from last's in digit l (bits 4l to 4l+3)
// goes to bucket 16l + (x's digit l), and the buckets in index order hold
// ever later events; events at or before last wait in now, ordered by
// (time, key): usually the one or few events at last, and any scheduled
// before it after the queue looked ahead (settle runs as soon as an event
// is taken out, so that the next is known while the current one is
// handled). Taking out an event costs O(1) amortized moves between
// buckets, each a sequential append, instead of a comparison-heavy sift
// through a deep heap. A bucket of at most wholesale events is not spread
// further: it becomes now as it is, sorted by insertion. On PB2 an event
// moves about 1.8 times (4.4 with one-bit digits, seven without the
// wholesale buckets), and a wholesale bucket holds about five events.
// now stays a sorted run, taken from its front, while it holds fewer than
// sortedMax events (on PB2 an event is scheduled into it once in a
// hundred): no sift per event taken out; more events at one instant
// (thousands of daily demands, say) turn it into a binary heap, whose
// insertions do not move the later events.
type queue struct {
	last uint64 // time bits of the last minimum found
	// now holds the events at or before time last, and those cover says:
	// while there are few, now[head:] sorted by (time, key), so that
	// taking one out is a step; past sortedMax, a binary heap (head 0)
	now     []entry
	head    int
	heap    bool
	told    int // now[:told] have been returned by ahead (or taken out)
	buckets [nbuckets]bucketList
	full    [nbuckets / 64]uint64 // bit i%64 of word i/64 set when buckets[i] is not empty
	n       int
	// cover is the highest time bits that go into now: last, or, while
	// the events of a bucket of at most wholesale events are all in now
	// (until now runs empty), the top of that bucket's range
	cover uint64
	// the buckets' events live in blocks of blockLen slots shared by all
	// buckets: block b is slots[b*blockLen:][:blockLen], next[b] the block
	// after it in its bucket or in the free list, whose first is free (-1
	// when none), so the queue's memory follows the number of events
	// waiting rather than each bucket's largest size
	slots []entry
	next  []int32
	free  int32
}

// bucketList is a bucket's events: n of them, in the chain of blocks from
// head to tail, each full but the tail, the earliest at time bits min.
type bucketList struct {
	min        uint64
	head, tail int32
	n          uint32
}

// blockLen is the number of events in a block of the buckets' storage: a
// bucket of at most wholesale events fits in one.
const blockLen = 32

const (
	digitBits = 4
	digits    = 1 << digitBits
	nbuckets  = 64 / digitBits * digits
)

// bucket returns the bucket of time bits x > last: the highest digit in
// which they differ and x's value of that digit.
func bucket(x, last uint64) uint {
	lo := uint(63-bits.LeadingZeros64(x^last)) &^ (digitBits - 1) // the digit's lowest bit
	return lo*(digits/digitBits) | uint(x>>(lo&63))%digits
}

// lowest returns the lowest non-empty bucket; q must not be empty.
func (q *queue) lowest() uint {
	for w, f := range q.full {
		if f != 0 {
			return uint(w*64 + bits.TrailingZeros64(f))
		}
	}
	panic("sim: queue count wrong")
}

// sortedMax is the most events now holds as a sorted run: an event
// scheduled into it moves the later ones up, so many would cost more than
// a heap's sifts.
const sortedMax = 64

// wholesale is the largest bucket moved into now as it is rather than
// spread over the lower buckets: a few events cost fewer comparisons in
// a small heap than moves down through the buckets.
const wholesale = 32

// push adds e: into now if its time is at or before the last minimum
// found, else into the bucket its time bits say.
func (q *queue) push(e entry) {
	x := math.Float64bits(float64(e.at))
	q.n++
	if x <= q.cover {
		q.pushNow(e)
		return
	}
	i := bucket(x, q.last)
	b := &q.buckets[i%nbuckets] // q.add(i, x, e), by hand, as in settle
	if b.n%blockLen == 0 {
		q.extend(i)
	}
	q.slots[uint(b.tail)*blockLen+uint(b.n%blockLen)] = e
	b.n++
	b.min = min(b.min, x)
}

// extend gives bucket i, empty or with its tail full, a new tail block.
func (q *queue) extend(i uint) {
	b := &q.buckets[i%nbuckets]
	blk := q.block()
	if b.n == 0 {
		b.head = blk
		b.min = math.MaxUint64
		q.full[i/64%uint(len(q.full))] |= 1 << (i % 64)
	} else {
		q.next[b.tail] = blk
	}
	b.tail = blk
}

// block takes a block from the free list, or adds one.
func (q *queue) block() int32 {
	if blk := q.free; blk >= 0 && len(q.next) > 0 {
		q.free = q.next[blk]
		return blk
	}
	return q.grow()
}

// grow adds a block to the storage; it doubles the storage when full, so
// that adding blocks costs O(1) amortized.
func (q *queue) grow() int32 {
	if len(q.next) == 0 {
		q.free = -1
	}
	blk := int32(len(q.next))
	if len(q.slots)+blockLen > cap(q.slots) {
		s := make([]entry, len(q.slots), max(2*cap(q.slots), 8*blockLen))
		copy(s, q.slots)
		q.slots = s
	}
	q.slots = q.slots[:len(q.slots)+blockLen]
	q.next = append(q.next, -1)
	return blk
}

// release returns bucket i's blocks to the free list and empties it.
func (q *queue) release(i uint) {
	b := &q.buckets[i]
	q.next[b.tail] = q.free
	q.free = b.head
	b.n = 0
	q.full[i/64] &^= 1 << (i % 64)
}

// settle makes q.now hold the earliest events, moving the lowest non-empty
// bucket down when q.now is empty. It returns false if q is empty.
func (q *queue) settle() bool {
	if len(q.now) > 0 {
		return true
	}
	q.cover = q.last
	q.heap, q.told = false, 0
	if q.n == 0 {
		return false
	}
	i := q.lowest()
	b := q.buckets[i]
	if b.n <= wholesale {
		// the bucket's one block becomes now, sorted
		q.now = append(q.now[:0], q.slots[int(b.head)*blockLen:][:b.n]...)
		q.release(i)
		lo := i / digits * digitBits // the bits below bucket i's digit
		q.cover = math.Float64bits(float64(q.now[0].at)) | (1<<lo - 1)
		sortSmall(q.now)
		return true
	}
	m := b.min
	q.last, q.cover = m, m
	// the blocks of bucket i stay as they are until it is released: adding
	// to the lower buckets takes other blocks (and reads here see the
	// events even if the storage moves)
	for blk, rest := b.head, int(b.n); rest > 0; blk, rest = q.next[blk], rest-blockLen {
		for _, e := range q.slots[int(blk)*blockLen:][:min(rest, blockLen)] {
			x := math.Float64bits(float64(e.at))
			if x == m {
				q.pushNow(e)
			} else {
				// q.add(bucket(x, m), x, e), by hand: a call per move costs
				// more than the move (add is beyond the inliner's budget)
				k := bucket(x, m) // below i: x and m agree in i's digit and above
				b := &q.buckets[k%nbuckets]
				if b.n%blockLen == 0 {
					q.extend(k)
				}
				q.slots[uint(b.tail)*blockLen+uint(b.n%blockLen)] = e
				b.n++
				b.min = min(b.min, x)
			}
		}
	}
	q.release(i)
	return true
}

// min returns the earliest event; settle must have returned true.
func (q *queue) min() *entry { return &q.now[q.head] }

// ahead returns the events to fetch the state of while the one before the
// earliest is handled, so that their loads have the time of two events to
// arrive: the event after the earliest, when now is a sorted run that
// holds it, and the earliest too unless ahead returned it before (when
// now has just been filled it was not known as the one after another); in
// a heap, the earliest. Either
// may be nil. settle must have returned true.
func (q *queue) ahead() (first, second *entry) {
	if q.heap {
		return &q.now[0], nil
	}
	if q.told <= q.head {
		first = &q.now[q.head]
	}
	q.told = q.head + 1
	if q.head+1 < len(q.now) {
		second = &q.now[q.head+1]
		q.told++
	}
	return first, second
}

// pop removes the earliest event; settle must have returned true.
func (q *queue) pop() entry {
	q.n--
	if !q.heap {
		top := q.now[q.head]
		q.head++
		if q.head == len(q.now) {
			q.now, q.head, q.told = q.now[:0], 0, 0
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
				q.head, q.told = 0, 0
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
