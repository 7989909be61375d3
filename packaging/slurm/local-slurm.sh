#!/bin/bash
# A real single-node SLURM on this Debian machine (Debian's slurm-wlm 22.05 and munge), for trying the FER Workbench
# job scripts without a cluster. Run as root.
#
#   local-slurm.sh          install (if missing), configure, start munged, slurmctld and slurmd; wait until the node
#                           is idle. Running it again is harmless: running daemons are kept, a changed configuration
#                           restarts them.
#   local-slurm.sh stop     stop the three daemons (jobs still running are lost)
#   local-slurm.sh status   show whether each daemon runs, and sinfo
#
# No systemd and no cgroups are needed: the daemons are started directly, processes are tracked through /proc
# (proctrack/linuxproc), and memory is watched by polling (jobacct_gather/linux with OverMemoryKill, so a job that
# outgrows its --mem is killed as on a cluster that enforces it). The node is this host with the CPU count and memory
# that `slurmd -C` finds, in one partition "local". There is no accounting database (no slurmdbd), so `sacct` does not
# work; finished jobs stay visible in `scontrol show job` for an hour (MinJobAge) and are logged to
# /var/log/slurm/jobcomp.log.
#
# It writes /etc/slurm/slurm.conf, and refuses to replace a slurm.conf that it did not write (FORCE=1 overrides).
set -euo pipefail

CONF=/etc/slurm/slurm.conf
MARK="# Written by FER Workbench packaging/slurm/local-slurm.sh"
RUN_DIR=/run/slurm
CTLD_PID=$RUN_DIR/slurmctld.pid
SLURMD_PID=$RUN_DIR/slurmd.pid
MUNGE_PID=/run/munge/munged.pid
LOG_DIR=/var/log/slurm

say() { echo "local-slurm: $*"; }
die() { echo "local-slurm: $*" >&2; exit 1; }

# pid_alive PIDFILE NAME: the pid in PIDFILE is a running process whose command is NAME
pid_alive() {
    local pid
    [ -s "$1" ] || return 1
    pid=$(cat "$1" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]
}

# stop_daemon PIDFILE NAME: TERM the process of PIDFILE, wait up to 30 s for it to end
stop_daemon() {
    local pid i
    if ! pid_alive "$1" "$2"; then
        say "$2 is not running"
        return 0
    fi
    pid=$(cat "$1")
    kill -TERM "$pid"
    for ((i = 0; i < 60; i++)); do
        [ -d "/proc/$pid" ] || { say "stopped $2 (pid $pid)"; rm -f "$1"; return 0; }
        sleep 0.5
    done
    die "$2 (pid $pid) did not stop within 30 s"
}

install_packages() {
    local missing=()
    local cmd
    for cmd in munged slurmctld slurmd sbatch; do
        command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$cmd")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing slurm-wlm and munge (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # the Debian packages' init scripts try to start the daemons; policy-rc.d 101 keeps them from doing so (we do)
    local policy=/usr/sbin/policy-rc.d had_policy=0
    [ -e "$policy" ] && had_policy=1
    if [ $had_policy = 0 ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy"
        chmod +x "$policy"
    fi
    apt-get install -y -qq --no-install-recommends slurm-wlm munge || { [ $had_policy = 1 ] || rm -f "$policy"; exit 1; }
    [ $had_policy = 1 ] || rm -f "$policy"
}

munge_key() {
    local key=/etc/munge/munge.key
    if [ ! -s "$key" ]; then
        say "creating $key"
        install -d -o munge -g munge -m 0700 /etc/munge
        if command -v mungekey >/dev/null 2>&1; then
            mungekey --create --keyfile="$key"
        else
            dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
        fi
    fi
    chown munge:munge "$key"
    chmod 0400 "$key"
}

start_munge() {
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge
    if pid_alive "$MUNGE_PID" munged; then
        say "munged is running (pid $(cat "$MUNGE_PID"))"
    else
        # a stale socket from a killed munged makes a new one refuse to start; --force takes it over
        runuser -u munge -- /usr/sbin/munged --force
        say "started munged (pid $(cat "$MUNGE_PID"))"
    fi
    munge -n | unmunge >/dev/null || die "munge does not work: see /var/log/munge/munged.log"
}

# the configuration for this host, on stdout
slurm_conf() {
    local host node_line
    host=$(hostname -s)
    # e.g. "NodeName=vm CPUs=2 Boards=1 SocketsPerBoard=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=24105"
    node_line=$(/usr/sbin/slurmd -C | head -n 1)
    [[ "$node_line" == NodeName=* ]] || die "slurmd -C printed no node line: $node_line"
    cat <<EOF
$MARK
# (a single-node cluster on $host; run that script again after changing it, it restarts the daemons)
ClusterName=ferlocal
SlurmctldHost=$host(127.0.0.1)
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
SwitchType=switch/none
# no cgroups (no systemd here): processes through /proc, memory by polling
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=5
JobAcctGatherParams=OverMemoryKill
# CPUs and memory are both consumable: --cpus-per-task and --mem decide how many tasks run at once
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
# no accounting database: finished jobs stay in 'scontrol show job' for an hour, and are logged to JobCompLoc
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG_DIR/jobcomp.log
MinJobAge=3600
ReturnToService=2
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

# writes slurm.conf; returns 0 when it changed
write_conf() {
    local new
    new=$(slurm_conf)
    if [ -f "$CONF" ] && ! grep -qxF "$MARK" "$CONF" && [ "${FORCE:-0}" != 1 ]; then
        die "$CONF exists and was not written by this script; move it away or run with FORCE=1"
    fi
    if [ -f "$CONF" ] && [ "$(cat "$CONF")" = "$new" ]; then
        return 1
    fi
    install -d -m 0755 /etc/slurm
    printf '%s\n' "$new" > "$CONF.tmp"
    chmod 0644 "$CONF.tmp"
    mv -f "$CONF.tmp" "$CONF"
    say "wrote $CONF"
    return 0
}

start_slurm() {
    install -d -o slurm -g slurm -m 0755 "$RUN_DIR" "$LOG_DIR" /var/lib/slurm/slurmctld
    install -d -o root -g root -m 0755 /var/lib/slurm/slurmd
    if pid_alive "$CTLD_PID" slurmctld; then
        say "slurmctld is running (pid $(cat "$CTLD_PID"))"
    else
        /usr/sbin/slurmctld
        say "started slurmctld"
    fi
    if pid_alive "$SLURMD_PID" slurmd; then
        say "slurmd is running (pid $(cat "$SLURMD_PID"))"
    else
        /usr/sbin/slurmd
        say "started slurmd"
    fi
}

wait_idle() {
    local host state i
    host=$(hostname -s)
    for ((i = 0; i < 120; i++)); do
        state=$(sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1 || true)
        case "$state" in
            idle | mixed | allocated | completing)
                say "node $host is $state"
                sinfo
                return 0 ;;
            down | drained | draining | drain)
                # e.g. after a restart with a changed node size; this node is ours, so put it back
                scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
        esac
        sleep 1
    done
    sinfo || true
    die "node $host did not become idle within 2 minutes (state: ${state:-none}); see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log"
}

stop_all() {
    stop_daemon "$SLURMD_PID" slurmd
    stop_daemon "$CTLD_PID" slurmctld
    stop_daemon "$MUNGE_PID" munged
}

status() {
    local name pidfile
    for name in munged slurmctld slurmd; do
        case $name in
            munged) pidfile=$MUNGE_PID ;;
            slurmctld) pidfile=$CTLD_PID ;;
            slurmd) pidfile=$SLURMD_PID ;;
        esac
        if pid_alive "$pidfile" "$name"; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: not running"; fi
    done
    sinfo 2>/dev/null || true
}

main() {
    [ "$(id -u)" = 0 ] || die "run as root"
    case "${1:-start}" in
        start) ;;
        stop) stop_all; return 0 ;;
        status) status; return 0 ;;
        -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
        *) die "unknown argument '$1' (start, stop or status)" ;;
    esac
    install_packages
    munge_key
    start_munge
    if write_conf; then
        # a new or changed configuration: daemons started with the old one must start again
        if pid_alive "$SLURMD_PID" slurmd || pid_alive "$CTLD_PID" slurmctld; then
            say "configuration changed: restarting slurmctld and slurmd"
            stop_daemon "$SLURMD_PID" slurmd
            stop_daemon "$CTLD_PID" slurmctld
        fi
    fi
    start_slurm
    wait_idle
}

main "$@"
