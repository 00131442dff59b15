#!/usr/bin/env bash
# How replications scale: REPS replications of PB1 (rq-single, 200000 days)
# as a whole process on one core against two.
#
#   scripts/reps.sh [-n RUNS] [--reps REPS] [--scsim BIN]
#
#   -n RUNS      timed rounds (default 5), each running both, alternating
#                which goes first
#   --reps REPS  replications per run (default 8)
#   --scsim BIN  time this scsim binary instead of building the working tree
#
# One core: GOMAXPROCS=1 scsim run rq-single -n REPS -j 1; two cores:
# GOMAXPROCS=2 ... -j 2. Prints the median seconds of each and the median of
# the per-round speed-ups (one core / two cores; 2.0 is perfect scaling),
# with the median CPU seconds (user + system) of each. Two cores spend more
# CPU time than one (the garbage collector's workers and the scheduler's
# idle spinning), so CPU seconds do not bound the speed-up; on a shared host
# a second core busy with another program lowers it, so read it with the
# load averages printed. The host's own ceiling is printed too: two
# one-core runs side by side, as independent processes, against one alone
# (2 x one alone / the pair's wall time); where the two CPUs share a
# physical core or memory bandwidth, it is below 2 and bounds the speed-up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

runs=5
reps=8
scsim=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --scsim) scsim=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "reps.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "reps.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$scsim" ]; then
  (cd "$repo" && go build -o "$tmp/scsim" ./cmd/scsim)
  scsim=$tmp/scsim
fi
one=(env GOMAXPROCS=1 "$scsim" run rq-single -n "$reps" -j 1 -q --format json)
two=(env GOMAXPROCS=2 "$scsim" run rq-single -n "$reps" -j 2 -q --format json)

echo "# $(machine)"
echo "# scsim $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo '?'); PB1, $reps replications"
# untimed warm-up, and a check that the results do not depend on the workers
if ! cmp -s <("${one[@]}") <("${two[@]}"); then
  echo "reps.sh: the output differs between 1 and 2 workers" >&2; exit 1
fi
# pair: two one-core runs at once, as independent processes
pair() { "${one[@]}" >/dev/null & "${one[@]}" >/dev/null; wait; }
for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then
    timed "$tmp/one" "${one[@]}"; timed "$tmp/two" "${two[@]}"
  else
    timed "$tmp/two" "${two[@]}"; timed "$tmp/one" "${one[@]}"
  fi
  t0=$(now); pair; t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }' >>"$tmp/pair"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios "$tmp/one" "$tmp/two" >"$tmp/speedup"
printf '%-24s %7.3f s  (%s)  CPU %.2f s\n' "1 core  (-j 1)" "$(median "$tmp/one" 1)" "$(range "$tmp/one" 1)" "$(median "$tmp/one" 3)"
printf '%-24s %7.3f s  (%s)  CPU %.2f s\n' "2 cores (-j 2)" "$(median "$tmp/two" 1)" "$(range "$tmp/two" 1)" "$(median "$tmp/two" 3)"
printf '%-24s %7.2f x  (%s; median of %d rounds)\n' "speed-up" "$(median "$tmp/speedup" 1)" "$(range "$tmp/speedup" 1)" "$runs"
paste -d' ' "$tmp/one" "$tmp/pair" | awk '{ printf "%.4f\n", 2 * $1 / $NF }' >"$tmp/ceiling"
printf '%-24s %7.2f x  (%s): two 1-core runs side by side against one alone\n' "host ceiling" "$(median "$tmp/ceiling" 1)" "$(range "$tmp/ceiling" 1)"
