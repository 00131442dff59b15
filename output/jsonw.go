package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"scsim/model"
	"scsim/stats"
)

// jsonWriter writes one indented JSON document directly, with the bytes a
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes,
// for the documents whose layout is known in advance ([WriteJSON]): no
// reflection and no intermediate values, so a network of thousands of
// site-items is written in one pass through a small buffer. Keys are
// passed already quoted (`"site"`). The first error stops it.
type jsonWriter struct {
	w     io.Writer
	b     []byte
	depth int  // open objects and arrays
	empty bool // the innermost open object or array has no member yet
	err   error
}

// jsonFlushAt is the buffered size at which a [jsonWriter] writes out.
const jsonFlushAt = 64 << 10

// jsonNewlines is a newline followed by enough indentation for any depth
// of the documents written.
var jsonNewlines = "\n" + strings.Repeat(" ", 2*16)

func newJSONWriter(w io.Writer) *jsonWriter {
	return &jsonWriter{w: w, b: make([]byte, 0, jsonFlushAt+16<<10)}
}

// newline starts a line at the current depth.
func (j *jsonWriter) newline() {
	if n := 1 + 2*j.depth; n <= len(jsonNewlines) {
		j.b = append(j.b, jsonNewlines[:n]...)
		return
	}
	j.b = append(j.b, '\n')
	for range j.depth {
		j.b = append(j.b, "  "...)
	}
}

// next starts a member of the innermost object or an element of the
// innermost array.
func (j *jsonWriter) next() {
	if len(j.b) >= jsonFlushAt {
		j.flush()
	}
	if !j.empty {
		j.b = append(j.b, ',')
	}
	j.empty = false
	j.newline()
}

// key starts a member of the innermost object; quoted is its key as a
// JSON string.
func (j *jsonWriter) key(quoted string) {
	j.next()
	j.b = append(j.b, quoted...)
	j.b = append(j.b, ": "...)
}

// open starts an object ('{') or array ('[') as the current value.
func (j *jsonWriter) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.empty = true
}

// close ends the innermost object ('}') or array (']').
func (j *jsonWriter) close(c byte) {
	j.depth--
	if !j.empty {
		j.newline()
	}
	j.b = append(j.b, c)
	j.empty = false
}

// flush writes out what is buffered.
func (j *jsonWriter) flush() {
	if j.err == nil && len(j.b) > 0 {
		_, j.err = j.w.Write(j.b)
	}
	j.b = j.b[:0]
}

// str writes s as a JSON string.
func (j *jsonWriter) str(s string) { j.b = appendJSONString(j.b, s) }

// keyStr writes the member quoted: s.
func (j *jsonWriter) keyStr(quoted, s string) {
	j.key(quoted)
	j.str(s)
}

// int writes v.
func (j *jsonWriter) int(v int64) { j.b = strconv.AppendInt(j.b, v, 10) }

// uint writes v.
func (j *jsonWriter) uint(v uint64) { j.b = strconv.AppendUint(j.b, v, 10) }

// float writes v, or null when v is NaN or ±Inf.
func (j *jsonWriter) float(v float64) { j.b = appendFloat(j.b, v) }

// number writes v, which must be finite: encoding/json refuses NaN and
// ±Inf, and so does this, with encoding/json's error.
func (j *jsonWriter) number(v float64) {
	if !finite(v) {
		if _, err := json.Marshal(v); err != nil && j.err == nil {
			j.err = err
		}
		j.b = append(j.b, "null"...)
		return
	}
	j.b = appendFloat(j.b, v)
}

// boolPtr writes *v, or null for nil.
func (j *jsonWriter) boolPtr(v *bool) {
	switch {
	case v == nil:
		j.b = append(j.b, "null"...)
	case *v:
		j.b = append(j.b, "true"...)
	default:
		j.b = append(j.b, "false"...)
	}
}

// end finishes the document with a newline and writes it out.
func (j *jsonWriter) end(what string) error {
	j.b = append(j.b, '\n')
	j.flush()
	if j.err != nil {
		return fmt.Errorf("write %s: %w", what, j.err)
	}
	return nil
}

// appendFloat appends v as encoding/json writes a float64 (the shortest
// decimal that reads back as v, in exponent form below 1e-6 and from
// 1e21 up), or null when v is NaN or ±Inf.
func appendFloat(b []byte, v float64) []byte {
	if !finite(v) {
		return append(b, "null"...)
	}
	if v == 0 {
		if math.Signbit(v) {
			return append(b, "-0"...)
		}
		return append(b, '0')
	}
	// a whole number below 2^53 has the digits of the integer
	if a := math.Abs(v); a < 1<<53 && a == math.Trunc(a) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	abs := math.Abs(v)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	b = strconv.AppendFloat(b, v, 'e', -1, 64)
	// as encoding/json: e-09 becomes e-9
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

// appendJSONString appends s quoted as encoding/json does without HTML
// escaping: '"', '\\' and control characters escaped (\n, \t, \u001b…),
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// metrics writes estimates e of the metrics shown as an object keyed by
// metric key, as [metricsObject] marshals them.
func (j *jsonWriter) metrics(e *[model.NumMetrics]stats.Estimate, shown []int) {
	j.open('{')
	for _, i := range shown {
		j.key(metricKeys[i])
		j.estimate(e[i].Mean, e[i].HalfWidth, e[i].N)
	}
	j.close('}')
}

// estimate writes {"mean": …, "half_width": …, "n": …}.
func (j *jsonWriter) estimate(mean, hw float64, n int) {
	j.open('{')
	j.key(`"mean"`)
	j.float(mean)
	j.key(`"half_width"`)
	j.float(hw)
	j.key(`"n"`)
	j.int(int64(n))
	j.close('}')
}

// metricKeys holds each metric key as a JSON string.
var metricKeys = func() (keys [model.NumMetrics]string) {
	for i, m := range model.Metrics {
		keys[i] = string(appendJSONString(nil, m.Key))
	}
	return keys
}()

// params writes policy parameters as an object in their order, as
// [paramsObject] marshals them.
func (j *jsonWriter) params(ps []model.Param) {
	j.open('{')
	for _, p := range ps {
		j.next()
		j.str(p.Name)
		j.b = append(j.b, ": "...)
		j.float(p.Value)
	}
	j.close('}')
}

// policy writes a [policyJSON] of type typ, review (omitted when empty)
// and parameters ps.
func (j *jsonWriter) policy(typ, review string, ps []model.Param) {
	j.open('{')
	j.keyStr(`"type"`, typ)
	if review != "" {
		j.keyStr(`"review"`, review)
	}
	j.key(`"params"`)
	j.params(ps)
	j.close('}')
}

// strs writes ss as an array of strings.
func (j *jsonWriter) strs(ss []string) {
	j.open('[')
	for _, s := range ss {
		j.next()
		j.str(s)
	}
	j.close(']')
}

// groups writes roll-ups gs as [newGroupsJSON] describes them.
func (j *jsonWriter) groups(gs []stats.Group, shown []int) {
	j.open('[')
	for i := range gs {
		g := &gs[i]
		j.next()
		j.open('{')
		j.keyStr(`"name"`, g.Name)
		j.keyStr(`"scope"`, g.ScopeName())
		if g.Level != 0 {
			j.key(`"level"`)
			j.int(int64(g.Level))
		}
		j.key(`"site_items"`)
		j.strs(g.Members)
		j.key(`"metrics"`)
		j.metrics(&g.Metrics, shown)
		j.close('}')
	}
	j.close(']')
}

// writeRunJSON writes the document of [WriteJSON]: the bytes
// encodeJSON(w, newRunJSON(s, m), "json") writes, directly.
func writeRunJSON(w io.Writer, s *stats.Summary, m Meta) error {
	shown := s.Shown()
	j := newJSONWriter(w)
	j.open('{')
	j.keyStr(`"schema"`, Schema)
	j.keyStr(`"scsim_version"`, m.Version)

	j.key(`"scenario"`)
	j.open('{')
	j.keyStr(`"name"`, s.Scenario)
	j.keyStr(`"source"`, m.Source)
	j.keyStr(`"description"`, m.Description)
	j.keyStr(`"fingerprint"`, m.Fingerprint)
	j.key(`"seed"`)
	j.uint(s.Seed)
	j.key(`"replications"`)
	j.int(int64(s.Replications))
	j.key(`"horizon"`)
	j.number(s.Horizon)
	j.key(`"warmup"`)
	j.number(s.Warmup)
	if m.TimeUnit != "" {
		j.keyStr(`"time_unit"`, m.TimeUnit)
	}
	j.close('}')

	j.key(`"events"`)
	j.uint(s.Events)
	j.key(`"conservation_max_imbalance"`)
	j.int(s.Conservation)
	j.key(`"confidence"`)
	j.number(confidence)

	j.key(`"metrics"`)
	j.open('[')
	for _, i := range shown {
		mt := &model.Metrics[i]
		j.next()
		j.open('{')
		j.keyStr(`"key"`, mt.Key)
		j.keyStr(`"name"`, mt.Name)
		j.keyStr(`"unit"`, mt.Unit)
		j.keyStr(`"doc"`, mt.Doc)
		j.close('}')
	}
	j.close(']')

	j.key(`"site_items"`)
	j.open('[')
	for i := range s.SKUs {
		k := &s.SKUs[i]
		j.next()
		j.open('{')
		j.keyStr(`"site"`, k.Site)
		j.keyStr(`"item"`, k.Item)
		j.keyStr(`"site_type"`, k.SiteKind)
		j.key(`"policy"`)
		j.policy(k.Policy.Type, k.Policy.Review, k.Policy.Params)
		if k.PolicyEnd != nil {
			j.key(`"policy_end"`)
			j.policy(k.Policy.Type, "", k.PolicyEnd)
		}
		j.key(`"metrics"`)
		j.metrics(&k.Metrics, shown)
		if tc, ok := k.TargetCheck(); ok {
			j.key(`"target"`)
			j.open('{')
			j.keyStr(`"metric"`, model.Metrics[tc.Metric].Key)
			j.key(`"value"`)
			j.number(tc.Value)
			j.key(`"achieved"`)
			j.estimate(tc.Achieved.Mean, tc.Achieved.HalfWidth, tc.Achieved.N)
			j.keyStr(`"verdict"`, tc.Verdict.Key())
			j.close('}')
		}
		j.close('}')
	}
	j.close(']')

	j.key(`"total"`)
	j.open('{')
	j.keyStr(`"scope"`, stats.ScopeCustomers)
	j.key(`"metrics"`)
	j.metrics(&s.Total, shown)
	j.close('}')

	j.key(`"echelons"`)
	j.groups(s.Echelons, shown)
	j.key(`"sites"`)
	j.groups(s.Sites, shown)
	j.key(`"items"`)
	j.groups(s.Items, shown)

	j.key(`"customer_classes"`)
	j.open('[')
	for _, i := range classStreams(s) {
		st := &s.Streams[i]
		j.next()
		j.open('{')
		j.keyStr(`"site"`, st.Site)
		j.keyStr(`"item"`, st.Item)
		j.keyStr(`"stream"`, st.Name)
		j.key(`"priority"`)
		j.int(int64(st.Priority))
		j.key(`"metrics"`)
		j.metrics(st.Metrics, shown)
		j.close('}')
	}
	j.close(']')

	if ths := theoriesJSON(s, m); len(ths) > 0 {
		j.key(`"theory"`)
		j.open('[')
		for _, th := range ths {
			j.next()
			j.open('{')
			j.keyStr(`"site"`, th.Site)
			j.keyStr(`"item"`, th.Item)
			j.keyStr(`"formula"`, th.Formula)
			j.keyStr(`"source"`, th.Source)
			j.keyStr(`"model"`, th.Model)
			j.key(`"metrics"`)
			if th.Metrics == nil {
				j.b = append(j.b, "null"...)
			} else {
				j.open('[')
				for _, r := range th.Metrics {
					j.next()
					j.open('{')
					j.keyStr(`"metric"`, r.Metric)
					j.key(`"theory"`)
					j.floatPtr(r.Theory)
					j.key(`"mean"`)
					j.floatPtr(r.Mean)
					j.key(`"half_width"`)
					j.floatPtr(r.HalfWidth)
					j.key(`"inside"`)
					j.boolPtr(r.Inside)
					j.close('}')
				}
				j.close(']')
			}
			j.close('}')
		}
		j.close(']')
	}
	j.close('}')
	return j.end("json")
}

// floatPtr writes *v, or null for nil.
func (j *jsonWriter) floatPtr(v *float64) {
	if v == nil {
		j.b = append(j.b, "null"...)
		return
	}
	j.number(*v)
}
