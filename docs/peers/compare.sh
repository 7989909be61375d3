#!/usr/bin/env bash
# Issue 19's ratios: this tool against its Python peer, whole processes, interleaved in the same minutes.
#
# usage: docs/peers/compare.sh no-detect <dataset> [rounds]   # FER2013 128x128 (README Benchmarks), target 3x
#        docs/peers/compare.sh detect <dataset> [rounds]      # fer128-3k, study order, target 4x
#
# Each round runs the peer, then the tool (the order is swapped every other round, so neither always runs on a
# warmer machine), each timed from outside with /usr/bin/time, each writing its arrays to a fresh folder that is
# deleted after the timing, for both alike. The tool runs as README's `benchmark prepare` (its CPU per source image
# is the issue's other target), with `--keep` so that deleting its output is not inside its time either.
#   no-detect: peer prepare_nodetect.py (one process, one core, uint8); tool `--dtype uint8`.
#   detect:    peer prepare_detect.py (facenet-pytorch, MTCNN's eye points); the ratio is against the tool doing
#              the peer's own work (`--detect --align eyes`); the tool's default alignment (eyes68, which also runs
#              the 68-point landmark net) and `--detect-first` are timed and printed beside it.
# Prints a line per round and the medians. Needs /usr/bin/time, python3-opencv and python3-numpy; detect also needs
# facenet-pytorch on PYTHONPATH (see prepare_detect.py). Build first: mvn -q -DskipTests package.
set -euo pipefail

mode=${1:?usage: compare.sh no-detect|detect <dataset> [rounds]}
dataset=${2:?usage: compare.sh no-detect|detect <dataset> [rounds]}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/../../target/fer-workbench.jar"
python=${PYTHON:-python3}
[ -f "$jar" ] || { echo "compare.sh: $jar is missing: run mvn -q -DskipTests package first" >&2; exit 2; }
[ -d "$dataset" ] || { echo "compare.sh: $dataset is not a folder" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare.sh: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
case "$mode" in
    no-detect) peer_script=prepare_nodetect.py; variants=("uint8:--dtype uint8"); target=3 ;;
    detect) peer_script=prepare_detect.py
            variants=("eyes:--detect --align eyes" "eyes68:--detect" "detect-first:--detect --align eyes --detect-first")
            target=4 ;;
    *) echo "compare.sh: mode is no-detect or detect, not $mode" >&2; exit 2 ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/fer-compare.XXXXXX")
trap '[ -n "$work" ] && rm -rf -- "$work"' EXIT

# wall seconds of a command (its output in $work/out), from /usr/bin/time
timed() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2>&1 || {
        echo "compare.sh: failed: $*" >&2; tail -5 "$work/out" >&2; exit 1; }
    cut -d' ' -f1 "$work/time"
}

run_peer() {
    rm -rf "$work/peer-out"
    local s; s=$(timed "$python" "$here/$peer_script" "$dataset" "$work/peer-out")
    rm -rf "$work/peer-out"
    echo "$s"
}

# wall seconds of the tool with these options; its CPU per source image in $work/cpu.<name>
run_tool() {
    local name=$1; shift
    local s; s=$(timed java -jar "$jar" benchmark prepare "$dataset" "$@" --keep)
    sed -n 's/^process CPU \([0-9.]*\) ms per source image.*/\1/p' "$work/out" > "$work/cpu.$name"
    # the benchmark's own temporary folder, fer-bench-*, holding export/: nothing else is ever deleted
    local kept; kept=$(sed -n 's/^output kept in //p' "$work/out")
    local folder; folder=$(dirname "$kept")
    case "$(basename "$kept")/$(basename "$folder")" in
        export/fer-bench-?*) rm -rf -- "$folder" ;;
        *) echo "compare.sh: unexpected output folder '$kept', left in place" >&2 ;;
    esac
    echo "$s"
}

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "$mode on $dataset, $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
header="round  peer s"
for v in "${variants[@]}"; do header+=$(printf "  %14s" "${v%%:*} s (x)"); done
echo "$header  CPU ms/source"
first=${variants[0]%%:*}    # the variant the target is about
declare -A ratios tool

# every variant of the tool once, wall seconds into tool[name]
run_tools() {
    local v opts
    for v in "${variants[@]}"; do
        read -r -a opts <<< "${v#*:}"
        tool[${v%%:*}]=$(run_tool "${v%%:*}" "${opts[@]}")
    done
}

for round in $(seq 1 "$rounds"); do
    tool=()
    if (( round % 2 )); then peer=$(run_peer); run_tools; else run_tools; peer=$(run_peer); fi
    line=$(printf "%5d  %6.1f" "$round" "$peer")
    for v in "${variants[@]}"; do
        name=${v%%:*}
        ratio=$(awk -v p="$peer" -v t="${tool[$name]}" 'BEGIN {printf "%.2f", p / t}')
        ratios[$name]+="$ratio "
        line+=$(printf "  %7.1f (%4sx)" "${tool[$name]}" "$ratio")
    done
    echo "$line  $(cat "$work/cpu.$first")"
done
for v in "${variants[@]}"; do
    name=${v%%:*}
    m=$(tr ' ' '\n' <<< "${ratios[$name]}" | grep . | median)
    if [ "$name" = "$first" ]; then
        verdict=$(awk -v m="$m" -v t="$target" 'BEGIN {print (m >= t) ? "meets" : "misses"}')
        echo "median ratio, $name: ${m}x ($verdict the ${target}x target)"
    else
        echo "median ratio, $name: ${m}x (beside it)"
    fi
done
