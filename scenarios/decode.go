package scenarios

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"scsim/model"
)

// Parse decodes and validates a scenario. file is the name used in error
// positions. The error, if any, is an [ErrorList] holding every problem
// found, sorted by position.
//
// Files the scenario refers to (demand histories) are read relative to the
// directory of file.
func Parse(file string, data []byte) (*Scenario, error) {
	return parse(file, data, osFiles(file))
}

// parse is [Parse] reading referred files with fs.
func parse(file string, data []byte, fl *files) (*Scenario, error) {
	d := &decoder{file: file, pos: newPosTree(), bad: map[string]bool{}}
	root := d.document(data)
	s := d.scenario(root)
	s.files = fl
	if d.tooLarge != nil {
		return nil, ErrorList{d.tooLarge} // the rest follows from the decoding that stopped
	}
	var net *model.Network
	unrecorded := 0
	if root != nil && !d.stopped {
		v := s.check()
		unrecorded = v.dropped
		if err := v.errs.Err(); err != nil {
			d.errs = append(d.errs, err.(ErrorList)...)
		}
		if len(d.errs) == 0 {
			s.root = root
			d.errs = append(d.errs, s.checkVariants()...)
		}
		net = v.net
	}
	d.errs.sort()
	if err := d.errs.limit(unrecorded).Err(); err != nil {
		return nil, err
	}
	s.keep(net)
	return s, nil
}

// scenario decodes the document's root mapping, if any, over the defaults.
func (d *decoder) scenario(root *yaml.Node) *Scenario {
	s := DefaultScenario()
	s.File = d.file
	if root != nil {
		d.node = &d.pos.root
		d.value(root, reflect.ValueOf(s).Elem())
	}
	s.pos, s.bad = d.pos, d.bad
	if s.Name == "" && !d.bad["name"] {
		base := filepath.Base(d.file)
		s.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return s
}

// Aliases are expanded where they are used, so a small file of nested
// aliases (a "billion laughs") could describe a huge scenario. The decoder
// therefore decodes at most [MaxScenarioValues] values, counting each
// expansion of an alias anew: a document of more values than that as
// written is refused before decoding (see [decoder.sized]), and one whose
// aliases expand beyond it where decoding reaches the limit.

// countValues returns the number of values in the tree at n: its
// scalars, mappings and sequences, not counting the keys of mappings, nor
// aliases (the decoder counts the values of their expansions).
func countValues(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode {
		return 0
	}
	c := 1
	for i, k := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		c += countValues(k)
	}
	return c
}

// sized checks that the document at root holds at most
// [MaxScenarioValues] values as written, recording an error and
// returning false if not, and sets the budget of values that alias
// expansions may add.
func (d *decoder) sized(root *yaml.Node) bool {
	n := countValues(root)
	d.budget = max(MaxScenarioValues-n, 0)
	if n > MaxScenarioValues {
		d.tooLarge = &Error{File: d.file, Line: 1, Col: 1,
			Msg: fmt.Sprintf("document too large: it holds %d values, more than the limit of %d; %s", n, MaxScenarioValues, raiseValues)}
		return false
	}
	return true
}

// decoder walks a yaml.Node tree into Go values by reflection over the
// fields' yaml tags. Unlike yaml.v3's Node.Decode it rejects unknown and
// duplicate keys, records the position of every value it decodes under its
// field path, and collects errors rather than stopping at the first.
type decoder struct {
	file string
	errs ErrorList
	pos  *posTree
	bad  map[string]bool
	// node is the node of pos where the value being decoded records its
	// position: each value sets it for the values inside it.
	node *posNode
	// path is the field path of the value being decoded, grown and cut
	// back as the walk goes down and up: it is made a string only for a
	// message (see [decoder.pathText]), so that decoding a network of
	// thousands of values builds no path for each.
	path []byte
	// aliased counts the values decoded inside alias expansions, up to
	// budget (see [decoder.sized]); inAlias is the depth of expansions being decoded. tooLarge
	// is the error recorded when the budget ran out, after which nothing
	// more is decoded.
	aliased, budget, inAlias int
	tooLarge                 *Error
	// stopped is set once maxDecodeErrors errors were found: nothing more
	// is decoded, and the scenario is not checked further.
	stopped bool
	// types remembers the fields of the struct types decoded so far: a
	// scenario has a dozen, looked up here without hashing the type.
	types []typeInfo
	// aliasErrs holds the errors found inside alias expansions, by
	// position and message, so that each is reported once however often
	// its anchor is used.
	aliasErrs map[aliasErr]bool
}

// aliasErr identifies an error inside an alias expansion.
type aliasErr struct {
	line, col int
	msg       string
}

// syntaxLine matches yaml.v3's syntax errors, which carry only a line.
var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document parses data and returns the root node of its only document, or
// nil after recording an error.
func (d *decoder) document(data []byte) (root *yaml.Node) {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := d.parse(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errs = append(d.errs, &Error{File: d.file, Line: 1, Col: 1, Msg: "empty scenario: expected a mapping with name, horizon, items, suppliers and sites"})
		} else {
			d.syntax(err, data)
		}
		return nil
	}
	var next yaml.Node
	switch err := d.parse(dec, &next); {
	case err == nil:
		d.errs = append(d.errs, &Error{File: d.file, Line: max(next.Line, 1), Col: max(next.Column, 1), Msg: "a scenario file holds one YAML document; found a second one"})
	case !errors.Is(err, io.EOF):
		d.syntax(err, data)
	}
	if len(doc.Content) == 0 {
		d.errs = append(d.errs, &Error{File: d.file, Line: 1, Col: 1, Msg: "empty scenario: expected a mapping with name, horizon, items, suppliers and sites"})
		return nil
	}
	root = doc.Content[0]
	if !d.sized(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "", "expected a mapping with name, horizon, items, suppliers and sites, got %s", describe(root))
		return nil
	}
	return root
}

// parse runs the YAML parser, turning a panic inside it into an error so
// that no input can crash the caller.
func (d *decoder) parse(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: line 1: %v", r)
		}
	}()
	return dec.Decode(n)
}

// syntax records a YAML syntax error in data. yaml.v3 gives only a line,
// so the column is 1; for an error that a mis-indented line causes, which
// yaml.v3 reports lines too early, the line found by [misindented] is
// reported instead, with its column.
func (d *decoder) syntax(err error, data []byte) {
	msg, line := err.Error(), 1
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			line = n
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if strings.Contains(msg, "UTF-8") {
		if l, c, b, ok := badUTF8(data); ok {
			d.errs = append(d.errs, &Error{File: d.file, Line: l, Col: c, Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): a scenario file must be UTF-8 text", b)})
			return
		}
	}
	if slices.Contains(indentMessages, msg) {
		if e := misindented(d.file, data); e != nil && e.Line >= line {
			e.Msg += fmt.Sprintf(" (the YAML parser says %q at line %d)", msg, line)
			d.errs = append(d.errs, e)
			return
		}
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Col: 1, Msg: "YAML syntax error: " + msg})
}

// badUTF8 returns the line and column (in characters, 1-based) of the
// first byte of data that is not valid UTF-8, and the byte.
func badUTF8(data []byte) (line, col int, b byte, ok bool) {
	line, col = 1, 1
	i := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		i = 3 // a byte order mark, which editors do not show
	}
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, data[i], true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, 0, false
}

// errorf records an error at node n about the field at path. Inside an
// alias expansion, an error already recorded at n is not recorded again.
func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	e := &Error{File: d.file, Line: max(n.Line, 1), Col: max(n.Column, 1), Field: path, Msg: fmt.Sprintf(format, args...)}
	if d.inAlias > 0 {
		k := aliasErr{e.Line, e.Col, e.Msg}
		if d.aliasErrs[k] {
			return
		}
		if d.aliasErrs == nil {
			d.aliasErrs = map[aliasErr]bool{}
		}
		d.aliasErrs[k] = true
	}
	d.errs = append(d.errs, e)
	if len(d.errs) == maxDecodeErrors && !d.stopped {
		d.stopped = true
		d.errs = append(d.errs, &Error{File: d.file, Line: e.Line, Col: e.Col,
			Msg: fmt.Sprintf("too many errors (%d): decoding stopped here; fix these first", maxDecodeErrors)})
	}
}

// maxDecodeErrors is the number of errors in a file's values after which
// decoding stops: one short of the errors a list shows ([maxErrors]), so
// that the note saying so is shown too. A file of millions of bad values
// is then refused in the time and memory of parsing it, without holding
// an error and a position for each.
const maxDecodeErrors = maxErrors - 1

// fail records an error about the value at path and marks path bad.
func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.errorf(n, path, format, args...)
	d.bad[path] = true
}

// pathText returns the field path of the value being decoded.
func (d *decoder) pathText() string { return string(d.path) }

// nodeDecoder is implemented by types that decode themselves, the tagged
// unions. n is the value node with aliases resolved; at is the node as
// written, for positions. The value's field path is d's.
type nodeDecoder interface {
	decodeNode(d *decoder, n, at *yaml.Node)
}

// value decodes node n into v, which must be addressable, recording its
// position under the decoder's path.
func (d *decoder) value(n *yaml.Node, v reflect.Value) {
	if d.tooLarge != nil || d.stopped {
		return
	}
	at := n
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
		d.inAlias++
		defer func() { d.inAlias-- }()
	}
	if d.inAlias > 0 {
		if d.aliased++; d.aliased > d.budget {
			d.tooLarge = &Error{File: d.file, Line: max(at.Line, 1), Col: max(at.Column, 1), Field: d.pathText(),
				Msg: fmt.Sprintf("document too large: it holds %d values as written and, with its aliases expanded, more than the limit of %d; decoding stopped here; %s",
					MaxScenarioValues-d.budget, MaxScenarioValues, raiseValues)}
			return
		}
	}
	if n.Kind == yaml.AliasNode {
		d.fail(at, d.pathText(), "alias to an unknown anchor")
		return
	}
	node := d.node // the position node of path
	node.setPos(at)
	null := n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
	if null && (v.Kind() == reflect.Struct || v.Kind() == reflect.Slice || v.Kind() == reflect.Pointer) {
		return // an empty value leaves the field's default, so required fields are reported
	}
	if v.Type() == overridesType {
		d.overrides(n, at, v)
		return
	}
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeNode(d, n, at)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.fail(at, d.pathText(), "expected a mapping (field: value lines), got %s", describe(n))
			return
		}
		d.mapping(n, v, nil)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(at, d.pathText(), "expected a list (lines starting with -, or [a, b]), got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		d.pos.reserve(node, 0, len(n.Content))
		for i, e := range n.Content {
			ev := s.Index(i)
			if df, ok := ev.Addr().Interface().(defaulter); ok {
				df.setDefaults()
			}
			mark := len(d.path)
			d.path = appendIndex(d.path, i)
			en := d.pos.elem(node, i)
			en.setPos(e)
			d.node = en
			d.value(e, ev)
			d.path = d.path[:mark]
		}
		d.node = node
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.node = node
		d.value(n, p.Elem())
		d.node = node
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || null {
			d.fail(at, d.pathText(), "expected a string, got %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			d.fail(at, d.pathText(), "expected true or false, got %s", describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Float64:
		var f float64
		if d.float(n, at, &f) {
			v.SetFloat(f)
		}
	case reflect.Int, reflect.Int64:
		var i int64
		if d.int(n, at, &i) {
			v.SetInt(i)
		}
	case reflect.Uint64:
		var u uint64
		if d.outOfRange(n, at) {
			return
		}
		if msg := nonDecimal(n); isNumber(n) && msg != "" {
			d.fail(at, d.pathText(), "%s", msg)
			return
		}
		if isNumber(n) && n.ShortTag() == "!!int" && n.Decode(&u) == nil {
			v.SetUint(u)
			return
		}
		// Digits beyond a uint64, which yaml.v3 takes for a float: say the
		// bound of this field, not the 2^53 of other whole numbers.
		if digits := strings.TrimPrefix(n.Value, "-"); n.Kind == yaml.ScalarNode && n.Style == 0 && len(digits) > 15 && fracDigits(digits[:15]) && strings.Trim(digits, "0123456789") == "" {
			if digits != n.Value {
				d.fail(at, d.pathText(), "must be >= 0, got %s", numText(n.Value))
			} else {
				d.fail(at, d.pathText(), "whole number out of range: at most 2^64-1 = 18446744073709551615, got %s", numText(n.Value))
			}
			return
		}
		var i int64
		if !d.int(n, at, &i) {
			return
		}
		if i < 0 {
			d.fail(at, d.pathText(), "must be >= 0, got %d", i)
			return
		}
		v.SetUint(uint64(i))
	default:
		panic("scenarios: cannot decode into " + v.Type().String())
	}
}

// plainInt returns the value of an integer scalar written plainly, as
// at most 15 decimal digits with an optional minus sign, which yaml.v3
// would decode to the same number; ok is false for any other text,
// which is left to yaml.v3.
func plainInt(n *yaml.Node) (int64, bool) {
	v := n.Value
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Tag != "" && n.Tag != "!!int" || !plainDigits(v) {
		return 0, false
	}
	x, err := strconv.ParseInt(v, 10, 64)
	return x, err == nil
}

// plainNumber returns the value of a number scalar written plainly, as
// plainInt accepts or with a fractional part ("0.95"), which yaml.v3
// would decode to the same float64.
func plainNumber(n *yaml.Node) (float64, bool) {
	v := n.Value
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Tag != "" && n.Tag != "!!int" && n.Tag != "!!float" {
		return 0, false
	}
	whole, frac, dot := strings.Cut(v, ".")
	if !plainDigits(whole) || dot && !fracDigits(frac) {
		return 0, false
	}
	x, err := strconv.ParseFloat(v, 64)
	return x, err == nil
}

// plainDigits reports whether v is 1 to 15 decimal digits after an
// optional minus sign, without a leading zero (which yaml.v3 may read
// as octal) and other than -0 (which it reads as the integer 0).
func plainDigits(v string) bool {
	if v == "-0" {
		return false
	}
	v = strings.TrimPrefix(v, "-")
	if len(v) == 0 || len(v) > 15 || v[0] == '0' && len(v) > 1 {
		return false
	}
	return fracDigits(v)
}

// fracDigits reports whether v is 1 to 15 decimal digits.
func fracDigits(v string) bool {
	if len(v) == 0 || len(v) > 15 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber reports whether n is a plain (untagged or !!int/!!float) number.
func isNumber(n *yaml.Node) bool {
	t := n.ShortTag()
	return n.Kind == yaml.ScalarNode && (t == "!!int" || t == "!!float")
}

// nonDecimal returns why the number scalar n is refused, or "". YAML
// (as yaml.v3 reads it) takes 0x10 for 16, 0o10 and 010 for 8, 0b11 for
// 3 and 1_000 for 1000; a value such as "horizon: 010" would then be 8
// days without a word, so numbers must be written in decimal, without
// underscores, and a whole number without a leading zero.
func nonDecimal(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return ""
	}
	v := strings.TrimLeft(n.Value, "+-")
	if !strings.ContainsRune(v, '_') && !(len(v) > 1 && v[0] == '0' && n.ShortTag() == "!!int") {
		return ""
	}
	as := ""
	var x float64
	if n.Decode(&x) == nil {
		as = ", as " + strconv.FormatFloat(x, 'g', -1, 64)
	}
	base := map[byte]string{'x': "a hexadecimal", 'X': "a hexadecimal", 'o': "an octal", 'b': "a binary"}[v[min(1, len(v)-1)]]
	switch {
	case v[0] == '0' && base != "":
		return fmt.Sprintf("%s is %s number: write numbers in decimal%s", n.Value, base, as)
	case v[0] == '0' && n.ShortTag() == "!!int":
		sign := strings.TrimSuffix(n.Value, v)
		return fmt.Sprintf("%s has a leading zero, with which YAML reads an octal number: write whole numbers in decimal without leading zeros (%s, or %s if octal was meant)",
			n.Value, sign+cmp.Or(strings.TrimLeft(v, "0"), "0"), strings.TrimPrefix(as, ", as "))
	}
	return fmt.Sprintf("%s: write numbers without underscores%s", n.Value, as)
}

// float decodes a finite number.
func (d *decoder) float(n, at *yaml.Node, f *float64) bool {
	if d.outOfRange(n, at) {
		return false
	}
	if !isNumber(n) {
		d.fail(at, d.pathText(), "expected a number, got %s", describe(n))
		return false
	}
	if msg := nonDecimal(n); msg != "" {
		d.fail(at, d.pathText(), "%s", msg)
		return false
	}
	if x, ok := plainNumber(n); ok {
		*f = x
	} else if err := n.Decode(f); err != nil {
		d.fail(at, d.pathText(), "expected a number, got %s", excerpt(n.Value, maxExcerpt))
		return false
	}
	if math.IsNaN(*f) || math.IsInf(*f, 0) {
		d.fail(at, d.pathText(), "must be a finite number, got %s", n.Value)
		return false
	}
	return true
}

// int decodes a whole number. Floats with no fractional part, such as
// 40.0 or 1e3, are accepted.
func (d *decoder) int(n, at *yaml.Node, i *int64) bool {
	if d.outOfRange(n, at) {
		return false
	}
	if !isNumber(n) {
		d.fail(at, d.pathText(), "expected a whole number, got %s", describe(n))
		return false
	}
	if msg := nonDecimal(n); msg != "" {
		d.fail(at, d.pathText(), "%s", msg)
		return false
	}
	if x, ok := plainInt(n); ok {
		*i = x
		return true
	}
	if n.ShortTag() == "!!int" && n.Decode(i) == nil {
		return true
	}
	var f float64
	if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		d.fail(at, d.pathText(), "expected a whole number, got %s", n.Value)
		return false
	}
	if f != math.Trunc(f) {
		d.fail(at, d.pathText(), "must be a whole number, got %s", n.Value)
		return false
	}
	if math.Abs(f) > 1<<53 {
		d.fail(at, d.pathText(), "whole number out of range: at most 2^53 = 9007199254740992 in magnitude, got %s", numText(n.Value))
		return false
	}
	*i = int64(f)
	return true
}

// outOfRange reports, as an error, a plain scalar written as a number but
// too large for a float64, such as 1e400, which YAML takes for a string.
func (d *decoder) outOfRange(n, at *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.ShortTag() != "!!str" {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if !errors.Is(err, strconv.ErrRange) {
		return false
	}
	d.fail(at, d.pathText(), "number out of range: a number holds at most about 1.8e308 in magnitude, got %s", numText(n.Value))
	return true
}

// numText shortens a number's text for a message.
func numText(v string) string {
	if len(v) > 40 {
		return fmt.Sprintf("%s...(%d digits)", v[:37], len(v))
	}
	return v
}

// restriction says whether a key known to the struct is allowed in this
// mapping: "" if it is, else the reason it is not.
type restriction func(key string) string

// mapping decodes the key-value pairs of n into the struct v. Keys not
// among the struct's fields, or refused by restrict, are errors; allowed
// lists the keys offered as suggestions (default: all fields).
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, restrict restriction, allowed ...string) {
	fields := d.fieldsOf(v.Type())
	if allowed == nil {
		allowed = fields.names
	}
	var seen seenKeys
	parent := d.node
	d.pos.reserve(parent, len(n.Content)/2, 0)
	mark := len(d.path)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		d.path = d.path[:mark]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, d.pathText(), "expected a field name, got %s", describe(k))
			continue
		}
		idx, ok := fields.index[k.Value]
		if !ok {
			// the key's text is cleaned for the message; a field's name
			// is clean already
			d.path = appendField(d.path, clean(k.Value))
		} else {
			d.path = appendField(d.path, k.Value)
		}
		if k.ShortTag() == "!!merge" {
			d.errorf(k, d.pathText(), "merge keys (<<) are not supported; write the fields out or use an alias for the whole value")
			continue
		}
		if first := seen.first(n, i, k); first != nil {
			d.errorf(k, d.pathText(), "duplicate field (first given at line %d)", first.Line)
			continue
		}
		if ok && restrict != nil {
			if why := restrict(k.Value); why != "" {
				d.errorf(k, d.pathText(), "%s", why)
				continue
			}
		}
		if !ok {
			d.errorf(k, d.pathText(), "unknown field (%s)", suggest(k.Value, allowed, "expected one of"))
			continue
		}
		d.node = d.pos.field(parent, k.Value)
		d.value(val, v.Field(idx))
	}
	d.path = d.path[:mark]
	d.node = parent
}

// seenKeys finds the first use of a field name in a mapping: by looking
// back over the keys before it in a small mapping (most are), through a
// map in a large one.
type seenKeys struct{ m map[string]*yaml.Node }

// smallMapping is the most keys a mapping looks back over.
const smallMapping = 16

// first returns the field name k at n.Content[i] written before in the
// mapping n (a scalar key, not a merge key), or nil; it records k.
func (s *seenKeys) first(n *yaml.Node, i int, k *yaml.Node) *yaml.Node {
	if len(n.Content) <= 2*smallMapping {
		for j := 0; j < i; j += 2 {
			if c := n.Content[j]; c.Kind == yaml.ScalarNode && c.Value == k.Value && c.ShortTag() != "!!merge" {
				return c
			}
		}
		return nil
	}
	if s.m == nil {
		s.m = map[string]*yaml.Node{}
	}
	if f, ok := s.m[k.Value]; ok {
		return f
	}
	s.m[k.Value] = k
	return nil
}

// index appends a list index to a path: "a.b" → "a.b[3]".
func index(path string, i int) string {
	var b [64]byte
	return string(appendIndex(append(b[:0], path...), i))
}

// appendIndex appends a list index to the path p: "a.b" → "a.b[3]".
func appendIndex(p []byte, i int) []byte {
	p = strconv.AppendInt(append(p, '['), int64(i), 10)
	return append(p, ']')
}

// join appends a field name to a path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// appendField appends a field name to the path p: "a.b" → "a.b.c".
func appendField(p []byte, name string) []byte {
	if len(p) > 0 {
		p = append(p, '.')
	}
	return append(p, name...)
}

// parent returns the path of the field holding path: "a.b[2].c" → "a.b[2]"
// → "a.b" → "a" → "".
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// fields lists a struct's YAML field names.
type fields struct {
	names []string       // sorted
	order []string       // in the order of the struct's fields
	index map[string]int // name → field index
}

var fieldCache sync.Map // reflect.Type → *fields

// typeInfo is a struct type's fields, as the decoder remembers them.
type typeInfo struct {
	t      reflect.Type
	fields *fields
}

// fieldsOf is the package's fieldsOf, remembered for the decoding.
func (d *decoder) fieldsOf(t reflect.Type) *fields {
	for i := range d.types {
		if d.types[i].t == t {
			return d.types[i].fields
		}
	}
	f := fieldsOf(t)
	d.types = append(d.types, typeInfo{t, f})
	return f
}

func fieldsOf(t reflect.Type) *fields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*fields)
	}
	f := &fields{index: map[string]int{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if !sf.IsExported() || name == "-" || name == "" {
			continue
		}
		f.names = append(f.names, name)
		f.index[name] = i
	}
	f.order = slices.Clone(f.names)
	slices.Sort(f.names)
	fieldCache.Store(t, f)
	return f
}

// describe says what a node is, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing (null)"
	case "!!int", "!!float":
		return "the number " + numText(n.Value)
	case "!!bool":
		return "the boolean " + n.Value
	case "!!str":
		return "the string " + excerpt(n.Value, 40)
	}
	return clean(n.ShortTag()) + " " + excerpt(n.Value, 40)
}

// mappingKey returns the value node of key in mapping n, and the key node.
func mappingKey(n *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if c := n.Content[i]; c.Kind == yaml.ScalarNode && c.Value == key {
			return c, n.Content[i+1]
		}
	}
	return nil, nil
}

// union decodes a tagged union: a mapping whose "type" key selects which of
// the struct's other fields are allowed. what names the union in messages
// ("distribution", "policy"). It returns false if the type is missing or
// unknown, in which case path is marked bad.
func (d *decoder) union(n, at *yaml.Node, v reflect.Value, what string, params map[string][]string) bool {
	u := unionOf(params)
	names := u.names
	if n.Kind != yaml.MappingNode {
		d.fail(at, d.pathText(), "expected a %s mapping {type: ...}, got %s", what, describe(n))
		return false
	}
	_, tn := mappingKey(n, "type")
	if tn == nil {
		path := d.pathText()
		if k, _ := mappingKey(n, "<<"); k != nil {
			d.fail(k, join(path, "<<"), "merge keys (<<) are not supported; write the fields out or use an alias for the whole value")
		} else {
			d.fail(at, path+".type", "missing; a %s needs a type (one of: %s)", what, strings.Join(names, ", "))
		}
		d.bad[path] = true
		return false
	}
	for tn.Kind == yaml.AliasNode && tn.Alias != nil {
		tn = tn.Alias
	}
	if tn.Kind != yaml.ScalarNode || tn.ShortTag() == "!!null" {
		path := d.pathText()
		d.fail(tn, path+".type", "expected a %s type (one of: %s), got %s", what, strings.Join(names, ", "), describe(tn))
		d.bad[path] = true
		return false
	}
	typ := tn.Value
	ut, ok := u.types[typ]
	if !ok {
		path := d.pathText()
		hint := ""
		if close := Closest(typ, names, maxTypo); len(close) > 0 {
			hint = ", did you mean " + strings.Join(close, " or ") + "?"
		}
		d.fail(tn, path+".type", "unknown %s type %s%s (supported: %s)", what, excerpt(typ, maxExcerpt), hint, strings.Join(names, ", "))
		d.bad[path] = true
		return false
	}
	d.mapping(n, v, func(key string) string {
		if slices.Contains(ut.allowed, key) {
			return ""
		}
		return fmt.Sprintf("does not apply to %s type %s (it takes: %s)", what, typ, ut.takes)
	}, ut.allowed...)
	return true
}

// unionTables holds what [decoder.union] needs of a tagged union's
// parameter table, computed once: its type names, sorted, and for each
// type the keys it allows ("type" and its parameters, sorted) and the
// list of its parameters for messages.
type unionTables struct {
	names []string
	types map[string]unionType
}

type unionType struct {
	allowed []string
	takes   string
}

var unionCache sync.Map // *map[string][]string → *unionTables

func unionOf(params map[string][]string) *unionTables {
	key := reflect.ValueOf(params).UnsafePointer()
	if u, ok := unionCache.Load(key); ok {
		return u.(*unionTables)
	}
	u := &unionTables{names: sortedKeys(params), types: make(map[string]unionType, len(params))}
	for typ, ps := range params {
		allowed := append([]string{"type"}, ps...)
		slices.Sort(allowed)
		u.types[typ] = unionType{allowed: allowed, takes: strings.Join(ps, ", ")}
	}
	unionCache.Store(key, u)
	return u
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decodeNode implements nodeDecoder: a bare number is a constant, else a
// mapping tagged by type.
func (t *Dist) decodeNode(d *decoder, n, at *yaml.Node) {
	*t = Dist{}
	if n.Kind == yaml.ScalarNode {
		if d.outOfRange(n, at) {
			return
		}
		if !isNumber(n) {
			d.fail(at, d.pathText(), "expected a number or a distribution mapping {type: ...}, got %s", describe(n))
			return
		}
		if d.float(n, at, &t.Value) {
			t.Type = "constant"
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(at, d.pathText(), "expected a number or a distribution mapping {type: ...}, got %s", describe(n))
		return
	}
	d.union(n, at, reflect.ValueOf(t).Elem(), "distribution", distParams)
}

// decodeNode implements nodeDecoder.
func (p *Policy) decodeNode(d *decoder, n, at *yaml.Node) {
	*p = Policy{}
	p.setDefaults()
	d.union(n, at, reflect.ValueOf(p).Elem(), "policy", policyParams)
}
