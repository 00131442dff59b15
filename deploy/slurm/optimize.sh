#!/bin/bash
# Runs a sharded "scsim optimize" on Slurm: the search is sequential, so it
# runs in rounds, each a job array of N shards computing the next batch of
# the search (every task reads the batches before from $SCSIM_PARTS), until
# "scsim merge" stops exiting with 5 (another batch needed) and prints the
# result:
#
#   N=8 deploy/slurm/optimize.sh [--merge-args '--out results'] \
#       my.yaml --vary 'PATH=LO:HI' --minimize total_cost --subject-to 'fill_rate>=0.95'
#
# This script runs on a login node (or in a job of its own) and needs scsim
# there too; SCSIM, SCSIM_PARTS and SBATCH_OPTS as for submit.sh. The
# merge's output goes to stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=${N:?set N, the number of shards}
merge_args=()
if [ "${1:-}" = --merge-args ]; then
	read -r -a merge_args <<<"$2"
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: N=4 optimize.sh [--merge-args ARGS] SCENARIO ARGS..." >&2; exit 2; }
export SCSIM_PARTS=${SCSIM_PARTS:-$PWD/parts}
mkdir -p "$SCSIM_PARTS"
scsim=${SCSIM:-scsim}
for round in $(seq 1 1000); do
	# shellcheck disable=SC2086
	array=$(sbatch --parsable ${SBATCH_OPTS:-} --array=0-$((N - 1)) "$here/shard.sbatch" optimize "$@")
	array=${array%%;*}
	while squeue -h -j "$array" 2>/dev/null | grep -q .; do sleep 1; done
	rc=0
	"$scsim" merge "$SCSIM_PARTS" --quiet "${merge_args[@]}" >"$SCSIM_PARTS/.merge.out" 2>"$SCSIM_PARTS/.merge.err" || rc=$?
	if [ "$rc" != 5 ]; then
		cat "$SCSIM_PARTS/.merge.err" >&2
		cat "$SCSIM_PARTS/.merge.out"
		echo "optimize.sh: $round round(s) of $N shards" >&2
		exit "$rc"
	fi
done
echo "optimize.sh: the search did not end in 1000 rounds" >&2
exit 1
