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
