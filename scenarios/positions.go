package scenarios

import "gopkg.in/yaml.v3"

// posTree records the position in the file of every value the decoder
// decoded, under its field path ("sites[2].stock[0].policy"), as a tree
// that mirrors the paths: a value's fields are found by name among its
// node's few children, a list's elements by index. Looking a path up
// walks it down from the root, which costs far less than hashing the
// whole path in a map of every value of a large network.
type posTree struct {
	root posNode
	// slab is where new nodes are taken from, a block at a time, and
	// fieldSlab and elemSlab where the lists of their fields and
	// elements are (see [posTree.reserve]).
	slab      []posNode
	fieldSlab []posField
	elemSlab  []*posNode
}

type posNode struct {
	line, col int32
	set       bool // a position was recorded here (not just below)
	fields    []posField
	elems     []*posNode
}

type posField struct {
	name string
	node *posNode
}

func newPosTree() *posTree { return &posTree{} }

// setPos records the position of the node as written, n.
func (p *posNode) setPos(n *yaml.Node) {
	p.line, p.col, p.set = int32(max(n.Line, 0)), int32(max(n.Column, 0)), true
}

// get returns the position recorded at path, if any.
func (t *posTree) get(path string) (pos, bool) {
	if t == nil {
		return pos{}, false
	}
	return t.at(walk(&t.root, path))
}

// get2 is get of the path p+field, where field is a path's tail such as
// ".policy.type", without building the path.
func (t *posTree) get2(p, field string) (pos, bool) {
	if t == nil {
		return pos{}, false
	}
	return t.at(t.below(t.prefix(p, nil), field))
}

// prefixCache remembers the node of the path looked up last, for a
// caller asking after several fields of one value in a row.
type prefixCache struct {
	path string
	node *posNode
}

// prefix returns the node at path p, through c if not nil.
func (t *posTree) prefix(p string, c *prefixCache) *posNode {
	if c == nil {
		return walk(&t.root, p)
	}
	if c.node == nil || c.path != p {
		c.path, c.node = p, walk(&t.root, p)
	}
	return c.node
}

// below returns the node at the path tail field (".policy.type") below
// n, or nil.
func (t *posTree) below(n *posNode, field string) *posNode {
	if n != nil && field != "" {
		if field[0] == '.' {
			field = field[1:]
		}
		n = walk(n, field)
	}
	return n
}

func (t *posTree) at(n *posNode) (pos, bool) {
	if n == nil || !n.set {
		return pos{}, false
	}
	return pos{int(n.line), int(n.col)}, true
}

// walk returns the node at path below n, or nil.
func walk(n *posNode, path string) *posNode {
	for rest := path; rest != "" && n != nil; {
		var name string
		var idx int
		name, idx, rest = nextSegment(rest)
		var next *posNode
		if name != "" || idx < 0 {
			for _, f := range n.fields {
				if f.name == name {
					next = f.node
					break
				}
			}
		} else if idx < len(n.elems) {
			next = n.elems[idx]
		}
		n = next
	}
	return n
}

// has reports whether a position was recorded at path.
func (t *posTree) has(path string) bool {
	_, ok := t.get(path)
	return ok
}

func (t *posTree) node() *posNode {
	if len(t.slab) == 0 {
		t.slab = make([]posNode, posBlock)
	}
	n := &t.slab[0]
	t.slab = t.slab[1:]
	return n
}

// posBlock is the number of nodes, fields or elements of a block of
// the tree: the tens of thousands of values of a large network take a
// few dozen allocations, not one each.
const posBlock = 256

// reserve gives node n, whose value is a mapping of fields fields or a
// list of elems elements, the room to record them, taken from a block.
// A list that outgrows its room is copied out by append, as any slice.
func (t *posTree) reserve(n *posNode, fields, elems int) {
	if n.fields == nil && fields > 0 {
		n.fields, t.fieldSlab = take(t.fieldSlab, fields)
	}
	if n.elems == nil && elems > 0 {
		n.elems, t.elemSlab = take(t.elemSlab, elems)
	}
}

// take returns an empty slice with room for k values from slab, and
// what remains of slab; a slab too short for k is replaced by a new one.
func take[T any](slab []T, k int) (got, rest []T) {
	if len(slab) < k {
		slab = make([]T, max(k, posBlock))
	}
	return slab[:0:k], slab[k:]
}

func (t *posTree) field(n *posNode, name string) *posNode {
	for _, f := range n.fields {
		if f.name == name {
			return f.node
		}
	}
	c := t.node()
	n.fields = append(n.fields, posField{name, c})
	return c
}

func (t *posTree) elem(n *posNode, i int) *posNode {
	for len(n.elems) <= i {
		n.elems = append(n.elems, nil)
	}
	if n.elems[i] == nil {
		n.elems[i] = t.node()
	}
	return n.elems[i]
}

// nextSegment splits the first segment off a field path: a field name
// (name set, idx -1) or a list index ("[3]": name "", idx 3), and returns
// the rest of the path after it and its separator. A segment that is
// neither, such as "[x]", is taken whole as a name.
func nextSegment(path string) (name string, idx int, rest string) {
	if path[0] == '[' {
		i, j := 0, 1
		for ; j < len(path) && j < 12 && path[j] >= '0' && path[j] <= '9'; j++ {
			i = i*10 + int(path[j]-'0')
		}
		if j > 1 && j < len(path) && path[j] == ']' {
			rest = path[j+1:]
			if rest != "" && rest[0] == '.' {
				rest = rest[1:]
			}
			return "", i, rest
		}
	}
	end := len(path)
	for i := 1; i < len(path); i++ {
		if path[i] == '.' || path[i] == '[' {
			end = i
			break
		}
	}
	name, rest = path[:end], path[end:]
	if rest != "" && rest[0] == '.' {
		rest = rest[1:]
	}
	return name, -1, rest
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
