#!/usr/bin/env bash
# Fluidity of the desktop workbench on a large folder, under Xvfb: time from "open" to the first thumbnails on
# screen, how long the JavaFX thread is ever kept busy (pulse gaps, runLater probe delays, and the JavaFX thread's
# own CPU time per pulse), and the heap while the grid is scrolled top to bottom through every class, with the
# background check (read, hash, MTCNN) running. Needs a JDK 17, Maven and xvfb.
#
#   java -jar target/fer-workbench.jar benchmark make-dataset --fer2013 ../shared/data/fer2013_images.tar.gz \
#        --out /tmp/fer40k --size 128 --replicas 2 --classes angry,disgust,fear,happy,sad,surprise
#   docs/benchmark-ui.sh /tmp/fer40k [--no-faces] [--step-ms 50] [--classes N]
#
# The heap limit is 1.5 GB (-Xmx1536m): the run shows the workbench fits in it. JAVA_OPTS adds JVM options (e.g.
# -Dfer.startupLog=true to interleave the start-up milestones, or a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
# BUILD_DIR: build somewhere else than target/ (e.g. while other builds use the same work tree)
build=${BUILD_DIR:-target}
flags="${MVN_FLAGS:-} -Dbuild.dir=$(realpath -m "$build")"
dataset=${1:?usage: docs/benchmark-ui.sh <dataset-folder> [--no-faces] [--step-ms N] [--classes N]}
shift
mvn -B -q $flags -DskipTests test-compile
mvn -B -q $flags dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$build/test-classpath.txt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
xvfb-run -a -s "-screen 0 1280x800x24" \
  java -Xmx1536m -Dprism.order=sw ${JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
       -cp "$build/test-classes:$build/classes:$(cat "$build/test-classpath.txt")" \
       org.ferworkbench.ui.tools.UiBenchmark "$dataset" "$@" 2>&1 | grep -E '^\[(ui-benchmark|startup)\]'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
