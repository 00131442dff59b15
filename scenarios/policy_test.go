package scenarios

import (
	"reflect"
	"slices"
	"testing"
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
