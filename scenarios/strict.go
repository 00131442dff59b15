package scenarios

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// Positions records where each field of a file decoded by [DecodeStrict]
// was written, under its field path ("cases[2].metrics[0].scope"), so
// that checks made after decoding can name file:line:col too.
type Positions struct {
	file string
	pos  *posTree
}

// Errorf returns an error about the field at path, positioned where it
// was written (or at its nearest written parent; at the file if none).
func (p *Positions) Errorf(path, format string, args ...any) *Error {
	e := &Error{File: p.file, Field: path, Msg: fmt.Sprintf(format, args...)}
	for at := path; ; at = parent(at) {
		if ps, ok := p.pos.get(at); ok {
			e.Line, e.Col = ps.line, ps.col
			break
		}
		if at == "" {
			break
		}
	}
	return e
}

// Has reports whether the field at path was written in the file.
func (p *Positions) Has(path string) bool {
	return p.pos.has(path)
}

// DecodeStrict decodes the YAML document data, the file called file,
// into v (a pointer to a struct whose fields have yaml tags) with the
// decoder of scenario files: unknown fields (with a did-you-mean),
// duplicate keys, values of the wrong kind and syntax errors are errors
// naming file:line:col: field.path. Struct, slice, pointer, string,
// bool, float64, int and uint64 fields are supported; a field absent or
// null keeps its value. what describes the expected document for an
// empty file ("a suite mapping with cases"). The error is an [ErrorList]
// with every problem found, sorted by position.
func DecodeStrict(file string, data []byte, v any, what string) (*Positions, error) {
	d := &decoder{file: file, pos: newPosTree(), bad: map[string]bool{}}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	err := d.parse(dec, &doc)
	switch {
	case errors.Is(err, io.EOF) || err == nil && len(doc.Content) == 0:
		d.errs = append(d.errs, &Error{File: file, Line: 1, Col: 1, Msg: "empty file: expected " + what})
	case err != nil:
		d.syntax(err, data)
	default:
		var next yaml.Node
		if err := d.parse(dec, &next); err == nil {
			d.errs = append(d.errs, &Error{File: file, Line: max(next.Line, 1), Col: max(next.Column, 1), Msg: "the file holds one YAML document; found a second one"})
		} else if !errors.Is(err, io.EOF) {
			d.syntax(err, data)
		}
		root := doc.Content[0]
		if !d.sized(root) {
			break
		}
		if root.Kind != yaml.MappingNode {
			d.errorf(root, "", "expected %s, got %s", what, describe(root))
		} else {
			d.node = &d.pos.root
			d.value(root, reflect.ValueOf(v).Elem())
		}
	}
	if d.tooLarge != nil {
		return nil, ErrorList{d.tooLarge}
	}
	d.errs.sort()
	return &Positions{file: file, pos: d.pos}, d.errs.Err()
}

// Suggest returns "did you mean x?" naming the candidates closest to word
// (a likely typo), or else "LABEL: a, b, c" listing them, as scenario
// errors do.
func Suggest(word string, candidates []string, label string) string {
	return suggest(word, candidates, label)
}
