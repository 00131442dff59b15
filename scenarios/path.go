package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pathText returns a field path (or PATH=VALUE) for a message: as it is,
// unless it is long or holds control characters or bytes that are not
// UTF-8, when it is quoted and escaped, cut short ([excerpt]).
func pathText(p string) string {
	if utf8.RuneCountInString(p) > 200 || !utf8.ValidString(p) || strings.ContainsFunc(p, unicode.IsControl) {
		return excerpt(p, maxExcerpt)
	}
	return p
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
			return nil, fmt.Errorf("%s is not a field name (letters, digits and _); select list elements with [NAME] or [INDEX]", excerpt(key, maxExcerpt))
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
			return nil, 0, fmt.Errorf("expected ] after the quoted name %s", excerpt(text, maxExcerpt))
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
