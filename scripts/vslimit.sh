#!/usr/bin/env bash
# Whole-process speed of scsim against the bare event loops (and, with
# --simpy, the SimPy peers) on PB1 and PB2, measured side by side.
#
#   scripts/vslimit.sh [-n RUNS] [--limit DIR] [--simpy RUNS] [--scsim BIN]
#
#   -n RUNS        timed rounds (default 5); each round runs every program
#                  once, alternating which goes first, so all figures come
#                  from the same minutes
#   --limit DIR    the bare loops' source (default $LIMIT, else
#                  ../shared/bench/limit beside the repository, or beside
#                  the main checkout when run in a linked git worktree)
#   --simpy RUNS   also time the SimPy peers (DIR/../peers, or $PEERS) in the
#                  first RUNS rounds (PB2 takes about 30-50 s a run); needs
#                  SimPy 3 or later for /usr/bin/python3 (Debian: python3-simpy3)
#   --scsim BIN    time this scsim binary instead of building the working tree
#
# PB1: `limit 200000` against `scsim run rq-single -n 1 -q --format json`.
# PB2: `limit pb2 365` against `scsim run rq-network -n 1 -q --format json`.
# Prints the median wall seconds (min-max), the median of the per-round
# ratios, and the median peak RSS (/usr/bin/time %M) of each program.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"

runs=5
limit=${LIMIT:-$repo/../shared/bench/limit}
if [ -z "${LIMIT:-}" ] && [ ! -d "$limit" ]; then
  # in a linked git worktree, beside the main checkout instead
  main=$(cd "$repo" && cd "$(git rev-parse --git-common-dir)/.." 2>/dev/null && pwd || true)
  [ -n "$main" ] && limit=$main/../shared/bench/limit
fi
peers=${PEERS:-}
simpy=0
scsim=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --simpy) simpy=$2; shift 2 ;;
    --scsim) scsim=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "vslimit.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "vslimit.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
[ -f "$limit/main.go" ] || { echo "vslimit.sh: no bare loops in $limit (set --limit or LIMIT)" >&2; exit 1; }
peers=${peers:-$limit/../peers}
PY=/usr/bin/python3
if [ "$simpy" -gt 0 ]; then
  if ! "$PY" -c 'import simpy, sys; sys.exit(int(simpy.__version__.split(".")[0]) < 3)' 2>/dev/null; then
    echo "vslimit.sh: --simpy needs SimPy >= 3 for $PY (apt-get install python3-simpy3; Debian's python3-simpy is SimPy 2.3, another API)" >&2
    exit 1
  fi
  [ -f "$peers/pb2_simpy.py" ] || { echo "vslimit.sh: no SimPy peers in $peers (set PEERS)" >&2; exit 1; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$limit" && go build -o "$tmp/limit" .)
if [ -z "$scsim" ]; then
  (cd "$repo" && go build -o "$tmp/scsim" ./cmd/scsim)
  scsim=$tmp/scsim
fi

# name, then the command; the programs of one model, run in turn each round
pb1_bare=("$tmp/limit" 200000)
pb1_scsim=("$scsim" run rq-single -n 1 -q --format json)
pb1_simpy=("$PY" "$peers/pb1_simpy.py" --horizon 200000 --seed 1)
pb2_bare=("$tmp/limit" pb2 365)
pb2_scsim=("$scsim" run rq-network -n 1 -q --format json)
pb2_simpy=("$PY" "$peers/pb2_simpy.py" --horizon 365 --seed 1)

# untimed warm-up: the events each program reports, as a check they run the same model
ev_bare() { "$@" | sed -n 's/.*events=\([0-9]*\).*/\1/p'; }
ev_scsim() { "$@" | sed -n 's/^  "events": \([0-9]*\),*/\1/p'; }
echo "# $(machine)"
echo "# scsim $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo '?'); bare loops $limit"
echo "# events: PB1 bare $(ev_bare "${pb1_bare[@]}"), scsim $(ev_scsim "${pb1_scsim[@]}"); PB2 bare $(ev_bare "${pb2_bare[@]}"), scsim $(ev_scsim "${pb2_scsim[@]}")"

for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then order="bare scsim"; else order="scsim bare"; fi
  for m in pb1 pb2; do
    for p in $order; do
      eval 'timed "$tmp/$m.$p" "${'"${m}_${p}"'[@]}"'
    done
    if [ "$i" -le "$simpy" ]; then
      eval 'timed "$tmp/$m.simpy" "${'"${m}_simpy"'[@]}"'
    fi
  done
  [ -t 2 ] && printf '\r# round %d/%d done' "$i" "$runs" >&2
done
[ -t 2 ] && printf '\n' >&2
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

row() { # label file
  printf '%-22s %8.3f s  (%s)  %7.1f MiB\n' "$1" "$(median "$2" 1)" "$(range "$2" 1)" \
    "$(awk -v k="$(median "$2" 2)" 'BEGIN { print k / 1024 }')"
}
for m in pb1 pb2; do
  case $m in
    pb1) echo; echo "PB1 rq-single, 200000 days, 1 replication; $runs rounds, medians (min-max), peak RSS" ;;
    pb2) echo; echo "PB2 rq-network, 365 days, 1 replication; $runs rounds, medians (min-max), peak RSS" ;;
  esac
  row "bare loop" "$tmp/$m.bare"
  row "scsim" "$tmp/$m.scsim"
  ratios "$tmp/$m.scsim" "$tmp/$m.bare" >"$tmp/$m.ratio"
  printf '%-22s %8.3f x  (%s)\n' "scsim / bare loop" "$(median "$tmp/$m.ratio" 1)" "$(range "$tmp/$m.ratio" 1)"
  if [ -s "$tmp/$m.simpy" ]; then
    row "SimPy $("$PY" -c 'import simpy; print(simpy.__version__)')" "$tmp/$m.simpy"
    head -n "$simpy" "$tmp/$m.scsim" >"$tmp/$m.scsim.head"
    ratios "$tmp/$m.simpy" "$tmp/$m.scsim.head" >"$tmp/$m.sratio"
    printf '%-22s %8.1f x  (%s; %d of the rounds)\n' "SimPy / scsim" "$(median "$tmp/$m.sratio" 1)" "$(range "$tmp/$m.sratio" 1)" "$simpy"
  fi
done
