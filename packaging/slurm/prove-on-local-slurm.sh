#!/bin/bash
# prove-on-local-slurm.sh: one command that shows, on this machine, that a sharded export run through a real SLURM
# (fer-prepare.sh) is byte for byte the export of one `prepare` on one machine.
#
# Usage:
#   prove-on-local-slurm.sh [-n N] [DATASET [-- PREPARE-SETTINGS...]]
#
#   with no DATASET:  ../shared/data/ckplus48 (beside the repository) with --no-detect --size 48
#   with a DATASET:   that folder with the settings after -- (none: the defaults, detection on), e.g.
#                     prove-on-local-slurm.sh ../shared/data/muxspace_fer6 -- --size 48
#   -n N              shards (default 3)
#
# Steps: local-slurm.sh (installs and starts SLURM if needed; run as root), builds target/fer-workbench.jar if it is
# absent (mvn -q -DskipTests package), fer-prepare.sh --wait into one folder, a one-machine prepare into another,
# then the same file list and `cmp` of every file. Prints PASS or FAIL and exits 0 or 1. The temporary folder
# (PROOF_DIR, default a new /tmp/fer-slurm-proof.*) is removed on PASS and kept on FAIL. Each run gets its own
# XDG_CACHE_HOME there, so neither reuses detections or face analyses cached by the other or by earlier runs.
# FER_PREPARE_OPTS adds options to fer-prepare.sh, e.g. FER_PREPARE_OPTS="--cpus 1 --mem 2G".
# The SLURM daemons are left running (local-slurm.sh stop stops them).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shards=3
dataset=""
settings=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -n | --shards) shards=${2:?-n needs a value}; shift ;;
        -n=* | --shards=*) shards=${1#*=} ;;
        --) shift; settings=("$@"); break ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) [ -z "$dataset" ] || { echo "one DATASET only (settings go after --)" >&2; exit 2; }; dataset=$1 ;;
    esac
    shift
done
if [ -z "$dataset" ]; then
    dataset="$repo/../shared/data/ckplus48"
    [ ${#settings[@]} -gt 0 ] || settings=(--no-detect --size 48)
fi
dataset=$(realpath -m -- "$dataset")

work=${PROOF_DIR:-$(mktemp -d /tmp/fer-slurm-proof.XXXXXX)}
mkdir -p "$work"
fail() {
    echo "FAIL: $*"
    echo "kept for a look: $work (scratch/logs/ has every task's log)"
    exit 1
}
step() { echo "== $*"; }

[ -d "$dataset" ] || fail "dataset not found: $dataset"
step "SLURM"
"$here/local-slurm.sh" || fail "local-slurm.sh could not start SLURM"

jar="$repo/target/fer-workbench.jar"
if [ ! -f "$jar" ]; then
    step "building $jar"
    (cd "$repo" && mvn -q -DskipTests package) || fail "the build failed"
fi
if [ -n "${FER_CMD:-}" ]; then
    # a test of this script itself: the SLURM tasks run the stand-in (see fer-prepare.sh), the one-machine run the jar
    echo "note: FER_CMD is set, so the SLURM tasks run '$FER_CMD' instead of the jar"
else
    # ("merge --help" is no test: picocli answers the top-level help, exit 0, for an unknown command before --help)
    java -jar "$jar" --help 2>/dev/null | grep -qE '^ +merge ' \
        || fail "$jar has no merge command: build a version with sharded exports (git log, then mvn -q -DskipTests package)"
fi

step "SLURM run: $shards shards of $dataset ${settings[*]}"
read -r -a submit_opts <<< "${FER_PREPARE_OPTS:-}"
start=$SECONDS
XDG_CACHE_HOME="$work/cache-slurm" "$here/fer-prepare.sh" "${submit_opts[@]}" --jar "$jar" --shards "$shards" --scratch "$work/scratch" \
    --poll 5 --wait "$dataset" "$work/slurm-export" -- "${settings[@]}" || fail "the SLURM run failed"
slurm_seconds=$((SECONDS - start))

step "one-machine run: prepare $dataset ${settings[*]}"
start=$SECONDS
XDG_CACHE_HOME="$work/cache-single" java -jar "$jar" prepare "$dataset" --out "$work/single-export" "${settings[@]}" \
    > "$work/single.log" 2>&1 || { tail -n 20 "$work/single.log"; fail "the one-machine prepare failed (log: $work/single.log)"; }
single_seconds=$((SECONDS - start))

step "comparing $work/slurm-export with $work/single-export"
listing() { (cd "$1" && find . -mindepth 1 -printf '%y %P\n' | LC_ALL=C sort); }
listing "$work/slurm-export" > "$work/slurm.list"
listing "$work/single-export" > "$work/single.list"
if ! diff -u "$work/single.list" "$work/slurm.list" > "$work/list.diff"; then
    head -n 40 "$work/list.diff"
    fail "the two exports do not hold the same files (diff: $work/list.diff)"
fi
files=0 bytes=0 differ=0
while read -r type path; do
    [ "$type" = f ] || continue
    files=$((files + 1))
    bytes=$((bytes + $(stat -c %s "$work/single-export/$path")))
    if ! cmp -s "$work/single-export/$path" "$work/slurm-export/$path"; then
        differ=$((differ + 1))
        [ $differ -gt 20 ] || echo "differs: $path ($(cmp "$work/single-export/$path" "$work/slurm-export/$path" 2>&1 | head -n 1))"
    fi
done < "$work/single.list"
[ "$files" -gt 0 ] || fail "the exports hold no file"
[ $differ -eq 0 ] || fail "$differ of $files files differ"

echo "PASS: $files files ($bytes bytes) identical; SLURM ($shards shards) ${slurm_seconds}s, one machine ${single_seconds}s"
rm -rf "$work"
exit 0
