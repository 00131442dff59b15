package scenarios

import "testing"

// BenchmarkOpenCompilePB2 measures what the CLI does before PB2's run:
// open the bundled rq-network (decode and check), compile its network and
// take its fingerprint.
func BenchmarkOpenCompilePB2(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := Open("rq-network")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Compile(); err != nil {
			b.Fatal(err)
		}
		if s.Fingerprint() == "" {
			b.Fatal("no fingerprint")
		}
	}
}
