package shard

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"scsim/model"
)

// A result's counters are written as a JSON array of their fields in the
// order of [Fields]: integers as JSON numbers, finite floats as the
// shortest decimal that parses back to the same float64 (strconv 'g', -1),
// other floats (NaN, ±Inf) as a string of their IEEE-754 bits in hex
// ("0x7ff8000000000001"), and a wait histogram as an array of its own
// [N, Sum, Min, Max, Zero, Lo, [Counts...]|null].

type fieldKind int

const (
	kFloat fieldKind = iota
	kInt
	kWaits
)

type field struct {
	name  string
	index []int
	kind  fieldKind
}

var (
	waitHistType = reflect.TypeFor[model.WaitHist]()
	countFields  = counterFields(reflect.TypeFor[model.Counters](), "", nil)
)

func counterFields(t reflect.Type, prefix string, index []int) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		idx := append(append([]int(nil), index...), i)
		name := prefix + f.Name
		switch {
		case f.Type == waitHistType:
			out = append(out, field{name, idx, kWaits})
		case f.Type.Kind() == reflect.Float64:
			out = append(out, field{name, idx, kFloat})
		case f.Type.Kind() == reflect.Int64:
			out = append(out, field{name, idx, kInt})
		case f.Type.Kind() == reflect.Struct:
			out = append(out, counterFields(f.Type, name+".", idx)...)
		default:
			// a new kind of counter needs its encoding here (the round
			// trip test runs every field)
			panic(fmt.Sprintf("shard: model.Counters.%s has type %s, which the partial format cannot encode", name, f.Type))
		}
	}
	return out
}

// Fields names the fields of model.Counters in the order a partial file
// writes them; the header carries it, so that a merge by a scsim whose
// Counters differ refuses the file.
func Fields() []string {
	names := make([]string, len(countFields))
	for i, f := range countFields {
		names[i] = f.name
	}
	return names
}

func appendFloat(b []byte, v float64) []byte {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		b = append(b, `"0x`...)
		b = strconv.AppendUint(b, math.Float64bits(v), 16)
		return append(b, '"')
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func appendCounters(b []byte, c *model.Counters) []byte {
	v := reflect.ValueOf(c).Elem()
	b = append(b, '[')
	for i, f := range countFields {
		if i > 0 {
			b = append(b, ',')
		}
		fv := v.FieldByIndex(f.index)
		switch f.kind {
		case kFloat:
			b = appendFloat(b, fv.Float())
		case kInt:
			b = strconv.AppendInt(b, fv.Int(), 10)
		case kWaits:
			s := fv.Addr().Interface().(*model.WaitHist).State()
			b = append(b, '[')
			b = strconv.AppendInt(b, s.N, 10)
			for _, x := range []float64{s.Sum, s.Min, s.Max} {
				b = appendFloat(append(b, ','), x)
			}
			b = strconv.AppendInt(append(b, ','), s.Zero, 10)
			b = strconv.AppendInt(append(b, ','), int64(s.Lo), 10)
			if s.Counts == nil {
				b = append(b, ",null]"...)
				break
			}
			b = append(b, ",["...)
			for j, n := range s.Counts {
				if j > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, n, 10)
			}
			b = append(b, "]]"...)
		}
	}
	return append(b, ']')
}

func appendCounterList(b []byte, cs []model.Counters) []byte {
	if cs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCounters(b, &cs[i])
	}
	return append(b, ']')
}

// AppendRecord appends the JSON line (without its newline) of replication
// rep of job j: its result r, losslessly.
func AppendRecord(b []byte, j, rep int, r *model.Result) ([]byte, error) {
	b = append(b, `{"job":`...)
	b = strconv.AppendInt(b, int64(j), 10)
	b = append(b, `,"rep":`...)
	b = strconv.AppendInt(b, int64(rep), 10)
	b = append(b, `,"replication":`...)
	b = strconv.AppendInt(b, int64(r.Replication), 10)
	b = append(b, `,"seed":`...)
	b = strconv.AppendUint(b, r.Seed, 10)
	b = append(b, `,"events":`...)
	b = strconv.AppendUint(b, r.Events, 10)
	b = append(b, `,"skus":`...)
	b = appendCounterList(b, r.SKUs)
	b = append(b, `,"echelons":`...)
	b = appendCounterList(b, r.Echelons)
	b = append(b, `,"streams":`...)
	b = appendCounterList(b, r.Streams)
	b = append(b, `,"policy_end":`...)
	if r.PolicyEnd == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, ps := range r.PolicyEnd {
			if i > 0 {
				b = append(b, ',')
			}
			if ps == nil {
				b = append(b, "null"...)
				continue
			}
			b = append(b, '[')
			for k, p := range ps {
				if k > 0 {
					b = append(b, ',')
				}
				name, _ := json.Marshal(p.Name)
				b = append(append(append(b, '['), name...), ',')
				b = append(appendFloat(b, p.Value), ']')
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	if r.Err != nil {
		oe, ok := r.Err.(*model.OverflowError)
		if !ok {
			return nil, fmt.Errorf("job %d replication %d: an error the partial format cannot carry: %v", j, rep, r.Err)
		}
		where, _ := json.Marshal(oe.Where)
		fieldName, _ := json.Marshal(oe.Field)
		b = append(b, `,"overflow":{"replication":`...)
		b = strconv.AppendInt(b, int64(oe.Replication), 10)
		b = append(append(append(b, `,"where":`...), where...), `,"field":`...)
		b = append(append(b, fieldName...), `,"value":`...)
		b = append(appendFloat(b, oe.Value), '}')
	}
	return append(b, '}'), nil
}

// record is a record line as decoded, its numbers kept as text.
type record struct {
	Job         int                    `json:"job"`
	Rep         int                    `json:"rep"`
	Replication int                    `json:"replication"`
	Seed        uint64                 `json:"seed"`
	Events      uint64                 `json:"events"`
	SKUs        counterList            `json:"skus"`
	Echelons    counterList            `json:"echelons"`
	Streams     counterList            `json:"streams"`
	PolicyEnd   [][][2]json.RawMessage `json:"policy_end"`
	Overflow    *struct {
		Replication int             `json:"replication"`
		Where       string          `json:"where"`
		Field       string          `json:"field"`
		Value       json.RawMessage `json:"value"`
	} `json:"overflow"`
}

func parseFloat(m json.RawMessage) (float64, error) {
	s := string(m)
	if strings.HasPrefix(s, `"0x`) && strings.HasSuffix(s, `"`) {
		bits, err := strconv.ParseUint(s[3:len(s)-1], 16, 64)
		if err != nil {
			return 0, fmt.Errorf("bad float bits %s", s)
		}
		return math.Float64frombits(bits), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %s", s)
	}
	return v, nil
}

func parseInt(m json.RawMessage) (int64, error) {
	v, err := strconv.ParseInt(string(m), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad whole number %s", m)
	}
	return v, nil
}

// DecodeRecord parses a record line: the job and replication index and
// the result.
func DecodeRecord(line []byte) (j, rep int, r *model.Result, err error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return 0, 0, nil, fmt.Errorf("not a record: %v", err)
	}
	r = &model.Result{Replication: rec.Replication, Seed: rec.Seed, Events: rec.Events,
		SKUs: rec.SKUs, Echelons: rec.Echelons, Streams: rec.Streams}
	if rec.PolicyEnd != nil {
		r.PolicyEnd = make([][]model.Param, len(rec.PolicyEnd))
		for i, ps := range rec.PolicyEnd {
			if ps == nil {
				continue
			}
			r.PolicyEnd[i] = make([]model.Param, len(ps))
			for k, p := range ps {
				if err := json.Unmarshal(p[0], &r.PolicyEnd[i][k].Name); err != nil {
					return 0, 0, nil, fmt.Errorf("policy_end: %v", err)
				}
				if r.PolicyEnd[i][k].Value, err = parseFloat(p[1]); err != nil {
					return 0, 0, nil, fmt.Errorf("policy_end: %w", err)
				}
			}
		}
	}
	if o := rec.Overflow; o != nil {
		v, err := parseFloat(o.Value)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("overflow: %w", err)
		}
		r.Err = &model.OverflowError{Replication: o.Replication, Where: o.Where, Field: o.Field, Value: v}
	}
	return rec.Job, rec.Rep, r, nil
}
