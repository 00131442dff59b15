package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"scsim/shard"
)

func mergeCommand() *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "combine the partial files of a sharded run into its output",
		ArgsUsage: "PARTS...|DIR",
		Description: `Reads the partial files that the N shards of a command wrote with --shard K/N
--parts DIR (every file ending in ` + shard.Ext + ` of a directory, or the files
given), checks that they belong together, and prints what the command run whole
on one machine prints, byte for byte: the parts carry the command line, and the
merge runs the command again with the replications read from the parts instead
of run. Give it --format and --out as the command takes them.

The scenario files must be where the shards read them (run the merge from the
same directory); their fingerprints are checked against the parts'.

It refuses, naming the file and the problem, parts of different commands,
scenarios, seeds or shard counts, a shard missing or given twice, and a part
that is truncated or corrupt. It reads one part at a time: its memory is that
of the results, not of the number of shards.

The search of optimize runs batch after batch: each round of the N shards
computes the next batch (reading the batches before from DIR); merge exits
with 5 while the search needs another batch. See docs/sharding.md.`,
		OnUsageError: onUsageError("merge"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "print `FORMAT` on stdout, as the command takes it", DefaultText: "the command's default"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "also write every output format into `DIR`, as the command does", Action: nonEmptyOut},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print the timing line on stderr", DisableDefaultText: true},
		},
		Action: mergeAction,
	}
}

func mergeAction(c *cli.Context) error {
	if err := needArgs(c, 1, -1, "the partial files, or the directory holding them"); err != nil {
		return err
	}
	var files []string
	for _, arg := range c.Args().Slice() {
		fi, err := os.Stat(arg)
		if err != nil {
			return usagef("merge: %v", err)
		}
		if !fi.IsDir() {
			files = append(files, filepath.Clean(arg))
			continue
		}
		ents, err := os.ReadDir(arg)
		if err != nil {
			return usagef("merge: %v", err)
		}
		n := len(files)
		for _, e := range ents {
			if !e.IsDir() && strings.HasSuffix(e.Name(), shard.Ext) && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(arg, e.Name()))
			}
		}
		if len(files) == n {
			return usagef("merge: %s holds no partial file (*%s)", arg, shard.Ext)
		}
	}
	slices.Sort(files)
	files = slices.Compact(files)

	// the headers: one run, every shard of every batch once
	var first *shard.Header
	firstPath := ""
	parts := map[[2]int]string{}
	stages := 0
	for _, path := range files {
		r, err := shard.Open(path)
		if err != nil {
			return usagef("merge: %v", err)
		}
		h := r.Header
		r.Close()
		if first == nil {
			first, firstPath = &h, path
		}
		switch {
		case h.Command != first.Command:
			return usagef("merge: %s is a part of scsim %s, %s of scsim %s: parts of different commands", path, h.Command, firstPath, first.Command)
		case h.Shards != first.Shards:
			return usagef("merge: %s is a shard of %d, %s of %d: parts of runs with different shard counts", path, h.Shards, firstPath, first.Shards)
		case h.Stage == 0 && first.Stage == 0 && len(h.Jobs) > 0 && len(first.Jobs) > 0 && h.Jobs[0].Fingerprint != first.Jobs[0].Fingerprint:
			return usagef("merge: %s and %s are parts of different scenarios (fingerprints %s and %s)", path, firstPath, h.Jobs[0].Fingerprint, first.Jobs[0].Fingerprint)
		case h.Seed != first.Seed:
			return usagef("merge: %s has seed %d, %s seed %d: parts of different runs", path, h.Seed, firstPath, first.Seed)
		case h.Run != first.Run:
			return usagef("merge: %s and %s are parts of different runs: their command lines differ (%s and %s)", path, firstPath, strings.Join(h.Args, " "), strings.Join(first.Args, " "))
		}
		key := [2]int{h.Stage, h.Shard}
		if other, ok := parts[key]; ok {
			return usagef("merge: %s and %s are both shard %d of %d%s: give each shard once", other, path, h.Shard, h.Shards, batchOf(h))
		}
		parts[key] = path
		stages = max(stages, h.Stage+1)
	}
	for s := range stages {
		var missing []string
		for k := range first.Shards {
			if parts[[2]int{s, k}] == "" {
				missing = append(missing, fmt.Sprint(k))
			}
		}
		if len(missing) > 0 {
			b := ""
			if first.Command == "optimize" {
				b = fmt.Sprintf(" of batch %d", s)
			}
			return usagef("merge: missing the part%s of shard(s) %s of %d (have %d of the %d files): every shard 0 to %d must have written its part",
				b, strings.Join(missing, ", "), first.Shards, first.Shards-len(missing), first.Shards, first.Shards-1)
		}
	}

	// the command again, its replications read from the parts
	args := []string{"scsim", first.Command}
	i := slices.Index(first.Args, "--")
	if i < 0 {
		return usagef("merge: %s: the command line in its header has no \"--\"", firstPath)
	}
	args = append(args, first.Args[:i]...)
	for _, f := range []string{"format", "out"} {
		if c.IsSet(f) {
			args = append(args, "--"+f+"="+c.String(f))
		}
	}
	if c.Bool("quiet") {
		args = append(args, "--quiet")
	}
	args = append(args, first.Args[i:]...)
	st := &shardRun{mode: modeMerge, spec: shard.Spec{N: first.Shards}, command: first.Command, args: first.Args, run: first.Run, parts: parts}
	app := newApp(c.App.Writer, c.App.ErrWriter)
	app.Metadata = map[string]any{shardKey: st}
	args, err := intersperse(app, args)
	if err != nil {
		return err
	}
	if err := app.Run(args); err != nil {
		return err
	}
	if st.stage < stages {
		fmt.Fprintf(c.App.ErrWriter, "scsim: merge: warning: the parts of batch %d to %d were not used: the search ended before them\n", st.stage, stages-1)
	}
	return nil
}

func batchOf(h shard.Header) string {
	if h.Command == "optimize" {
		return fmt.Sprintf(" of batch %d", h.Stage)
	}
	return ""
}
