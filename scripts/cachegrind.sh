#!/usr/bin/env bash
# Count what a change costs without the noise of a shared host: the
# instructions, level-1 and last-level data cache misses of a scsim run,
# simulated by valgrind's cachegrind, which are the same from run to run.
#
#   scripts/cachegrind.sh [--scsim BIN] [--annotate] [-- SCSIM ARGS...]
#
#   --scsim BIN  the binary to measure (default: build the working tree)
#   --annotate   also print cg_annotate's table of the functions that cost
#                the most instructions
#   SCSIM ARGS   what to run (default: run rq-network -n 1 --horizon 60
#                --format json: PB2 for 60 days, 1.7 million events)
#
# The run has GOMAXPROCS=1 and GOGC=off, so that the garbage collector and
# the scheduler add nothing that varies; the caches simulated are this
# machine's private ones (48 KiB L1 data, 1 MiB L2 as the last level), so
# that misses count what the processor's own caches would not hold.
# Cachegrind does not simulate prefetch instructions, so misses that the
# engine's prefetching hides are counted too: compare two binaries, not
# one against the hardware. Compare the difference of two horizons
# (e.g. 60 and 30 days) to leave out loading and output.
# Needs valgrind (apt-get install valgrind); about 10 s for the default run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin="" annotate=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scsim) bin=$2; shift 2 ;;
    --annotate) annotate=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "cachegrind.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "cachegrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(run rq-network -n 1 --horizon 60 --format json)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$bin" ]; then
  (cd "$repo" && go build -o "$tmp/scsim" ./cmd/scsim)
  bin=$tmp/scsim
fi
GOMAXPROCS=1 GOGC=off valgrind --tool=cachegrind --cache-sim=yes \
  --I1=32768,8,64 --D1=49152,12,64 --LL=1048576,16,64 \
  --cachegrind-out-file="$tmp/cg.out" "$bin" "${args[@]}" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
awk '/I   refs/{i=$4} /D1  misses/{d=$4} /LLd misses/{l=$4} END{printf "instructions %s\nL1 data misses %s\nlast-level data misses %s\n", i, d, l}' "$tmp/err"
if [ $annotate = 1 ]; then
  cg_annotate "$tmp/cg.out" | sed -n '/^Ir/,$p' | head -40
fi
