package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

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
