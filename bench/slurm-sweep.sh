#!/usr/bin/env bash
# A sweep across a real Slurm job array, on one machine: starts munge and a single-node Slurm
# (Debian's slurm-wlm: slurmctld and slurmd on this host, a minimal slurm.conf written here),
# submits a 4-task array (`gpuae sweep --shard K/4`), kills one task's gpuae with SIGKILL in the
# middle of its cell, resubmits that task, merges the shard folders with `gpuae sweep merge`, and
# checks that every cell is there exactly once with the same numbers as a one-machine sweep of the
# same grid (train_seconds aside). Needs root (it starts daemons); --install installs the Debian
# packages it needs. Everything it starts is stopped at the end; its files stay in the work folder.
#
#   bash bench/slurm-sweep.sh [--install] [--work DIR] [--keep]
#
# Exit code 0 when the merged sweep matches; the result line starts with "slurm-sweep: ".
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
install=0 keep=0 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --keep) keep=1 ;;
    --work) work="$2"; shift ;;
    *) echo "slurm-sweep: unknown argument '$1' (use --install, --work DIR, --keep)" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "slurm-sweep: needs root to start munged, slurmctld and slurmd" >&2; exit 2; }
start=$(date +%s)

packages=(munge slurmctld slurmd slurm-client)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ $install = 1 ] || { echo "slurm-sweep: missing Debian packages: ${missing[*]} (rerun with --install)" >&2; exit 2; }
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

gpuae_dll="$repo/src/GpuAE.Cli/bin/Release/net10.0/gpuae.dll"
[ -f "$gpuae_dll" ] || dotnet build src/GpuAE.Cli -c Release -v q -nologo >/dev/null
data="$repo/data"
[ -f "$data/fashion-mnist/train-images-idx3-ubyte.gz" ] || dotnet "$gpuae_dll" data fetch --dataset fashion-mnist --dir "$data" --quiet

work=${work:-$(mktemp -d /tmp/gpuae-slurm-XXXXXX)}
mkdir -p "$work"/{etc,state,spool,log,runs}
work=$(cd "$work" && pwd)
host=$(hostname -s)
export SLURM_CONF="$work/etc/slurm.conf"

# --- munge: the key the package made, a daemon of our own with its socket in the work folder
chmod 755 "$work"
install -d -o munge -g munge -m 0755 "$work/munge"
munge_socket="$work/munge/munge.socket"
runuser -u munge -- /usr/sbin/munged --socket="$munge_socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" --force
munge --socket="$munge_socket" -n | unmunge --socket="$munge_socket" >/dev/null

# --- slurm.conf: one node (this host, its real CPU count), one partition, no accounting, no cgroups
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
cat > "$SLURM_CONF" <<EOF
ClusterName=gpuae
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

stop() {
  set +e
  scancel --full --quiet -u root 2>/dev/null
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
}
[ $keep = 1 ] || trap stop EXIT

/usr/sbin/slurmctld -f "$SLURM_CONF" -i
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  state=$(sinfo -h -N -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || { echo "slurm-sweep: the node did not come up (state '$state'); see $work/log" >&2; exit 1; }
echo "slurm-sweep: slurm up on $host ($cpus CPUs), work folder $work"

# --- the sweep: 4 cells (2 learning rates x 2 hidden sizes), 2 test noises, one cell per task
sweep=(sweep --model dense --grid lr=0.05,0.1 --grid hidden=32,64 --train-noise mask:0.2 --test-noise mask:0.2,mask:0.4
       --epochs 4 --batch 64 --train-limit 3000 --test-limit 500 --seed 1 --device cpu --data-dir "$data")
cat > "$work/task.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=gpuae-sweep
#SBATCH --output=$work/log/task-%a-%j.out
#SBATCH --cpus-per-task=1
exec dotnet "$gpuae_dll" ${sweep[*]} --out "$work/runs/s-\$SLURM_ARRAY_TASK_ID" --shard "\$SLURM_ARRAY_TASK_ID/4"
EOF
job=$(sbatch --parsable --array=0-3 "$work/task.sh")
echo "slurm-sweep: submitted array job $job (tasks 0-3)"

# --- kill task 2's gpuae with SIGKILL once its cell has finished an epoch (its resume state says so)
victim=2
for _ in $(seq 600); do
  cell=$(ls -d "$work/runs/s-$victim"/cell-* 2>/dev/null | head -1 || true)
  if [ -n "$cell" ] && [ -f "$cell/metrics.csv" ] && [ "$(wc -l < "$cell/metrics.csv")" -ge 2 ]; then break; fi
  sleep 0.2
done
pid=$(pgrep -f -- "--shard $victim/4" | head -1 || true)
[ -n "$pid" ] || { echo "slurm-sweep: task $victim's gpuae was not found running" >&2; exit 1; }
kill -KILL "$pid"
echo "slurm-sweep: killed task $victim (pid $pid) with SIGKILL after $(($(wc -l < "$cell/metrics.csv") - 1)) finished epoch(s) of its cell"
for _ in $(seq 600); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 1; done
[ -f "$work/runs/s-$victim/results.csv" ] && [ "$(wc -l < "$work/runs/s-$victim/results.csv")" -gt 1 ] \
  && { echo "slurm-sweep: task $victim finished its cell despite the kill" >&2; exit 1; }
echo "slurm-sweep: tasks 0, 1, 3 done; task $victim failed: $(sacct -n -j "${job}_$victim" -o State 2>/dev/null | head -1 || echo killed)"

# --- resubmit the killed task: it continues its cell from the last finished epoch
job2=$(sbatch --parsable --array=$victim "$work/task.sh")
echo "slurm-sweep: resubmitted task $victim as job $job2"
for _ in $(seq 600); do [ -z "$(squeue -h -j "$job2" 2>/dev/null)" ] && break; sleep 1; done
grep -h "resuming after epoch" "$work"/log/task-$victim-"$job2".out || { echo "slurm-sweep: the resubmitted task did not resume its cell" >&2; exit 1; }

# --- merge, and the same sweep on one machine without Slurm
dotnet "$gpuae_dll" sweep merge "$work"/runs/s-{0,1,2,3} --out "$work/runs/merged" --quiet
dotnet "$gpuae_dll" "${sweep[@]}" --out "$work/runs/single" --quiet > "$work/log/single.out"

without_time() { cut -d, -f1-$(($(head -1 "$1" | tr ',' '\n' | wc -l) - 1)) "$1"; }
rows=$(($(wc -l < "$work/runs/merged/results.csv") - 1))
cells=$(tail -n +2 "$work/runs/merged/results.csv" | cut -d, -f1 | sort -u | wc -l)
twice=$(tail -n +2 "$work/runs/merged/results.csv" | cut -d, -f1,5 | sort | uniq -d | wc -l)
if [ "$rows" -eq 8 ] && [ "$cells" -eq 4 ] && [ "$twice" -eq 0 ] && diff <(without_time "$work/runs/single/results.csv") <(without_time "$work/runs/merged/results.csv") >/dev/null; then
  echo "slurm-sweep: OK: $cells cells, $rows rows, each exactly once, identical to the one-machine sweep (train_seconds aside); $(($(date +%s) - start)) s"
else
  echo "slurm-sweep: FAILED: $rows rows, $cells cells, $twice duplicated; diff against the one-machine sweep:" >&2
  diff <(without_time "$work/runs/single/results.csv") <(without_time "$work/runs/merged/results.csv") >&2 || true
  exit 1
fi
