package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slurmEnv enables the test on a real Slurm cluster: "require" (as .ci/run
// sets it) fails when Slurm is not installed; unset, the test is skipped.
const slurmEnv = "SCSIM_SLURM_TEST"

// TestSlurmArray starts a one-node Slurm cluster (deploy/slurm/ci-cluster.sh),
// submits a sweep as a job array of 4 shards and the merge job after it
// (deploy/slurm/submit.sh, --dependency=afterok), waits for them and checks
// the merge's output and its --out files byte for byte against the sweep
// run here whole; then runs an optimize search as rounds of 3-task arrays
// (deploy/slurm/optimize.sh) against the search run whole; then stops the
// daemons.
func TestSlurmArray(t *testing.T) {
	mode := os.Getenv(slurmEnv)
	if mode == "" {
		t.Skipf("a real Slurm cluster: set %s=require (as .ci/run does) to run it; it needs root and Debian's slurmctld, slurmd, slurm-client and munge", slurmEnv)
	}
	if testing.Short() {
		t.Skip("starts a Slurm cluster: not with -short")
	}
	for _, p := range []string{"sbatch", "squeue", "slurmctld", "slurmd", "munged"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("%s=%s but %s is not installed: %v", slurmEnv, mode, p, err)
		}
	}
	bin := buildBinary(t)
	deploy, err := filepath.Abs("../../deploy/slurm")
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	env := append(os.Environ(), "SLURM_CI_DIR="+state, "SLURM_CONF="+filepath.Join(state, "slurm.conf"))
	sh := func(dir string, extra []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(env, extra...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	start := time.Now()
	sh(".", nil, filepath.Join(deploy, "ci-cluster.sh"), "start")
	t.Cleanup(func() {
		cmd := exec.Command(filepath.Join(deploy, "ci-cluster.sh"), "stop")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("stopping the cluster: %v\n%s", err, out)
		}
	})
	t.Logf("cluster up in %v", time.Since(start).Round(time.Millisecond))

	sweep := []string{"sweep", "rq-single",
		"--set", "sites[store].stock[widget].policy.reorder_point=20,28,36,44",
		"--set", "sites[store].stock[widget].policy.order_quantity=20,40,60",
		"-n", "6", "--horizon", "300", "--warmup", "10"}
	work := t.TempDir()
	merged := filepath.Join(work, "merged.out")
	ids := sh(work, []string{"SCSIM=" + bin, "N=4", "SCSIM_MERGE_OUTPUT=" + merged},
		filepath.Join(deploy, "submit.sh"), append([]string{"--merge-args", "--quiet --format json --out " + filepath.Join(work, "out")}, sweep...)...)
	f := strings.Fields(ids)
	if len(f) != 2 {
		t.Fatalf("submit.sh printed %q, want the array's and the merge's job ids", ids)
	}
	submitted := time.Now()
	for {
		q := sh(work, nil, "squeue", "-h", "-j", f[0]+","+f[1], "-o", "%i %T")
		if strings.TrimSpace(q) == "" {
			break
		}
		if time.Since(submitted) > 90*time.Second {
			t.Fatalf("the jobs are not done after 90 s:\n%s", q)
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Logf("array and merge done in %v", time.Since(submitted).Round(time.Millisecond))
	states := sh(work, nil, "squeue", "-t", "all", "-h", "-j", f[0]+","+f[1], "-o", "%i %T")
	if n := strings.Count(states, "COMPLETED"); n != 5 {
		t.Errorf("want 4 tasks and the merge COMPLETED, got:\n%s", states)
	}
	parts, _ := filepath.Glob(filepath.Join(work, "parts", "*"))
	if len(parts) != 4 {
		t.Errorf("parts: %v, want 4 files", parts)
	}

	got, err := os.ReadFile(merged)
	if err != nil {
		logs, _ := filepath.Glob(filepath.Join(work, "*.log"))
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			t.Logf("%s:\n%s", l, b)
		}
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "out")
	want := sh(work, nil, bin, append(sweep, "--quiet", "--format", "json", "--out", local)...)
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("the merge job's output differs from the local sweep's:\n%s\n--- want\n%s", got, want)
	}
	sameFiles(t, "Slurm", outFiles(t, filepath.Join(work, "out")), outFiles(t, local))

	// optimize: rounds of arrays, one per batch of the search
	// (deploy/slurm/optimize.sh), until the merge has the whole search
	opt := []string{"rq-single",
		"--vary", "sites[store].stock[widget].policy.reorder_point=20:60",
		"--vary", "sites[store].stock[widget].policy.order_quantity=10:100:10",
		"--minimize", "total_cost", "--subject-to", "fill_rate>=0.9", "--horizon", "200"}
	owork := t.TempDir()
	submitted = time.Now()
	cmd := exec.Command(filepath.Join(deploy, "optimize.sh"), opt...)
	cmd.Dir, cmd.Env = owork, append(env, "SCSIM="+bin, "N=3")
	var oerr bytes.Buffer
	cmd.Stderr = &oerr
	got, err = cmd.Output()
	if err != nil {
		t.Fatalf("optimize.sh: %v\n%s", err, oerr.String())
	}
	t.Logf("optimize in %v: %s", time.Since(submitted).Round(time.Millisecond), strings.TrimSpace(oerr.String()))
	want = sh(owork, nil, bin, append([]string{"optimize"}, append(opt, "--quiet")...)...)
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("optimize.sh printed\n%s\n--- the search run whole prints\n%s", got, want)
	}
}
