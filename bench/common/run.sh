#!/usr/bin/env bash
# Benchmarks of common's hot paths (issue: foundation). Needs: mvn -B -DskipTests package
#   bench/common/run.sh            full run (~2 min)
# Prints JMH's table, then the figures the foundation issue asks for, as ratios.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="${BENCH_JAR:-$root/bench/target/benchmarks.jar}"
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
timeout 900 java -jar "$jar" 'org.wubloader.bench.common.*' -rf json -rff "$out/result.json" "$@"
python3 - "$out/result.json" <<'PY'
import json, sys
r = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(open(sys.argv[1]))}
ms = lambda k: r[k]["score"]
print()
print("parse 43,200 names:        %8.2f ms/op  -> %.2f M names/s" % (ms("parse"), 43200 / ms("parse") / 1000))
print("  java.time baseline:      %8.2f ms/op  -> %.2f M names/s  (ours %.1fx faster)" % (ms("javaTime"), 43200 / ms("javaTime") / 1000, ms("javaTime") / ms("parse")))
print("listing floor (24 dirs):   %8.2f ms/op" % ms("listingFloor"))
print("best segments 24 h cold:   %8.2f ms/op  = %.2fx the listing floor (target <= 2x)" % (ms("cold"), ms("cold") / ms("listingFloor")))
print("best segments 24 h warm:   %8.3f ms/op  = cold / %.0f (target >= 20x faster than cold)" % (ms("warm"), ms("cold") / ms("warm")))
PY
