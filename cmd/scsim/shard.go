package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"scsim/model"
	"scsim/shard"
)

// Sharding: with --shard K/N a command (run, compare, sweep, report,
// optimize, check) computes only shard K of the replications of its runs
// and writes them to a partial file in --parts; "scsim merge" reads the N
// parts and prints what the command run whole prints. See
// docs/sharding.md.

// exitIncomplete is the exit code of a merge of an optimize search whose
// next batch has no parts yet: run the shards again, then merge again.
const exitIncomplete = 5

// shardKey is where a sharded or merging command keeps its *shardRun in
// its app's Metadata; [runJobs] hands its jobs to it.
const shardKey = "shard"

func shardFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "shard", Usage: "compute only shard `K/N` (0 <= K < N) of the replications and write them to --parts, for scsim merge; auto reads K and N from a Slurm job array or a Kubernetes Indexed Job"},
		&cli.IntFlag{Name: "shard-count", Usage: "with --shard auto under a Kubernetes Indexed Job: the shard count `N` (the Job's completions)", DefaultText: "$" + shard.CountEnv},
		&cli.StringFlag{Name: "parts", Usage: "with --shard: write the partial file into `DIR` (created if missing), shared by every shard"},
	}
}

// notResults are the flags that do not change what a command computes or
// prints, left out of a part's command line; the merge takes its own.
var notResults = map[string]bool{"shard": true, "shard-count": true, "parts": true, "workers": true, "quiet": true, "format": true, "out": true}

const (
	modeShard = iota
	modeMerge
)

// shardRun is the state of a sharded or merging command.
type shardRun struct {
	mode    int
	spec    shard.Spec // modeShard: this shard; modeMerge: N
	dir     string     // modeShard: --parts
	command string
	args    []string
	run     string
	stage   int               // the next call of runJobs
	parts   map[[2]int]string // (stage, shard) -> file, of this run
	wrote   string            // modeShard: the part written, or "" if none
	note    string            // modeShard: why nothing was written
}

// shardStop stops a shard's command once its part is written.
type shardStop struct{}

// shardFail is an error met by runJobs in a sharded or merging command.
type shardFail struct{ err error }

// shardActions lets every command with a --shard flag run sharded.
func shardActions(app *cli.App) {
	for _, cmd := range app.Commands {
		if slices.ContainsFunc(cmd.Flags, func(f cli.Flag) bool { return f.Names()[0] == "shard" }) {
			cmd.Action = shardAction(cmd.Action)
		}
	}
}

func shardAction(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) (err error) {
		st, _ := c.App.Metadata[shardKey].(*shardRun)
		name := c.Command.Name
		switch {
		case st != nil: // merging: check that the command line is the shards'
			if c.IsSet("shard") || c.IsSet("parts") {
				return usagef("merge: the parts' command line holds --shard or --parts")
			}
			args, err := resultArgs(c)
			if err != nil {
				return err
			}
			if id := runID(name, args, st.spec.N); id != st.run {
				return internalError{val: fmt.Sprintf("merge: the command line %q does not give back the parts' run %s (got %s)", args, st.run, id)}
			}
		case c.IsSet("shard"):
			if st, err = newShardRun(c); err != nil {
				return err
			}
			if c.App.Metadata == nil {
				c.App.Metadata = map[string]any{}
			}
			c.App.Metadata[shardKey] = st
			c.App.Writer = io.Discard // a shard prints nothing but its note
		case c.IsSet("parts") || c.IsSet("shard-count"):
			return usagef("%s: --parts and --shard-count are for a shard: give --shard K/N or --shard auto", name)
		default:
			return action(c)
		}
		defer func() {
			v := recover()
			switch v := v.(type) {
			case nil:
			case shardStop:
				err = nil
			case shardFail:
				err = v.err
			default:
				panic(v)
			}
			if st.mode == modeShard && err == nil && !c.Bool("quiet") {
				switch {
				case st.wrote != "":
					fmt.Fprintf(c.App.ErrWriter, "scsim: %s: shard %s: wrote %s\n", name, st.spec, st.wrote)
				case st.note != "":
					fmt.Fprintf(c.App.ErrWriter, "scsim: %s: shard %s: %s\n", name, st.spec, st.note)
				default:
					fmt.Fprintf(c.App.ErrWriter, "scsim: %s: shard %s: every batch's parts are in %s: nothing left to run; merge them with scsim merge %s\n", name, st.spec, st.dir, st.dir)
				}
			}
		}()
		return action(c)
	}
}

// newShardRun reads --shard, --shard-count and --parts.
func newShardRun(c *cli.Context) (*shardRun, error) {
	name := c.Command.Name
	var spec shard.Spec
	var err error
	if v := c.String("shard"); v == "auto" {
		spec, err = shard.Auto(os.Getenv, c.Int("shard-count"))
	} else {
		if c.IsSet("shard-count") {
			return nil, usagef("%s: --shard-count is for --shard auto; --shard %s gives the count", name, v)
		}
		spec, err = shard.Parse(v)
	}
	if err != nil {
		if strings.HasPrefix(err.Error(), "--shard") { // shard.Auto names the flag itself
			return nil, usagef("%s: %v", name, err)
		}
		return nil, usagef("%s: --shard: %v", name, err)
	}
	for _, f := range []string{"out", "format"} {
		// report needs its --out to start; the shard stops before writing
		if c.IsSet(f) && !(name == "report" && f == "out") {
			return nil, usagef("%s: --%s is for scsim merge: a shard writes only its partial file into --parts", name, f)
		}
	}
	dir := c.String("parts")
	if dir == "" {
		return nil, usagef("%s: --shard needs --parts DIR, the directory every shard writes its part into (and scsim merge reads)", name)
	}
	args, err := resultArgs(c)
	if err != nil {
		return nil, err
	}
	st := &shardRun{mode: modeShard, spec: spec, dir: dir, command: name, args: args, run: runID(name, args, spec.N), parts: map[[2]int]string{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: --parts: %w", name, err)
	}
	// the parts of this run already there: an optimize search's batches
	// merged so far, or this shard's own part from an earlier attempt
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: --parts: %w", name, err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), shard.Ext) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		r, err := shard.Open(path)
		if err != nil {
			continue // not this run's: the merge names it
		}
		h := r.Header
		r.Close()
		if h.Run == st.run && h.Shards == spec.N {
			st.parts[[2]int{h.Stage, h.Shard}] = path
		}
	}
	return st, nil
}

// resultArgs writes c's command line as it affects the results: every
// flag set but those of [notResults], as --name=value in the command's
// order of flags, then "--" and the arguments.
func resultArgs(c *cli.Context) ([]string, error) {
	var args []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if notResults[name] || !c.IsSet(name) {
			continue
		}
		switch f.(type) {
		case *cli.StringFlag:
			args = append(args, "--"+name+"="+c.String(name))
		case *cli.IntFlag:
			args = append(args, "--"+name+"="+strconv.Itoa(c.Int(name)))
		case *cli.Uint64Flag:
			args = append(args, "--"+name+"="+strconv.FormatUint(c.Uint64(name), 10))
		case *cli.Float64Flag:
			args = append(args, "--"+name+"="+strconv.FormatFloat(c.Float64(name), 'g', -1, 64))
		case *cli.BoolFlag:
			args = append(args, "--"+name+"="+strconv.FormatBool(c.Bool(name)))
		case *cli.StringSliceFlag:
			for _, v := range c.StringSlice(name) {
				args = append(args, "--"+name+"="+v)
			}
		default:
			return nil, internalError{val: fmt.Sprintf("sharding: flag --%s of type %T cannot be recorded in a part", name, f)}
		}
	}
	return append(append(args, "--"), c.Args().Slice()...), nil
}

// runID identifies a sharded command: its name, its command line as
// resultArgs writes it and the shard count.
func runID(command string, args []string, n int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d", shard.Format, command, n)
	for _, a := range args {
		fmt.Fprintf(h, "\x00%s", a)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// stageJobs describes jobs for a part's header, with each replication's
// estimated events, and assigns the work units (every replication of
// every job, in job order) to the shards.
func stageJobs(jobs []job, n int) (hj []shard.Job, assign []int) {
	var weights []float64
	for _, jb := range jobs {
		w := model.EstimateEvents(jb.net)
		hj = append(hj, shard.Job{Name: jb.name, Fingerprint: jb.sc.Fingerprint(), Seed: jb.sc.Seed, Replications: jb.sc.Replications, Weight: w})
		for range jb.sc.Replications {
			weights = append(weights, w)
		}
	}
	return hj, shard.Assign(weights, n)
}

// runJobs is [runJobs] in a sharded or merging command: a shard computes
// its own units of this batch of jobs, writes its part and stops the
// command (or, for a batch of an optimize search that every shard has
// written, reads it back and goes on); a merge reads every part.
func (st *shardRun) runJobs(c *cli.Context, title string, jobs []job) ran {
	start := time.Now()
	stage := st.stage
	st.stage++
	hj, assign := stageJobs(jobs, st.spec.N)
	if st.mode == modeMerge {
		res, err := st.load(stage, jobs, hj, assign)
		if err != nil {
			panic(shardFail{err})
		}
		return summarizeJobs(jobs, res, start)
	}
	complete := true
	for k := range st.spec.N {
		if st.parts[[2]int{stage, k}] == "" {
			complete = false
		}
	}
	if complete && st.command == "optimize" {
		// an earlier batch of the search, merged to find the next
		res, err := st.load(stage, jobs, hj, assign)
		if err != nil {
			panic(shardFail{err})
		}
		return summarizeJobs(jobs, res, start)
	}
	if own := st.parts[[2]int{stage, st.spec.K}]; own != "" {
		if err := sameJobs(own, stage, hj); err == nil {
			st.note = fmt.Sprintf("its part of batch %d is in %s already (%s); waiting for the other shards", stage, st.dir, filepath.Base(own))
			if st.command != "optimize" {
				st.note = fmt.Sprintf("its part is in %s already (%s)", st.dir, filepath.Base(own))
			}
			panic(shardStop{})
		}
	}
	if err := st.compute(c, stage, jobs, hj, assign); err != nil {
		panic(shardFail{err})
	}
	panic(shardStop{})
}

// sameJobs checks that the part at path has the jobs hj.
func sameJobs(path string, stage int, hj []shard.Job) error {
	r, err := shard.Open(path)
	if err != nil {
		return usageError{err}
	}
	defer r.Close()
	return checkJobs(r, stage, hj)
}

// checkJobs checks that the header of part r is of stage with jobs hj.
func checkJobs(r *shard.Reader, stage int, hj []shard.Job) error {
	h := &r.Header
	if h.Stage != stage {
		return usagef("%s: a part of batch %d, read as batch %d", r.Path, h.Stage, stage)
	}
	if len(h.Jobs) != len(hj) {
		return usagef("%s: %d runs in the part, %d in the command here: the scenario or the grid is not the one the shards ran", r.Path, len(h.Jobs), len(hj))
	}
	for i, j := range h.Jobs {
		want := hj[i]
		switch {
		case j.Fingerprint != want.Fingerprint:
			return usagef("%s: run %d (%s): the scenario's fingerprint is %s in the part, %s here: the shards ran another scenario (or another version of its file)", r.Path, i+1, want.Name, j.Fingerprint, want.Fingerprint)
		case j.Seed != want.Seed:
			return usagef("%s: run %d (%s): seed %d in the part, %d here", r.Path, i+1, want.Name, j.Seed, want.Seed)
		case j.Replications != want.Replications:
			return usagef("%s: run %d (%s): %d replications in the part, %d here", r.Path, i+1, want.Name, j.Replications, want.Replications)
		case j.Name != want.Name:
			return usagef("%s: run %d is %q in the part, %q here", r.Path, i+1, j.Name, want.Name)
		}
	}
	return nil
}

// compute runs this shard's units of the stage and writes its part.
func (st *shardRun) compute(c *cli.Context, stage int, jobs []job, hj []shard.Job, assign []int) error {
	type unit struct{ j, rep int }
	var units []unit
	u := 0
	for j, jb := range jobs {
		for rep := range jb.sc.Replications {
			if assign[u] == st.spec.K {
				units = append(units, unit{j, rep})
			}
			u++
		}
	}
	workers := c.Int("workers")
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	plans := make([]*model.Plan, len(jobs))
	var planOnce = make([]sync.Once, len(jobs))
	results := make([]*model.Result, len(units))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed any
	for range min(workers, len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer func() {
						if v := recover(); v != nil {
							mu.Lock()
							if failed == nil {
								failed = v
							}
							mu.Unlock()
						}
					}()
					un := units[i]
					planOnce[un.j].Do(func() { plans[un.j] = model.Compile(jobs[un.j].net) })
					results[i] = plans[un.j].RunProgress(jobs[un.j].sc.Seed, un.rep, nil)
				}()
			}
		}()
	}
	for i := range units {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed != nil {
		panic(failed)
	}
	h := &shard.Header{Format: shard.Format, Version: version, Command: st.command, Args: st.args, Run: st.run,
		Stage: stage, Shard: st.spec.K, Shards: st.spec.N, Seed: jobs[0].sc.Seed, Replications: jobs[0].sc.Replications,
		Jobs: hj, Units: len(assign), Records: len(units), Fields: shard.Fields()}
	path := filepath.Join(st.dir, shard.Name(stage, st.spec.K, st.spec.N))
	w, err := shard.Create(path, h)
	if err != nil {
		return err
	}
	for i, un := range units {
		if err := w.Write(un.j, un.rep, results[i]); err != nil {
			w.Abort()
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	st.wrote = path
	return nil
}

// load reads every part of a stage, one after the other, into the
// results of its jobs, checking that each part is whole, of these jobs,
// and holds exactly the units the partition gives its shard.
func (st *shardRun) load(stage int, jobs []job, hj []shard.Job, assign []int) ([][]*model.Result, error) {
	first := make([]int, len(jobs)) // index of each job's first unit
	results := make([][]*model.Result, len(jobs))
	u := 0
	for j, jb := range jobs {
		first[j] = u
		results[j] = make([]*model.Result, jb.sc.Replications)
		u += jb.sc.Replications
	}
	var missing []string
	for k := range st.spec.N {
		if st.parts[[2]int{stage, k}] == "" {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) == st.spec.N && stage > 0 {
		return nil, codeError{fmt.Errorf("merge: %s: the search goes on to batch %d, which has no parts yet: run the %d shards again (each computes its part of the next batch), then merge again", st.command, stage, st.spec.N), exitIncomplete}
	}
	if len(missing) > 0 {
		what := ""
		if st.command == "optimize" {
			what = fmt.Sprintf(" of batch %d", stage)
		}
		return nil, usagef("merge: missing the part%s of shard(s) %s of %d: every shard 0 to %d must have written its part", what, strings.Join(missing, ", "), st.spec.N, st.spec.N-1)
	}
	for k := range st.spec.N {
		path := st.parts[[2]int{stage, k}]
		if err := loadPart(path, stage, k, hj, assign, first, results); err != nil {
			return nil, err
		}
	}
	return results, nil
}

func loadPart(path string, stage, k int, hj []shard.Job, assign, first []int, results [][]*model.Result) error {
	r, err := shard.Open(path)
	if err != nil {
		return usageError{err}
	}
	defer r.Close()
	if err := checkJobs(r, stage, hj); err != nil {
		return err
	}
	if r.Header.Shard != k {
		return usagef("%s: the part of shard %d, read as shard %d", path, r.Header.Shard, k)
	}
	if !slices.Equal(r.Header.Fields, shard.Fields()) {
		return usagef("%s: written by scsim %s, whose results have other counters than this scsim %s's: merge with the scsim that ran the shards", path, r.Header.Version, version)
	}
	want := 0
	for _, a := range assign {
		if a == k {
			want++
		}
	}
	if r.Header.Records != want {
		return usagef("%s: %d records, but shard %d of %d has %d units", path, r.Header.Records, k, len(assign), want)
	}
	for {
		j, rep, res, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return usageError{err}
		}
		if j < 0 || j >= len(results) || rep < 0 || rep >= len(results[j]) {
			return usagef("%s: a record of run %d, replication %d, which the command does not have", path, j, rep)
		}
		if assign[first[j]+rep] != k {
			return usagef("%s: run %d, replication %d belongs to shard %d, not %d", path, j, rep, assign[first[j]+rep], k)
		}
		if results[j][rep] != nil {
			return usagef("%s: run %d, replication %d twice", path, j, rep)
		}
		results[j][rep] = res
	}
}
