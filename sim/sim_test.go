package sim

import (
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
