package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// recorder logs every event it handles with the time it ran at.
type recorder struct {
	times []Time
	evs   []Event
}

func (r *recorder) Handle(s *Sim, ev Event) {
	r.times = append(r.times, s.Now())
	r.evs = append(r.evs, ev)
}

func TestSameInstantOrder(t *testing.T) {
	r := &recorder{}
	s := New(1, r)
	// scheduled out of order: priority first, then insertion sequence
	s.Schedule(1, Event{ID: 1, Prio: 2})
	s.Schedule(1, Event{ID: 2, Prio: 0})
	s.Schedule(0.5, Event{ID: 3, Prio: 9})
	s.Schedule(1, Event{ID: 4, Prio: 2})
	s.Schedule(1, Event{ID: 5, Prio: 0})
	s.RunUntil(10)
	var got []int32
	for _, ev := range r.evs {
		got = append(got, ev.ID)
	}
	want := []int32{3, 2, 5, 1, 4}
	if !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

// TestRunUntilExclusive mirrors SimPy's test_discrete_time_steps: with
// events at 0, 1, 2, 3 and until=3, the events at 0, 1 and 2 run.
func TestRunUntilExclusive(t *testing.T) {
	r := &recorder{}
	s := New(1, r)
	for i := 0; i < 4; i++ {
		s.Schedule(Time(i), Event{ID: int32(i)})
	}
	s.RunUntil(3)
	if want := []Time{0, 1, 2}; !slices.Equal(r.times, want) {
		t.Errorf("times = %v, want %v", r.times, want)
	}
	if s.Now() != 3 {
		t.Errorf("Now() = %v, want 3", s.Now())
	}
	if at, ok := s.Peek(); !ok || at != 3 {
		t.Errorf("Peek() = %v, %v, want 3, true", at, ok)
	}
	if s.Processed() != 3 {
		t.Errorf("Processed() = %d, want 3", s.Processed())
	}
}

// TestHeapOrder schedules many random events and checks they come out in
// (time, prio, sequence) order, against a sort of the same keys.
func TestHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	r := &recorder{}
	s := New(1, r)
	type key struct {
		at   Time
		prio uint8
		seq  int32
	}
	var keys []key
	for i := 0; i < 5000; i++ {
		k := key{Time(rng.IntN(200)), uint8(rng.IntN(4)), int32(i)}
		keys = append(keys, k)
		s.At(k.at, Event{Prio: k.prio, ID: k.seq})
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.at != b.at:
			if a.at < b.at {
				return -1
			}
			return 1
		case a.prio != b.prio:
			return int(a.prio) - int(b.prio)
		}
		return int(a.seq - b.seq)
	})
	for s.Step() {
	}
	if len(r.evs) != len(keys) {
		t.Fatalf("processed %d events, want %d", len(r.evs), len(keys))
	}
	for i, k := range keys {
		if r.evs[i].ID != k.seq || r.times[i] != k.at {
			t.Fatalf("event %d = (t %v, id %d), want (t %v, id %d)", i, r.times[i], r.evs[i].ID, k.at, k.seq)
		}
	}
}

func TestSchedulePanics(t *testing.T) {
	for _, d := range []Time{-1, Time(nan())} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Schedule(%v) did not panic", d)
				}
			}()
			New(1, &recorder{}).Schedule(d, Event{})
		}()
	}
}

func nan() float64 { z := 0.0; return z / z }

func TestStreams(t *testing.T) {
	s1 := New(7, nil)
	s2 := New(7, nil)
	a := s1.Stream(StreamID("store/widget/demand")).Uint64()
	b := s2.Stream(StreamID("store/widget/demand")).Uint64()
	if a != b {
		t.Errorf("same seed and name gave %x and %x", a, b)
	}
	c := s1.Stream(StreamID("store/gadget/demand")).Uint64()
	if a == c {
		t.Errorf("different names gave the same first draw %x", a)
	}
	if StreamID("a") == StreamID("b") {
		t.Error("StreamID collides on one-letter names")
	}
	if ReplicationSeed(1, 0) == ReplicationSeed(1, 1) || ReplicationSeed(1, 0) == ReplicationSeed(2, 0) {
		t.Error("ReplicationSeed collides")
	}
}

// ticker reschedules itself: the steady state of a simulation.
type ticker struct{ rng *rand.Rand }

func (tk *ticker) Handle(s *Sim, ev Event) {
	s.Schedule(Time(tk.rng.ExpFloat64()), ev)
}

func TestStepAllocs(t *testing.T) {
	tk := &ticker{rng: rand.New(rand.NewPCG(1, 2))}
	s := New(1, tk)
	for i := 0; i < 1000; i++ {
		s.Schedule(Time(i), Event{ID: int32(i)})
	}
	for i := 0; i < 10000; i++ {
		s.Step()
	}
	if n := testing.AllocsPerRun(1000, func() { s.Step() }); n != 0 {
		t.Errorf("Step allocates %v times per event, want 0", n)
	}
}

func BenchmarkStep(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(itoa(n), func(b *testing.B) {
			tk := &ticker{rng: rand.New(rand.NewPCG(1, 2))}
			s := New(1, tk)
			for i := 0; i < n; i++ {
				s.Schedule(Time(i), Event{ID: int32(i)})
			}
			b.ReportAllocs()
			for b.Loop() {
				s.Step()
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func itoa(n int) string {
	switch n {
	case 10:
		return "queue=10"
	case 1000:
		return "queue=1000"
	}
	return "queue=100000"
}

// spawner schedules zero to three events from each event it handles and
// checks, against a plain list of pending keys, that every event handled
// is the smallest pending (time, prio, sequence). It exercises the root
// replacement in Sim.step.
type spawner struct {
	t       *testing.T
	rng     *rand.Rand
	pending map[int32][2]float64 // id → (time, prio); the id is the sequence
	next    int32
}

func (sp *spawner) schedule(s *Sim, delay Time, prio uint8) {
	id := sp.next
	sp.next++
	sp.pending[id] = [2]float64{float64(s.Now() + delay), float64(prio)}
	s.Schedule(delay, Event{ID: id, Prio: prio})
}

func (sp *spawner) Handle(s *Sim, ev Event) {
	best := int32(-1)
	for id, k := range sp.pending {
		if b, ok := sp.pending[best]; best < 0 || !ok || k[0] < b[0] || (k[0] == b[0] && (k[1] < b[1] || (k[1] == b[1] && id < best))) {
			best = id
		}
	}
	if ev.ID != best {
		sp.t.Fatalf("handled event %d at %v, want %d", ev.ID, s.Now(), best)
	}
	delete(sp.pending, ev.ID)
	if s.Len() != len(sp.pending) {
		sp.t.Fatalf("Len() = %d inside a handler, want %d", s.Len(), len(sp.pending))
	}
	for n := sp.rng.IntN(4); n > 0 && sp.next < 3000; n-- {
		sp.schedule(s, Time(sp.rng.IntN(5)), uint8(sp.rng.IntN(3)))
	}
}

func TestHandlerScheduling(t *testing.T) {
	sp := &spawner{t: t, rng: rand.New(rand.NewPCG(1, 3)), pending: map[int32][2]float64{}}
	s := New(1, sp)
	for i := 0; i < 20; i++ {
		sp.schedule(s, Time(i%3), uint8(i%2))
	}
	for s.Step() {
	}
	if len(sp.pending) != 0 || sp.next < 3000 {
		t.Errorf("%d events left pending after %d scheduled", len(sp.pending), sp.next)
	}
}

// TestScheduleAfterLookAhead schedules an event earlier than one the queue
// has already looked at (RunUntil stopped before it): it must still run
// first.
func TestScheduleAfterLookAhead(t *testing.T) {
	r := &recorder{}
	s := New(1, r)
	s.At(12, Event{ID: 12})
	s.RunUntil(10)
	if at, _ := s.Peek(); at != 12 {
		t.Fatalf("Peek() = %v, want 12", at)
	}
	s.At(11, Event{ID: 11})
	s.At(11.5, Event{ID: 115})
	for s.Step() {
	}
	var got []int32
	for _, ev := range r.evs {
		got = append(got, ev.ID)
	}
	if want := []int32{11, 115, 12}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

// chain schedules, from inside the run, a follow-up of some events it
// handles: at the same instant or later, with a random priority and kind.
// It records every event with its insertion number (in Qty). It drives
// [Sim] and a reference engine alike through at and now.
type chain struct {
	rng  *rand.Rand
	next int32 // the insertion number of the next event scheduled
	log  []logged
	at   func(Time, Event)
	now  func() Time
}

type logged struct {
	at        Time
	prio, kin uint8
	seq       int32
}

func (c *chain) schedule(at Time) {
	ev := Event{Kind: uint8(c.rng.IntN(256)), Prio: uint8(c.rng.IntN(3)), Qty: c.next}
	c.next++
	c.at(at, ev)
}

func (c *chain) handle(ev Event) {
	c.log = append(c.log, logged{c.now(), ev.Prio, ev.Kind, ev.Qty})
	if c.next < 20000 && c.rng.IntN(3) == 0 {
		at := c.now()
		if c.rng.IntN(2) == 0 { // later, at a fractional time that may tie
			at += Time(c.rng.IntN(5)) * 0.1
		}
		c.schedule(at)
	}
}

func (c *chain) Handle(s *Sim, ev Event) { c.handle(ev) }

// refEngine is the reference: a plain list of pending events, the next one
// found by a linear scan for the least (time, priority, sequence).
type refEngine struct {
	now     Time
	pending []logged
	c       *chain
}

func (r *refEngine) run() {
	for len(r.pending) > 0 {
		best := 0
		for i, e := range r.pending {
			b := r.pending[best]
			if e.at < b.at || e.at == b.at && (e.prio < b.prio || e.prio == b.prio && e.seq < b.seq) {
				best = i
			}
		}
		e := r.pending[best]
		r.pending = slices.Delete(r.pending, best, best+1)
		r.now = e.at
		r.c.handle(Event{Kind: e.kin, Prio: e.prio, Qty: e.seq})
	}
}

// TestTieRuleProperty checks the documented order, (time, priority,
// insertion sequence), against a reference engine that scans for the
// least of them: random fractional times that often tie, random
// priorities and random kinds, with events scheduled before the run and
// from inside it at the current instant and later. The kind never decides.
func TestTieRuleProperty(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		got := &chain{rng: rand.New(rand.NewPCG(seed, 2))}
		s := New(seed, got)
		got.at, got.now = s.At, s.Now
		want := &chain{rng: rand.New(rand.NewPCG(seed, 2))}
		ref := &refEngine{c: want}
		want.now = func() Time { return ref.now }
		want.at = func(at Time, ev Event) { ref.pending = append(ref.pending, logged{at, ev.Prio, ev.Kind, ev.Qty}) }
		for _, c := range []*chain{got, want} {
			for range 3000 {
				c.schedule(Time(c.rng.IntN(50)) * 0.1) // 0, 0.1, ..., 4.9: ties with the run's own sums
			}
		}
		for s.Step() {
		}
		ref.run()
		if len(got.log) != len(want.log) || len(got.log) < 4000 {
			t.Fatalf("seed %d: %d events processed, the reference %d", seed, len(got.log), len(want.log))
		}
		ties := 0
		for i := range want.log {
			if got.log[i] != want.log[i] {
				t.Fatalf("seed %d: event %d = %+v, want %+v (time, priority, sequence order)", seed, i, got.log[i], want.log[i])
			}
			if i > 0 && want.log[i].at == want.log[i-1].at && want.log[i].prio == want.log[i-1].prio && want.log[i].kin < want.log[i-1].kin {
				ties++ // the sequence, not the kind, decided
			}
		}
		if ties == 0 {
			t.Fatalf("seed %d: no tie where the kind would have decided otherwise: the test does not test", seed)
		}
	}
}

// widths drives the queue through very different spreads of times:
// thousands of pending events a few hundred-thousandths of a day apart,
// then a few, days apart, then some at times beyond any bucket number
// (up to MaxFloat64), each handled event scheduling one more; it records
// the order events run in.
type widths struct {
	rng  *rand.Rand
	n    int32
	log  []logged
	at   func(Time, Event)
	now  func() Time
	stop int32
}

func (w *widths) delay() Time {
	switch {
	case w.n < 60000: // dense: 3000 pending, 1e-6 day apart on average
		return Time(w.rng.ExpFloat64() * 0.003)
	case w.n < 70000: // sparse
		return Time(w.rng.ExpFloat64() * 50)
	case w.n < 70100:
		return Time(math.MaxFloat64 / 4 * w.rng.Float64())
	default:
		return 0
	}
}

func (w *widths) schedule(at Time) {
	w.at(at, Event{Kind: uint8(w.n), Prio: uint8(w.rng.IntN(2)), Qty: w.n})
	w.n++
}

func (w *widths) handle(ev Event) {
	w.log = append(w.log, logged{w.now(), ev.Prio, ev.Kind, ev.Qty})
	if w.n < w.stop {
		now := w.now()
		d := w.delay()
		if d > Time(math.MaxFloat64)-now {
			d = Time(math.MaxFloat64) - now
		}
		w.schedule(now + d)
	}
}

func (w *widths) Handle(s *Sim, ev Event) { w.handle(ev) }

// TestQueueWidths checks the order of a run whose events go from dense to
// sparse to near MaxFloat64, with RunUntil stopping short and events scheduled before
// the one it looked at, against a reference that sorts.
func TestQueueWidths(t *testing.T) {
	got := &widths{rng: rand.New(rand.NewPCG(3, 4)), stop: 70300}
	s := New(1, got)
	got.at, got.now = s.At, s.Now
	want := &widths{rng: rand.New(rand.NewPCG(3, 4)), stop: 70300}
	var pending []logged // sorted latest first
	var now Time
	want.now = func() Time { return now }
	later := func(a, b logged) bool { // a runs after b
		return a.at > b.at || a.at == b.at && (a.prio > b.prio || a.prio == b.prio && a.seq > b.seq)
	}
	want.at = func(at Time, ev Event) {
		e := logged{at, ev.Prio, ev.Kind, ev.Qty}
		i, _ := slices.BinarySearchFunc(pending, e, func(x, y logged) int {
			if later(x, y) {
				return -1
			}
			return 1
		})
		pending = slices.Insert(pending, i, e)
	}
	for _, w := range []*widths{got, want} {
		for range 3000 {
			w.schedule(Time(w.rng.Float64() * 0.003))
		}
	}
	// RunUntil in slices that end between events, each followed by an
	// event scheduled at its end, before the event the queue looked at
	for end := Time(0.001); s.Len() > 0; end *= 1.5 {
		s.RunUntil(end)
		for len(pending) > 0 && pending[len(pending)-1].at < end {
			e := pending[len(pending)-1]
			pending = pending[:len(pending)-1]
			now = e.at
			want.handle(Event{Kind: e.kin, Prio: e.prio, Qty: e.seq})
		}
		now = end
		got.schedule(end)
		want.schedule(end)
		if end > Time(math.MaxFloat64)/2 {
			for s.Step() {
			}
			break
		}
	}
	for len(pending) > 0 {
		e := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		now = e.at
		want.handle(Event{Kind: e.kin, Prio: e.prio, Qty: e.seq})
	}
	for i := range min(len(got.log), len(want.log)) {
		if got.log[i] != want.log[i] {
			t.Fatalf("event %d = %+v, want %+v", i, got.log[i], want.log[i])
		}
	}
	if len(got.log) != len(want.log) || got.n < 70300 {
		t.Fatalf("%d events run, the reference %d, %d scheduled", len(got.log), len(want.log), got.n)
	}
}

// peeker is a recorder that is also told of coming events.
type peeker struct {
	recorder
	told map[int32][]int // event ID -> the numbers of events handled when it was told
}

func (p *peeker) Prefetch(next Event) {
	p.told[next.ID] = append(p.told[next.ID], len(p.evs))
}

// TestPrefetcher checks that a Prefetcher is told of every event but the
// first before it is handled, one or two events ahead, and that the run
// is the same as without one.
func TestPrefetcher(t *testing.T) {
	run := func(prefetch bool) *peeker {
		p := &peeker{told: map[int32][]int{}}
		s := New(1, p)
		if prefetch {
			s.SetPrefetcher(p)
		}
		for i := range 50 {
			s.At(Time(i%7)*0.25, Event{ID: int32(i), Prio: uint8(i % 3)})
		}
		s.RunUntil(100)
		return p
	}
	p, plain := run(true), run(false)
	if !slices.Equal(p.evs, plain.evs) || len(p.evs) != 50 {
		t.Fatalf("%d events run with a prefetcher, %d without, or in another order", len(p.evs), len(plain.evs))
	}
	for j, ev := range p.evs[1:] {
		j++ // ev is the event handled after j others
		ok := false
		for _, n := range p.told[ev.ID] {
			if n >= j {
				t.Errorf("event %d (%+v) told when it was handled or after", j, ev)
			}
			ok = ok || n == j-1 || n == j-2
		}
		if !ok {
			t.Errorf("event %d (%+v) told at %v, want before the one or two events ahead of it", j, ev, p.told[ev.ID])
		}
	}
}

// tellLog is a chain that is also a Prefetcher: it records, for each
// event it is told of (by insertion number), how many events had been
// handled when it was told.
type tellLog struct {
	*chain
	told map[int32][]int
}

func (p *tellLog) Prefetch(next Event) { p.told[next.Qty] = append(p.told[next.Qty], len(p.log)) }

// TestTieRulePrefetched runs the chains of TestTieRuleProperty with a
// Prefetcher, which the queue tells of the event after the next: the run
// is the same as without one, every event told of was scheduled and was
// still waiting, and most events are told of one or two events ahead.
func TestTieRulePrefetched(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		run := func(prefetch bool) *tellLog {
			c := &tellLog{chain: &chain{rng: rand.New(rand.NewPCG(seed, 2))}, told: map[int32][]int{}}
			s := New(seed, c)
			c.at, c.now = s.At, s.Now
			if prefetch {
				s.SetPrefetcher(c)
			}
			for range 3000 {
				c.schedule(Time(c.rng.IntN(50)) * 0.1)
			}
			for s.Step() {
			}
			return c
		}
		got, plain := run(true), run(false)
		if !slices.Equal(got.log, plain.log) {
			t.Fatalf("seed %d: a prefetcher changed the run", seed)
		}
		handled := map[int32]int{} // insertion number -> position in the run
		for i, e := range got.log {
			handled[e.seq] = i
		}
		ahead := 0
		for seq, ns := range got.told {
			at, ok := handled[seq]
			if !ok {
				t.Fatalf("seed %d: told of event %d, never handled", seed, seq)
			}
			for _, n := range ns {
				if n >= at {
					t.Fatalf("seed %d: told of event %d after %d events, when it was handled after %d", seed, seq, n, at)
				}
			}
			if slices.ContainsFunc(ns, func(n int) bool { return at-n <= 2 }) { // the one after the current, or the next
				ahead++
			}
		}
		// events scheduled at the current instant after the telling are
		// not told of: here one in ten
		if ahead < len(got.log)*4/5 {
			t.Errorf("seed %d: %d of %d events told of one or two events ahead, want four in five", seed, ahead, len(got.log))
		}
	}
}
