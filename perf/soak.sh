#!/usr/bin/env bash
# The crash soak (not in CI): publishers and subscribers in separate processes, SIGKILLed at random and restarted,
# every message checked. Builds perf and the engine's test jar when missing or older than the sources, then runs:
#   perf/soak.sh --duration 300 [--publishers 3] [--subscribers 2] [--kill-interval-ms 400] [--stall-percent 20]
# Exit code 0: nothing lost, duplicated, reordered or corrupt. See docs/reliability.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/perf/target/ringline-perf-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/engine/src" "$here/transports/src/main" "$here/perf/src/main" \
        "$here/pom.xml" "$here"/*/pom.xml -newer "$jar" -print -quit)" ]; then
    echo "soak: building perf (first use or sources changed)..." >&2
    (cd "$here" && mvn -B -q -ntp -Dstyle.color=never -DskipTests package -pl perf -am) >&2
fi
exec java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -XX:+UseSerialGC -Xmx512m -cp "$jar:$here/perf/target/lib/*" io.ringline.perf.soak.Soak "$@"
