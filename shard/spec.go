package shard

import (
	"fmt"
	"strconv"
	"strings"
)

// Spec is one shard of a sharded command: shard K (0-based) of N.
type Spec struct {
	K, N int
}

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// MaxShards bounds N: beyond it the file counts and the merge's checks
// are not worth it (see docs/sharding.md).
const MaxShards = 100000

// Parse reads "K/N": shard K of N, 0 <= K < N.
func Parse(s string) (Spec, error) {
	ks, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Spec{}, fmt.Errorf("expected K/N (shard K of N, K from 0 to N-1) or auto, got %q", s)
	}
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil {
		return Spec{}, fmt.Errorf("expected K/N with whole numbers K and N (shard K of N, K from 0 to N-1), got %q", s)
	}
	return check(Spec{k, n}, fmt.Sprintf("%q", s))
}

func check(sp Spec, what string) (Spec, error) {
	if sp.N < 1 || sp.N > MaxShards {
		return Spec{}, fmt.Errorf("%s: the shard count must be from 1 to %d, got %d", what, MaxShards, sp.N)
	}
	if sp.K < 0 || sp.K >= sp.N {
		return Spec{}, fmt.Errorf("%s: the shard index must be from 0 to %d (N-1), got %d", what, sp.N-1, sp.K)
	}
	return sp, nil
}

// CountEnv is the environment variable that gives the shard count under
// a Kubernetes Indexed Job when --shard-count is not given: the Job's
// completions.
const CountEnv = "SCSIM_SHARD_COUNT"

// Auto finds the shard from the environment of the engine that runs the
// command: a Slurm job array (SLURM_ARRAY_TASK_ID with
// SLURM_ARRAY_TASK_COUNT, or with SLURM_ARRAY_TASK_MIN, _MAX and _STEP),
// or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with the count count
// if it is > 0, else from $SCSIM_SHARD_COUNT). getenv is os.Getenv.
func Auto(getenv func(string) string, count int) (Spec, error) {
	num := func(name string) (int, bool, error) {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, true, fmt.Errorf("$%s must be a whole number, got %q", name, v)
		}
		return n, true, nil
	}
	if id, ok, err := num("SLURM_ARRAY_TASK_ID"); ok || err != nil {
		if err != nil {
			return Spec{}, err
		}
		lo, okLo, err1 := num("SLURM_ARRAY_TASK_MIN")
		hi, okHi, err2 := num("SLURM_ARRAY_TASK_MAX")
		step, okStep, err3 := num("SLURM_ARRAY_TASK_STEP")
		cnt, okCnt, err4 := num("SLURM_ARRAY_TASK_COUNT")
		for _, e := range []error{err1, err2, err3, err4} {
			if e != nil {
				return Spec{}, e
			}
		}
		if !okStep || step < 1 {
			step = 1
		}
		if !okLo {
			lo = 0
		}
		k := id - lo
		if k < 0 || k%step != 0 {
			return Spec{}, fmt.Errorf("$SLURM_ARRAY_TASK_ID %d is not in the array from $SLURM_ARRAY_TASK_MIN %d by $SLURM_ARRAY_TASK_STEP %d", id, lo, step)
		}
		k /= step
		var n int
		switch {
		case okHi:
			n = (hi-lo)/step + 1
			if okCnt && cnt != n {
				// an array such as --array=0-3,7 is not a range: the
				// tasks cannot be numbered 0..N-1
				return Spec{}, fmt.Errorf("the Slurm array is not one range (%d tasks from %d to %d by %d): submit it as --array=0-(N-1)", cnt, lo, hi, step)
			}
		case okCnt:
			n = cnt
		default:
			return Spec{}, fmt.Errorf("$SLURM_ARRAY_TASK_ID is set but neither $SLURM_ARRAY_TASK_COUNT nor $SLURM_ARRAY_TASK_MAX: is this a job array (sbatch --array=0-(N-1))?")
		}
		return check(Spec{k, n}, "--shard auto (Slurm array)")
	}
	if idx, ok, err := num("JOB_COMPLETION_INDEX"); ok || err != nil {
		if err != nil {
			return Spec{}, err
		}
		n := count
		if n <= 0 {
			c, okC, err := num(CountEnv)
			if err != nil {
				return Spec{}, err
			}
			if !okC {
				return Spec{}, fmt.Errorf("--shard auto: $JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but not the shard count: give --shard-count N or set $%s to the Job's completions", CountEnv)
			}
			n = c
		}
		return check(Spec{idx, n}, "--shard auto (Kubernetes Indexed Job)")
	}
	return Spec{}, fmt.Errorf("--shard auto: neither $SLURM_ARRAY_TASK_ID (a Slurm job array) nor $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard K/N instead")
}
