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
java="$top/lib/runtime/bin/java"

# Class data sharing for the app's own classes (Java 17 cannot make the archive by itself): the first start of the
# desktop app records the classes it loads into a per-user archive when it exits; later starts map that archive and
# reach the first window about 0.7 s sooner. The archive's name changes with the installed version and class path.
# FER_WORKBENCH_CDS=off skips all of this.
quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/fer-workbench"
key=$(cksum < "$cfg" | cut -d' ' -f1)
jsa="$cache/classes-$key.jsa"
if [ "${FER_WORKBENCH_CDS:-on}" != off ] && [ -s "$jsa" ]; then
    # shellcheck disable=SC2086
    exec "$java" -XX:SharedArchiveFile="$jsa" $quiet $opts -cp "$cp" "$main" "$@"
fi
if [ "${FER_WORKBENCH_CDS:-on}" != off ] && [ $# -eq 0 ] && mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ]; then
    # the desktop app (no arguments): record into a temporary file, put it in place only when it is complete
    tmp="$jsa.$$.tmp"
    status=0
    # shellcheck disable=SC2086
    "$java" -XX:ArchiveClassesAtExit="$tmp" $quiet $opts -cp "$cp" "$main" || status=$?
    if [ -s "$tmp" ]; then mv -f "$tmp" "$jsa"; else rm -f "$tmp"; fi
    exit $status
fi
# shellcheck disable=SC2086
exec "$java" $opts -cp "$cp" "$main" "$@"
