package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// k8sObject is what the test reads of a manifest: a Job or a claim.
type k8sObject struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string   `yaml:"completionMode"`
		Completions    *int     `yaml:"completions"`
		Parallelism    *int     `yaml:"parallelism"`
		AccessModes    []string `yaml:"accessModes"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Image   string   `yaml:"image"`
					Command []string `yaml:"command"`
					Args    []string `yaml:"args"`
					Env     []struct {
						Name  string `yaml:"name"`
						Value string `yaml:"value"`
					} `yaml:"env"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name                  string `yaml:"name"`
					PersistentVolumeClaim struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readManifest(t *testing.T, name string) k8sObject {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "deploy", "kubernetes", name))
	if err != nil {
		t.Fatal(err)
	}
	var o k8sObject
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&o); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var more k8sObject
	if err := dec.Decode(&more); err != io.EOF {
		t.Fatalf("%s: one object per file, found another (%v)", name, err)
	}
	return o
}

// checkPod checks a Job's pod: restartPolicy Never, one container running
// /scsim with the claim claim mounted; it returns the container's
// arguments, its environment and the mount path.
func checkPod(t *testing.T, name string, o k8sObject, claim string) (args []string, env map[string]string, mount string) {
	t.Helper()
	if o.APIVersion != "batch/v1" || o.Kind != "Job" {
		t.Errorf("%s: %s %s, want a batch/v1 Job", name, o.APIVersion, o.Kind)
	}
	ps := o.Spec.Template.Spec
	if ps.RestartPolicy != "Never" {
		t.Errorf("%s: restartPolicy %q, want Never (a failed shard is retried as a new pod)", name, ps.RestartPolicy)
	}
	if len(ps.Containers) != 1 || len(ps.Volumes) != 1 {
		t.Fatalf("%s: %d containers and %d volumes, want one each", name, len(ps.Containers), len(ps.Volumes))
	}
	c := ps.Containers[0]
	if !slices.Equal(c.Command, []string{"/scsim"}) {
		t.Errorf("%s: command %v, want [/scsim], the Dockerfile's binary", name, c.Command)
	}
	if ps.Volumes[0].PersistentVolumeClaim.ClaimName != claim {
		t.Errorf("%s: volume of claim %q, want %q (pvc.yaml)", name, ps.Volumes[0].PersistentVolumeClaim.ClaimName, claim)
	}
	if len(c.VolumeMounts) != 1 || c.VolumeMounts[0].Name != ps.Volumes[0].Name {
		t.Fatalf("%s: the container does not mount the volume %q: %+v", name, ps.Volumes[0].Name, c.VolumeMounts)
	}
	env = map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	return c.Args, env, c.VolumeMounts[0].MountPath
}

// TestKubernetesManifests checks the fields of the Indexed Job, the merge
// Job and the claim, then runs the Job's container command the way
// Kubernetes would, in one local process per completion index with
// JOB_COMPLETION_INDEX set (the container built as the Dockerfile builds
// it: CGO disabled), then the merge Job's command, and compares the merge
// with the same command run whole.
func TestKubernetesManifests(t *testing.T) {
	pvc := readManifest(t, "pvc.yaml")
	if pvc.Kind != "PersistentVolumeClaim" || !slices.Contains(pvc.Spec.AccessModes, "ReadWriteMany") {
		t.Errorf("pvc.yaml: %s with access modes %v, want a PersistentVolumeClaim ReadWriteMany (pods on several nodes)", pvc.Kind, pvc.Spec.AccessModes)
	}
	job := readManifest(t, "job.yaml")
	if job.Spec.CompletionMode != "Indexed" {
		t.Errorf("job.yaml: completionMode %q, want Indexed", job.Spec.CompletionMode)
	}
	if job.Spec.Completions == nil || job.Spec.Parallelism == nil || *job.Spec.Parallelism < 1 || *job.Spec.Parallelism > *job.Spec.Completions {
		t.Fatalf("job.yaml: completions %v, parallelism %v: want both, 1 <= parallelism <= completions", job.Spec.Completions, job.Spec.Parallelism)
	}
	n := *job.Spec.Completions
	args, env, mount := checkPod(t, "job.yaml", job, pvc.Metadata.Name)
	if env["SCSIM_SHARD_COUNT"] != strconv.Itoa(n) {
		t.Errorf("job.yaml: SCSIM_SHARD_COUNT %q, want the completions, %d", env["SCSIM_SHARD_COUNT"], n)
	}
	var parts string
	for _, a := range args {
		if p, ok := strings.CutPrefix(a, "--parts="); ok {
			parts = p
		}
	}
	if !slices.Contains(args, "--shard=auto") || !strings.HasPrefix(parts, mount+"/") {
		t.Fatalf("job.yaml: args %v: want --shard=auto and --parts= under the volume's %s", args, mount)
	}
	merge := readManifest(t, "merge-job.yaml")
	if merge.Spec.CompletionMode == "Indexed" || (merge.Spec.Completions != nil && *merge.Spec.Completions != 1) {
		t.Errorf("merge-job.yaml: want one pod, not an indexed Job")
	}
	margs, _, mmount := checkPod(t, "merge-job.yaml", merge, pvc.Metadata.Name)
	if len(margs) < 2 || margs[0] != "merge" || margs[1] != strings.Replace(parts, mount, mmount, 1) {
		t.Fatalf("merge-job.yaml: args %v, want merge %s ...", margs, parts)
	}
	if testing.Short() {
		t.Skip("runs the pods' commands")
	}

	// the pods, as local processes: /data is a directory here
	bin := filepath.Join(t.TempDir(), "scsim")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := t.TempDir()
	local := func(args []string, mount string) []string {
		var out []string
		for _, a := range args {
			out = append(out, strings.ReplaceAll(a, mount, data))
		}
		return out
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, local(args, mount)...)
			cmd.Env = append(os.Environ(), "JOB_COMPLETION_INDEX="+strconv.Itoa(k), "SCSIM_SHARD_COUNT="+env["SCSIM_SHARD_COUNT"])
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[k] = fmt.Errorf("pod %d: %v\n%s", k, err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, local(margs, mmount)...)
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("merge pod: %v", err)
	}
	// the same command run whole: the Job's arguments without the shard's
	var whole []string
	format := "table"
	for _, a := range args {
		if !strings.HasPrefix(a, "--shard=") && !strings.HasPrefix(a, "--parts=") {
			whole = append(whole, a)
		}
	}
	for _, a := range margs {
		if f, ok := strings.CutPrefix(a, "--format="); ok {
			format = f
		}
	}
	want, stderr, code := run(t, append(whole, "--format", format, "-q")...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", whole, code, stderr)
	}
	if string(got) != want {
		t.Errorf("the merge pod printed\n%s\n--- the command run whole prints\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(data, "results", "sweep.json")); err != nil {
		t.Errorf("the merge pod's --out: %v", err)
	}
}
