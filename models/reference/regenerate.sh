#!/bin/sh
# Regenerate src/test/resources/org/ferworkbench/core/facenet/faceapi_reference.json: face-api's own nets
# (npm @vladmandic/face-api 1.7.15 on TF.js 4.22.0's pure-JS CPU backend) on the photos of ../shared/data/faces.
# Usage, from anywhere (needs node >= 18 and npm, Maven, and the photos): sh models/reference/regenerate.sh
#
# 1. npm ci here (package-lock.json pins face-api and tfjs; node_modules is not committed);
# 2. ReferenceInputs (test scope) decodes each photo with the project's ImageCodec, finds the faces with the
#    project's MTCNN and writes raw RGB pixels and the boxes (the largest face of each photo) to a temporary folder;
# 3. reference.mjs runs face-api's pipeline on them and writes the JSON.
# FaceNetsReferenceTest compares the converted nets with it.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FACES=${FACES:-$ROOT/../shared/data/faces}
OUT=$ROOT/src/test/resources/org/ferworkbench/core/facenet/faceapi_reference.json

[ -d "$FACES" ] || { echo "no photos at $FACES" >&2; exit 1; }
[ -d "$HERE/node_modules/@vladmandic/face-api" ] || (cd "$HERE" && npm ci --no-audit --no-fund)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
java -cp "target/classes:target/test-classes:$(cat "$WORK/cp.txt")" -Dai.djl.offline=true \
    org.ferworkbench.core.facenet.ReferenceInputs "$FACES" "$WORK/inputs" --per-image 1 --max-faces 30
node "$HERE/reference.mjs" "$WORK/inputs" "$OUT"
