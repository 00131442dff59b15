package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// FingerprintLen is the length in hex digits of a [Scenario.Fingerprint]:
// the first 64 bits of a SHA-256 hash, ample to tell scenarios apart.
const FingerprintLen = 16

// Fingerprint identifies what a scenario simulates: the first
// [FingerprintLen] hex digits of the SHA-256 hash of its canonical form,
// taken after every override (a variant's, --set, the run flags). Two
// scenarios with the same fingerprint, run with the same seed and
// replications, give the same results.
//
// The canonical form is the decoded scenario with its defaults applied,
// written field by field in a fixed order (the fields' YAML names, sorted),
// so comments, key order, quoting, indentation, flow or block style,
// anchors and the file's name or place do not change it; a field left at
// its zero value is written as if absent, so writing a default out
// ("review: continuous", "size: 1") does not change it either. A demand
// history enters by the content of its CSV file, not the file's name.
//
// Left out, because they do not change what one replication simulates:
// Seed and Replications (outputs report them beside the fingerprint), the
// scenario's Name, Description and TimeUnit (a label), the declared Variants (a variant that
// is applied enters by the values it sets) and VariantName. Horizon,
// Warmup and everything else are in. Two ways of writing the same model
// that the decoder keeps apart (holding_cost against an equal
// holding_rate, an explicit initial stock equal to the natural one) give
// different fingerprints: equal fingerprints mean equal inputs, not the
// converse.
//
// The fingerprint of a scenario made by [Scenario.Compact] is the one
// its original had.
func (s *Scenario) Fingerprint() string {
	if s.fingerprint != "" {
		return s.fingerprint
	}
	h := sha256.New()
	// a version of the canonical form, changed if it ever must be
	c := canon{h: h, s: s, buf: make([]byte, 0, 2*canonChunk)}
	c.buf = append(c.buf, "scsim-scenario-1\n"...)
	c.value(reflect.ValueOf(s).Elem())
	h.Write(c.buf)
	return hex.EncodeToString(h.Sum(nil))[:FingerprintLen]
}

// canonChunk is how many bytes of canonical lines are gathered before
// they are hashed: one hash call per few thousand bytes, not per line.
const canonChunk = 4096

// fingerprintSkip are the top-level fields left out of a fingerprint.
var fingerprintSkip = []string{"seed", "replications", "name", "description", "time_unit", "variants"}

// canon writes a canonical form of a value to h: one "path=value" line
// per non-zero leaf. path is the field path of the value being written,
// grown and cut back as the walk goes down and up, and buf the line being
// written, so that a network of thousands of site-items costs no
// allocation per leaf. Lines gather in buf, hashed every [canonChunk]
// bytes; num holds a number's text.
type canon struct {
	h    hash.Hash
	s    *Scenario
	path []byte
	buf  []byte
	num  []byte
	// seen holds the fields of the struct types met so far: a scenario
	// has a dozen, looked up here without hashing.
	seen []typeFields
}

type typeFields struct {
	t      reflect.Type
	top    bool
	fields []canonField
}

// fields is [fieldsInOrder], remembered for the walk.
func (c *canon) fields(t reflect.Type, top bool) []canonField {
	for i := range c.seen {
		if c.seen[i].t == t && c.seen[i].top == top {
			return c.seen[i].fields
		}
	}
	fs := fieldsInOrder(t, top)
	c.seen = append(c.seen, typeFields{t, top, fs})
	return fs
}

func (c *canon) line(value string) {
	c.buf = append(append(append(append(c.buf, c.path...), '='), value...), '\n')
	c.flush()
}

// lineNum writes a line whose value is the text in c.num.
func (c *canon) lineNum() {
	c.buf = append(append(append(append(c.buf, c.path...), '='), c.num...), '\n')
	c.flush()
}

// flush hashes the lines gathered once they fill a chunk.
func (c *canon) flush() {
	if len(c.buf) >= canonChunk {
		c.h.Write(c.buf)
		c.buf = c.buf[:0]
	}
}

// lineSuffix writes a line for the field suffix (".mode", ".file") of
// the current path.
func (c *canon) lineSuffix(suffix, value string) {
	n := len(c.path)
	c.path = append(c.path, suffix...)
	c.line(value)
	c.path = c.path[:n]
}

// canonField is a field of a struct in canonical order.
type canonField struct {
	name string
	i    int
}

// canonFields caches each struct type's fields in canonical order: by
// YAML name, those of fingerprintSkip left out at the top level.
var canonFields sync.Map // map[canonKey][]canonField

type canonKey struct {
	t   reflect.Type
	top bool
}

func fieldsInOrder(t reflect.Type, top bool) []canonField {
	if fs, ok := canonFields.Load(canonKey{t, top}); ok {
		return fs.([]canonField)
	}
	var fs []canonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || tag == "" || tag == "-" {
			continue
		}
		if top && slices.Contains(fingerprintSkip, tag) {
			continue
		}
		fs = append(fs, canonField{tag, i})
	}
	slices.SortFunc(fs, func(a, b canonField) int { return strings.Compare(a.name, b.name) })
	canonFields.Store(canonKey{t, top}, fs)
	return fs
}

// historyType is the type of a demand history, written by its content.
var historyType = reflect.TypeFor[*History]()

func (c *canon) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Type() == historyType {
			c.history(v.Interface().(*History))
			return
		}
		// a pointer given is written even at its zero value: initial: 0
		// is not the default initial stock
		c.line("given")
		c.value(v.Elem())
	case reflect.Struct:
		top := len(c.path) == 0
		for _, f := range c.fields(v.Type(), top) {
			n := len(c.path)
			if !top {
				c.path = append(c.path, '.')
			}
			c.path = append(c.path, f.name...)
			c.value(v.Field(f.i))
			c.path = c.path[:n]
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		c.num = strconv.AppendInt(append(c.num[:0], "len "...), int64(v.Len()), 10)
		c.lineNum()
		for i := range v.Len() {
			n := len(c.path)
			c.path = append(strconv.AppendInt(append(c.path, '['), int64(i), 10), ']')
			c.value(v.Index(i))
			c.path = c.path[:n]
		}
	case reflect.String:
		if v.String() != "" {
			c.num = strconv.AppendQuote(c.num[:0], v.String())
			c.lineNum()
		}
	case reflect.Bool:
		if v.Bool() {
			c.line("true")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() != 0 {
			c.num = strconv.AppendInt(c.num[:0], v.Int(), 10)
			c.lineNum()
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() != 0 {
			c.num = strconv.AppendUint(c.num[:0], v.Uint(), 10)
			c.lineNum()
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f != 0 || 1/f < 0 { // -0 apart, as it prints apart
			c.num = strconv.AppendFloat(c.num[:0], f, 'g', -1, 64)
			c.lineNum()
		}
	default:
		panic(fmt.Sprintf("scenarios: fingerprint of %s at %s", v.Type(), c.path))
	}
}

// history writes a demand history: its mode and block, and the SHA-256 of
// its CSV file's content as validation read it, in place of the file's
// name.
func (c *canon) history(h *History) {
	c.line("given")
	if b := h.block(); b > 0 { // "" is replay; a bootstrap's block defaults to 7
		c.lineSuffix(".mode", "bootstrap "+strconv.Itoa(b))
	} else {
		c.lineSuffix(".mode", "replay")
	}
	fl := c.s.files
	if fl == nil {
		fl = osFiles(c.s.File)
	}
	df := fl.demandFile(h.File) // as validation read it
	if df.err != nil {
		// an unreadable file does not validate; keep its name apart
		c.lineSuffix(".file", strconv.Quote(h.File)+" unreadable")
		return
	}
	c.lineSuffix(".file", "sha256 "+hex.EncodeToString(df.sum[:]))
}
