package check

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"scsim/model"
	"scsim/scenarios"
	"scsim/stats"
)

// Suite is a suite file: the cases to run and what to guard in each.
type Suite struct {
	// File is the suite file's path as given.
	File string `yaml:"-"`
	Name string `yaml:"name"`
	// Description is free text.
	Description string `yaml:"description"`
	// Baseline is the baseline file, relative to the suite file's
	// directory; default "baseline.json".
	Baseline string `yaml:"baseline"`
	// Confidence is the two-sided level of the intervals the verdicts
	// rest on, in (0.5, 1); default 0.95. See [Assess].
	Confidence float64 `yaml:"confidence"`
	// Defaults apply to every case that does not set its own.
	Defaults Settings `yaml:"defaults"`
	Cases    []Case   `yaml:"cases"`

	pos *scenarios.Positions
}

// Settings are the run settings of a case, each overriding the
// scenario's own when given.
type Settings struct {
	Replications int      `yaml:"replications"`
	Seed         *uint64  `yaml:"seed"`
	Horizon      float64  `yaml:"horizon"`
	Warmup       *float64 `yaml:"warmup"`
}

// Case is one scenario run of a suite and the metrics it guards.
type Case struct {
	// Name identifies the case in reports and in the baseline; default
	// SCENARIO, or SCENARIO/VARIANT.
	Name string `yaml:"name"`
	// Scenario is a bundled scenario's name, or a scenario file: a path
	// ending in .yaml or .yml or holding a /, relative to the suite
	// file's directory.
	Scenario string `yaml:"scenario"`
	// Variant applies a variant declared in the scenario.
	Variant string `yaml:"variant"`
	// Set lists overrides PATH=VALUE applied after the variant, as
	// scsim run --set does.
	Set []string `yaml:"set"`
	// Replications, Seed, Horizon and Warmup override the suite's
	// defaults and the scenario's own.
	Replications int      `yaml:"replications"`
	Seed         *uint64  `yaml:"seed"`
	Horizon      float64  `yaml:"horizon"`
	Warmup       *float64 `yaml:"warmup"`
	Metrics      []Guard  `yaml:"metrics"`

	// Sc is the scenario as run: variant, overrides and settings
	// applied; Net is it built. Set by [Load].
	Sc  *scenarios.Scenario `yaml:"-"`
	Net *model.Network      `yaml:"-"`
}

// Guard is one guarded metric of a case.
type Guard struct {
	// Metric is a metric key (fill_rate, total_cost, ...).
	Metric string `yaml:"metric"`
	// Scope is the part of the results: customers (the default), a
	// site-item SITE/ITEM, echelon-N, site:NAME or item:NAME.
	Scope string `yaml:"scope"`
	// Worse is the direction that is worse: lower or higher.
	Worse string `yaml:"worse"`
	// Tolerance is the practical tolerance: a number in the metric's
	// unit (0.005), or a share of the baseline's mean ending in %
	// (2%). Changes within it do not matter.
	Tolerance string `yaml:"tolerance"`

	// Index is the metric's index into [model.Metrics]; Higher says
	// higher is worse; Abs and Rel are the tolerance (one is 0).
	Index    int     `yaml:"-"`
	Higher   bool    `yaml:"-"`
	Abs, Rel float64 `yaml:"-"`
}

// Key identifies a guard within its case: "SCOPE METRIC".
func (g *Guard) Key() string { return g.Scope + " " + g.Metric }

// Options change every case of a suite, from the command line.
type Options struct {
	// Seed, if not nil, is the master seed of every case.
	Seed *uint64
	// Replications, if > 0, is every case's number of replications.
	Replications int
}

// DefaultConfidence is a suite's confidence when it sets none.
const DefaultConfidence = 0.95

// Load reads the suite file at path, checks it and opens and builds
// every case's scenario. Every error is the user's: an [scenarios.ErrorList]
// positioned in the suite file (file:line:col: field: message), or
// a scenario's own errors.
func Load(path string, opt Options) (*Suite, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load suite %s: %w", path, err)
	}
	return Parse(path, data, opt)
}

// Parse is [Load] of the suite data read from file.
func Parse(file string, data []byte, opt Options) (*Suite, error) {
	s := &Suite{}
	pos, err := scenarios.DecodeStrict(file, data, s, "a suite mapping with name and cases")
	if err != nil {
		return nil, err
	}
	s.File, s.pos = file, pos
	if err := s.validate(); err != nil {
		return nil, err
	}
	if err := s.open(opt); err != nil {
		return nil, err
	}
	return s, nil
}

// BaselinePath returns the path of the suite's baseline file.
func (s *Suite) BaselinePath() string {
	b := s.Baseline
	if b == "" {
		b = "baseline.json"
	}
	if filepath.IsAbs(b) {
		return b
	}
	return filepath.Join(filepath.Dir(s.File), b)
}

func (s *Suite) errorf(errs *scenarios.ErrorList, path, format string, args ...any) {
	*errs = append(*errs, s.pos.Errorf(path, format, args...))
}

// metricKeys lists the metric keys, sorted.
func metricKeys() []string {
	keys := make([]string, len(model.Metrics))
	for i, m := range model.Metrics {
		keys[i] = m.Key
	}
	slices.Sort(keys)
	return keys
}

// validate checks the suite's fields and fills in the defaults.
func (s *Suite) validate() error {
	var errs scenarios.ErrorList
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(s.File), filepath.Ext(s.File))
	}
	if s.Confidence == 0 && !s.pos.Has("confidence") {
		s.Confidence = DefaultConfidence
	} else if !(s.Confidence > 0.5 && s.Confidence < 1) {
		s.errorf(&errs, "confidence", "must be in (0.5, 1), such as 0.95; got %v", s.Confidence)
	}
	s.settings(&errs, "defaults", &s.Defaults)
	if len(s.Cases) == 0 {
		s.errorf(&errs, "cases", "a suite needs at least one case (- scenario: NAME, metrics: [...])")
	}
	keys := metricKeys()
	names := map[string]string{}
	for i := range s.Cases {
		c := &s.Cases[i]
		p := fmt.Sprintf("cases[%d]", i)
		if c.Scenario == "" {
			s.errorf(&errs, p+".scenario", "missing; give a bundled scenario's name (scsim list) or a scenario file")
		}
		if c.Name == "" {
			c.Name = c.Scenario
			if c.Variant != "" {
				c.Name += "/" + c.Variant
			}
		}
		if first, ok := names[c.Name]; ok && c.Name != "" {
			s.errorf(&errs, p+".name", "case %q is already defined at %s; give each case a name of its own", c.Name, first)
		} else {
			e := s.pos.Errorf(p, "")
			names[c.Name] = fmt.Sprintf("line %d", e.Line)
		}
		st := c.settings()
		s.settings(&errs, p, &st)
		if len(c.Metrics) == 0 {
			s.errorf(&errs, p+".metrics", "a case needs at least one metric to guard ({metric: fill_rate, worse: lower, tolerance: 0.01})")
		}
		seen := map[string]int{}
		for j := range c.Metrics {
			g := &c.Metrics[j]
			gp := fmt.Sprintf("%s.metrics[%d]", p, j)
			if g.Scope == "" {
				g.Scope = stats.ScopeCustomers
			}
			if g.Scope == "total" {
				g.Scope = stats.ScopeCustomers
			}
			g.Index = slices.IndexFunc(model.Metrics[:], func(m model.Metric) bool { return m.Key == g.Metric })
			switch {
			case g.Metric == "":
				s.errorf(&errs, gp+".metric", "missing; give a metric key such as fill_rate or total_cost")
			case g.Index < 0:
				s.errorf(&errs, gp+".metric", "unknown metric %q (%s)", g.Metric, scenarios.Suggest(g.Metric, keys, "metrics"))
			}
			switch g.Worse {
			case "higher":
				g.Higher = true
			case "lower":
			case "":
				s.errorf(&errs, gp+".worse", "missing; say which direction is worse: lower (as for fill_rate) or higher (as for total_cost)")
			default:
				s.errorf(&errs, gp+".worse", "must be lower or higher, got %q", g.Worse)
			}
			if err := g.parseTolerance(); err != "" {
				s.errorf(&errs, gp+".tolerance", "%s", err)
			}
			if k, ok := seen[g.Key()]; ok {
				s.errorf(&errs, gp, "%s at %s is already guarded by metrics[%d]", g.Metric, g.Scope, k)
			}
			seen[g.Key()] = j
		}
	}
	return errs.Err()
}

// settings checks a case's or the defaults' run settings.
func (s *Suite) settings(errs *scenarios.ErrorList, p string, st *Settings) {
	if s.pos.Has(p+".replications") && st.Replications < 2 {
		s.errorf(errs, p+".replications", "must be >= 2, to estimate the spread between replications; got %d", st.Replications)
	}
	if s.pos.Has(p+".horizon") && !(st.Horizon > 0) {
		s.errorf(errs, p+".horizon", "must be a number of days > 0, got %v", st.Horizon)
	}
	if st.Warmup != nil && !(*st.Warmup >= 0) {
		s.errorf(errs, p+".warmup", "must be a number of days >= 0, got %v", *st.Warmup)
	}
}

// parseTolerance reads g.Tolerance into g.Abs or g.Rel, returning a
// message if it is invalid.
func (g *Guard) parseTolerance() string {
	t := strings.TrimSpace(g.Tolerance)
	if t == "" {
		return "missing; give the change that does not matter, in the metric's unit (0.005) or as a share of the baseline (2%)"
	}
	rel := strings.HasSuffix(t, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "%")), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("expected a number (0.005) or a percentage (2%%), got %q", g.Tolerance)
	}
	if v < 0 {
		return fmt.Sprintf("must be >= 0, got %s", g.Tolerance)
	}
	if rel {
		g.Rel = v / 100
	} else {
		g.Abs = v
	}
	return ""
}

// looksLikePath reports whether a case's scenario names a file: it ends
// in .yaml or .yml or holds a path separator.
func looksLikePath(arg string) bool {
	ext := strings.ToLower(filepath.Ext(arg))
	return ext == ".yaml" || ext == ".yml" || strings.ContainsAny(arg, `/`+string(filepath.Separator))
}

// open opens and builds every case's scenario with its variant,
// overrides and settings, and opt on top.
func (s *Suite) open(opt Options) error {
	var errs []error
	var list scenarios.ErrorList
	for i := range s.Cases {
		c := &s.Cases[i]
		p := fmt.Sprintf("cases[%d]", i)
		sc, err := s.openCase(c, p, opt)
		if err != nil {
			var el scenarios.ErrorList
			if errors.As(err, &el) {
				list = append(list, el...)
			} else {
				errs = append(errs, err)
			}
			continue
		}
		net, err := sc.Build()
		if err != nil {
			errs = append(errs, s.pos.Errorf(p+".scenario", "%s does not build:", c.Scenario), err)
			continue
		}
		if sc.VariantName != "" {
			net.Name += "/" + sc.VariantName
		}
		c.Sc, c.Net = sc, net
		for j := range c.Metrics {
			if err := checkScope(net, c.Metrics[j].Scope); err != "" {
				list = append(list, s.pos.Errorf(fmt.Sprintf("%s.metrics[%d].scope", p, j), "%s", err))
			}
		}
	}
	if len(list) > 0 {
		errs = append(errs, list)
	}
	return errors.Join(errs...)
}

// openCase opens case c's scenario, at field path p, as it will run.
func (s *Suite) openCase(c *Case, p string, opt Options) (*scenarios.Scenario, error) {
	var sc *scenarios.Scenario
	var err error
	if looksLikePath(c.Scenario) {
		file := c.Scenario
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(s.File), file)
		}
		sc, err = scenarios.Load(file)
	} else if _, ok := scenarios.BundledYAML(c.Scenario); ok {
		sc, err = scenarios.Open(c.Scenario)
	} else {
		var names []string
		for _, b := range scenarios.Bundled() {
			names = append(names, b.Name)
		}
		return nil, scenarios.ErrorList{s.pos.Errorf(p+".scenario", "no bundled scenario %q (%s); a scenario file's name ends in .yaml", c.Scenario, scenarios.Suggest(c.Scenario, names, "bundled"))}
	}
	if err != nil {
		var el scenarios.ErrorList
		if errors.As(err, &el) {
			return nil, err // positioned in the scenario's file
		}
		return nil, scenarios.ErrorList{s.pos.Errorf(p+".scenario", "%v", err)}
	}
	if c.Variant != "" {
		v, err := sc.Variant(c.Variant)
		if err != nil {
			var el scenarios.ErrorList
			if errors.As(err, &el) {
				return nil, err
			}
			return nil, scenarios.ErrorList{s.pos.Errorf(p+".variant", "%v", err)}
		}
		sc = v
	}
	for k, set := range c.Set {
		sp := fmt.Sprintf("%s.set[%d]", p, k)
		ovs, err := scenarios.ParseOverride(set)
		if err == nil && len(ovs) != 1 {
			err = fmt.Errorf("gives %d values; a case takes one value per path (quote a value that holds a comma)", len(ovs))
		}
		if err != nil {
			return nil, scenarios.ErrorList{s.pos.Errorf(sp, "%v", strings.TrimPrefix(err.Error(), "--set "))}
		}
		ovs[0].Origin = sp
		n, err := sc.With(ovs[0])
		if err != nil {
			var el, out scenarios.ErrorList
			if !errors.As(err, &el) {
				return nil, scenarios.ErrorList{s.pos.Errorf(sp, "%v", err)}
			}
			for _, e := range el { // in the suite's words: the message starts with the path
				out = append(out, s.pos.Errorf(sp, "%s", e.Msg))
			}
			return nil, out
		}
		sc = n
	}
	st := c.settings()
	d := s.Defaults
	if st.Replications == 0 {
		st.Replications = d.Replications
	}
	if st.Seed == nil {
		st.Seed = d.Seed
	}
	if st.Horizon == 0 {
		st.Horizon = d.Horizon
	}
	if st.Warmup == nil {
		st.Warmup = d.Warmup
	}
	if st.Replications > 0 {
		sc.Replications = st.Replications
	}
	if st.Seed != nil {
		sc.Seed = *st.Seed
	}
	if st.Horizon > 0 {
		sc.Horizon = st.Horizon
	}
	if st.Warmup != nil {
		sc.Warmup = *st.Warmup
	}
	if opt.Seed != nil {
		sc.Seed = *opt.Seed
	}
	if opt.Replications > 0 {
		sc.Replications = opt.Replications
	}
	if sc.Warmup >= sc.Horizon {
		return nil, scenarios.ErrorList{s.pos.Errorf(p, "the warm-up (%v days) must be less than the horizon (%v days)", sc.Warmup, sc.Horizon)}
	}
	if sc.Replications < 2 {
		return nil, scenarios.ErrorList{s.pos.Errorf(p, "%s runs %d replication; a check needs >= 2 to estimate the spread: set replications", c.Scenario, sc.Replications)}
	}
	return sc, nil
}

// checkScope returns why scope names no part of net's results, or "".
func checkScope(net *model.Network, scope string) string {
	var names []string
	names = append(names, stats.ScopeCustomers)
	for _, ref := range net.SKUs() {
		site := &net.Sites[ref.Site]
		names = append(names, site.Name+"/"+net.Items[site.Stocks[ref.Stock].Item].Name)
	}
	for i := range net.Sites {
		names = append(names, "site:"+net.Sites[i].Name)
	}
	for i := range net.Items {
		names = append(names, "item:"+net.Items[i].Name)
	}
	if slices.Contains(names, scope) {
		return ""
	}
	if n, ok := strings.CutPrefix(scope, "echelon-"); ok {
		if k, err := strconv.Atoi(n); err == nil && k >= 1 {
			return "" // checked against the run's echelons after it
		}
	}
	return fmt.Sprintf("unknown scope %q (%s; or echelon-N)", scope, scenarios.Suggest(scope, names, "scopes"))
}

// settings returns c's own run settings.
func (c *Case) settings() Settings {
	return Settings{Replications: c.Replications, Seed: c.Seed, Horizon: c.Horizon, Warmup: c.Warmup}
}

// Run runs every replication of every case on workers goroutines (the
// number of CPUs if workers < 1) and returns the summaries in case
// order; they do not depend on workers. (scsim check runs the cases
// itself, with a progress bar.)
func (s *Suite) Run(workers int) []*stats.Summary {
	out := make([]*stats.Summary, len(s.Cases))
	for i := range s.Cases {
		c := &s.Cases[i]
		res := model.RunAll(c.Net, c.Sc.Seed, c.Sc.Replications, workers)
		out[i] = stats.Summarize(c.Net, c.Sc.Seed, res)
		out[i].Fingerprint = c.Sc.Fingerprint()
	}
	return out
}
