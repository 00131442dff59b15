package output

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
)

// encodeJSON writes doc to w indented by two spaces, with a final newline
// and without HTML escaping (so "<" and "&" in names stay readable); what
// names the output in errors. The bytes are those of a json.Encoder with
// SetIndent("", "  "), but the document is streamed: structs and slices
// are written member by member, and only their leaves (values with a
// MarshalJSON, pointers, numbers, strings, small structs the streamer
// does not take apart) are encoded in memory, one at a time. A large
// network's document is never held whole. On an error, w may have
// received part of the document.
func encodeJSON(w io.Writer, doc any, what string) error {
	s := &jsonStreamer{w: bufio.NewWriterSize(w, 64<<10)}
	s.enc = json.NewEncoder(&s.leaf)
	s.enc.SetEscapeHTML(false)
	s.value(reflect.ValueOf(doc), 0)
	if s.err == nil {
		s.w.WriteByte('\n')
		s.err = s.w.Flush()
	}
	if s.err != nil {
		return fmt.Errorf("write %s: %w", what, s.err)
	}
	return nil
}

// jsonIndent is the indentation of one level of [encodeJSON]'s output.
const jsonIndent = "  "

// jsonStreamer writes one document for [encodeJSON]; the first error
// stops it.
type jsonStreamer struct {
	w    *bufio.Writer
	leaf bytes.Buffer // one leaf's encoding
	enc  *json.Encoder
	err  error
}

// value writes v, which starts depth levels in.
func (s *jsonStreamer) value(v reflect.Value, depth int) {
	if s.err != nil {
		return
	}
	switch {
	case v.Kind() == reflect.Pointer && !v.IsNil() && !marshals(v.Type()):
		s.value(v.Elem(), depth)
		return
	case v.Kind() == reflect.Struct && !marshals(v.Type()):
		if fields, ok := streamFields(v.Type()); ok {
			s.object(v, fields, depth)
			return
		}
	case v.Kind() == reflect.Slice && !v.IsNil() && v.Type().Elem().Kind() != reflect.Uint8 && !marshals(v.Type()):
		s.array(v, depth)
		return
	}
	s.encodeLeaf(v, depth)
}

// object writes struct v member by member, as encoding/json orders and
// omits them.
func (s *jsonStreamer) object(v reflect.Value, fields []streamField, depth int) {
	s.w.WriteByte('{')
	n := 0
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && emptyJSON(fv) {
			continue
		}
		if n > 0 {
			s.w.WriteByte(',')
		}
		n++
		s.newline(depth + 1)
		s.w.WriteString(f.key)
		s.w.WriteString(": ")
		s.value(fv, depth+1)
	}
	if n > 0 {
		s.newline(depth)
	}
	s.w.WriteByte('}')
}

// array writes slice v element by element.
func (s *jsonStreamer) array(v reflect.Value, depth int) {
	s.w.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			s.w.WriteByte(',')
		}
		s.newline(depth + 1)
		s.value(v.Index(i), depth+1)
	}
	if v.Len() > 0 {
		s.newline(depth)
	}
	s.w.WriteByte(']')
}

// newline starts a line indented depth levels.
func (s *jsonStreamer) newline(depth int) {
	s.w.WriteByte('\n')
	for range depth {
		s.w.WriteString(jsonIndent)
	}
}

// encodeLeaf writes v with encoding/json, its lines after the first
// indented depth levels.
func (s *jsonStreamer) encodeLeaf(v reflect.Value, depth int) {
	s.leaf.Reset()
	s.enc.SetIndent(strings.Repeat(jsonIndent, depth), jsonIndent)
	var x any
	switch {
	case v.CanAddr() && marshals(reflect.PointerTo(v.Type())):
		x = v.Addr().Interface() // as encoding/json calls a pointer method on an addressable value
	case v.IsValid():
		x = v.Interface()
	}
	if s.err = s.enc.Encode(x); s.err != nil {
		return
	}
	s.w.Write(bytes.TrimSuffix(s.leaf.Bytes(), []byte("\n"))) // Encode ends with a newline
}

// streamField is one member of a struct the streamer writes member by
// member: the field's index and its JSON key, quoted.
type streamField struct {
	index     int
	key       string
	omitEmpty bool
}

// streamFieldsCache maps a struct type to its []streamField, or to nil
// when the streamer leaves the type to encoding/json.
var streamFieldsCache sync.Map

// streamFields returns the members of struct type t in encoding/json's
// order, and false for a struct whose encoding the streamer leaves to
// encoding/json: one with embedded fields or tag options other than
// omitempty.
func streamFields(t reflect.Type) ([]streamField, bool) {
	if c, ok := streamFieldsCache.Load(t); ok {
		f := c.([]streamField)
		return f, f != nil
	}
	var out []streamField
	ok := true
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			ok = false
			break
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "" && opts != "omitempty" {
			ok = false
			break
		}
		if name == "" {
			name = sf.Name
		}
		key, err := marshal(name)
		if err != nil {
			ok = false
			break
		}
		out = append(out, streamField{index: i, key: string(key), omitEmpty: opts == "omitempty"})
	}
	if !ok || out == nil {
		out = nil
		ok = false
	}
	streamFieldsCache.Store(t, out)
	return out, ok
}

// marshals reports whether values of t (or pointers to them) encode
// themselves.
func marshals(t reflect.Type) bool {
	jm := reflect.TypeFor[json.Marshaler]()
	tm := reflect.TypeFor[encoding.TextMarshaler]()
	if t.Implements(jm) || t.Implements(tm) {
		return true
	}
	if t.Kind() != reflect.Pointer {
		pt := reflect.PointerTo(t)
		return pt.Implements(jm) || pt.Implements(tm)
	}
	return false
}

// emptyJSON reports whether encoding/json's omitempty leaves v out.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
