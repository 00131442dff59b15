package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
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

// historyTotal returns a built stream's history as day totals.
func historyTotals(h *model.History) []int64 {
	out := make([]int64, h.Days())
	for d := range out {
		for _, q := range h.Orders(d) {
			out[d] += q
		}
	}
	return out
}

// TestHistoryFile checks how a history file is found and read: relative
// to the scenario file, not the working directory; ISO dates from the
// earliest as day 0, or day numbers as they are; rows of the site-item's
// item at its site or at no site; and variants read the same file.
func TestHistoryFile(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("iso.csv", "item,date,site,quantity\n"+
		"a,2024-03-02,s,5\n"+
		"a,2024-02-28,s,2\n"+ // the earliest date: day 0
		"a,2024-03-02,,1\n"+ // no site: every site
		"a,2024-03-01,t,9\n"+ // another site
		"b,2024-03-05,s,4\n") // another item; the file spans 7 days
	write("days.csv", "date,item,quantity\n3,a,6\n1,a,1\n")
	write("x.yaml", `
horizon: 10
items: [{name: a}, {name: b}]
suppliers: [{name: f, lead_time: 1}]
sites:
  - name: s
    stock:
      - item: a
        source: f
        policy: {type: base_stock, order_up_to: 10}
        demand:
          - history: {file: iso.csv}
          - history: {file: days.csv, mode: bootstrap, block_days: 2}
      - item: b
        source: f
        policy: {type: base_stock, order_up_to: 10}
        demand: [{history: {file: iso.csv}}]
`)
	t.Chdir(dir) // the files are in sub, beside x.yaml, not here
	s, err := Load(filepath.Join("sub", "x.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	d := net.Sites[0].Stocks[0].Demand
	if got, want := historyTotals(d[0].History), []int64{2, 0, 0, 6, 0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("iso history of a at s = %v, want %v", got, want)
	}
	if d[0].Block != 0 {
		t.Errorf("replay block = %d, want 0", d[0].Block)
	}
	if got, want := historyTotals(d[1].History), []int64{0, 1, 0, 6}; !slices.Equal(got, want) || d[1].Block != 2 {
		t.Errorf("day-number history = %v block %d, want %v block 2", got, d[1].Block, want)
	}
	if got, want := historyTotals(net.Sites[0].Stocks[1].Demand[0].History), []int64{0, 0, 0, 0, 0, 0, 4}; !slices.Equal(got, want) {
		t.Errorf("history of b = %v, want %v", got, want)
	}
	mean, _, err := net.DemandRate()
	if err != nil || mean[0] != 8.0/7+7.0/4 {
		t.Errorf("demand rate of a = %v, %v; want the histories' means %v", mean, err, 8.0/7+7.0/4)
	}
	v, err := s.With(Override{Path: "sites[s].stock[a].demand[d1].history.block_days", Value: "3"})
	if err != nil {
		t.Fatal(err)
	}
	vnet, err := v.Build()
	if err != nil {
		t.Fatal(err)
	}
	if b := vnet.Sites[0].Stocks[0].Demand[1].Block; b != 3 {
		t.Errorf("block after override = %d, want 3", b)
	}
}

// TestBundledHistory checks that a bundled scenario reads its history
// from the bundled files, whatever the working directory.
func TestBundledHistory(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := Open("history")
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range net.Sites[0].Stocks {
		if h := st.Demand[0].History; h == nil || h.Days() != 182 {
			t.Fatalf("bundled history = %v, want 182 days", h)
		}
	}
	if got := net.Sites[0].Stocks[0].Demand[0].History.Total(); got != 5747 {
		t.Errorf("coffee total = %d, want 5747", got)
	}
}
