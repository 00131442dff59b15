#!/bin/bash
# A one-node Slurm cluster on this machine, for CI and for trying the
# batch scripts: "ci-cluster.sh start" writes slurm.conf under
# $SLURM_CI_DIR (default /tmp/scsim-slurm-ci), starts munged, slurmctld and
# slurmd and waits for the node to be idle; "ci-cluster.sh stop" stops the
# daemons it started, by their pid files. Needs root and Debian's slurmctld,
# slurmd, slurm-client and munge (.ci/run installs them).
#
# Gotchas: every client and daemon needs SLURM_CONF (print it with
# "ci-cluster.sh env"); the node's name is "hostname -s"; ports 6817 and
# 6818 make it one cluster per machine; there is no slurmdbd, so no sacct:
# use squeue -t all or scontrol show job.
set -euo pipefail
D=${SLURM_CI_DIR:-/tmp/scsim-slurm-ci}
export SLURM_CONF=$D/slurm.conf

start() {
	stop 2>/dev/null || true
	rm -rf "$D"
	mkdir -p "$D"/{state,spool,log,run}
	local h
	h=$(hostname -s)
	cat >"$SLURM_CONF" <<CONF
ClusterName=scsimci
SlurmctldHost=$h
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmdPidFile=$D/run/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MinJobAge=300
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$D/log/jobcomp.txt
NodeName=$h CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
	# munge: the package's postinst normally makes the key
	if [ ! -s /etc/munge/munge.key ]; then
		mungekey -c -f -k /etc/munge/munge.key
		chown munge:munge /etc/munge/munge.key
		chmod 400 /etc/munge/munge.key
	fi
	install -d -o munge -g munge -m 755 /run/munge
	local mp
	mp=$(cat /run/munge/munged.pid 2>/dev/null || true)
	# (a munged that exited but was not reaped is a zombie: start another)
	if [ -n "$mp" ] && [ -r "/proc/$mp/stat" ] && [ "$(cut -d' ' -f3 "/proc/$mp/stat")" != Z ]; then
		: # a munged of the machine's already runs
	else
		runuser -u munge -- /usr/sbin/munged
		cp /run/munge/munged.pid "$D/run/munged.pid"
	fi
	slurmctld
	slurmd
	local st=""
	for _ in $(seq 1 150); do
		st=$(sinfo -h -N -o '%T' 2>/dev/null || true)
		[ "$st" = idle ] && break
		sleep 0.2
	done
	if [ "$st" != idle ]; then
		echo "ci-cluster.sh: the node is ${st:-unknown}, not idle; logs in $D/log" >&2
		exit 1
	fi
	echo "ci-cluster.sh: one-node cluster up (SLURM_CONF=$SLURM_CONF)"
}

stop() {
	local p pid i
	for p in slurmd slurmctld munged; do
		if [ -s "$D/run/$p.pid" ]; then
			pid=$(cat "$D/run/$p.pid")
			kill "$pid" 2>/dev/null || true
			# wait for it to exit: a daemon writes its state as it stops,
			# and the state directory may be removed next
			for i in $(seq 100); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
			rm -f "$D/run/$p.pid"
		fi
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
env) echo "export SLURM_CONF=$SLURM_CONF" ;;
*)
	echo "usage: ci-cluster.sh start|stop|env" >&2
	exit 2
	;;
esac
