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
// scenario's Name and Description, the declared Variants (a variant that
// is applied enters by the values it sets) and VariantName. Horizon,
// Warmup and everything else are in. Two ways of writing the same model
// that the decoder keeps apart (holding_cost against an equal
// holding_rate, an explicit initial stock equal to the natural one) give
// different fingerprints: equal fingerprints mean equal inputs, not the
// converse.
func (s *Scenario) Fingerprint() string {
	h := sha256.New()
	// a version of the canonical form, changed if it ever must be
	h.Write([]byte("scsim-scenario-1\n"))
	c := canon{h: h, s: s}
	c.value(reflect.ValueOf(s).Elem(), "")
	return hex.EncodeToString(h.Sum(nil))[:FingerprintLen]
}

// fingerprintSkip are the top-level fields left out of a fingerprint.
var fingerprintSkip = []string{"seed", "replications", "name", "description", "variants"}

// canon writes a canonical form of a value to h: one "path=value" line
// per non-zero leaf.
type canon struct {
	h hash.Hash
	s *Scenario
}

func (c canon) line(path, value string) {
	fmt.Fprintf(c.h, "%s=%s\n", path, value)
}

func (c canon) value(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if h, ok := v.Interface().(*History); ok {
			c.history(h, path)
			return
		}
		// a pointer given is written even at its zero value: initial: 0
		// is not the default initial stock
		c.line(path, "given")
		c.value(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		type field struct {
			name string
			i    int
		}
		var fs []field
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || tag == "" || tag == "-" {
				continue
			}
			if path == "" && slices.Contains(fingerprintSkip, tag) {
				continue
			}
			fs = append(fs, field{tag, i})
		}
		slices.SortFunc(fs, func(a, b field) int { return strings.Compare(a.name, b.name) })
		for _, f := range fs {
			c.value(v.Field(f.i), join(path, f.name))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		c.line(path, "len "+strconv.Itoa(v.Len()))
		for i := range v.Len() {
			c.value(v.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
	case reflect.String:
		if v.String() != "" {
			c.line(path, strconv.Quote(v.String()))
		}
	case reflect.Bool:
		if v.Bool() {
			c.line(path, "true")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() != 0 {
			c.line(path, strconv.FormatInt(v.Int(), 10))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() != 0 {
			c.line(path, strconv.FormatUint(v.Uint(), 10))
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f != 0 || 1/f < 0 { // -0 apart, as it prints apart
			c.line(path, strconv.FormatFloat(f, 'g', -1, 64))
		}
	default:
		panic(fmt.Sprintf("scenarios: fingerprint of %s at %s", v.Type(), path))
	}
}

// history writes a demand history: its mode and block, and the SHA-256 of
// its CSV file's content as validation read it, in place of the file's
// name.
func (c canon) history(h *History, path string) {
	c.line(path, "given")
	if b := h.block(); b > 0 { // "" is replay; a bootstrap's block defaults to 7
		c.line(path+".mode", "bootstrap "+strconv.Itoa(b))
	} else {
		c.line(path+".mode", "replay")
	}
	fl := c.s.files
	if fl == nil {
		fl = osFiles(c.s.File)
	}
	df := fl.demandFile(h.File) // as validation read it
	if df.err != nil {
		// an unreadable file does not validate; keep its name apart
		c.line(path+".file", strconv.Quote(h.File)+" unreadable")
		return
	}
	c.line(path+".file", "sha256 "+hex.EncodeToString(df.sum[:]))
}
