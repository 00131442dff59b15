package scenarios

import (
	"reflect"
	"slices"
	"testing"

	"scsim/model"
)

// TestPolicyKinds checks the table of policy types: every entry complete
// and named once, its parameters fields of Policy, and every field of
// Policy taken by some type.
func TestPolicyKinds(t *testing.T) {
	fields := fieldsOf(reflect.TypeFor[Policy]())
	taken := map[string]bool{}
	seen := map[string]bool{}
	for _, k := range policyKinds {
		switch {
		case k.name == "" || seen[k.name]:
			t.Errorf("policy type %q: empty or listed twice", k.name)
		case k.doc == "" || k.check == nil || k.build == nil:
			t.Errorf("policy type %s: needs a doc, a check and a build", k.name)
		case k.seasonal && !slices.Contains(k.params, "levels"):
			t.Errorf("policy type %s follows profiles but does not take levels", k.name)
		}
		seen[k.name] = true
		for _, p := range k.params {
			if _, ok := fields.index[p]; !ok || p == "type" {
				t.Errorf("policy type %s takes %q, which is not a parameter of Policy", k.name, p)
			}
			taken[p] = true
		}
	}
	for _, f := range fields.order {
		if f != "type" && !taken[f] {
			t.Errorf("Policy.%s is taken by no policy type", f)
		}
	}
}

// TestPolicyKindsBuild builds the bundled scenarios and checks that every
// site-item gets the model policy of its type, and that the bundled
// scenarios between them use every policy type.
func TestPolicyKindsBuild(t *testing.T) {
	used := map[string]bool{}
	for _, b := range Bundled() {
		s, err := Open(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		net, err := s.Compile()
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		for i := range s.Sites {
			for j := range s.Sites[i].Stock {
				want := s.Sites[i].Stock[j].Policy.Type
				if got := net.Sites[i].Stocks[j].Policy.Describe().Type; got != want {
					t.Errorf("%s: sites[%d].stock[%d]: built a %s policy, want %s", b.Name, i, j, got, want)
				}
				used[want] = true
			}
		}
	}
	for _, k := range policyKinds {
		if !used[k.name] {
			t.Errorf("no bundled scenario uses policy type %s", k.name)
		}
	}
}

// TestValidateIsCompile checks that Validate and Compile make the same
// pass: on a scenario with a check error and a derivation error, both
// report both, in the same words and order; fixed, Compile gives every
// site-item its policy and its natural initial stock.
func TestValidateIsCompile(t *testing.T) {
	s := DefaultScenario()
	s.Name, s.Horizon = "go", 100
	s.Items = []Item{{Name: "a", HoldingCost: 0.1}, {Name: "b", HoldingCost: 0.1, Price: -1}}
	s.Suppliers = []Supplier{{Name: "f", LeadTime: Dist{Type: "constant", Value: 2}}}
	demand := []Demand{{Rate: 5, Size: Dist{Type: "constant", Value: 1}, Stockout: "backorder"}}
	s.Sites = []Site{{Name: "s", Type: "store", Stock: []Stock{
		{Item: "a", Source: "f", Policy: Policy{Type: "eoq"}, Demand: demand},
		{Item: "b", Source: "f", Policy: Policy{Type: "rq", ReorderPoint: 3, OrderQuantity: 7}, Demand: demand},
	}}}
	want := "items[1].price: must be >= 0, got -1\n" +
		"sites[0].stock[0].policy: eoq needs the item's fixed order cost K > 0 for Q = √(2KD/h): set order_cost on item a (items[0])"
	verr := s.Validate()
	net, cerr := s.Compile()
	if verr == nil || verr.Error() != want {
		t.Errorf("Validate =\n%v\nwant\n%s", verr, want)
	}
	if cerr == nil || cerr.Error() != want || net != nil {
		t.Errorf("Compile = %v,\n%v\nwant no network and\n%s", net, cerr, want)
	}
	s.Items[0].OrderCost, s.Items[1].Price = 20, 1
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	net, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	// Q = √(2KD/h) = √(2·20·5/0.1) = √2000 ≈ 44.7 → 45; r = D·L = 10
	eoq := net.Sites[0].Stocks[0].Policy.(*model.EOQ)
	if eoq.Q != 45 || eoq.R != 10 || net.Sites[0].Stocks[0].Initial != 55 {
		t.Errorf("eoq r %d, Q %d, initial %d; want 10, 45, 55", eoq.R, eoq.Q, net.Sites[0].Stocks[0].Initial)
	}
	if rq := net.Sites[0].Stocks[1].Policy.(*model.RQ); rq.R != 3 || rq.Q != 7 || net.Sites[0].Stocks[1].Initial != 10 {
		t.Errorf("rq %+v, initial %d; want r 3, Q 7, initial 10", *rq, net.Sites[0].Stocks[1].Initial)
	}
}
