package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
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
	d := &decoder{file: s.File, pos: map[string]pos{}, bad: map[string]bool{},
		budget: aliasBase + aliasPerNode*countNodes(root)}
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
	v.scenario()
	v.renames(s)
	att.attributeIn(s.File, v.errs)
	errs = append(errs, v.errs...)
	if len(errs) == 0 && !leaf {
		errs = n.checkVariants()
	}
	errs.sort()
	if err := errs.limit().Err(); err != nil {
		return nil, err
	}
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

// withoutKey returns mapping m without key, copying it if key is there.
func withoutKey(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			c := *m
			c.Content = slices.Concat(m.Content[:i], m.Content[i+2:])
			return &c
		}
	}
	return m
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

// pathText returns a field path (or PATH=VALUE) for a message: as it is,
// unless it is long or holds control characters or bytes that are not
// UTF-8, when it is quoted and escaped, cut short ([excerpt]).
func pathText(p string) string {
	if utf8.RuneCountInString(p) > 200 || !utf8.ValidString(p) || strings.ContainsFunc(p, unicode.IsControl) {
		return excerpt(p, maxExcerpt)
	}
	return p
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

// apply returns a copy of root with o applied, and o's path in index form.
// The nodes along the path are copied; the rest is shared with root.
func (s *Scenario) apply(root *yaml.Node, o Override) (*yaml.Node, string, *Error) {
	fail := func(at *yaml.Node, format string, args ...any) (*yaml.Node, string, *Error) {
		e := &Error{File: s.File, Line: 1, Col: 1, Field: o.Origin, Msg: o.Path + ": " + fmt.Sprintf(format, args...)}
		switch {
		case o.at.line > 0:
			e.Line, e.Col = o.at.line, o.at.col
		case at != nil && at.Line > 0:
			e.Line, e.Col = at.Line, max(at.Column, 1)
		}
		return nil, "", e
	}
	ops, err := parsePath(o.Path)
	if err != nil {
		return fail(root, "%v", err)
	}
	if ops[0].key == "variants" {
		return fail(root, "variants cannot be overridden: overrides change the base scenario, and a variant cannot hold variants")
	}
	// value returns the new value, placed at node at if given as text.
	value := func(at *yaml.Node) (*yaml.Node, error) {
		if o.node != nil {
			return o.node, nil
		}
		v, err := parseValue(o.Value)
		if err == nil {
			place(v, at)
		}
		return v, err
	}

	newRoot := clone(root)
	cur, t, path, label := newRoot, reflect.TypeFor[Scenario](), "", ""
	for k, op := range ops {
		last := k == len(ops)-1
		var slot **yaml.Node
		if op.sel == nil {
			if t.Kind() != reflect.Struct {
				return fail(cur, "%s is %s: it has no field %s", label, kindWord(t), op.key)
			}
			fs := fieldsOf(t)
			idx, ok := fs.index[op.key]
			if !ok {
				return fail(cur, "unknown field %q in %s (%s)", op.key, cmp.Or(label, "the scenario"), suggest(op.key, fs.names, "fields"))
			}
			if last {
				if msg := renameField(t, op.key); msg != "" {
					return fail(cur, "%s", msg)
				}
			}
			if cur.Kind == yaml.ScalarNode && cur.ShortTag() == "!!null" {
				*cur = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: cur.Line, Column: cur.Column}
			}
			if cur.Kind != yaml.MappingNode {
				hint := ""
				if t == reflect.TypeFor[Dist]() {
					hint = ", such as {type: normal, mean: 4, sd: 1}"
				}
				return fail(cur, "%s is %s, not a mapping: set %s as a whole%s", label, describe(cur), label, hint)
			}
			ft := t.Field(idx).Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			path, label = join(path, op.key), join(label, op.key)
			ki := -1
			for i := 0; i+1 < len(cur.Content); i += 2 {
				if c := cur.Content[i]; c.Kind == yaml.ScalarNode && c.Value == op.key {
					ki = i
					break
				}
			}
			if ki < 0 {
				key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: op.key, Line: cur.Line, Column: cur.Column}
				if last {
					v, err := value(cur)
					if err != nil {
						return fail(cur, "%v", err)
					}
					cur.Content = append(cur.Content, key, v)
					return newRoot, path, nil
				}
				if ops[k+1].sel != nil {
					return fail(cur, "%s is not given, so it has no element %s to select; set %s as a whole", label, ops[k+1].text(), label)
				}
				if ft.Kind() != reflect.Struct {
					return fail(cur, "%s is %s: it has no field %s", label, kindWord(ft), ops[k+1].key)
				}
				m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: cur.Line, Column: cur.Column}
				cur.Content = append(cur.Content, key, m)
				cur, t = m, ft
				continue
			}
			slot, t = &cur.Content[ki+1], ft
		} else {
			if t.Kind() != reflect.Slice {
				return fail(cur, "%s is %s, not a list: %s selects an element of a list", label, kindWord(t), op.text())
			}
			if cur.Kind != yaml.SequenceNode {
				return fail(cur, "%s is %s, not a list", label, describe(cur))
			}
			i, msg := selectElem(cur, t.Elem(), op, label, lastKey(ops[:k]))
			if msg != "" {
				return fail(cur, "%s", msg)
			}
			path, label = fmt.Sprintf("%s[%d]", path, i), label+op.text()
			slot, t = &cur.Content[i], t.Elem()
		}
		if last {
			v, err := value(*slot)
			if err != nil {
				return fail(*slot, "%v", err)
			}
			*slot = v
			return newRoot, path, nil
		}
		at := *slot
		child := clone(resolve(at))
		child.Line, child.Column = at.Line, at.Column
		*slot, cur = child, child
	}
	panic("unreachable")
}

// renameField says why the field key of struct t may not be overridden,
// or returns "".
func renameField(t reflect.Type, key string) string {
	switch {
	case t == reflect.TypeFor[Scenario]() && key == "name":
		return "the scenario's name cannot be overridden (a variant is named by its own name)"
	case key == "name":
		return "a name cannot be overridden: " + renameWhy
	case t == reflect.TypeFor[Stock]() && key == "item":
		return "a stock entry's item cannot be overridden: " + renameWhy
	case t == reflect.TypeFor[Demand]() && key == "stream":
		return "a demand's stream key cannot be overridden: " + renameWhy
	}
	return ""
}

// lastKey returns the field name of the last key among ops.
func lastKey(ops []pathOp) string {
	for i := len(ops) - 1; i >= 0; i-- {
		if ops[i].sel == nil {
			return ops[i].key
		}
	}
	return ""
}

// kindWord names a field's kind of value in messages.
func kindWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a word"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "a mapping"
	}
	return "a number"
}

// elementNouns name the elements of the lists selectable by name.
var elementNouns = map[string]string{
	"items":     "item named",
	"suppliers": "supplier named",
	"sites":     "site named",
	"stock":     "stock entry for item",
	"demand":    "demand stream named",
}

// selectElem returns the index of the element of seq that op selects;
// elem is the type of the elements, label the list's path as written and
// field its field name. Otherwise it returns a message saying why none.
func selectElem(seq *yaml.Node, elem reflect.Type, op pathOp, label, field string) (int, string) {
	nameKey := ""
	switch {
	case elem == reflect.TypeFor[Stock]():
		nameKey = "item"
	case elem.Kind() == reflect.Struct:
		if _, ok := fieldsOf(elem).index["name"]; ok {
			nameKey = "name"
		}
	}
	names := make([]string, len(seq.Content))
	if nameKey != "" {
		for i, e := range seq.Content {
			if e = resolve(e); e.Kind == yaml.MappingNode {
				if _, v := mappingKey(e, nameKey); v != nil {
					if v = resolve(v); v.Kind == yaml.ScalarNode {
						names[i] = v.Value
					}
				} else if elem == reflect.TypeFor[Demand]() {
					names[i] = fmt.Sprintf("d%d", i)
				}
			}
		}
	}
	var named []int
	for i, n := range names {
		if n == op.sel.text && nameKey != "" {
			named = append(named, i)
		}
	}
	list := func() string {
		if nameKey == "" {
			return ""
		}
		return " (" + strings.Join(names, ", ") + ")"
	}
	if i, err := strconv.Atoi(op.sel.text); err == nil && !op.sel.quoted {
		if i >= len(seq.Content) {
			if len(seq.Content) == 0 {
				return 0, fmt.Sprintf("index %d is out of range: %s is empty", i, label)
			}
			if len(seq.Content) == 1 {
				return 0, fmt.Sprintf("index %d is out of range: %s has 1 element%s, index 0", i, label, list())
			}
			return 0, fmt.Sprintf("index %d is out of range: %s has %d elements%s, indexes 0 to %d", i, label, len(seq.Content), list(), len(seq.Content)-1)
		}
		for _, j := range named {
			if j != i {
				return 0, fmt.Sprintf("%s%s is ambiguous: it selects %s[%d] by index, but %s[%d] is named %q; write %s[%d] or %s[%q]",
					label, op.text(), label, i, label, j, op.sel.text, label, i, label, op.sel.text)
			}
		}
		return i, ""
	}
	if nameKey == "" {
		return 0, fmt.Sprintf("%s is a list of %s: select its elements by index, as %s[0]", label, plural(elem), label)
	}
	noun := cmp.Or(elementNouns[field], "element named")
	switch len(named) {
	case 0:
		given := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "" })
		return 0, fmt.Sprintf("no %s %q in %s (%s)", noun, op.sel.text, label, suggest(op.sel.text, given, label))
	case 1:
		return named[0], ""
	}
	idx := make([]string, len(named))
	for i, j := range named {
		idx[i] = fmt.Sprintf("%s[%d]", label, j)
	}
	return 0, fmt.Sprintf("%s%s is ambiguous: %d elements are a %s %q (%s); select one by index", label, op.text(), len(named), noun, op.sel.text, strings.Join(idx, ", "))
}

// plural names a list's elements.
func plural(t reflect.Type) string {
	if t.Kind() == reflect.Float64 {
		return "numbers"
	}
	return "values"
}

// resolve follows an alias to its anchor.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// clone copies a node one level deep: its children are shared.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = slices.Clone(n.Content)
	return &c
}

// place positions a value given as text, and the nodes in it, at the node
// it replaces or, for an added field, at the mapping that receives it:
// where the path exists in the file.
func place(value, at *yaml.Node) {
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		n.Line, n.Column = at.Line, at.Column
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(value)
}

// parseValue parses an override's value text.
func parseValue(text string) (*yaml.Node, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("no value: give the new value, such as 0.99, eoq or {type: eoq, safety_stock: 5}")
	}
	var doc yaml.Node
	d := &decoder{}
	if err := d.parse(yaml.NewDecoder(strings.NewReader(text)), &doc); err != nil {
		return nil, fmt.Errorf("value %q is not valid YAML: %s", brief(text), strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("value %q is empty", brief(text))
	}
	return doc.Content[0], nil
}

// nodeText returns a value's YAML text on one line where it can: mappings
// and lists in flow style.
func nodeText(n *yaml.Node) (text string) {
	if n.Kind == yaml.AliasNode {
		return "*" + n.Value
	}
	if n.Kind == yaml.ScalarNode && n.Style == 0 && !strings.Contains(n.Value, "\n") {
		return n.Value
	}
	var flow func(n *yaml.Node) *yaml.Node
	flow = func(n *yaml.Node) *yaml.Node {
		c := *n
		c.HeadComment, c.LineComment, c.FootComment = "", "", ""
		if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
			c.Style |= yaml.FlowStyle
			c.Content = make([]*yaml.Node, len(n.Content))
			for i, k := range n.Content {
				c.Content[i] = flow(k)
			}
		}
		return &c
	}
	defer func() {
		if recover() != nil {
			text = n.Value
		}
	}()
	out, err := yaml.Marshal(flow(n))
	if err != nil {
		return n.Value
	}
	return strings.TrimSuffix(string(out), "\n")
}

// overrides decodes a variant's set: a mapping of field paths to values,
// kept in order as nodes to apply later.
func (d *decoder) overrides(n, at *yaml.Node, v reflect.Value, path string) {
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
		if len(vr.Set) == 0 && !v.s.bad[p+".set"] {
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

// pathOp is one step of a field path: a field name, or a selector of a
// list element.
type pathOp struct {
	key string
	sel *selector
}

// selector selects a list element by index (digits) or by name; quoted
// text is always a name.
type selector struct {
	text   string
	quoted bool
}

// text returns the step as written in a path.
func (op pathOp) text() string {
	if op.sel == nil {
		return op.key
	}
	if op.sel.quoted {
		return "[" + strconv.Quote(op.sel.text) + "]"
	}
	return "[" + op.sel.text + "]"
}

// parsePath splits a field path into steps: field names separated by
// dots, each followed by any number of [selectors].
//
// A path is at most maxPathBytes long and holds no control characters, so
// that messages can quote it as it is.
func parsePath(p string) ([]pathOp, error) {
	if strings.TrimSpace(p) == "" {
		return nil, errors.New("empty field path")
	}
	if len(p) > maxPathBytes {
		return nil, fmt.Errorf("field path too long: %d bytes, at most %d", len(p), maxPathBytes)
	}
	if !utf8.ValidString(p) {
		return nil, errors.New("the field path is not UTF-8 text")
	}
	if i := strings.IndexFunc(p, unicode.IsControl); i >= 0 {
		return nil, fmt.Errorf("control character %q in the field path at offset %d", p[i:i+utf8.RuneLen([]rune(p[i:])[0])], i)
	}
	var ops []pathOp
	for i := 0; i < len(p); {
		// a field name
		j := i
		for j < len(p) && p[j] != '.' && p[j] != '[' && p[j] != ']' {
			j++
		}
		key := p[i:j]
		switch {
		case key == "" && i == 0:
			return nil, errors.New("a field path starts with a field name, such as sites")
		case key == "":
			return nil, fmt.Errorf("empty field name at offset %d", i)
		case strings.ContainsFunc(key, func(r rune) bool { return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) }):
			return nil, fmt.Errorf("%q is not a field name (letters, digits and _); select list elements with [NAME] or [INDEX]", key)
		}
		ops = append(ops, pathOp{key: key})
		i = j
		for i < len(p) && p[i] == '[' {
			sel, n, err := parseSelector(p[i:])
			if err != nil {
				return nil, err
			}
			ops = append(ops, pathOp{sel: sel})
			i += n
		}
		switch {
		case i == len(p):
		case p[i] == '.' && i+1 < len(p):
			i++
		case p[i] == '.':
			return nil, errors.New("ends with '.'")
		default:
			return nil, fmt.Errorf("unexpected %q at offset %d (fields are separated by '.')", p[i], i)
		}
	}
	return ops, nil
}

// maxPathBytes is the longest field path, in bytes.
const maxPathBytes = 1000

// parseSelector reads "[...]" at the start of s, returning its length.
func parseSelector(s string) (*selector, int, error) {
	i := 1
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		q := s[i]
		end := strings.IndexByte(s[i+1:], q)
		if end < 0 {
			return nil, 0, fmt.Errorf("unterminated quote in %s", s)
		}
		text := s[i+1 : i+1+end]
		i += end + 2
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] != ']' {
			return nil, 0, fmt.Errorf("expected ] after the quoted name %q", text)
		}
		if text == "" {
			return nil, 0, errors.New("empty name in []")
		}
		return &selector{text, true}, i + 1, nil
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return nil, 0, fmt.Errorf("missing ] after %s", s)
	}
	text := strings.TrimSpace(s[1:end])
	switch {
	case text == "":
		return nil, 0, errors.New("empty [] (give an index, such as [0], or a name, such as [store])")
	case strings.ContainsRune(text, '['):
		return nil, 0, fmt.Errorf("unexpected [ in [%s]", text)
	}
	if text[0] == '-' || text[0] == '+' {
		if _, err := strconv.Atoi(text); err == nil {
			return nil, 0, fmt.Errorf("index [%s] must be >= 0", text)
		}
	}
	return &selector{text: text}, end + 1, nil
}

// ParseOverride parses a command-line override "PATH=VALUE[,VALUE...]"
// into one [Override] per value, each with Origin "--set". Values are
// separated by commas outside {}, [] and quotes, so
//
//	sites[store].stock[widget].policy={type: eoq},{type: rq, reorder_point: 40, order_quantity: 60}
//
// gives two values. Quote a value that holds a comma of its own.
func ParseOverride(arg string) ([]Override, error) {
	eq := -1
	for i, depth := 0, 0; i < len(arg) && eq < 0; i++ {
		switch arg[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '=':
			if depth == 0 {
				eq = i
			}
		}
	}
	shown := pathText(arg)
	if eq < 0 {
		return nil, fmt.Errorf("--set %s: expected PATH=VALUE or PATH=VALUE1,VALUE2,..., such as sites[store].stock[widget].policy.reorder_point=30,40", shown)
	}
	path := strings.TrimSpace(arg[:eq])
	if _, err := parsePath(path); err != nil {
		return nil, fmt.Errorf("--set %s: %v", shown, err)
	}
	values, err := splitValues(arg[eq+1:])
	if err != nil {
		return nil, fmt.Errorf("--set %s: %v", shown, err)
	}
	out := make([]Override, len(values))
	for i, v := range values {
		out[i] = Override{Path: path, Value: v, Origin: "--set"}
	}
	return out, nil
}

// splitValues splits s at the commas outside brackets and quotes.
func splitValues(s string) ([]string, error) {
	var (
		out   []string
		depth int
		quote byte
		start int
	)
	add := func(end int) error {
		v := strings.TrimSpace(s[start:end])
		if v == "" {
			if len(out) == 0 && end == len(s) {
				return errors.New("no value after '='")
			}
			return fmt.Errorf("empty value (number %d); quote a value that holds a comma", len(out)+1)
		}
		out = append(out, v)
		start = end + 1
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			switch {
			case c == '\\' && quote == '"':
				i++
			case c == quote:
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth < 0 {
				return nil, fmt.Errorf("unbalanced %q in the values", c)
			}
		case c == ',' && depth == 0:
			if err := add(i); err != nil {
				return nil, err
			}
		}
	}
	switch {
	case quote != 0:
		return nil, fmt.Errorf("unterminated quote %c in the values", quote)
	case depth != 0:
		return nil, errors.New("unbalanced { or [ in the values")
	}
	if err := add(len(s)); err != nil {
		return nil, err
	}
	return out, nil
}
