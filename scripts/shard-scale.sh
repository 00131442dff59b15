#!/bin/bash
# Measures a sharded sweep against the same sweep run whole: a grid of
# 40 reorder points x 25 order quantities (1,000 points) of rq-single,
# 5 replications each, in N shards (default 4) run one after the other
# with one worker each, then the merge. Prints each step's wall and CPU
# time and peak memory (GNU time), the shards' balance, the partial files'
# sizes, and checks the merge byte for byte against the whole run.
#
#   scripts/shard-scale.sh [N] [HORIZON_DAYS]
set -euo pipefail
N=${1:-4}
H=${2:-1825}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
go build -o "$D/scsim" ./cmd/scsim
RP=$(seq -s, 10 49)
OQ=$(seq -s, 10 10 250)
A=(sweep rq-single --set "sites[store].stock[widget].policy.reorder_point=$RP"
	--set "sites[store].stock[widget].policy.order_quantity=$OQ"
	-n 5 --horizon "$H" --warmup 30 -j 1 -q)
F="%e s wall, %U s user + %S s sys, %M KB peak RSS"
/usr/bin/time -f "whole:    $F" -o "$D/t.whole" "$D/scsim" "${A[@]}" --format json >"$D/whole.json"
cat "$D/t.whole"
for k in $(seq 0 $((N - 1))); do
	/usr/bin/time -f "shard $k: $F" -o "$D/t.$k" "$D/scsim" "${A[@]}" --shard "$k/$N" --parts "$D/parts"
	cat "$D/t.$k"
done
/usr/bin/time -f "merge:    $F" -o "$D/t.merge" "$D/scsim" merge "$D/parts" --format json -q >"$D/merged.json"
cat "$D/t.merge"
cmp "$D/whole.json" "$D/merged.json" && echo "merge output: byte-identical to the whole run ($(wc -c <"$D/whole.json") bytes of JSON)"
cpu() { awk '{for (i=1;i<=NF;i++) if ($i=="user") u=$(i-2); else if ($i=="sys,") s=$(i-2)} END {print u+s}' "$1"; }
{
	for k in $(seq 0 $((N - 1))); do cpu "$D/t.$k"; done
} | awk -v n="$N" '{s+=$1; if ($1>m) m=$1} END {printf "shards: slowest %.2f s CPU, mean %.2f s: %.0f%% above the mean\n", m, s/n, (m/(s/n)-1)*100}'
# the work each shard did, counted: the events of its replications
for f in "$D"/parts/*; do
	zcat "$f" | grep -o '"events":[0-9]*' | awk -F: -v f="$(basename "$f")" '{s+=$2} END {print s}'
done | awk -v n="$N" '{s+=$1; if ($1>m) m=$1; if (min==""||$1<min) min=$1} END {printf "shards: events from %d to %d, the largest %.1f%% above the mean\n", min, m, (m/(s/n)-1)*100}'
ls -l "$D/parts" | awk 'NR>1 {s+=$5; n++} END {printf "parts: %d files, %d bytes in all, %d bytes each on average\n", n, s, s/n}'
