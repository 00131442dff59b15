package optimize

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"scsim/model"
	"scsim/stats"
)

// Problem is a simulation optimisation: minimise the mean of Objective in
// Scope over the grid of Axes, subject to Constraints.
type Problem struct {
	Axes        []Axis
	Objective   int    // index into [model.Metrics]
	Scope       string // [stats.Summary.Scope] name; "" is "customers"
	Constraints []Constraint
	// Start is the search's starting point, an index per axis; nil
	// starts at the centre of the box.
	Start []int
	// InitialReplications is the number of replications of the search's
	// first points (default 10); it doubles each time the step halves, up
	// to MaxReplications (default 4 × InitialReplications), with which the
	// final comparison is made.
	InitialReplications, MaxReplications int
	// MaxEvaluations bounds the search's evaluations (a point run with a
	// number of replications; default 200). The final comparison comes on
	// top (see [FinalCandidates]).
	MaxEvaluations int
}

// FinalCandidates is how many of the best points of the search the final
// comparison re-evaluates, besides the incumbent, each with its
// neighbours one step away on every axis: at most
// (FinalCandidates+1)·(2·axes+1) points.
const FinalCandidates = 3

// Defaults of [Problem].
const (
	DefaultInitialReplications = 10
	DefaultMaxEvaluations      = 200
)

// Verdicts of a constraint, and of a point over all its constraints.
const (
	Feasible   = "feasible"   // the confidence interval satisfies the bound entirely
	Infeasible = "infeasible" // the confidence interval violates the bound entirely
	Uncertain  = "uncertain"  // the confidence interval straddles the bound, or is undefined
)

// Stages of an evaluation.
const (
	StageSearch = "search"
	StageFinal  = "final"
)

// Point is a point of the grid: an index per axis, its values and their
// text as overrides take them.
type Point struct {
	Index  []int
	Values []float64
	Texts  []string
}

// Batch is a set of points the search asks to be run, each with
// replications 0..Reps−1 of the same seed (common random numbers).
type Batch struct {
	Points []Point
	Reps   int
	Label  string // what the batch is, for a progress display: "search step 2", "final"
}

// Outcome is what running a point gave: its summary, or the error that
// made the point invalid (such a point is never chosen).
type Outcome struct {
	Summary *stats.Summary
	Err     error
}

// Evaluator runs every point of a batch and returns their outcomes in
// order. Its results must depend only on the point and the number of
// replications, not on the batch.
type Evaluator func(Batch) []Outcome

// Measure is an estimate with its verdict against a bound.
type Measure struct {
	stats.Estimate
	Verdict string // for a constraint: Feasible, Infeasible or Uncertain
}

// Eval is one evaluation: a point run with a number of replications.
type Eval struct {
	Point
	Reps  int
	Stage string // when it was made: StageSearch or StageFinal
	// Final marks the evaluations of the final comparison: those it made,
	// and those of the search with as many replications, which it reuses.
	Final bool
	Err   error // the point is invalid; nothing else is set
	// Summary is the point's summary.
	Summary *stats.Summary
	// Objective is the objective's estimate; Constraints, each
	// constraint's estimate and verdict, in the problem's order; Verdict,
	// the point's: Infeasible if any constraint is, Feasible if all are,
	// Uncertain otherwise.
	Objective   stats.Estimate
	Constraints []Measure
	Verdict     string
	// Diff is, in the final comparison when a point was chosen, the
	// paired difference of the objective, this point − the chosen one.
	Diff *stats.Diff
	// Chosen marks the chosen point's final evaluation; Indistinguishable,
	// a final point, not infeasible, whose objective the paired
	// difference does not tell from the chosen one's (its interval holds 0).
	Chosen, Indistinguishable bool

	objReps [][model.NumMetrics]float64 // the objective scope's replications
}

// Result is the outcome of an optimisation.
type Result struct {
	Problem *Problem
	// Start is the search's starting point.
	Start Point
	// Evals lists every evaluation in the order made: the search's, then
	// the final comparison's.
	Evals []*Eval
	// Final lists the final comparison's evaluations, best first: feasible
	// points by objective, then uncertain, then infeasible ones, each by
	// objective; invalid points last.
	Final []*Eval
	// Chosen is the final evaluation of the cheapest feasible point; nil
	// if no point is feasible.
	Chosen *Eval
	// Closest is, when no point is feasible, the final point nearest
	// feasibility (least total relative violation of the means); nil
	// otherwise.
	Closest *Eval
	// Iterations is the number of search steps; Stop says why the search
	// stopped: "converged" or "budget".
	Iterations int
	Stop       string
	// SearchEvaluations counts the search's evaluations, Replications the
	// replications run in all.
	SearchEvaluations, Replications int
}

// ScopeError is an error in a scope name, met on the first evaluation.
type ScopeError struct{ Err error }

func (e ScopeError) Error() string { return e.Err.Error() }
func (e ScopeError) Unwrap() error { return e.Err }

// Defaults fills in the defaults of p and checks it.
func (p *Problem) Defaults() error {
	if len(p.Axes) == 0 {
		return errors.New("no axis to vary")
	}
	if p.InitialReplications == 0 {
		p.InitialReplications = DefaultInitialReplications
	}
	if p.MaxReplications == 0 {
		p.MaxReplications = max(4*p.InitialReplications, p.InitialReplications)
	}
	if p.MaxEvaluations == 0 {
		p.MaxEvaluations = DefaultMaxEvaluations
	}
	switch {
	case p.InitialReplications < 2:
		return fmt.Errorf("the initial replications must be >= 2 (a confidence interval needs two), got %d", p.InitialReplications)
	case p.MaxReplications < p.InitialReplications:
		return fmt.Errorf("the maximum replications (%d) must be >= the initial replications (%d)", p.MaxReplications, p.InitialReplications)
	case p.MaxEvaluations < 1:
		return fmt.Errorf("the maximum evaluations must be >= 1, got %d", p.MaxEvaluations)
	}
	if p.Start != nil && len(p.Start) != len(p.Axes) {
		return fmt.Errorf("the start has %d values for %d axes", len(p.Start), len(p.Axes))
	}
	p.Scope = cmp.Or(p.Scope, stats.ScopeCustomers)
	return nil
}

// ConstraintScope returns the scope of constraint i.
func (p *Problem) ConstraintScope(i int) string {
	return cmp.Or(p.Constraints[i].Scope, p.Scope, stats.ScopeCustomers)
}

// point returns the grid point of the indices.
func (p *Problem) point(idx []int) Point {
	pt := Point{Index: slices.Clone(idx), Values: make([]float64, len(idx)), Texts: make([]string, len(idx))}
	for i, a := range p.Axes {
		pt.Values[i], pt.Texts[i] = a.Value(idx[i]), a.Text(idx[i])
	}
	return pt
}

// Centre returns the index of the centre of every axis.
func (p *Problem) Centre() []int {
	out := make([]int, len(p.Axes))
	for i, a := range p.Axes {
		out[i] = (a.Len() - 1) / 2
	}
	return out
}

// searcher is the state of one optimisation.
type searcher struct {
	p     *Problem
	eval  Evaluator
	res   *Result
	cache map[string]*Eval // by key(index, reps)
	best  map[string]*Eval // each point's evaluation with the most replications
	order []string         // the points' keys in the order first evaluated
	err   error            // a scope error
}

func key(idx []int) string {
	var b strings.Builder
	for i, v := range idx {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(v))
	}
	return b.String()
}

// Run optimises p with eval. It returns an error only for a problem it
// cannot start (see [Problem.Defaults]) or a scope that names no part of
// the results ([ScopeError]).
func Run(p *Problem, eval Evaluator) (*Result, error) {
	if err := p.Defaults(); err != nil {
		return nil, err
	}
	s := &searcher{p: p, eval: eval, res: &Result{Problem: p}, cache: map[string]*Eval{}, best: map[string]*Eval{}}
	start := p.Start
	if start == nil {
		start = p.Centre()
	}
	s.res.Start = p.point(start)
	incumbent := s.search(start)
	if s.err != nil {
		return nil, s.err
	}
	s.final(incumbent)
	if s.err != nil {
		return nil, s.err
	}
	return s.res, nil
}

// run evaluates the points not yet evaluated with reps replications, as
// far as the search's budget allows (the final stage has none), and
// returns every point's evaluation, nil for those left out.
func (s *searcher) run(idxs [][]int, reps int, stage, label string) []*Eval {
	out := make([]*Eval, len(idxs))
	var todo []int
	var batch Batch
	seen := map[string]bool{}
	for i, idx := range idxs {
		k := key(idx) + "@" + strconv.Itoa(reps)
		if e, ok := s.cache[k]; ok {
			out[i] = e
			continue
		}
		if seen[k] {
			continue
		}
		if stage == StageSearch && s.res.SearchEvaluations+len(todo) >= s.p.MaxEvaluations {
			continue
		}
		seen[k] = true
		todo = append(todo, i)
		batch.Points = append(batch.Points, s.p.point(idx))
	}
	if len(todo) > 0 {
		batch.Reps, batch.Label = reps, label
		outs := s.eval(batch)
		for j, i := range todo {
			e := s.measure(batch.Points[j], reps, stage, outs[j])
			k := key(idxs[i])
			s.cache[k+"@"+strconv.Itoa(reps)] = e
			if b, ok := s.best[k]; !ok || b.Reps < reps {
				if !ok {
					s.order = append(s.order, k)
				}
				s.best[k] = e
			}
			s.res.Evals = append(s.res.Evals, e)
			if stage == StageSearch {
				s.res.SearchEvaluations++
			}
			if e.Err == nil {
				s.res.Replications += reps
			}
		}
	}
	for i, idx := range idxs { // duplicates within the batch
		if out[i] == nil {
			out[i] = s.cache[key(idx)+"@"+strconv.Itoa(reps)]
		}
	}
	return out
}

// measure computes the objective and constraints of an outcome.
func (s *searcher) measure(pt Point, reps int, stage string, o Outcome) *Eval {
	e := &Eval{Point: pt, Reps: reps, Stage: stage, Err: o.Err, Summary: o.Summary}
	if o.Err != nil {
		return e
	}
	sc, err := o.Summary.Scope(s.p.Scope)
	if err != nil {
		s.err = cmp.Or(s.err, error(ScopeError{fmt.Errorf("--scope: %v", err)}))
		e.Err = err
		return e
	}
	e.Objective, e.objReps = sc.Metrics[s.p.Objective], sc.Reps
	e.Verdict = Feasible
	for i, c := range s.p.Constraints {
		cs, err := o.Summary.Scope(s.p.ConstraintScope(i))
		if err != nil {
			s.err = cmp.Or(s.err, error(ScopeError{fmt.Errorf("--subject-to %s: %v", c, err)}))
			e.Err = err
			return e
		}
		m := Measure{Estimate: cs.Metrics[c.Metric]}
		m.Verdict = verdict(c, m.Estimate)
		e.Constraints = append(e.Constraints, m)
		switch {
		case m.Verdict == Infeasible:
			e.Verdict = Infeasible
		case m.Verdict == Uncertain && e.Verdict == Feasible:
			e.Verdict = Uncertain
		}
	}
	return e
}

// verdict says whether the confidence interval of e clears c's bound.
func verdict(c Constraint, e stats.Estimate) string {
	if math.IsNaN(e.Mean) || math.IsNaN(e.HalfWidth) {
		return Uncertain
	}
	lo, hi := e.Mean-e.HalfWidth, e.Mean+e.HalfWidth
	if c.Op == "<=" {
		lo, hi = -hi, -lo
		c.Bound = -c.Bound
	}
	switch {
	case lo >= c.Bound:
		return Feasible
	case hi < c.Bound:
		return Infeasible
	}
	return Uncertain
}

// violation returns the total relative amount by which the means of e
// violate the constraints: 0 if the means satisfy every bound, +Inf if a
// mean is undefined.
func (s *searcher) violation(e *Eval) float64 {
	var v float64
	for i, c := range s.p.Constraints {
		m := e.Constraints[i].Mean
		if math.IsNaN(m) {
			return math.Inf(1)
		}
		d := c.Bound - m
		if c.Op == "<=" {
			d = -d
		}
		if d > 0 {
			v += d / max(math.Abs(c.Bound), 1e-9)
		}
	}
	return v
}

// better reports whether a is better than b during the search, by means
// (feasibility first): a point whose means satisfy every constraint beats
// one whose means do not; two such points compare by objective; two that
// violate compare by total relative violation. An invalid point is worst.
func (s *searcher) better(a, b *Eval) bool {
	switch {
	case a == nil || a.Err != nil:
		return false
	case b == nil || b.Err != nil:
		return true
	}
	va, vb := s.violation(a), s.violation(b)
	if va == 0 && vb == 0 {
		return objective(a) < objective(b)
	}
	return va < vb
}

// objective returns e's objective mean, +Inf if undefined.
func objective(e *Eval) float64 {
	if math.IsNaN(e.Objective.Mean) {
		return math.Inf(1)
	}
	return e.Objective.Mean
}

// search runs a compass (coordinate pattern) search from start and
// returns the incumbent's index.
func (s *searcher) search(start []int) []int {
	p := s.p
	steps := make([]int, len(p.Axes))
	for i, a := range p.Axes {
		if n := a.Len(); n > 1 {
			steps[i] = max(1, (n-1)/4)
		}
	}
	x, reps := slices.Clone(start), p.InitialReplications
	s.res.Stop = "converged"
	for {
		if s.res.SearchEvaluations >= p.MaxEvaluations {
			s.res.Stop = "budget"
			return x
		}
		s.res.Iterations++
		label := fmt.Sprintf("search step %d (%d replications)", s.res.Iterations, reps)
		idxs := [][]int{x}
		for i, a := range p.Axes {
			for _, d := range []int{-steps[i], steps[i]} {
				if d == 0 {
					continue
				}
				y := slices.Clone(x)
				y[i] = min(max(y[i]+d, 0), a.Len()-1)
				if y[i] != x[i] {
					idxs = append(idxs, y)
				}
			}
		}
		evs := s.run(idxs, reps, StageSearch, label)
		if s.err != nil {
			return x
		}
		cur := evs[0]
		if cur == nil { // the budget ran out before the incumbent
			s.res.Stop = "budget"
			return x
		}
		best, bi := cur, 0
		for j, e := range evs[1:] {
			if s.better(e, best) {
				best, bi = e, j+1
			}
		}
		if bi > 0 {
			x = idxs[bi]
			continue
		}
		halved := false
		for i := range steps {
			if steps[i] > 1 {
				steps[i] /= 2
				halved = true
			}
		}
		switch {
		case halved:
			reps = min(2*reps, p.MaxReplications)
		case reps < p.MaxReplications:
			reps = min(2*reps, p.MaxReplications)
		default:
			return x
		}
	}
}

// final re-evaluates the incumbent, the best points of the search and
// their neighbours with the maximum replications, and chooses.
func (s *searcher) final(incumbent []int) {
	p := s.p
	var ranked []*Eval
	for _, k := range s.order {
		if e := s.best[k]; e.Err == nil {
			ranked = append(ranked, e)
		}
	}
	slices.SortStableFunc(ranked, func(a, b *Eval) int {
		switch {
		case s.better(a, b):
			return -1
		case s.better(b, a):
			return 1
		}
		return 0
	})
	centres := [][]int{incumbent}
	for _, e := range ranked {
		if len(centres) > FinalCandidates {
			break
		}
		if !slices.ContainsFunc(centres, func(c []int) bool { return slices.Equal(c, e.Index) }) {
			centres = append(centres, e.Index)
		}
	}
	var idxs [][]int
	seen := map[string]bool{}
	add := func(y []int) {
		if k := key(y); !seen[k] {
			seen[k] = true
			idxs = append(idxs, y)
		}
	}
	for _, c := range centres {
		add(c)
		for i, a := range p.Axes {
			for _, d := range []int{-1, 1} {
				y := slices.Clone(c)
				if y[i] += d; y[i] >= 0 && y[i] < a.Len() {
					add(y)
				}
			}
		}
	}
	evs := s.run(idxs, p.MaxReplications, StageFinal, fmt.Sprintf("final comparison (%d replications)", p.MaxReplications))
	if s.err != nil {
		return
	}
	// an evaluation made during the search with the maximum replications
	// is reused
	for _, e := range evs {
		e.Final = true
	}
	rank := map[string]int{Feasible: 0, Uncertain: 1, Infeasible: 2}
	final := slices.Clone(evs)
	slices.SortStableFunc(final, func(a, b *Eval) int {
		if (a.Err != nil) != (b.Err != nil) {
			if a.Err != nil {
				return 1
			}
			return -1
		}
		if a.Err != nil {
			return 0
		}
		if c := cmp.Compare(rank[a.Verdict], rank[b.Verdict]); c != 0 {
			return c
		}
		return cmp.Compare(objective(a), objective(b))
	})
	s.res.Final = final
	if len(final) > 0 && final[0].Err == nil && final[0].Verdict == Feasible {
		ch := final[0]
		ch.Chosen = true
		s.res.Chosen = ch
		for _, e := range final[1:] {
			if e.Err != nil {
				continue
			}
			d := stats.PairedDiffs(e.objReps, ch.objReps)[p.Objective]
			e.Diff = &d
			e.Indistinguishable = e.Verdict != Infeasible && !d.Significant
		}
		return
	}
	var closest *Eval
	for _, e := range final {
		if e.Err == nil && (closest == nil || s.violation(e) < s.violation(closest) ||
			s.violation(e) == s.violation(closest) && objective(e) < objective(closest)) {
			closest = e
		}
	}
	s.res.Closest = closest
}
