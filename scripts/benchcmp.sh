#!/usr/bin/env bash
# Compare the Go benchmarks of two revisions with benchstat.
#
#   scripts/benchcmp.sh OLD NEW [COUNT]
#
# OLD and NEW are git revisions (main, HEAD~3, a branch, a commit), or "."
# for the working tree as it is, uncommitted changes included. Each revision
# is checked out into a temporary git worktree (removed afterwards), its
# benchmark test binaries are built once, and then both are run COUNT times
# (default 10), interleaved OLD, NEW, NEW, OLD, ... so that a change in the
# host's load falls on both. benchstat (golang.org/x/perf/cmd/benchstat,
# fetched through the Go module proxy with `go run`, not a dependency of
# scsim) prints the comparison: medians, confidence intervals and p-values
# of sec/op, events/s, ns/event, B/op and allocs/op.
#
# Environment:
#   BENCH      benchmark pattern (default 'PB1$|PB2/horizon=365', the two
#              peer benchmarks at their full horizons)
#   PKGS       packages (default ./model; the whole-process benchmarks are
#              in ./cmd/scsim: PKGS=./cmd/scsim BENCH=Process)
#   BENCHTIME  -test.benchtime (default 1s)
#   OUT        keep the raw results in this directory (old.txt, new.txt)
#   BENCHSTAT  benchstat command (default: go run golang.org/x/perf/cmd/benchstat@latest)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

if [ $# -lt 2 ] || [ $# -gt 3 ]; then sed -n '2,28p' "$0" >&2; exit 2; fi
old=$1 new=$2 count=${3:-10}
bench=${BENCH:-'PB1$|PB2/horizon=365'}
pkgs=${PKGS:-./model}
benchtime=${BENCHTIME:-1s}
benchstat=${BENCHSTAT:-go run golang.org/x/perf/cmd/benchstat@latest}

tmp=$(mktemp -d)
cleanup() {
  for w in "$tmp"/tree.*; do
    [ -d "$w" ] && git -C "$repo" worktree remove --force "$w" 2>/dev/null
  done
  git -C "$repo" worktree prune 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# tree SIDE REV: the directory holding REV's source
tree() {
  if [ "$2" = . ]; then echo "$repo"; return; fi
  local rev
  rev=$(git -C "$repo" rev-parse --verify --quiet "$2^{commit}") || { echo "benchcmp.sh: no revision $2" >&2; return 1; }
  git -C "$repo" worktree add --quiet --detach "$tmp/tree.$1" "$rev" >&2
  echo "$tmp/tree.$1"
}
# build SIDE DIR: compile one test binary per package into $tmp/SIDE/
build() {
  mkdir -p "$tmp/$1"
  local p
  for p in $pkgs; do
    (cd "$2" && go test -c -o "$tmp/$1/$(echo "$p" | tr -c 'a-zA-Z0-9\n' _).test" "$p")
  done
}
# run SIDE DIR: run each package's benchmarks once, appending to $tmp/SIDE.txt
run() {
  local p bin
  for p in $pkgs; do
    bin=$tmp/$1/$(echo "$p" | tr -c 'a-zA-Z0-9\n' _).test
    [ -x "$bin" ] || continue # a package without tests
    (cd "$2/$p" && "$bin" -test.run '^$' -test.bench "$bench" -test.benchmem -test.benchtime "$benchtime" -test.count 1) >>"$tmp/$1.txt"
  done
}

oldtree=$(tree old "$old")
newtree=$(tree new "$new")
echo "# old: $old ($(git -C "$oldtree" describe --always --dirty)), new: $new ($(git -C "$newtree" describe --always --dirty))" >&2
build old "$oldtree"
build new "$newtree"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg); $count runs each of -bench '$bench' in $pkgs" >&2
for i in $(seq "$count"); do
  if [ $((i % 2)) -eq 1 ]; then run old "$oldtree"; run new "$newtree"; else run new "$newtree"; run old "$oldtree"; fi
  [ -t 2 ] && printf '\r# run %d/%d' "$i" "$count" >&2
done
[ -t 2 ] && printf '\n' >&2
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ -n "${OUT:-}" ]; then mkdir -p "$OUT" && cp "$tmp/old.txt" "$tmp/new.txt" "$OUT/"; fi
label() { if [ "$1" = . ]; then echo "working-tree"; else echo "$1" | tr "=" -; fi; }
(cd "$tmp" && $benchstat "$(label "$old")=old.txt" "$(label "$new")=new.txt")
