package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Override is one change to a scenario: the value at a field path is
// replaced by Value. Paths select list elements by index or by name:
//
//	sites[0].stock[1].policy.reorder_point
//	sites[store].stock[widget].policy.reorder_point
//
// Sites, items, suppliers and demand streams are selected by their name
// (a demand stream without one by its default name d0, d1, ...), stock
// entries by their item. A selector of digits is an index; quote it to
// select by name: sites["7"]. A path may end at a number or word, or at a
// mapping or list, whose whole value is then replaced; a field absent in
// the scenario is added. Overrides may not change names (see
// [Scenario.With]).
type Override struct {
	// Path is the field path, as the user wrote it.
	Path string
	// Value is the new value as YAML text: a scalar such as 0.99 or eoq,
	// or a flow mapping or list such as {type: eoq, safety_stock: 5}.
	Value string
	// Origin says where the override was given, for error messages:
	// "variants[1].set" for a variant in the file, "--set" on the command
	// line. Default "override".
	Origin string

	// at is the position of the path in the file, for a variant's
	// override; node is its value as parsed there.
	at   pos
	node *yaml.Node
}

// Variant is a named what-if change of a scenario: the base scenario with
// some parameters overridden. In YAML:
//
//	variants:
//	  - name: high-service
//	    description: cycle service level 0.99 instead of 0.95
//	    set:
//	      sites[store].stock[widget].policy.cycle_service_level: 0.99
type Variant struct {
	// Name identifies the variant; unique among the variants, not "base".
	// Required.
	Name string `yaml:"name"`
	// Description says, for people, what the variant changes and what to
	// expect.
	Description string `yaml:"description"`
	// Set lists the overrides in the order given; later ones apply to
	// the result of earlier ones. At least one.
	Set []Override `yaml:"set"`
}

// overridesType is the type of Variant.Set, which the decoder reads from
// a mapping of paths to values.
var overridesType = reflect.TypeFor[[]Override]()

// renameWhy explains why overrides must not change names.
const renameWhy = "names key the random numbers (streams SITE/ITEM/lead_time and SITE/ITEM/demand/NAME, or a demand's stream key), " +
	"so renaming a site, item or demand stream gives it other random numbers, and so other demand, which defeats comparing variants under common random numbers; " +
	"a variant may change anything but names"

// With returns a new scenario: s's YAML with the overrides applied in
// order, decoded and validated again. s is not changed. The result keeps
// s's File, Source, Name and VariantName, and s's Seed, Replications,
// Horizon and Warmup (which the CLI may have changed after parsing) unless
// an override sets them; its variants, if any, are checked against it.
//
// Overrides may not change names: a path may not end at a name, a stock
// entry's item or a demand's stream key, and a replaced mapping or list
// may not rename the sites, items, suppliers or demand streams in it.
// Names key the random-number streams, so a renamed stream would draw
// other random numbers, which defeats comparing variants under common
// random numbers. Paths under variants may not be set either.
//
// The error, if any, is an [ErrorList]. Its errors are positioned in s's
// file (for a variant, at its set entry); their Field is the override's
// Origin and their message starts with the override's path:
//
//	demo.yaml:30:9: variants[0].set: sites[store].stock[widget].policy.cycle_service_level: must be in (0, 1), got 1.5
//
// A Scenario built in Go has no YAML, and With returns an error. With
// does not modify s, so it may be called concurrently on one scenario.
func (s *Scenario) With(overrides ...Override) (*Scenario, error) {
	return s.with(overrides, false, "")
}

// Variant returns the scenario with the overrides of the variant called
// name applied (see [Scenario.With]). The result's Name is s's, its
// VariantName is name, and it has no variants.
func (s *Scenario) Variant(name string) (*Scenario, error) {
	names := make([]string, 0, len(s.Variants))
	for i := range s.Variants {
		if v := &s.Variants[i]; v.Name == name {
			return s.with(v.Set, true, v.Name)
		}
		names = append(names, s.Variants[i].Name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("scenario %s has no variants", s.Name)
	}
	return nil, fmt.Errorf("scenario %s has no variant %q (%s)", s.Name, name, suggest(name, names, "variants"))
}

// with applies overrides to s's YAML. leaf drops the variants (for a
// variant, which cannot hold variants); variant names the result.
func (s *Scenario) with(overrides []Override, leaf bool, variant string) (*Scenario, error) {
	if s.root == nil {
		return nil, errors.New("overrides need a scenario parsed from YAML")
	}
	root, att := s.root, slices.Clone(s.overrides)
	var errs ErrorList
	set := map[string]bool{} // the top-level fields set by these overrides
	for _, o := range overrides {
		o.Origin = cmp.Or(o.Origin, "override")
		r, path, err := s.apply(root, o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		root = r
		att = append(att, applied{path, o})
		top, _, _ := strings.Cut(path, ".")
		set[top] = true
	}
	if leaf {
		root = withoutKey(root, "variants")
	}
	d := &decoder{file: s.File, pos: newPosTree(), bad: map[string]bool{}}
	d.sized(root) // if not, d.tooLarge stops decoding at once
	n := d.scenario(root)
	n.Source, n.Name, n.VariantName = s.Source, s.Name, cmp.Or(variant, s.VariantName)
	n.root, n.overrides, n.files = root, att, s.files
	if !set["seed"] {
		n.Seed = s.Seed
	}
	if !set["replications"] {
		n.Replications = s.Replications
	}
	if !set["horizon"] {
		n.Horizon = s.Horizon
	}
	if !set["warmup"] {
		n.Warmup = s.Warmup
	}
	if d.tooLarge != nil {
		att.attributeIn(s.File, ErrorList{d.tooLarge})
		return nil, ErrorList{d.tooLarge}
	}
	att.attributeIn(s.File, d.errs)
	errs = append(errs, d.errs...)
	v := &validator{s: n}
	v.run()
	v.renames(s)
	att.attributeIn(s.File, v.errs)
	errs = append(errs, v.errs...)
	if len(errs) == 0 && !leaf {
		errs = n.checkVariants()
	}
	errs.sort()
	if err := errs.limit(v.dropped).Err(); err != nil {
		return nil, err
	}
	n.keep(v.net)
	return n, nil
}

// checkVariants applies every variant of a valid scenario, returning the
// errors found.
func (s *Scenario) checkVariants() ErrorList {
	var errs ErrorList
	for i := range s.Variants {
		if _, err := s.with(s.Variants[i].Set, true, s.Variants[i].Name); err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				list = ErrorList{{File: s.File, Line: 1, Col: 1, Field: fmt.Sprintf("variants[%d]", i), Msg: err.Error()}}
			}
			errs = append(errs, list...)
		}
	}
	return errs
}

// applied is an override and the path it resolved to, in index form
// ("sites[0].stock[1].policy").
type applied struct {
	path string
	o    Override
}

// attribution lists the overrides that made a scenario, in order.
type attribution []applied

// attribute rewrites errors found in a scenario made by overrides so that
// they name the override that caused them: an error at or under an
// override's path becomes "ORIGIN: PATH...: message"; any other (such as
// a warm-up no longer below an overridden horizon) names the overrides in
// force, "(after PATH=VALUE, ...)".
func (a attribution) attribute(errs ErrorList) {
	a.attributeIn("", errs)
}

// attributeIn is [attribution.attribute] for the errors in the file
// named file only, if file is not empty: errors in other files (a demand
// history's CSV) keep their positions.
func (a attribution) attributeIn(file string, errs ErrorList) {
	if len(a) == 0 {
		return
	}
	for _, e := range errs {
		if file != "" && e.File != file {
			continue
		}
		best := -1
		for i := range a {
			if under(e.Field, a[i].path) && (best < 0 || len(a[i].path) >= len(a[best].path)) {
				best = i
			}
		}
		if best >= 0 {
			o := a[best].o
			e.Msg = o.Path + e.Field[len(a[best].path):] + ": " + e.Msg
			e.Field = o.Origin
			continue
		}
		last := a[len(a)-1].o
		sets := make([]string, len(a))
		for i := range a {
			sets[i] = a[i].o.Path + "=" + brief(a[i].o.Value)
		}
		if e.Field != "" {
			e.Msg = e.Field + ": " + e.Msg
		}
		e.Msg += " (after " + strings.Join(sets, ", ") + ")"
		e.Field = last.Origin
		for i := range a {
			if o := a[i].o; o.Origin == last.Origin && o.at.line > 0 {
				e.Line, e.Col = o.at.line, o.at.col
				break
			}
		}
	}
}

// under reports whether field is path or inside it.
func under(field, path string) bool {
	return field == path || strings.HasPrefix(field, path+".") || strings.HasPrefix(field, path+"[")
}

// brief shortens a value's text for a message, escaping it if it holds
// control characters.
func brief(v string) string {
	if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
		return excerpt(strings.TrimSpace(v), 37)
	}
	v, _, cut := strings.Cut(strings.TrimSpace(v), "\n")
	if r := []rune(v); len(r) > 40 {
		v, cut = string(r[:37]), true
	}
	if cut {
		v += "..."
	}
	return v
}

// overrides decodes a variant's set: a mapping of field paths to values,
// kept in order as nodes to apply later.
func (d *decoder) overrides(n, at *yaml.Node, v reflect.Value) {
	path := d.pathText()
	if n.Kind != yaml.MappingNode {
		d.fail(at, path, "expected a mapping of field paths to new values (PATH: VALUE lines), got %s", describe(n))
		return
	}
	var out []Override
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			d.errorf(k, path, "expected a field path such as sites[store].stock[widget].policy, got %s", describe(k))
			continue
		case k.ShortTag() == "!!merge":
			d.errorf(k, path, "merge keys (<<) are not supported; write the overrides out")
			continue
		}
		if first, ok := seen[k.Value]; ok {
			d.errorf(k, path, "%s: duplicate path (first given at line %d)", pathText(k.Value), first.Line)
			continue
		}
		seen[k.Value] = k
		if _, err := parsePath(k.Value); err != nil {
			d.errorf(k, path, "%s: %v", pathText(k.Value), err)
			continue
		}
		out = append(out, Override{Path: k.Value, Value: nodeText(val), Origin: path, at: pos{k.Line, k.Column}, node: val})
	}
	v.Set(reflect.ValueOf(out))
}

// variants checks the variants' names and that each sets something. The
// overrides themselves are checked by applying them ([Scenario.With]).
func (v *validator) variants() {
	seen := map[string]int{}
	for i := range v.s.Variants {
		p := fmt.Sprintf("variants[%d]", i)
		vr := &v.s.Variants[i]
		switch x := vr.Name; {
		case x == "":
			v.errorf(p+".name", "required: a name for the variant, shown in comparisons")
		case strings.EqualFold(x, "base"):
			v.errorf(p+".name", "%q is reserved for the scenario without overrides", x)
		case strings.TrimSpace(x) != x:
			v.errorf(p+".name", "must not begin or end with spaces, got %q", x)
		case strings.ContainsAny(x, "/,="):
			v.errorf(p+".name", "must not contain '/', ',' or '=', got %q (output names a variant SCENARIO/VARIANT)", x)
		case strings.ContainsFunc(x, unicode.IsControl):
			v.errorf(p+".name", "must not contain control characters, got %q", x)
		default:
			if first, ok := seen[x]; ok {
				v.errorf(p+".name", "duplicate variant name %q (also variants[%d])", x, first)
			} else {
				seen[x] = i
			}
		}
		if len(vr.Set) == 0 && !v.badAt(p, ".set") {
			v.errorf(p+".set", "required: at least one override, as PATH: VALUE lines (such as sites[store].stock[widget].policy.reorder_point: 40)")
		}
	}
}

// renames reports the sites, items, suppliers and demand streams that an
// override of a whole mapping or list renamed, compared with base.
func (v *validator) renames(base *Scenario) {
	n := v.s
	names := func(k int, name func(int) string) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = name(i)
		}
		return out
	}
	v.renamed("items", "name", "item", names(len(base.Items), func(i int) string { return base.Items[i].Name }),
		names(len(n.Items), func(i int) string { return n.Items[i].Name }))
	v.renamed("suppliers", "name", "supplier", names(len(base.Suppliers), func(i int) string { return base.Suppliers[i].Name }),
		names(len(n.Suppliers), func(i int) string { return n.Suppliers[i].Name }))
	v.renamed("sites", "name", "site", names(len(base.Sites), func(i int) string { return base.Sites[i].Name }),
		names(len(n.Sites), func(i int) string { return n.Sites[i].Name }))
	for i := range n.Sites {
		bi := slices.IndexFunc(base.Sites, func(s Site) bool { return s.Name == n.Sites[i].Name })
		if bi < 0 {
			continue
		}
		bs, ns := base.Sites[bi].Stock, n.Sites[i].Stock
		p := fmt.Sprintf("sites[%d].stock", i)
		v.renamed(p, "item", "the item of stock entry", names(len(bs), func(j int) string { return bs[j].Item }),
			names(len(ns), func(j int) string { return ns[j].Item }))
		for j := range ns {
			bj := slices.IndexFunc(bs, func(s Stock) bool { return s.Item == ns[j].Item })
			if bj < 0 {
				continue
			}
			key := func(d []Demand) func(int) string {
				return func(k int) string {
					if d[k].Stream != "" {
						return d[k].Stream
					}
					return cmp.Or(d[k].Name, fmt.Sprintf("d%d", k))
				}
			}
			bd, nd := bs[bj].Demand, ns[j].Demand
			field := "name"
			if slices.ContainsFunc(bd, func(d Demand) bool { return d.Stream != "" }) || slices.ContainsFunc(nd, func(d Demand) bool { return d.Stream != "" }) {
				field = "stream"
			}
			v.renamed(fmt.Sprintf("%s[%d].demand", p, j), field, "demand stream", names(len(bd), key(bd)), names(len(nd), key(nd)))
		}
	}
}

// renamed reports the elements of list at path whose name (field) was
// old[i] and is now a name the list did not have. Elements added or
// removed, or reordered, are not renamed.
func (v *validator) renamed(path, field, what string, old, now []string) {
	for i := range min(len(old), len(now)) {
		if old[i] != now[i] && now[i] != "" && !slices.Contains(now, old[i]) && !slices.Contains(old, now[i]) {
			v.errorf(fmt.Sprintf("%s[%d].%s", path, i, field), "renames %s %q to %q: %s", what, old[i], now[i], renameWhy)
		}
	}
}
