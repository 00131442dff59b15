package scenarios

import (
	"reflect"

	"gopkg.in/yaml.v3"
)

// Lookup returns the value at a field path (as [Override] takes it) in
// s's YAML, as written there, if the path selects a number or word the
// file gives; otherwise false, for example for a field left to its
// default or derived by the policy.
func (s *Scenario) Lookup(path string) (string, bool) {
	ops, err := parsePath(path)
	if err != nil || s.root == nil {
		return "", false
	}
	cur, t := resolve(s.root), reflect.TypeFor[Scenario]()
	for k, op := range ops {
		if op.sel == nil {
			if t.Kind() != reflect.Struct || cur.Kind != yaml.MappingNode {
				return "", false
			}
			fs := fieldsOf(t)
			idx, ok := fs.index[op.key]
			if !ok {
				return "", false
			}
			_, v := mappingKey(cur, op.key)
			if v == nil {
				return "", false
			}
			cur, t = resolve(v), t.Field(idx).Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			continue
		}
		if t.Kind() != reflect.Slice || cur.Kind != yaml.SequenceNode {
			return "", false
		}
		i, msg := selectElem(cur, t.Elem(), op, "", lastKey(ops[:k]))
		if msg != "" {
			return "", false
		}
		cur, t = resolve(cur.Content[i]), t.Elem()
	}
	if cur.Kind != yaml.ScalarNode {
		return "", false
	}
	return cur.Value, true
}
