#!/usr/bin/env bash
# Screenshots of the desktop workbench, taken from the real application (real MTCNN, real export) on a real dataset
# under Xvfb, as JavaFX scene snapshots: at 1024x700 and 1400x900, light and dark (a folder each), the main window,
# the inspector (one face, two faces, no face, a test image), Distribution (and its saved PNG), Settings and an error
# dialog, with layout-problems.txt listing anything cut short; then welcome, identities and the export at 1400x900.
# Needs a JDK 17, Maven and xvfb (apt-get install -y xvfb libgtk-3-0).
# The export runs with face detection (the study's settings): several minutes on 2 cores; --quick-export skips it.
#
#   docs/screenshots.sh [dataset] [output-folder] [--quick-export]
#   defaults: ../shared/data/muxspace_fer6 and screenshots/ (kept out of git)
set -euo pipefail
cd "$(dirname "$0")/.."
# BUILD_DIR: build somewhere else than target/ (e.g. while other builds use the same work tree)
build=${BUILD_DIR:-target}
flags="${MVN_FLAGS:-} -Dbuild.dir=$(realpath -m "$build")"
dataset=${1:-../shared/data/muxspace_fer6}
out=${2:-screenshots}
shift $(( $# > 2 ? 2 : $# ))
mvn -B -q $flags -DskipTests test-compile
mvn -B -q $flags dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$build/test-classpath.txt"
# a screen larger than the largest window shot (1400x900)
xvfb-run -a -s "-screen 0 1600x1000x24" \
  java -Xmx2g -Dprism.order=sw -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
       -cp "$build/test-classes:$build/classes:$(cat "$build/test-classpath.txt")" \
       org.ferworkbench.ui.tools.ScreenshotTool "$dataset" "$out" "$@"
ls -l "$out"
