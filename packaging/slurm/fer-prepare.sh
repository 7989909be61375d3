#!/bin/bash
# fer-prepare.sh: one FER Workbench export, spread over a SLURM cluster as N shards.
#
# Usage:
#   fer-prepare.sh [options] DATASET OUTPUT [-- PREPARE-SETTINGS...]
#
# Submits, with sbatch:
#   1. fer-detect   job array 1-N that fills the shared detection cache, only when there is something to cache
#                   (detection on, i.e. no --no-detect among the settings, or --group=identity). Task K runs
#                     prepare DATASET --warm-cache --shard K/N --detection-cache SCRATCH/detections --threads C
#                             PREPARE-SETTINGS...
#   2. fer-prepare  job array 1-N, after every detect task succeeded (--dependency=afterok:<detect array>):
#                   task K runs  prepare DATASET --shard K/N --out SCRATCH/shard-K --threads C
#                                [--detection-cache SCRATCH/detections] PREPARE-SETTINGS...
#   3. fer-merge    one job, after every prepare task succeeded (--dependency=afterok:<prepare array>):
#                   merge SCRATCH/shard-1 ... SCRATCH/shard-N --out OUTPUT
# A job whose dependency failed is cancelled (--kill-on-invalid-dep=yes), so one failed task ends the chain.
# OUTPUT is then byte for byte what `prepare DATASET --out OUTPUT PREPARE-SETTINGS...` writes on one machine.
#
# Options:
#   -n, --shards N      shards, i.e. tasks per job array (default 3)
#   --jar FILE          run each task as: java -Xmx<heap> -jar FILE ...  (java from PATH on the node, or $JAVA)
#   --command CMD       run each task with an installed launcher instead, e.g. fer-workbench or
#                       /opt/fer-workbench/bin/fer-workbench (the heap is set through JAVA_TOOL_OPTIONS).
#                       Default: fer-workbench when it is on PATH.
#   --scratch DIR       shared folder for the shards, the detection cache and the logs; every node must see it
#                       at the same path (default: OUTPUT.slurm next to OUTPUT). Its detections/ may be kept and
#                       reused by later runs; shard-*/ and status/ must not be left from an earlier run.
#   --cpus C            --cpus-per-task of each detect and prepare task (default 2); the task gets --threads C
#   --mem M             --mem of each detect and prepare task (default 3G; K, M, G, T suffixes as in sbatch)
#   --heap H            JVM heap (-Xmx) of those tasks (default: 2/3 of --mem; the rest is for libtorch, OpenCV
#                       and the JVM's own memory)
#   --merge-cpus C      --cpus-per-task of the merge job (default 1)
#   --merge-mem M       --mem of the merge job (default: --mem); its heap is 2/3 of it
#   --time T            --time limit of every job (default: the partition's)
#   --partition P       partition of every job (default: the cluster's default)
#   --sbatch-opt OPT    one more sbatch option for every job, e.g. --sbatch-opt=--account=lab (repeatable)
#   --warm W            prepare (default: the detect array runs prepare --warm-cache, which also caches face
#                       analyses) or none (no detect array: every shard detects all the sources itself)
#   --wait              wait until the merge job ends; exit 0 when every job succeeded, 1 otherwise
#   --poll S            with --wait: seconds between two looks at the queue (default 10)
#   --print-only        write the job scripts and print the sbatch commands, submit nothing
#   -h, --help          this text
#
# Environment:
#   FER_CMD   replaces the command each task runs (split into words), e.g. FER_CMD=echo submits real jobs that only
#             print the commands they would run: a dry run against the real scheduler.
#   JAVA      the java program for --jar (default: java)
#
# Written for each run: SCRATCH/jobs/{detect,prepare,merge}.sbatch (the job scripts, readable),
# SCRATCH/jobs/job-ids, SCRATCH/logs/<stage>-<job>_<task>.out (stdout and stderr of each task),
# SCRATCH/status/<stage>-<task>.exit (each task's exit code, written by the task itself).
set -euo pipefail

# Resource defaults, one place to change them (to be sized from a benchmark).
DEFAULT_SHARDS=3
DEFAULT_CPUS=2
DEFAULT_MEM=3G
DEFAULT_MERGE_CPUS=1
HEAP_PERCENT=66 # share of --mem given to the JVM heap when --heap is not given

prog=$(basename "$0")
die() { echo "$prog: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

# size in MB of a sbatch-style memory size (a number with an optional K, M, G or T suffix; no suffix = MB)
mem_mb() {
    local v=$1 n unit
    [[ "$v" =~ ^([0-9]+)([KkMmGgTt]?)[Bb]?$ ]] || die "not a memory size: '$v' (e.g. 3G, 3072M)"
    n=${BASH_REMATCH[1]}
    unit=${BASH_REMATCH[2]^^}
    case "$unit" in
        K) echo $((n / 1024)) ;;
        M | "") echo "$n" ;;
        G) echo $((n * 1024)) ;;
        T) echo $((n * 1024 * 1024)) ;;
    esac
}

# ---- arguments ----
shards=$DEFAULT_SHARDS warm=prepare jar="" command="" scratch="" cpus=$DEFAULT_CPUS mem=$DEFAULT_MEM heap=""
merge_cpus=$DEFAULT_MERGE_CPUS merge_mem="" time_limit="" partition="" wait=0 poll=10 print_only=0
extra_sbatch=()
positional=()
settings=()
while [ $# -gt 0 ]; do
    case "$1" in
        --) shift; settings=("$@"); break ;;
        -h | --help) usage; exit 0 ;;
        --wait) wait=1 ;;
        --print-only) print_only=1 ;;
        -n | --shards | --warm | --jar | --command | --scratch | --cpus | --mem | --heap | --merge-cpus | --merge-mem | --time \
            | --partition | --sbatch-opt | --poll)
            [ $# -ge 2 ] || die "$1 needs a value"
            set -- "$1=$2" "${@:3}"
            continue ;;
        --*=* | -n=*)
            opt=${1%%=*} val=${1#*=}
            case "$opt" in
                -n | --shards) shards=$val ;;
                --warm) warm=$val ;;
                --jar) jar=$val ;;
                --command) command=$val ;;
                --scratch) scratch=$val ;;
                --cpus) cpus=$val ;;
                --mem) mem=$val ;;
                --heap) heap=$val ;;
                --merge-cpus) merge_cpus=$val ;;
                --merge-mem) merge_mem=$val ;;
                --time) time_limit=$val ;;
                --partition) partition=$val ;;
                --sbatch-opt) extra_sbatch+=("$val") ;;
                --poll) poll=$val ;;
                *) die "unknown option $opt (prepare settings go after --; see --help)" ;;
            esac ;;
        -*) die "unknown option $1 (prepare settings go after --; see --help)" ;;
        *) positional+=("$1") ;;
    esac
    shift
done
[ ${#positional[@]} -eq 2 ] || { usage >&2; die "give DATASET and OUTPUT (got ${#positional[@]} arguments)"; }
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards must be a positive whole number, not '$shards'"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "--cpus must be a positive whole number, not '$cpus'"
[[ "$merge_cpus" =~ ^[1-9][0-9]*$ ]] || die "--merge-cpus must be a positive whole number, not '$merge_cpus'"
[[ "$poll" =~ ^[1-9][0-9]*$ ]] || die "--poll must be a positive whole number of seconds, not '$poll'"
[ -z "$jar" ] || [ -z "$command" ] || die "give --jar or --command, not both"
case "$warm" in prepare | none) ;; *) die "--warm takes prepare or none, not '$warm'" ;; esac

dataset=$(realpath -m -- "${positional[0]}")
output=$(realpath -m -- "${positional[1]}")
[ -d "$dataset" ] || die "dataset folder not found: $dataset"
[ ! -e "$output" ] || die "$output exists: the merge writes a new folder (remove it or choose another)"
[ -d "$(dirname "$output")" ] || die "the folder that is to hold $output does not exist"
scratch=$(realpath -m -- "${scratch:-$output.slurm}")

mem_mb_value=$(mem_mb "$mem")
merge_mem=${merge_mem:-$mem}
merge_mem_mb=$(mem_mb "$merge_mem")
if [ -n "$heap" ]; then
    heap_mb=$(mem_mb "$heap")
    [ "$heap_mb" -lt "$mem_mb_value" ] || die "--heap $heap does not fit in --mem $mem (libtorch and the JVM need memory outside the heap)"
else
    heap_mb=$((mem_mb_value * HEAP_PERCENT / 100))
fi
merge_heap_mb=$((merge_mem_mb * HEAP_PERCENT / 100))
if [ "$heap_mb" -lt 256 ] || [ "$merge_heap_mb" -lt 256 ]; then die "--mem is too small for a JVM (heap under 256 MB)"; fi

# ---- the prepare settings ----
detect_on=1 identities=0
i=0
while [ $i -lt ${#settings[@]} ]; do
    s=${settings[$i]}
    case "$s" in
        --no-detect) detect_on=0 ;;
        --group=identity) identities=1 ;;
        --group) [ "${settings[$((i + 1))]:-}" != identity ] || identities=1 ;;
        --out | --out=* | --shard | --shard=* | --detection-cache | --detection-cache=* | --threads | --threads=* \
            | --dry-run | --overwrite)
            case "$s" in
                --threads*) die "do not give --threads among the prepare settings: it comes from --cpus" ;;
                *) die "do not give ${s%%=*} among the prepare settings: this script decides it" ;;
            esac ;;
        --warm-cache) die "do not give --warm-cache among the prepare settings: the detect array runs it" ;;
    esac
    i=$((i + 1))
done

# ---- the command each task runs ----
heap_env=""
if [ -n "${FER_CMD:-}" ]; then
    read -r -a base_cmd <<< "$FER_CMD"
    merge_cmd=("${base_cmd[@]}")
elif [ -n "$jar" ]; then
    jar=$(realpath -m -- "$jar")
    [ -f "$jar" ] || die "jar not found: $jar"
    base_cmd=("${JAVA:-java}" "-Xmx${heap_mb}m" -jar "$jar")
    merge_cmd=("${JAVA:-java}" "-Xmx${merge_heap_mb}m" -jar "$jar")
else
    if [ -z "$command" ]; then
        command -v fer-workbench >/dev/null 2>&1 || die "no fer-workbench on PATH: give --jar FILE or --command CMD"
        command=fer-workbench
    fi
    [[ "$command" != */* ]] || command=$(realpath -m -- "$command")
    base_cmd=("$command")
    merge_cmd=("$command")
    heap_env=1
fi

# ---- the detect array: how, and whether ----
case "$warm" in
    prepare) if [ $detect_on = 1 ] || [ $identities = 1 ]; then warm_on=1; else warm_on=0; fi ;;
    *) warm_on=0 ;;
esac

# ---- the scratch folder ----
if compgen -G "$scratch/shard-*" >/dev/null || compgen -G "$scratch/status/*" >/dev/null; then
    die "$scratch holds shards or task states of an earlier run: remove its shard-*/ and status/ (keep detections/ to reuse them), or choose another --scratch"
fi
mkdir -p "$scratch/jobs" "$scratch/logs" "$scratch/status"
[ $warm_on = 0 ] || mkdir -p "$scratch/detections"

q() { # the words, quoted for a bash script, separated by spaces
    local out
    printf -v out '%q ' "$@"
    echo "${out% }"
}

# job_script STAGE HEAP_MB COMMAND-WORDS...: a batch script that runs the command for task $SLURM_ARRAY_TASK_ID
# (the words may use $k, $n and $threads, expanded in the job) and records its exit code in status/.
job_script() {
    local stage=$1 heap=$2 body=$3 file="$scratch/jobs/$1.sbatch"
    {
        echo '#!/bin/bash'
        echo "# $stage job of a FER Workbench export, written by $prog on $(date '+%F %T')"
        echo "# dataset $dataset -> $output, $shards shards, scratch $scratch"
        echo "n=$shards"
        echo "scratch=$(q "$scratch")"
        if [ "$stage" = merge ]; then
            echo 'k=1 tag=merge'
        else
            cat <<'EOF'
k=${SLURM_ARRAY_TASK_ID:?not run as a job array task}
EOF
            echo "tag=$stage-\$k"
        fi
        cat <<'EOF'
threads=${SLURM_CPUS_PER_TASK:-1}
EOF
        [ -z "$heap_env" ] || echo "export JAVA_TOOL_OPTIONS=\"-Xmx${heap}m\${JAVA_TOOL_OPTIONS:+ \$JAVA_TOOL_OPTIONS}\""
        echo "cmd=($body)"
        cat <<'EOF'
echo "[$(date '+%F %T')] $tag (of $n shards) on $(hostname), job ${SLURM_JOB_ID:-?}, $threads CPUs: ${cmd[*]}"
status=0
"${cmd[@]}" || status=$?
echo "$status" > "$scratch/status/$tag.exit"
echo "[$(date '+%F %T')] $tag ended with exit code $status"
exit "$status"
EOF
    } > "$file"
    chmod +x "$file"
}

detect_body="$(q "${base_cmd[@]}" prepare "$dataset") --warm-cache --shard \"\$k/\$n\" --detection-cache \"\$scratch/detections\" --threads \"\$threads\""
[ ${#settings[@]} -eq 0 ] || detect_body+=" $(q "${settings[@]}")"
prepare_body="$(q "${base_cmd[@]}" prepare "$dataset") --shard \"\$k/\$n\" --out \"\$scratch/shard-\$k\" --threads \"\$threads\""
[ $warm_on = 0 ] || prepare_body+=" --detection-cache \"\$scratch/detections\""
[ ${#settings[@]} -eq 0 ] || prepare_body+=" $(q "${settings[@]}")"
merge_body="$(q "${merge_cmd[@]}" merge)"
for ((k = 1; k <= shards; k++)); do merge_body+=" \"\$scratch/shard-$k\""; done
merge_body+=" --out $(q "$output")"

[ $warm_on = 0 ] || job_script detect "$heap_mb" "$detect_body"
job_script prepare "$heap_mb" "$prepare_body"
job_script merge "$merge_heap_mb" "$merge_body"

# ---- submission ----
common=(--parsable --chdir="$scratch" --kill-on-invalid-dep=yes)
[ -z "$partition" ] || common+=(--partition="$partition")
[ -z "$time_limit" ] || common+=(--time="$time_limit")
common+=("${extra_sbatch[@]}")
task_opts=(--array="1-$shards" --cpus-per-task="$cpus" --mem="$mem")

# submit NAME SBATCH-ARGS...: prints the command, submits it (unless --print-only) and sets job_id
submit() {
    local name=$1
    shift
    echo "+ sbatch $(q "$@")" >&2
    if [ $print_only = 1 ]; then
        job_id="<$name-id>"
        return 0
    fi
    job_id=$(sbatch "$@") || die "sbatch failed for the $name job"
    job_id=${job_id%%;*} # --parsable prints "id" or "id;cluster"
}

detect_id=""
if [ $warm_on = 1 ]; then
    submit detect "${common[@]}" "${task_opts[@]}" --job-name=fer-detect \
        --output="$scratch/logs/detect-%A_%a.out" "$scratch/jobs/detect.sbatch"
    detect_id=$job_id
    submit prepare "${common[@]}" "${task_opts[@]}" --job-name=fer-prepare --dependency="afterok:$detect_id" \
        --output="$scratch/logs/prepare-%A_%a.out" "$scratch/jobs/prepare.sbatch"
else
    submit prepare "${common[@]}" "${task_opts[@]}" --job-name=fer-prepare \
        --output="$scratch/logs/prepare-%A_%a.out" "$scratch/jobs/prepare.sbatch"
fi
prepare_id=$job_id
submit merge "${common[@]}" --cpus-per-task="$merge_cpus" --mem="$merge_mem" --job-name=fer-merge \
    --dependency="afterok:$prepare_id" --output="$scratch/logs/merge-%j.out" "$scratch/jobs/merge.sbatch"
merge_id=$job_id

if [ -n "$detect_id" ]; then
    echo "detect array:  $detect_id (tasks 1-$shards, prepare --warm-cache)"
fi
echo "prepare array: $prepare_id (tasks 1-$shards)"
echo "merge job:     $merge_id"
echo "logs:          $scratch/logs/"
echo "output:        $output"
[ $print_only = 0 ] || exit 0
printf '%s\n' "detect=$detect_id" "prepare=$prepare_id" "merge=$merge_id" > "$scratch/jobs/job-ids"
[ $wait = 1 ] || { echo "follow with: squeue -j ${detect_id:+$detect_id,}$prepare_id,$merge_id"; exit 0; }

# ---- waiting ----
# The scheduler's view of a job: one line "TASK STATE EXITCODE REASON" per record (array tasks that have not started
# share one record, e.g. task "1-3"), from scontrol while slurmctld still remembers the job (MinJobAge, 300 s by
# default), else from sacct when the cluster keeps accounting. Returns 3 when neither knows the job any more, 4 when
# the scheduler did not answer (a busy slurmctld: try again later).
job_records() {
    local lines line field task state exit reason jid err
    err=$(mktemp)
    if lines=$(scontrol -o show job "$1" 2>"$err") && [ -n "$lines" ]; then
        rm -f "$err"
        while IFS= read -r line; do
            task=- state="" exit="" reason=None
            for field in $line; do
                case "$field" in
                    ArrayTaskId=*) task=${field#*=} ;;
                    JobState=*) state=${field#*=} ;;
                    ExitCode=*) exit=${field#*=} ;;
                    Reason=*) reason=${field#*=} ;;
                esac
            done
            [ -z "$state" ] || echo "$task $state $exit $reason"
        done <<< "$lines"
        return 0
    fi
    if ! grep -qi 'invalid job id' "$err"; then
        rm -f "$err"
        return 4
    fi
    rm -f "$err"
    # sacct's JobID is "id", "id_task" or "id_[1-3]"; a state like "CANCELLED by 0" keeps its first word
    lines=$(sacct -n -X -P -j "$1" -o JobID,State,ExitCode,Reason 2>/dev/null) || return 3
    [ -n "$lines" ] || return 3
    while IFS='|' read -r jid state exit reason; do
        task=-
        [[ "$jid" != *_* ]] || task=${jid#*_}
        echo "$task ${state%% *} $exit ${reason:-None}"
    done <<< "$lines"
}

stage_of() { # job id -> stage
    case "$1" in
        "$detect_id") echo detect ;;
        "$prepare_id") echo prepare ;;
        *) echo merge ;;
    esac
}

log_of() { # stage task -> its log file
    case "$1" in
        detect) echo "$scratch/logs/detect-${detect_id}_$2.out" ;;
        prepare) echo "$scratch/logs/prepare-${prepare_id}_$2.out" ;;
        *) echo "$scratch/logs/merge-$merge_id.out" ;;
    esac
}

fail() {
    # everything after a failed task is cancelled by the scheduler (--kill-on-invalid-dep); make sure of it
    scancel ${detect_id:+"$detect_id"} "$prepare_id" "$merge_id" 2>/dev/null || true
    echo "FAILED:" >&2
    printf '  %s\n' "$@" >&2
    local f
    for f in "$scratch"/status/*.exit; do
        [ -e "$f" ] && [ "$(cat "$f")" != 0 ] && echo "  $(basename "$f" .exit) exited with $(cat "$f")" >&2
    done
    echo "logs: $scratch/logs/" >&2
    exit 1
}

echo "waiting for the merge job $merge_id (a look every $poll s)..."
trap 'echo; echo "$prog: stopped waiting; the jobs go on (scancel ${detect_id:+$detect_id }$prepare_id $merge_id cancels them)"; exit 130' INT
last=""
while :; do
    failed=() merge_state="" summary=""
    for id in $detect_id $prepare_id $merge_id; do
        stage=$(stage_of "$id")
        rc=0
        records=$(job_records "$id") || rc=$?
        if [ $rc = 4 ]; then
            summary+=" $stage:no-answer"
            continue
        elif [ $rc != 0 ]; then
            # the job ended long ago and the cluster keeps no accounting: the exit files tell
            summary+=" $stage:ended"
            [ "$stage" != merge ] || merge_state=GONE
            continue
        fi
        summary+=" $stage:$(awk '{print $2}' <<< "$records" | sort | uniq -c | awk '{printf "%s%s=%s", (NR>1?",":""), $2, $1}')"
        while read -r task state exit reason; do
            what="$stage task $task"
            [ "$task" != - ] || what="$stage job"
            case "$state" in
                FAILED | CANCELLED | TIMEOUT | OUT_OF_MEMORY | NODE_FAIL | BOOT_FAIL | DEADLINE | PREEMPTED)
                    failed+=("$what: $state, exit code $exit, reason $reason; log $(log_of "$stage" "$task")") ;;
                PENDING)
                    [ "$reason" != DependencyNeverSatisfied ] || failed+=("$what: will never run (a job it depends on failed)") ;;
            esac
            [ "$stage" != merge ] || merge_state=$state
        done <<< "$records"
    done
    [ "$summary" = "$last" ] || echo "[$(date '+%T')]$summary"
    last=$summary
    [ ${#failed[@]} -eq 0 ] || fail "${failed[@]}"
    if [ "$merge_state" = COMPLETED ] || [ "$merge_state" = GONE ]; then
        # the merge job writes its exit code before it ends; allow shared storage a few seconds to show it
        for ((i = 0; i < 10; i++)); do
            [ "$(cat "$scratch/status/merge.exit" 2>/dev/null)" != 0 ] || break
            sleep 1
        done
        if [ "$(cat "$scratch/status/merge.exit" 2>/dev/null)" = 0 ]; then
            echo "done: every job succeeded; the export is in $output"
            exit 0
        fi
        fail "the merge job $merge_id ended ($merge_state) without writing exit code 0 to $scratch/status/merge.exit"
    fi
    sleep "$poll"
done
