package shard

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"scsim/model"
)

// counterList decodes a JSON array of counters arrays (or null) without
// the generic decoder's per-value allocations: a merge reads every
// counter of every replication.
type counterList []model.Counters

func (l *counterList) UnmarshalJSON(b []byte) error {
	p := parser{b: b}
	p.space()
	if p.lit("null") {
		*l = nil
		return nil
	}
	if err := p.expect('['); err != nil {
		return err
	}
	out := counterList{}
	p.space()
	if p.peek(']') {
		*l = out
		return nil
	}
	for {
		out = append(out, model.Counters{})
		if err := p.counters(&out[len(out)-1]); err != nil {
			return fmt.Errorf("counters %d: %w", len(out)-1, err)
		}
		p.space()
		if p.peek(',') {
			continue
		}
		if err := p.expect(']'); err != nil {
			return err
		}
		*l = out
		return nil
	}
}

type parser struct {
	b []byte
	i int
}

func (p *parser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// peek consumes c if it comes next.
func (p *parser) peek(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(c byte) error {
	if !p.peek(c) {
		return fmt.Errorf("expected %q at byte %d", c, p.i)
	}
	return nil
}

func (p *parser) lit(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// token returns the next number or string, as written.
func (p *parser) token() []byte {
	p.space()
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '"' {
		p.i++
		for p.i < len(p.b) && p.b[p.i] != '"' {
			p.i++
		}
		p.i++
		return p.b[start:min(p.i, len(p.b))]
	}
	for p.i < len(p.b) && p.b[p.i] != ',' && p.b[p.i] != ']' && p.b[p.i] != ' ' {
		p.i++
	}
	return p.b[start:p.i]
}

func (p *parser) float() (float64, error) { return parseFloat(p.token()) }

func (p *parser) int() (int64, error) {
	t := p.token()
	v, err := strconv.ParseInt(string(t), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad whole number %q", t)
	}
	return v, nil
}

func (p *parser) sep(last bool) error {
	if last {
		return p.expect(']')
	}
	return p.expect(',')
}

func (p *parser) counters(c *model.Counters) error {
	if err := p.expect('['); err != nil {
		return err
	}
	v := reflect.ValueOf(c).Elem()
	for i, f := range countFields {
		fv := v.FieldByIndex(f.index)
		var err error
		switch f.kind {
		case kFloat:
			var x float64
			if x, err = p.float(); err == nil {
				fv.SetFloat(x)
			}
		case kInt:
			var x int64
			if x, err = p.int(); err == nil {
				fv.SetInt(x)
			}
		case kWaits:
			err = p.waits(fv.Addr().Interface().(*model.WaitHist))
		}
		if err == nil {
			err = p.sep(i == len(countFields)-1)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

func (p *parser) waits(h *model.WaitHist) error {
	var s model.WaitHistState
	var lo int64
	err := p.expect('[')
	ints := []*int64{&s.N, nil, nil, nil, &s.Zero, &lo}
	floats := []*float64{nil, &s.Sum, &s.Min, &s.Max, nil, nil}
	for k := 0; k < 6 && err == nil; k++ {
		if ints[k] != nil {
			*ints[k], err = p.int()
		} else {
			*floats[k], err = p.float()
		}
		if err == nil {
			err = p.expect(',')
		}
	}
	if err == nil && (lo < math.MinInt32 || lo > math.MaxInt32) {
		err = fmt.Errorf("Lo %d out of range", lo)
	}
	if err != nil {
		return err
	}
	p.space()
	if !p.lit("null") {
		if err := p.expect('['); err != nil {
			return err
		}
		s.Counts = []int64{}
		if !p.peek(']') {
			for {
				n, err := p.int()
				if err != nil {
					return err
				}
				s.Counts = append(s.Counts, n)
				if p.peek(',') {
					continue
				}
				if err := p.expect(']'); err != nil {
					return err
				}
				break
			}
		}
	}
	if err := p.expect(']'); err != nil {
		return err
	}
	s.Lo = int32(lo)
	h.SetState(s)
	return nil
}
