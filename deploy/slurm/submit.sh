#!/bin/bash
# Submits a scsim command as a Slurm job array of N shards and its merge:
#
#   N=16 deploy/slurm/submit.sh [--merge-args '--format json --out results'] \
#       sweep my.yaml --set 'PATH=V1,V2,...' --set 'PATH=...'
#
# prints the two job ids (array, merge). The merge job waits for every
# task with --dependency=afterok; its output is scsim-merge-JOBID.out (or
# $SCSIM_MERGE_OUTPUT). SCSIM and SCSIM_PARTS are passed on to the jobs.
# Extra sbatch options for both jobs: $SBATCH_OPTS (for example
# "--partition=short --time=00:30:00").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=${N:?set N, the number of shards}
merge_args=()
if [ "${1:-}" = --merge-args ]; then
	read -r -a merge_args <<<"$2"
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: N=4 submit.sh [--merge-args ARGS] COMMAND ARGS..." >&2; exit 2; }
export SCSIM_PARTS=${SCSIM_PARTS:-$PWD/parts}
mkdir -p "$SCSIM_PARTS"
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTS:-} --array=0-$((N - 1)) "$here/shard.sbatch" "$@")
array=${array%%;*}
out=()
[ -n "${SCSIM_MERGE_OUTPUT:-}" ] && out=(--output "$SCSIM_MERGE_OUTPUT")
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTS:-} "${out[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes "$here/merge.sbatch" "${merge_args[@]}")
echo "$array ${merge%%;*}"
