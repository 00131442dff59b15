package sim

import (
	"math"
	"math/rand/v2"
)

// Time is a number of simulated days since the start of the run.
type Time float64

// Event is one scheduled happening. Its meaning belongs to the [Handler]:
// the engine only reads Prio to order events that share an instant.
//
// Events are compared by (time, Prio, insertion sequence): at the same
// instant a lower Prio runs first, and events of equal Prio run in the order
// they were scheduled.
type Event struct {
	Kind uint8 // what happens; interpreted by the Handler
	Prio uint8 // order among events at the same instant, lowest first
	ID   int32 // the entity the event concerns (for example a site-item index)
	Qty  int32 // a quantity in units
}

// Handler wraps the Handle method, which gives events their meaning.
// Handle may schedule further events on s.
type Handler interface {
	Handle(s *Sim, ev Event)
}

// Prefetcher is told, before an event is handled, of events queued to
// come soon, usually the one after the next (see [Sim.SetPrefetcher]), so
// that it can start loading their state from memory while the current
// and the next event are handled. They may still be preceded by events
// the current one schedules; Prefetch must change nothing a run computes.
type Prefetcher interface {
	Prefetch(next Event)
}

// entry is one heap slot, 24 bytes. key packs the priority into the top 8
// bits, the insertion sequence into the next 48 and the kind into the low
// 8, so one integer comparison orders events of one instant by (priority,
// sequence): sequences are unique, so the kind, below them, never decides.
type entry struct {
	at  Time
	key uint64
	id  int32
	qty int32
}

const (
	seqBits  = 48
	kindBits = 8
)

// key packs an event's priority, sequence and kind into an entry's key.
func key(prio uint8, seq uint64, kind uint8) uint64 {
	return uint64(prio)<<(seqBits+kindBits) | seq<<kindBits | uint64(kind)
}

func (e *entry) event() Event {
	return Event{Kind: uint8(e.key), Prio: uint8(e.key >> (seqBits + kindBits)), ID: e.id, Qty: e.qty}
}

// Sim is a discrete-event simulation: a clock and a queue of future events.
// The zero value is not usable; call [New].
type Sim struct {
	now       Time
	seq       uint64
	processed uint64
	q         queue
	handler   Handler
	prefetch  Prefetcher // or nil
	seed      uint64
}

// New returns a simulation at time 0 with an empty queue whose events are
// given to h. seed keys every random stream of the run (see [Sim.Stream]).
func New(seed uint64, h Handler) *Sim {
	return &Sim{handler: h, seed: seed}
}

// SetPrefetcher makes p, or no one if p is nil, be told of coming events
// (see [Prefetcher]). It costs a call or two per event, which
// pays when the state the events read does not fit in the processor's
// caches.
func (s *Sim) SetPrefetcher(p Prefetcher) { s.prefetch = p }

// Now returns the current simulation time.
func (s *Sim) Now() Time { return s.now }

// Processed returns how many events have been processed so far.
func (s *Sim) Processed() uint64 { return s.processed }

// Len returns the number of events waiting in the queue.
func (s *Sim) Len() int { return s.q.n }

// Schedule queues ev to happen delay days from now. It is O(1) amortized
// and does not allocate once the queue has reached its working size. It
// panics if delay is negative or NaN: that is a programming error, never a
// user's.
func (s *Sim) Schedule(delay Time, ev Event) {
	if !(delay >= 0) {
		panic("sim: negative or NaN delay")
	}
	s.At(s.now+delay, ev)
}

// At queues ev to happen at absolute time t, which must not be before Now.
func (s *Sim) At(t Time, ev Event) {
	if !(t >= s.now) || math.IsInf(float64(t), 1) {
		panic("sim: event scheduled in the past, at NaN or at infinity")
	}
	if s.seq>>seqBits != 0 {
		panic("sim: event sequence overflow")
	}
	if t == 0 {
		t = 0 // -0 would sort after every positive time by its bits
	}
	s.q.push(entry{at: t, key: key(ev.Prio, s.seq, ev.Kind), id: ev.ID, qty: ev.Qty})
	s.seq++
}

// Peek returns the time of the next event, or false if the queue is empty.
func (s *Sim) Peek() (Time, bool) {
	if !s.q.settle() {
		return 0, false
	}
	return s.q.min().at, true
}

// Step processes the next event: it advances the clock to the event's time
// and hands the event to the Handler. It returns false if the queue is empty.
func (s *Sim) Step() bool {
	if !s.q.settle() {
		return false
	}
	s.step()
	return true
}

// RunUntil processes every event that happens strictly before end, then sets
// the clock to end. Events at exactly end stay queued, as in SimPy's
// run(until=end).
func (s *Sim) RunUntil(end Time) {
	for s.q.settle() && s.q.min().at < end {
		s.step()
	}
	if end > s.now {
		s.now = end
	}
}

// step takes out the earliest event (settle has found it) and handles it,
// after telling a Prefetcher of the events whose state to fetch (see
// [queue.ahead]).
func (s *Sim) step() {
	e := s.q.pop()
	s.now = e.at
	s.processed++
	if s.prefetch != nil {
		s.tellAhead()
	}
	s.handler.Handle(s, e.event())
}

// tellAhead tells the Prefetcher of the events whose state to fetch (see
// [queue.ahead]); apart from step, which it would make heavier for runs
// without a Prefetcher.
//
//go:noinline
func (s *Sim) tellAhead() {
	if !s.q.settle() {
		return
	}
	a, b := s.q.ahead()
	if a != nil {
		s.prefetch.Prefetch(a.event())
	}
	if b != nil {
		s.prefetch.Prefetch(b.event())
	}
}

// Stream returns a new random stream for the entity and purpose that id
// names, independent of every other id and of the order streams are made in.
// Use [StreamID] to turn a stable name into an id.
func (s *Sim) Stream(id uint64) *rand.Rand {
	return rand.New(rand.NewPCG(s.seed, id))
}

// Source returns the generator behind [Sim.Stream] as a value, for
// callers that keep it inline next to the state it serves (one cache line
// fewer per draw): rand.New(&src) then draws exactly what Stream(id) would.
func (s *Sim) Source(id uint64) rand.PCG {
	return *rand.NewPCG(s.seed, id)
}

// StreamID hashes a stable name such as "store-3/widget/demand" into a
// stream id (64-bit FNV-1a followed by a SplitMix64 finaliser, so that
// similar names give unrelated ids).
func StreamID(name string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= prime
	}
	return mix(h)
}

// ReplicationSeed derives the seed of replication r from a scenario's master
// seed, so that replications are independent and each is reproducible alone.
func ReplicationSeed(master uint64, r int) uint64 {
	return mix(master ^ mix(uint64(r)+0x9e3779b97f4a7c15))
}

// mix is the SplitMix64 finaliser (Steele, Lea and Flood, 2014).
func mix(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}
