package model

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestRNGMatchesRand checks that a run's stream draws exactly what
// math/rand/v2's Rand draws from the same PCG, method by method, over a
// million draws each from several seeds: results and common random numbers
// rest on it.
func TestRNGMatchesRand(t *testing.T) {
	const n = 1_000_000
	seeds := [][2]uint64{{1, 2}, {0, 0}, {0xdeadbeef, 42}}
	for _, sd := range seeds {
		c := 0 // varies the bounds of Int64N and IntN
		draws := map[string]func(g *rng, r *rand.Rand) (float64, float64){
			"Uint64": func(g *rng, r *rand.Rand) (float64, float64) {
				a, b := g.Uint64(), r.Uint64()
				if a != b {
					return 0, 1
				}
				return 0, 0
			},
			"Float64":     func(g *rng, r *rand.Rand) (float64, float64) { return g.Float64(), r.Float64() },
			"ExpFloat64":  func(g *rng, r *rand.Rand) (float64, float64) { return g.ExpFloat64(), r.ExpFloat64() },
			"NormFloat64": func(g *rng, r *rand.Rand) (float64, float64) { return g.NormFloat64(), r.NormFloat64() },
			"Int64N": func(g *rng, r *rand.Rand) (float64, float64) {
				// small, power-of-two, 32-bit and huge bounds in turn
				m := []int64{1, 7, 64, 1000, 1 << 31, 1<<31 + 3, 1<<62 + 12345, math.MaxInt64}[c%8]
				c++
				return float64(g.Int64N(m)), float64(r.Int64N(m))
			},
			"IntN": func(g *rng, r *rand.Rand) (float64, float64) {
				m := []int{1, 3, 365, 1 << 20, 1<<40 + 1}[c%5]
				c++
				return float64(g.IntN(m)), float64(r.IntN(m))
			},
		}
		for name, draw := range draws {
			g := &rng{pcg: *rand.NewPCG(sd[0], sd[1])}
			r := rand.New(rand.NewPCG(sd[0], sd[1]))
			for i := range n {
				if a, b := draw(g, r); a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
					t.Fatalf("seed %v: %s draw %d = %v, rand.Rand gives %v", sd, name, i, a, b)
				}
			}
			// the generators are still in step
			if a, b := g.Uint64(), r.Uint64(); a != b {
				t.Fatalf("seed %v: after %s, the streams differ", sd, name)
			}
		}
	}
}

// TestRNGSmallAndCopyable checks that a stream is a plain value: copying
// it copies its state, and the copy draws the same sequence independently.
func TestRNGSmallAndCopyable(t *testing.T) {
	if n := unsafe.Sizeof(rng{}.pcg); n != 16 {
		t.Errorf("PCG state is %d bytes, want 16", n)
	}
	g := rng{pcg: *rand.NewPCG(3, 4)}
	g.Float64()
	h := g // a copy, as when a slice of streams grows
	for i := range 1000 {
		if a, b := g.NormFloat64(), h.NormFloat64(); a != b {
			t.Fatalf("draw %d: copy gives %v, original %v", i, b, a)
		}
	}
	s := []rng{g}
	s = append(s, make([]rng, 1000)...) // moves s[0]
	if a, b := s[0].Uint64(), h.Uint64(); a != b {
		t.Fatalf("a moved stream draws %v, want %v", a, b)
	}
}

// TestDistSampleSameOverRNG checks that the exported Sample over a
// rand.Rand and a run's own draws over the same PCG agree for every
// family.
func TestDistSampleSameOverRNG(t *testing.T) {
	must := mustDist(t)
	emp := *must(NewEmpirical([]float64{1, 2, 5}, []float64{1, 0, 2}))
	ds := []Dist{Const(3), *must(NewUniform(1, 4)), *must(NewExponential(2)), *must(NewPoisson(3)),
		*must(NewPoisson(40)), *must(NewNormal(5, 3)), *must(NewGamma(2, 3)), *must(NewGamma(1, 3)),
		*must(NewLognormal(4, 2)), emp}
	for _, d := range ds {
		g := rng{pcg: *rand.NewPCG(9, 10)}
		r := rand.New(rand.NewPCG(9, 10))
		for i := range 100_000 {
			if a, b := d.sample(&g), d.Sample(r); a != b {
				t.Fatalf("%v: draw %d = %v over rng, %v over rand.Rand", d, i, a, b)
			}
		}
	}
}
