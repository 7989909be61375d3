#!/usr/bin/env bash
# Start-up time of the desktop workbench: launches `java -jar fer-workbench.jar` (no flags, as a user would) under
# Xvfb several times and measures, from the moment this script launches the command (so the JVM's own start is
# included), until the first frame of the main window (menu, tool bar, welcome page, status bar) is laid out and
# handed to the renderer. The app prints the milestones with -Dfer.startupLog=true (see src/main/java/org/ferworkbench/StartupLog.java):
# fx-init, fx-start, window-shown, first-frame, second-frame (the first frame is drawn by then), background-start,
# control-sample, view-step, views-built, each with the JavaFX thread's CPU time. One untimed start comes first (a
# "later start": preferences exist, libtorch is already unpacked in ~/.djl.ai, the files are in the page cache);
# then N timed starts, one second apart; each app is stopped SETTLE seconds (default 4) after its second frame.
# The machine's load average is printed with each start: on 2 cores other work moves the figure by a second.
# Needs a JDK 17, Maven and xvfb.
#
#   docs/startup-time.sh [runs (default 5)] [extra java options...]
#   BUILD_DIR=/tmp/uib docs/startup-time.sh 5          build outside target/
#   SKIP_BUILD=1 ...                                   use the jar already built
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath -m "${BUILD_DIR:-target}")
runs=${1:-5}
shift $(( $# > 0 ? 1 : 0 ))

if [ "${1:-}" != "--inner" ]; then
  [ -n "${SKIP_BUILD:-}" ] || mvn -B -q ${MVN_FLAGS:-} -Dbuild.dir="$build" -DskipTests package
  home=$(mktemp -d /tmp/fer-startup-home.XXXXXX)
  trap 'rm -rf "$home"' EXIT
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$runs" --inner "$build" "$home" "$@"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit
fi

build=$2 home=$3
shift 3
jar="$build/fer-workbench.jar"
settle=${SETTLE:-4}
log="$home/app.log"

# one start: prints "<ms launch->first frame> <ms launch->second frame> <ms process start->first frame (in-app)>"
start_once() {
  local t0 pid line first second inapp
  : > "$log"
  t0=$(date +%s%3N)
  java "$@" -Dfer.startupLog=true -Dfer.workbench.home="$home" -jar "$jar" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    grep -q '^\[startup\] second-frame' "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  sleep "$settle"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  line=$(grep '^\[startup\] first-frame' "$log")
  first=$(( ${line##*epoch=} - t0 ))
  line=$(grep '^\[startup\] second-frame' "$log")
  second=$(( ${line##*epoch=} - t0 ))
  inapp=$(grep '^\[startup\] first-frame' "$log" | awk '{print $3}')
  echo "$first $second $inapp"
  grep '^\[startup\]' "$log" | sed 's/ epoch=.*//' | tr '\n' ';' >&2
  echo >&2
}

echo "untimed first start (creates the preferences, fills the page cache):"
start_once "$@" > /dev/null
results=()
for i in $(seq 1 "$runs"); do
  sleep 1
  r=$(start_once "$@")
  echo "run $i: launch -> first frame ${r%% *} ms (second frame $(echo "$r" | cut -d' ' -f2) ms; in-app from process start $(echo "$r" | cut -d' ' -f3) ms); load $(cut -d' ' -f1 /proc/loadavg)"
  results+=("${r%% *}")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median launch -> first frame over $runs starts: $median ms"
