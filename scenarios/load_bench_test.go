package scenarios

import "testing"

// BenchmarkOpenCompilePB2 measures what the CLI does before PB2's run:
// open the bundled rq-network (decode and check), compile its network and
// take its fingerprint. "unchanged" compiles as scsim run does, with the
// network the checks of the parse built; "again" checks the scenario a
// second time, as Compile does.
func BenchmarkOpenCompilePB2(b *testing.B) {
	for _, bc := range []struct {
		name    string
		compile func(*Scenario) error
	}{
		{"unchanged", func(s *Scenario) error { _, err := s.CompileUnchanged(); return err }},
		{"again", func(s *Scenario) error { _, err := s.Compile(); return err }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := Open("rq-network")
				if err != nil {
					b.Fatal(err)
				}
				if err := bc.compile(s); err != nil {
					b.Fatal(err)
				}
				if s.Fingerprint() == "" {
					b.Fatal("no fingerprint")
				}
			}
		})
	}
}
