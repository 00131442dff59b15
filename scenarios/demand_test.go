package scenarios

import (
	"reflect"
	"testing"

	"scsim/model"
)

// TestBuildProfile checks that a profile reaches the model as written, and
// that a variant may change it.
func TestBuildProfile(t *testing.T) {
	s, err := Open("seasonal")
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	got := net.Sites[0].Stocks[0].Demand[0].Profile
	want := &model.Profile{
		Weekly:     []float64{1, 0.9, 0.9, 1, 1.1, 1.5, 1.6},
		Monthly:    []float64{0.4, 0.5, 0.7, 0.9, 1.2, 1.6, 1.9, 1.8, 1.1, 0.7, 0.5, 0.5},
		Growth:     0.1,
		Promotions: []model.Promotion{{Start: 150, Days: 7, Multiplier: 2.5}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("profile = %+v, want %+v", got, want)
	}
	v, err := s.With(Override{Path: "sites[beach-shop].stock[sunscreen].demand[walk-in].profile.trend", Value: "0.3"})
	if err != nil {
		t.Fatal(err)
	}
	vnet, err := v.Build()
	if err != nil {
		t.Fatal(err)
	}
	if g := vnet.Sites[0].Stocks[0].Demand[0].Profile.Growth; g != 0.3 {
		t.Errorf("trend after override = %v, want 0.3", g)
	}
}
