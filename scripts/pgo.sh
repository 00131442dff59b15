#!/usr/bin/env bash
# Refresh cmd/scsim/default.pgo, the CPU profile the binary is built with
# (profile-guided optimisation): the in-process benchmarks of what a PB1 or
# PB2 run does, merged, so that both the event loop and the work around it
# (loading and checking the scenario, the summary, the JSON) are in it.
#
#   scripts/pgo.sh
#
# Run it after large changes to the hot path, then compare the binaries
# (scripts/vslimit.sh --scsim, scripts/cachegrind.sh --scsim). About 30 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -run '^$' -bench 'PB1|PB2/horizon=365' -benchtime 3x -cpuprofile "$tmp/run.pgo" ./model >/dev/null
go test -run '^$' -bench 'OpenCompilePB2/unchanged' -benchtime 4x -cpuprofile "$tmp/load.pgo" ./scenarios >/dev/null
go test -run '^$' -bench 'PB2WriteJSON|PB2Summarize' -benchtime 4x -cpuprofile "$tmp/out.pgo" ./output >/dev/null
go tool pprof -proto "$tmp/run.pgo" "$tmp/load.pgo" "$tmp/out.pgo" > cmd/scsim/default.pgo
echo "pgo.sh: wrote cmd/scsim/default.pgo ($(wc -c < cmd/scsim/default.pgo) bytes)"
