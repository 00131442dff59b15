package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"

	"scsim/stats"
)

// BaselineSchema names the baseline file's format; it changes only if
// the format does, incompatibly.
const BaselineSchema = "scsim/check/baseline/v1"

// Baseline is a baseline file: per case, the inputs as run and the
// per-replication values of each guarded metric. See docs/check.md.
type Baseline struct {
	Schema string         `json:"schema"`
	Suite  string         `json:"suite"`
	Cases  []BaselineCase `json:"cases"`
}

// BaselineCase is one case of a baseline.
type BaselineCase struct {
	Name     string `json:"name"`
	Scenario string `json:"scenario"`
	Variant  string `json:"variant,omitempty"`
	// Fingerprint is the scenario's as run ([scenarios.Scenario.Fingerprint]).
	Fingerprint  string           `json:"fingerprint"`
	Seed         uint64           `json:"seed"`
	Replications int              `json:"replications"`
	Version      string           `json:"scsim_version"`
	Metrics      []BaselineMetric `json:"metrics"`
}

// BaselineMetric is one guarded metric's values, by replication.
type BaselineMetric struct {
	Metric string `json:"metric"`
	Scope  string `json:"scope"`
	Values Values `json:"values"`
}

// Values are per-replication values; an undefined value (NaN, such as a
// fill rate without demand) is written null.
type Values []float64

// MarshalJSON writes NaN as null, and every other value in the shortest
// form that reads back exactly.
func (v Values) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteString(", ")
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.WriteString("null")
			continue
		}
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// UnmarshalJSON reads null as NaN.
func (v *Values) UnmarshalJSON(data []byte) error {
	var ps []*float64
	if err := json.Unmarshal(data, &ps); err != nil {
		return err
	}
	*v = make(Values, len(ps))
	for i, p := range ps {
		(*v)[i] = math.NaN()
		if p != nil {
			(*v)[i] = *p
		}
	}
	return nil
}

// ErrNoBaseline is the error of [ReadBaseline] for a missing file.
var ErrNoBaseline = errors.New("no baseline")

// ReadBaseline reads the baseline file at path, strictly: unknown fields
// and another schema are errors.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s: %w: the file does not exist; run scsim check with --update to create it", path, ErrNoBaseline)
	}
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a baseline file: %v", path, jsonError(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("baseline %s: not a baseline file: data after the JSON object", path)
	}
	if b.Schema != BaselineSchema {
		return nil, fmt.Errorf("baseline %s: schema %q, expected %q; run scsim check with --update to write a new one", path, b.Schema, BaselineSchema)
	}
	seen := map[string]bool{}
	for _, c := range b.Cases {
		if seen[c.Name] {
			return nil, fmt.Errorf("baseline %s: case %q appears twice", path, c.Name)
		}
		seen[c.Name] = true
		for _, m := range c.Metrics {
			if len(m.Values) != c.Replications {
				return nil, fmt.Errorf("baseline %s: case %q: %s at %s has %d values for %d replications", path, c.Name, m.Metric, m.Scope, len(m.Values), c.Replications)
			}
		}
	}
	return &b, nil
}

// jsonError adds the line and column to a JSON syntax error.
func jsonError(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for _, c := range data[:min(int(off), len(data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// Write writes b as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}

// Case returns the baseline of the case called name, or nil.
func (b *Baseline) Case(name string) *BaselineCase {
	for i := range b.Cases {
		if b.Cases[i].Name == name {
			return &b.Cases[i]
		}
	}
	return nil
}

// Metric returns the values of the guarded metric, or nil.
func (c *BaselineCase) Metric(metric, scope string) *BaselineMetric {
	for i := range c.Metrics {
		if c.Metrics[i].Metric == metric && c.Metrics[i].Scope == scope {
			return &c.Metrics[i]
		}
	}
	return nil
}

// values returns the per-replication values of guard g in sum, or an
// error positioned at the guard's scope.
func (s *Suite) values(ci, gi int, sum *stats.Summary) (Values, error) {
	g := &s.Cases[ci].Metrics[gi]
	sc, err := sum.Scope(g.Scope)
	if err != nil {
		return nil, s.pos.Errorf(fmt.Sprintf("cases[%d].metrics[%d].scope", ci, gi), "%v", err)
	}
	out := make(Values, len(sc.Reps))
	for r := range sc.Reps {
		out[r] = sc.Reps[r][g.Index]
	}
	return out, nil
}

// NewBaseline returns the baseline of the suite's cases run with the
// summaries sums (in case order), written by scsim version.
func (s *Suite) NewBaseline(sums []*stats.Summary, version string) (*Baseline, error) {
	b := &Baseline{Schema: BaselineSchema, Suite: s.Name}
	var errs []error
	for i := range s.Cases {
		c := &s.Cases[i]
		bc := BaselineCase{Name: c.Name, Scenario: c.Scenario, Variant: c.Variant, Fingerprint: c.Sc.Fingerprint(),
			Seed: c.Sc.Seed, Replications: c.Sc.Replications, Version: version}
		for j := range c.Metrics {
			v, err := s.values(i, j, sums[i])
			if err != nil {
				errs = append(errs, err)
				continue
			}
			bc.Metrics = append(bc.Metrics, BaselineMetric{Metric: c.Metrics[j].Metric, Scope: c.Metrics[j].Scope, Values: v})
		}
		b.Cases = append(b.Cases, bc)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return b, nil
}
