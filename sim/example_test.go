package sim_test

import (
	"fmt"

	"scsim/sim"
)

// clock prints each tick and schedules the next one a day later.
type clock struct{}

func (clock) Handle(s *sim.Sim, ev sim.Event) {
	fmt.Printf("day %v: tick %d\n", s.Now(), ev.ID)
	s.Schedule(1, sim.Event{ID: ev.ID + 1})
}

// A two-event tick: the handler reschedules itself, and RunUntil stops before
// the event at the end time.
func Example() {
	s := sim.New(1, clock{})
	s.Schedule(0, sim.Event{ID: 0})
	s.RunUntil(3)
	fmt.Println("now", s.Now(), "processed", s.Processed())
	// Output:
	// day 0: tick 0
	// day 1: tick 1
	// day 2: tick 2
	// now 3 processed 3
}
