#!/bin/sh
# FER Workbench launcher for Linux packages: starts the bundled Java runtime with the options and class path that
# jpackage wrote into lib/app/<name>.cfg. It replaces jpackage's native launcher, which asks `dpkg -S` and `rpm -qf`
# which package owns it on every start (about half a second here, before Java even starts).
set -eu
bin=$(dirname "$(readlink -f "$0")")
top=$(dirname "$bin")
name=$(basename "$0")
app="$top/lib/app"
cfg="$app/$name.cfg"
[ -f "$cfg" ] || cfg=$(ls "$app"/*.cfg | head -n 1)
main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
cp=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
# one option per line; $APPDIR stands for lib/app (no option contains a space)
opts=$(sed -n 's/^java-options=//p' "$cfg" | sed "s|\$APPDIR|$app|g")
# shellcheck disable=SC2086
exec "$top/lib/runtime/bin/java" $opts -cp "$cp" "$main" "$@"
