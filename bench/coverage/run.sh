#!/usr/bin/env bash
# segment-coverage pass speed and memory on the tree of a whole event: 7 days x 1,800 segments per
# hour (302,400 files, 168 hour directories), against the floor of just listing those 168
# directories in the same run.
#
#   floor     : find QUALITY -mindepth 2 -maxdepth 2, and ls -f over all hour dirs (one process
#               each, getdents over every hour, no stat, no sort); the faster is the floor
#   full pass : every hour's listing changed (all hour directories re-stamped), so every hour is
#               listed, parsed and analysed again; the map PNG and JSON are written as always
#   re-pass   : nothing changed since the previous pass
#   RSS       : the service's peak resident set (VmHWM) after all rounds
#
# The service runs as deployed (bin/wubloader's classpath, --check-interval 1) and its own log
# gives each pass's time; floor and passes alternate for ROUNDS rounds (best and median shown).
# Page cache and dentries are warm for both (the tree was just written, and is re-read each
# round). Files are empty: a pass reads names and never contents.
#
#   bench/coverage/run.sh      (env: DAYS=7, ROUNDS=5, KEEP=1, JAVA_OPTS)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
days=${DAYS:-7}
rounds=${ROUNDS:-5}
work=$(mktemp -d /tmp/bench-coverage.XXXXXX)
pid=

cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

. "$root/bench/lib.sh"  # free_port

bench_target=target-covbench
echo "building segment-coverage into segment-coverage/$bench_target ..." >&2
(cd "$root" && timeout 600 mvn -B -ntp -q -o -pl segment-coverage -am -Dwubloader.target=$bench_target -DskipTests package) >&2
classpath="$root/segment-coverage/$bench_target/wubloader-segment-coverage.jar:$root/segment-coverage/$bench_target/lib/*"

quality="$work/base/desertbus/source"
echo "generating $days days x 1,800 segments ..." >&2
timeout 600 python3 - "$quality" "$days" <<'PY'
import datetime, os, sys
quality, days = sys.argv[1], int(sys.argv[2])
start = datetime.datetime(2019, 11, 13, 0, tzinfo=datetime.timezone.utc)
hash_ = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
for h in range(days * 24):
    d = os.path.join(quality, (start + datetime.timedelta(hours=h)).strftime("%Y-%m-%dT%H"))
    os.makedirs(d)
    for i in range(1800):
        s = i * 2
        open(os.path.join(d, "%02d:%02d.000000-2.0-full-%s.ts" % (s // 60, s % 60, hash_)), "w").close()
PY
files=$(find "$quality" -mindepth 2 -maxdepth 2 | wc -l)
echo "tree: $files files in $(ls "$quality" | wc -l) hour directories" >&2

log="$work/coverage.log"
port=$(free_port)
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$classpath" org.wubloader.coverage.SegmentCoverageMain desertbus \
  --base-dir "$work/base" --check-interval 1 --metrics-port "$port" >"$log" 2>&1 &
pid=$!

passes() { grep -c 'pass done in' "$log" || true; }
# Passes that analysed N hours: "pass done in MS ms (N hours analysed)".
passes_with() { grep -c "pass done in [0-9]* ms ($1 hours analysed)" "$log" || true; }
last_ms_with() { grep "pass done in [0-9]* ms ($1 hours analysed)" "$log" | tail -n1 | sed -E 's/.*pass done in ([0-9]+) ms.*/\1/'; }
wait_for() { # wait until "passes_with $1" reaches $2 (bounded)
  for _ in $(seq 1 1200); do
    [ "$(passes_with "$1")" -ge "$2" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "segment-coverage died:" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for a pass analysing $1 hours" >&2; tail -n 5 "$log" >&2; exit 1
}
ms_now() { date +%s%3N; }

hours=$(ls "$quality" | wc -l)
wait_for "$hours" 1 # the cold first pass (JIT warm-up, class loading): not measured
wait_for 0 1
floor=(); lsf=(); full=(); repass=()
for r in $(seq 1 "$rounds"); do
  t0=$(ms_now); find "$quality" -mindepth 2 -maxdepth 2 >/dev/null; t1=$(ms_now)
  (cd "$quality" && ls -f -- * >/dev/null); t2=$(ms_now)
  floor+=($((t1 - t0))); lsf+=($((t2 - t1)))
  # Re-stamp every hour an hour into the past, a different second each round: every listing
  # "changed" (and the stamp is old enough to be trusted afterwards), so the next pass that
  # starts analyses all of them; a pass already running may see only some (not measured).
  nfull=$(passes_with "$hours"); nzero=$(passes_with 0)
  touch -d "@$(( $(date +%s) - 3600 - r ))" "$quality"/*/
  wait_for "$hours" $((nfull + 1))
  full+=("$(last_ms_with "$hours")")
  wait_for 0 $((nzero + 1))
  nzero=$(passes_with 0)
  wait_for 0 $((nzero + 1)) # a whole pass after the full one
  repass+=("$(last_ms_with 0)")
done
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "best %d ms, median %d ms", a[1], a[int((NR+1)/2)]}'; }
best() { printf '%s\n' "$@" | sort -n | head -n1; }
echo
echo "segment-coverage pass over $files files ($days days x 24 hours x 1,800), $rounds rounds, $(nproc) CPUs"
echo "  floor, find over the hour dirs: $(stats "${floor[@]}")   [${floor[*]}]"
echo "  floor, ls -f over the hour dirs: $(stats "${lsf[@]}")   [${lsf[*]}]"
echo "  full pass (every hour changed):  $(stats "${full[@]}")   [${full[*]}]"
echo "  unchanged re-pass:               $(stats "${repass[@]}")   [${repass[*]}]"
bf=$(best "${floor[@]}" "${lsf[@]}"); bp=$(best "${full[@]}"); br=$(best "${repass[@]}")
awk -v f="$bf" -v p="$bp" -v r="$br" 'BEGIN {
  printf "  full pass / best floor:   %.2fx (target <= 2x)\n", p / (f > 0 ? f : 1);
  printf "  re-pass / full pass: %.1f%% (target <= 5%%)\n", 100 * r / (p > 0 ? p : 1) }'
echo "  RSS: peak $((hwm_kb / 1024)) MiB, now $((rss_kb / 1024)) MiB (target < 300 MB)"
