package scenarios

import (
	"reflect"
	"strings"
	"testing"

	"scsim/model"
)

// TestCompileUnchanged checks that the network kept from the parse's
// checks simulates as the one Compile builds, that it is handed out once,
// and that a change of the run settings it was built for, or a bad
// replication count, makes it compile again.
func TestCompileUnchanged(t *testing.T) {
	for _, name := range []string{"rq-single", "two-echelon", "safety-stock"} {
		s, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		kept, err := s.CompileUnchanged()
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.Compile()
		if err != nil {
			t.Fatal(err)
		}
		if kept == again {
			t.Fatalf("%s: Compile returned the kept network", name)
		}
		if a, b := model.Run(kept, 7, 0), model.Run(again, 7, 0); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the kept network simulates differently from a compiled one", name)
		}
		second, err := s.CompileUnchanged()
		if err != nil {
			t.Fatal(err)
		}
		if second == kept {
			t.Errorf("%s: the kept network was handed out twice", name)
		}
	}

	s, err := Open("rq-single")
	if err != nil {
		t.Fatal(err)
	}
	s.Horizon /= 2
	net, err := s.CompileUnchanged()
	if err != nil {
		t.Fatal(err)
	}
	if net.Horizon != s.Horizon {
		t.Errorf("horizon changed to %v, the network has %v", s.Horizon, net.Horizon)
	}

	s, err = Open("rq-single")
	if err != nil {
		t.Fatal(err)
	}
	s.Replications = 0
	if _, err := s.CompileUnchanged(); err == nil || !strings.Contains(err.Error(), "replications: must be >= 1") {
		t.Errorf("replications 0: got %v, want the check's error", err)
	}

	s.Replications = 1
	v, err := s.With(Override{Path: "horizon", Value: "30"})
	if err != nil {
		t.Fatal(err)
	}
	net, err = v.CompileUnchanged()
	if err != nil {
		t.Fatal(err)
	}
	if net.Horizon != 30 {
		t.Errorf("an override's scenario compiled with horizon %v, want 30", net.Horizon)
	}
}
