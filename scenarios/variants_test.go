package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// shopYAML is a small scenario for override tests: two stock entries
// share a policy through an alias.
const shopYAML = `name: shop
horizon: 365
items:
  - {name: widget, holding_cost: 0.01, order_cost: 10}
  - {name: gadget, holding_cost: 0.02}
suppliers:
  - {name: factory, lead_time: 4}
sites:
  - name: store
    stock:
      - item: widget
        source: factory
        policy: &p {type: rq, reorder_point: 36, order_quantity: 40}
        demand: [{rate: 8}, {name: web, rate: 2}]
      - item: gadget
        source: factory
        policy: *p
        demand: [{rate: 3}]
`

func mustParse(t *testing.T, file, src string) *Scenario {
	t.Helper()
	s, err := Parse(file, []byte(src))
	if err != nil {
		t.Fatalf("parse %s:\n%v", file, err)
	}
	return s
}

// with applies "path=value" overrides given as ParseOverride arguments.
func with(t *testing.T, s *Scenario, args ...string) (*Scenario, error) {
	t.Helper()
	var all []Override
	for _, a := range args {
		ovs, err := ParseOverride(a)
		if err != nil {
			t.Fatalf("ParseOverride(%q): %v", a, err)
		}
		all = append(all, ovs...)
	}
	return s.With(all...)
}

func mustWith(t *testing.T, s *Scenario, args ...string) *Scenario {
	t.Helper()
	n, err := with(t, s, args...)
	if err != nil {
		t.Fatalf("With(%q):\n%v", args, err)
	}
	if _, err := n.Build(); err != nil {
		t.Fatalf("With(%q).Build():\n%v", args, err)
	}
	return n
}

func TestWithPaths(t *testing.T) {
	s := mustParse(t, "shop.yaml", shopYAML)
	before := fmt.Sprintf("%+v", *s)

	// index and name forms select the same field
	byIndex := mustWith(t, s, "sites[0].stock[1].policy.reorder_point=20")
	byName := mustWith(t, s, "sites[store].stock[gadget].policy.reorder_point=20")
	quoted := mustWith(t, s, `sites["store"].stock['gadget'].policy.reorder_point=20`)
	for _, n := range []*Scenario{byIndex, byName, quoted} {
		if got := n.Sites[0].Stock[1].Policy.ReorderPoint; got != 20 {
			t.Errorf("gadget reorder point = %d, want 20", got)
		}
		// the alias shared by widget is not changed through gadget
		if got := n.Sites[0].Stock[0].Policy.ReorderPoint; got != 36 {
			t.Errorf("widget reorder point = %d, want 36 (aliased policy changed through another path)", got)
		}
	}

	tests := []struct {
		name string
		args []string
		got  func(*Scenario) any
		want any
	}{
		{"absent key added", []string{"suppliers[factory].capacity=100"}, func(s *Scenario) any { return s.Suppliers[0].Capacity }, 100.0},
		{"absent mapping added", []string{"sites[store].stock[widget].lane.unit_cost=2"}, func(s *Scenario) any { return s.Sites[0].Stock[0].Lane.UnitCost }, 2.0},
		{"pointer field", []string{"sites[store].stock[widget].initial=7"}, func(s *Scenario) any { return *s.Sites[0].Stock[0].Initial }, int64(7)},
		{"subtree replaced", []string{"sites[store].stock[widget].policy={type: eoq, safety_stock: 5}"},
			func(s *Scenario) any { return s.Sites[0].Stock[0].Policy }, Policy{Type: "eoq", SafetyStock: 5, Review: "continuous"}},
		{"distribution replaced", []string{"suppliers[0].lead_time={type: gamma, mean: 8, sd: 2}"},
			func(s *Scenario) any { return s.Suppliers[0].LeadTime }, Dist{Type: "gamma", Mean: 8, SD: 2}},
		{"default demand name", []string{"sites[store].stock[widget].demand[d0].rate=9"}, func(s *Scenario) any { return s.Sites[0].Stock[0].Demand[0].Rate }, 9.0},
		{"demand by name", []string{"sites[store].stock[widget].demand[web].stockout=lost_sale"}, func(s *Scenario) any { return s.Sites[0].Stock[0].Demand[1].Stockout }, "lost_sale"},
		{"item by name", []string{"items[gadget].price=3"}, func(s *Scenario) any { return s.Items[1].Price }, 3.0},
		{"later override applies to earlier", []string{"sites[store].stock[widget].policy={type: eoq}", "sites[store].stock[widget].policy.safety_stock=4"},
			func(s *Scenario) any { return s.Sites[0].Stock[0].Policy.SafetyStock }, int64(4)},
		{"whole list", []string{"sites[store].stock[widget].demand=[{rate: 1}, {name: web, rate: 5}]"},
			func(s *Scenario) any { return s.Sites[0].Stock[0].Demand[1].Rate }, 5.0},
		{"value equal to the base", []string{"horizon=365"}, func(s *Scenario) any { return s.Horizon }, 365.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustWith(t, s, tt.args...)
			if got := tt.got(n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	if after := fmt.Sprintf("%+v", *s); after != before {
		t.Errorf("With changed the base scenario:\n%s\nwant\n%s", after, before)
	}
	// and the base's YAML: the same override again gives the same result
	again := mustWith(t, s, "sites[0].stock[1].policy.reorder_point=20")
	if !reflect.DeepEqual(again.Sites, byIndex.Sites) {
		t.Error("With is not repeatable: the base's YAML was changed")
	}
}

func TestWithErrors(t *testing.T) {
	s := mustParse(t, "shop.yaml", shopYAML)
	tests := []struct{ arg, want string }{
		{"sites[stor].stock[widget].policy.reorder_point=1",
			`shop.yaml:9:3: --set: sites[stor].stock[widget].policy.reorder_point: no site named "stor" in sites (did you mean store?)`},
		{"sites[store].stock[widgte].initial=1",
			`shop.yaml:11:7: --set: sites[store].stock[widgte].initial: no stock entry for item "widgte" in sites[store].stock (did you mean widget?)`},
		{"sites[store].stock[widget].polcy=1",
			`shop.yaml:11:9: --set: sites[store].stock[widget].polcy: unknown field "polcy" in sites[store].stock[widget] (did you mean policy?)`},
		{"itmes[0].price=1",
			`shop.yaml:1:1: --set: itmes[0].price: unknown field "itmes" in the scenario (did you mean items or sites?)`},
		{"sites[2].type=store",
			`shop.yaml:9:3: --set: sites[2].type: index 2 is out of range: sites has 1 element (store), index 0`},
		{"suppliers[factory].lead_time.mean=3",
			`shop.yaml:7:32: --set: suppliers[factory].lead_time.mean: suppliers[factory].lead_time is the number 4, not a mapping: set suppliers[factory].lead_time as a whole, such as {type: normal, mean: 4, sd: 1}`},
		{"horizon.days=3",
			`shop.yaml:2:10: --set: horizon.days: horizon is a number: it has no field days`},
		{"sites[store].stock[widget].policy.reorder_point=-2000000000",
			`shop.yaml:13:46: --set: sites[store].stock[widget].policy.reorder_point: must be >= -1000000000 units, got -2000000000`},
		{"sites[store].stock[widget].policy={type: rq, safety_stock: 5}",
			"shop.yaml:13:17: --set: sites[store].stock[widget].policy.safety_stock: does not apply to policy type rq (it takes: reorder_point, order_quantity)\n" +
				"shop.yaml:13:17: --set: sites[store].stock[widget].policy.reorder_point: required by policy type rq\n" +
				"shop.yaml:13:17: --set: sites[store].stock[widget].policy.order_quantity: required by policy type rq"},
		{"horizon=-5", "shop.yaml:2:10: --set: horizon: must be > 0 days, got -5"},
		{"warmup=400", "shop.yaml:1:1: --set: warmup: must be < horizon (365 days), got 400"},
		{"sites[store].name=shop", "shop.yaml:9:5: --set: sites[store].name: a name cannot be overridden: " + renameWhy},
		{"sites[store].stock[widget].item=gadget", "shop.yaml:11:9: --set: sites[store].stock[widget].item: a stock entry's item cannot be overridden: " + renameWhy},
		{"sites[store].stock[widget].demand[web].stream=x", "shop.yaml:14:29: --set: sites[store].stock[widget].demand[web].stream: a demand's stream key cannot be overridden: " + renameWhy},
		{"sites[store].stock[widget].demand=[{name: walk-in, rate: 8}]",
			`shop.yaml:14:17: --set: sites[store].stock[widget].demand[0].name: renames demand stream "d0" to "walk-in": ` + renameWhy},
		{"name=other", "shop.yaml:1:1: --set: name: the scenario's name cannot be overridden (a variant is named by its own name)"},
		{"variants=[]", "shop.yaml:1:1: --set: variants: variants cannot be overridden: overrides change the base scenario, and a variant cannot hold variants"},
		{"sites[store].stock[widget].policy.reorder_point=a: b: c", "shop.yaml:13:46: --set: sites[store].stock[widget].policy.reorder_point: value \"a: b: c\" is not valid YAML:"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			_, err := with(t, s, tt.arg)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("With(%s) = %v, want an ErrorList", tt.arg, err)
			}
			if got := err.Error(); got != tt.want && !(strings.HasSuffix(tt.want, ":") && strings.HasPrefix(got, tt.want)) {
				t.Errorf("With(%s) =\n%s\nwant\n%s", tt.arg, got, tt.want)
			}
		})
	}

	// an error outside the overridden field names the overrides in force
	_, err := with(t, mustParse(t, "w.yaml", strings.Replace(shopYAML, "horizon: 365", "horizon: 365\nwarmup: 100", 1)), "horizon=50")
	want := "w.yaml:3:9: --set: warmup: must be < horizon (50 days), got 100 (after horizon=50)"
	if err == nil || err.Error() != want {
		t.Errorf("With(horizon=50) = %v, want %s", err, want)
	}

	// duplicate names, made by an earlier override, make a name ambiguous
	_, err = with(t, s, "items=[{name: widget, order_cost: 1}, {name: widget}, {name: gadget}]", "items[widget].price=2")
	if err == nil || !strings.Contains(err.Error(), `items[widget] is ambiguous: 2 elements are a item named "widget" (items[0], items[1]); select one by index`) {
		t.Errorf("With(duplicate names) = %v, want ambiguous", err)
	}
	// a scenario built in Go has no YAML
	if _, err := DefaultScenario().With(Override{Path: "horizon", Value: "1"}); err == nil || err.Error() != "overrides need a scenario parsed from YAML" {
		t.Errorf("With on a Go scenario = %v", err)
	}
}

// TestAmbiguousIndex checks a selector of digits that is both an index
// and another element's name.
func TestAmbiguousIndex(t *testing.T) {
	src := strings.Replace(shopYAML, "name: store", "name: \"1\"", 1)
	src = strings.Replace(src, "sites:\n", "sites:\n  - {name: other, stock: [{item: widget, source: factory, policy: {type: rq, reorder_point: 1, order_quantity: 1}, demand: [{rate: 1}]}]}\n", 1)
	s := mustParse(t, "d.yaml", src)
	// sites[1] is named "1": index and name agree
	if n := mustWith(t, s, "sites[1].stock[0].policy.reorder_point=2"); n.Sites[1].Stock[0].Policy.ReorderPoint != 2 {
		t.Error("sites[1] did not select sites[1]")
	}
	s2 := mustParse(t, "d.yaml", strings.Replace(src, `name: "1"`, `name: "0"`, 1))
	_, err := with(t, s2, "sites[0].stock[0].policy.reorder_point=2")
	want := `d.yaml:9:3: --set: sites[0].stock[0].policy.reorder_point: sites[0] is ambiguous: it selects sites[0] by index, but sites[1] is named "0"; write sites[0] or sites["0"]`
	if err == nil || err.Error() != want {
		t.Errorf("With(sites[0]) =\n%v\nwant\n%s", err, want)
	}
	if n := mustWith(t, s2, `sites["0"].stock[0].policy.reorder_point=2`); n.Sites[1].Stock[0].Policy.ReorderPoint != 2 {
		t.Error(`sites["0"] did not select the site named 0`)
	}
}

// TestWithNoOpBundled applies overrides that change nothing to every
// bundled scenario: the network built is the same.
func TestWithNoOpBundled(t *testing.T) {
	for _, b := range Bundled() {
		t.Run(b.Name, func(t *testing.T) {
			data, _ := BundledYAML(b.Name)
			s, net := mustBuild(t, b.Name+".yaml", data)
			n, err := s.With(
				Override{Path: "horizon", Value: fmt.Sprint(s.Horizon)},
				Override{Path: "sites[0].stock[0].policy.type", Value: s.Sites[0].Stock[0].Policy.Type},
				Override{Path: fmt.Sprintf("sites[%d].stock[0].lane.priority", len(s.Sites)-1), Value: fmt.Sprint(s.Sites[len(s.Sites)-1].Stock[0].Lane.Priority)},
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := n.Build()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, net) {
				t.Error("a no-op override changed the network")
			}
			if n.Name != s.Name || n.File != s.File || len(n.Variants) != len(s.Variants) || n.VariantName != "" {
				t.Errorf("With: name %q, file %q, %d variants, variant %q; want the base's", n.Name, n.File, len(n.Variants), n.VariantName)
			}
		})
	}
}

// flatten lists every leaf value of v by field path.
func flatten(v reflect.Value, path string, out map[string]string) {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if !t.Field(i).IsExported() || name == "-" || name == "" {
				continue
			}
			flatten(v.Field(i), join(path, name), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			flatten(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
		out[path+".len"] = fmt.Sprint(v.Len())
	case reflect.Pointer:
		if v.IsNil() {
			out[path] = "nil"
		} else {
			flatten(v.Elem(), path, out)
		}
	default:
		out[path] = fmt.Sprint(v.Interface())
	}
}

func TestVariantWhatIf(t *testing.T) {
	s, err := Open("what-if")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Variants) < 3 {
		t.Fatalf("what-if has %d variants, want >= 3", len(s.Variants))
	}
	base := map[string]string{}
	flatten(reflect.ValueOf(*s), "", base)
	for _, vr := range s.Variants {
		t.Run(vr.Name, func(t *testing.T) {
			if vr.Description == "" {
				t.Error("no description")
			}
			n, err := s.Variant(vr.Name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := n.Build(); err != nil {
				t.Fatal(err)
			}
			if n.Name != s.Name || n.VariantName != vr.Name || n.Variants != nil {
				t.Errorf("Name %q, VariantName %q, %d variants; want %q, %q, none", n.Name, n.VariantName, len(n.Variants), s.Name, vr.Name)
			}
			got := map[string]string{}
			flatten(reflect.ValueOf(*n), "", got)
			var paths []string
			for _, a := range n.overrides {
				paths = append(paths, a.path)
			}
			changed := 0
			for k, bv := range base {
				if strings.HasPrefix(k, "variants") || got[k] == bv {
					continue
				}
				changed++
				if !containsFunc(paths, func(p string) bool { return under(k, p) }) {
					t.Errorf("%s changed from %s to %s, but the variant sets only %v", k, bv, got[k], paths)
				}
			}
			if changed == 0 {
				t.Error("the variant changes nothing")
			}
		})
	}
	if _, err := s.Variant("no-such"); err == nil || !strings.Contains(err.Error(), "has no variant \"no-such\"") {
		t.Errorf("Variant(no-such) = %v", err)
	}
	if _, err := s.Variant("high-servce"); err == nil || !strings.Contains(err.Error(), "did you mean high-service?") {
		t.Errorf("Variant(high-servce) = %v", err)
	}

	// run settings changed after parsing carry over to variants, unless
	// the variant sets them
	s.Horizon, s.Replications = 1000, 3
	n, err := s.Variant("slow-factory")
	if err != nil || n.Horizon != 1000 || n.Replications != 3 || n.Warmup != s.Warmup {
		t.Errorf("Variant after changing horizon: %v, horizon %v, replications %d", err, n.Horizon, n.Replications)
	}
	if n, err := with(t, s, "horizon=2000"); err != nil || n.Horizon != 2000 || n.Replications != 3 {
		t.Errorf("With(horizon=2000): %v", err)
	}
}

func containsFunc(s []string, f func(string) bool) bool {
	for _, x := range s {
		if f(x) {
			return true
		}
	}
	return false
}

// TestVariantOfWith checks that variants apply on top of a scenario made
// by With, and that errors name the override that caused them.
func TestVariantOfWith(t *testing.T) {
	src := shopYAML + `variants:
  - name: eoq
    description: eoq at the store
    set:
      sites[store].stock[widget].policy: {type: eoq, safety_stock: 5}
  - name: slow
    set:
      suppliers[factory].lead_time: 8
      sites[store].stock[widget].policy.order_quantity: 60
`
	s := mustParse(t, "v.yaml", src)
	want := []Variant{
		{Name: "eoq", Description: "eoq at the store", Set: []Override{{Path: "sites[store].stock[widget].policy", Value: "{type: eoq, safety_stock: 5}", Origin: "variants[0].set"}}},
		{Name: "slow", Set: []Override{
			{Path: "suppliers[factory].lead_time", Value: "8", Origin: "variants[1].set"},
			{Path: "sites[store].stock[widget].policy.order_quantity", Value: "60", Origin: "variants[1].set"}}},
	}
	for i := range want {
		got := s.Variants[i]
		for j := range got.Set {
			got.Set[j].at, got.Set[j].node = pos{}, nil
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("Variants[%d] = %+v, want %+v", i, got, want[i])
		}
	}
	s = mustParse(t, "v.yaml", src) // unchanged positions

	// the base's own overrides, then a variant's
	w := mustWith(t, s, "suppliers[factory].lead_time=2")
	n, err := w.Variant("eoq")
	if err != nil {
		t.Fatal(err)
	}
	if n.Suppliers[0].LeadTime.Value != 2 || n.Sites[0].Stock[0].Policy.Type != "eoq" {
		t.Errorf("variant of With: lead time %v, policy %s", n.Suppliers[0].LeadTime.Value, n.Sites[0].Stock[0].Policy.Type)
	}
	// With on the base checks its variants against the new base
	_, err = with(t, s, "items[widget].order_cost=0")
	wantErr := "v.yaml:23:42: variants[0].set: sites[store].stock[widget].policy: eoq needs the item's fixed order cost K > 0"
	if err == nil || !strings.HasPrefix(err.Error(), wantErr) {
		t.Errorf("With(order_cost=0) =\n%v\nwant\n%s...", err, wantErr)
	}
	// a variant's Build errors name the override too
	v := mustParse(t, "v.yaml", src)
	vs, err := v.Variant("slow")
	if err != nil {
		t.Fatal(err)
	}
	vs.Sites[0].Stock[0].Policy.OrderQuantity = 0
	if err := vs.Validate(); err == nil || !strings.HasPrefix(err.Error(), "v.yaml:27:57: variants[1].set: sites[store].stock[widget].policy.order_quantity: must be >= 1") {
		t.Errorf("Validate of a changed variant = %v", err)
	}
}

func TestParseOverride(t *testing.T) {
	tests := []struct {
		arg    string
		values []string
		err    string
	}{
		{"horizon=365", []string{"365"}, ""},
		{" horizon = 365 , 730 ", []string{"365", "730"}, ""},
		{"sites[store].stock[widget].policy.cycle_service_level=0.9,0.95,0.99", []string{"0.9", "0.95", "0.99"}, ""},
		{"sites[store].stock[widget].policy={type: eoq, safety_stock: 5},{type: rq, reorder_point: 3, order_quantity: 4}",
			[]string{"{type: eoq, safety_stock: 5}", "{type: rq, reorder_point: 3, order_quantity: 4}"}, ""},
		{"suppliers[f].lead_time={type: empirical, values: [1, 2], weights: [1, 1]},3", []string{"{type: empirical, values: [1, 2], weights: [1, 1]}", "3"}, ""},
		{`description="a, b",'c, d'`, []string{`"a, b"`, `'c, d'`}, ""},
		{`sites["a=b"].type=store`, []string{"store"}, ""},
		{"horizon", nil, "--set horizon: expected PATH=VALUE or PATH=VALUE1,VALUE2,..., such as sites[store].stock[widget].policy.reorder_point=30,40"},
		{"horizon=", nil, "--set horizon=: no value after '='"},
		{"horizon=1,,2", nil, "--set horizon=1,,2: empty value (number 2); quote a value that holds a comma"},
		{"horizon=1,", nil, "--set horizon=1,: empty value (number 2); quote a value that holds a comma"},
		{"=1", nil, "--set =1: empty field path"},
		{"sites[].type=store", nil, "--set sites[].type=store: empty [] (give an index, such as [0], or a name, such as [store])"},
		{"sites[0.type=store", nil, "--set sites[0.type=store: expected PATH=VALUE or PATH=VALUE1,VALUE2,..., such as sites[store].stock[widget].policy.reorder_point=30,40"},
		{"sites..type=store", nil, "--set sites..type=store: empty field name at offset 6"},
		{"sites[-1].type=store", nil, "--set sites[-1].type=store: index [-1] must be >= 0"},
		{"policy={type: eoq", nil, "--set policy={type: eoq: unbalanced { or [ in the values"},
		{"policy=}", nil, "--set policy=}: unbalanced '}' in the values"},
		{`description="abc`, nil, `--set description="abc: unterminated quote " in the values`},
	}
	for _, tt := range tests {
		got, err := ParseOverride(tt.arg)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseOverride(%q) error = %v, want %s", tt.arg, err, tt.err)
			}
		case err != nil:
			t.Errorf("ParseOverride(%q): %v", tt.arg, err)
		default:
			var values []string
			for _, o := range got {
				values = append(values, o.Value)
				if o.Origin != "--set" {
					t.Errorf("override %+v, want Origin --set", o)
				}
			}
			if !reflect.DeepEqual(values, tt.values) {
				t.Errorf("ParseOverride(%q) values = %q, want %q", tt.arg, values, tt.values)
			}
		}
	}
	got, _ := ParseOverride(" sites[store].type = warehouse")
	if len(got) != 1 || got[0] != (Override{Path: "sites[store].type", Value: "warehouse", Origin: "--set"}) {
		t.Errorf("ParseOverride = %+v", got)
	}
}

// TestParseOverrideQuotesLittle checks that --set errors quote a long or
// hostile argument cut short and escaped.
func TestParseOverrideQuotesLittle(t *testing.T) {
	for _, tc := range []struct{ arg, want string }{
		{strings.Repeat("a", 2000) + "=1", "field path too long: 2000 bytes, at most 1000"},
		{"sites[\x1bx].name=1", `--set "sites[\x1bx].name=1": control character "\x1b" in the field path at offset 6`},
		{strings.Repeat("k", 300), `--set "` + strings.Repeat("k", 64) + `"…(300 bytes): expected PATH=VALUE`},
	} {
		_, err := ParseOverride(tc.arg)
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(err.Error()) > 300 {
			t.Errorf("ParseOverride(%.40q) = %.300v, want %q", tc.arg, err, tc.want)
		}
	}
}
