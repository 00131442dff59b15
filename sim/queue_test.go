package sim

import (
	"math/rand/v2"
	"testing"
)

// streams is PB2's event pattern without its model: n Poisson streams at
// rates 1 to 10 a day, each with one pending arrival at a time.
type streams struct {
	rng  rand.PCG
	rate []float64
}

func (st *streams) Handle(s *Sim, ev Event) {
	r := rand.New(&st.rng)
	s.Schedule(Time(r.ExpFloat64()/st.rate[ev.ID]), ev)
}

// BenchmarkStreams measures the queue under PB2's load: 5,000 pending
// arrivals spread over about a day ahead.
func BenchmarkStreams(b *testing.B) {
	const n = 5000
	st := &streams{rng: *rand.NewPCG(1, 2), rate: make([]float64, n)}
	s := New(1, st)
	for i := range n {
		st.rate[i] = float64(1 + i%10)
		s.Schedule(Time(rand.New(&st.rng).ExpFloat64()/st.rate[i]), Event{Kind: 2, Prio: 4, ID: int32(i)})
	}
	for range 100000 {
		s.Step()
	}
	b.ReportAllocs()
	for b.Loop() {
		s.Step()
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N), "ns/event")
}

// crowd schedules, from the first event at time 1, events at that same
// instant with ever lower priorities (each one before all that are
// waiting), and records the order it is handed them in.
type crowd struct {
	got []Event
}

func (c *crowd) Handle(s *Sim, ev Event) {
	c.got = append(c.got, ev)
	if ev.ID == 0 {
		for p := 200; p >= 1; p-- {
			s.Schedule(0, Event{Prio: uint8(p), ID: int32(p)})
		}
	}
}

// TestCrowdedInstant checks the order of many events at one instant, each
// scheduled ahead of those already waiting, so that the sorted run of the
// current instant grows past sortedMax and becomes a heap: by priority.
func TestCrowdedInstant(t *testing.T) {
	c := &crowd{}
	s := New(1, c)
	for i := range 50 { // a crowd of equal priority at the instant, in sequence order
		s.At(1, Event{Prio: 255, ID: int32(1000 + i)})
	}
	s.At(1, Event{Prio: 0, ID: 0})
	s.RunUntil(2)
	if len(c.got) != 251 {
		t.Fatalf("%d events handled, want 251", len(c.got))
	}
	if c.got[0].ID != 0 {
		t.Fatalf("first event %+v, want the priority-0 one", c.got[0])
	}
	for i := 1; i <= 200; i++ {
		if c.got[i].ID != int32(i) {
			t.Fatalf("event %d has ID %d, want %d (priority order)", i, c.got[i].ID, i)
		}
	}
	for i := range 50 {
		if ev := c.got[201+i]; ev.ID != int32(1000+i) {
			t.Fatalf("event %d has ID %d, want %d (sequence order)", 201+i, ev.ID, 1000+i)
		}
	}
}
