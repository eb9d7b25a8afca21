#!/usr/bin/env bash
# A one-node Slurm on localhost for the scale tests: `slurm-local.sh start DIR` installs Debian's slurm-wlm and munge
# when missing, writes DIR/slurm.conf (one node, the machine's CPUs, state, spool and logs under DIR), starts munged as
# the munge user, slurmctld and slurmd, and waits until the node is idle; `slurm-local.sh stop DIR` stops them.
# Clients then need SLURM_CONF=DIR/slurm.conf. Nothing listens beyond 127.0.0.1's ports named in the file, and there
# is no slurmdbd (so sacct has no records; callers must use squeue/scontrol and their own markers).
# Exit codes: 0 ready / stopped, 2 usage, 3 could not install, 4 a daemon did not come up (its log is printed).
set -euo pipefail
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: slurm-local.sh start|stop DIR" >&2; exit 2; }

stop() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  for _ in $(seq 50); do
    alive=0
    for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
      [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  rm -f "$dir/slurmd.pid" "$dir/slurmctld.pid"
}

case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: slurm-local.sh start|stop DIR" >&2; exit 2 ;;
esac

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y slurm-wlm munge >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y slurm-wlm munge >/dev/null 2>&1; }; } \
    || { echo "slurm-local: could not install slurm-wlm and munge" >&2; exit 3; }
fi

mkdir -p "$dir/state" "$dir/spool" "$dir/log"
dir="$(cd "$dir" && pwd)"
# munge: its key and socket where the Debian package expects them, the daemon as the munge user
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=128 count=1 status=none
  chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! pgrep -u munge -x munged >/dev/null; then
  su -s /bin/sh munge -c "/usr/sbin/munged" || { echo "slurm-local: munged did not start" >&2; exit 4; }
fi

host="$(hostname -s)"
cpus="$(nproc)"
mem="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
cat > "$dir/slurm.conf.tmp" <<EOF
ClusterName=soilnb-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MaxArraySize=100001
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
mv "$dir/slurm.conf.tmp" "$dir/slurm.conf"
export SLURM_CONF="$dir/slurm.conf"

stop   # a previous run's daemons in the same folder
/usr/sbin/slurmctld -f "$SLURM_CONF" -i || { cat "$dir/log/slurmctld.log" >&2; exit 4; }
/usr/sbin/slurmd -f "$SLURM_CONF" || { cat "$dir/log/slurmd.log" >&2; exit 4; }
for _ in $(seq 150); do
  state="$(sinfo -h -N -o '%t' 2>/dev/null | head -1 || true)"
  case "$state" in idle*|mix*|alloc*) echo "slurm-local: ready (SLURM_CONF=$SLURM_CONF, node $host, $cpus CPUs)"; exit 0 ;; esac
  sleep 0.2
done
echo "slurm-local: the node did not become idle (state '${state:-none}')" >&2
tail -20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
stop
exit 4
