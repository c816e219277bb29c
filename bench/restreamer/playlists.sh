#!/usr/bin/env bash
# Many large playlists at once (issue 11 item 9): one restreamer on a synthetic 25 h tree
# (43,200+ 2-s segments), N concurrent clients each fetching a distinct 24 h media playlist
# (about 7.6 MB), every SLOW_EVERY-th of them at SLOW_RATE, while /metrics is scraped every
# 100 ms. Prints the restreamer's peak RSS during the load and SETTLE s after it, the /metrics
# latency during the load (median, p99, max), the 200 / 503 / other responses, the longest GC
# pause (from -Xlog:gc) and Vert.x's blocked-thread warnings.
#
# The floor, measured in the same run on a freshly started restreamer: the same N clients
# fetching a static file of the same size through /segments (sendfile; no rendering).
#
#   usage: bench/restreamer/playlists.sh
#     N=400 SLOW_EVERY=4 SLOW_RATE=1M SETTLE=30 ROUNDS=1   to change the load
#     JAVA_OPTS="-Xmx512m"                                 passed to the restreamer
#     OPTIONS="--playlist-renderings 32"                   extra restreamer options
#     ROOT=/path/to/other/checkout                         measure another build (its bin/wubloader)
#     TREE=/tmp/tree                                       reuse (or keep) the generated tree
#     SCRAPE=metrics-port                                  scrape a second --metrics-port, not the API port
#     KEEP=1                                               keep the logs (GC, restreamer, scrapes)
# Builds nothing: run `mvn -B -DskipTests package` first. Needs curl (7.66+) and python3.
# Loopback only; every step is bounded in time; what it creates is removed on exit (but TREE).
# The machine may be shared: run it as `flock /tmp/wubloader-bench.lock bench/restreamer/playlists.sh`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${ROOT:-$(cd "$here/../.." && pwd)}
N=${N:-400}
SLOW_EVERY=${SLOW_EVERY:-4}
SLOW_RATE=${SLOW_RATE:-1M}
SETTLE=${SETTLE:-30}
ROUNDS=${ROUNDS:-1}
OPTIONS=${OPTIONS:-}
for tool in curl python3; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
[ -f "$root/restreamer/target/wubloader-restreamer.jar" ] || { echo "build first: mvn -B -DskipTests package (in $root)" >&2; exit 1; }
[ "$N" -le 1800 ] || { echo "N is at most 1800 (distinct ranges in a 25 h tree)" >&2; exit 1; }

work=$(mktemp -d /tmp/wubloader-bench-playlists.XXXXXX)
rs_pid=""
cleanup() {
  [ -n "$rs_pid" ] && kill "$rs_pid" 2>/dev/null && wait "$rs_pid" 2>/dev/null
  jobs -p | xargs -r kill 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "logs kept in $work" >&2; rm -rf "$work/tree"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}'; }

tree=${TREE:-$work/tree}
if [ ! -d "$tree/desertbus/source" ]; then
  echo "generating a 25 h tree in $tree ..."
  python3 "$here/gen_tree.py" "$tree" desertbus source 2019-11-13T00 90000 188 > /dev/null
fi
mkdir -p "$tree/static"

start_restreamer() { # $1: log name
  rs_port=$(free_port)
  scrape_port=$rs_port
  local extra=()
  if [ "${SCRAPE:-}" = metrics-port ]; then scrape_port=$(free_port); extra=(--metrics-port "$scrape_port"); fi
  # shellcheck disable=SC2086 # OPTIONS is a list of options
  JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$work/$1.gc.log" timeout 1800 "$root/bin/wubloader" restreamer \
    --base-dir "$tree" --host 127.0.0.1 --port "$rs_port" --access-log false "${extra[@]}" $OPTIONS > "$work/$1.log" 2>&1 &
  rs_pid=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$rs_port/healthz" && break
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$rs_port/healthz" || { echo "restreamer did not start:" >&2; cat "$work/$1.log" >&2; exit 1; }
  java_pid=$(ps -o pid= --ppid "$rs_pid" | tr -d ' ' | head -1) # timeout's child: bin/wubloader execs java
  for _ in $(seq 1200); do grep -q "Prewarm done\|Prewarm stopped" "$work/$1.log" && break; sleep 0.1; done
}
stop_restreamer() { kill "$rs_pid"; wait "$rs_pid" 2>/dev/null || true; rs_pid=""; }

# The i-th client's 24 h range: starting 2·i s after the tree's start.
range() {
  python3 - "$1" "$N" <<'PY'
import datetime, sys
first, n = int(sys.argv[1]), int(sys.argv[2])
t0 = datetime.datetime(2019, 11, 13)
for i in range(n):
    s = t0 + datetime.timedelta(seconds=2 * (first + i))
    e = s + datetime.timedelta(hours=24)
    print("start=%s&end=%s" % (s.strftime("%Y-%m-%dT%H:%M:%S"), e.strftime("%Y-%m-%dT%H:%M:%S")))
PY
}

# One load: N clients on $1 ("playlist" = distinct ranges, "static" = the same-size file).
# Writes $work/$name.{codes,scrapes,rss} and prints "wall_s peak_kib settled_kib".
load() {
  local kind=$1 name=$2 offset=$3
  : > "$work/$name.fast.cfg"; : > "$work/$name.slow.cfg"
  local i=0
  while read -r query; do
    local url
    if [ "$kind" = playlist ]; then url="http://127.0.0.1:$rs_port/playlist/desertbus/source.m3u8?$query"
    else url="http://127.0.0.1:$rs_port/segments/static/day.m3u8"; fi
    local cfg=$work/$name.fast.cfg
    [ $((i % SLOW_EVERY)) -eq 0 ] && cfg=$work/$name.slow.cfg
    printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >> "$cfg"
    i=$((i + 1))
  done < <(range "$offset")
  : > "$work/$name.scrapes"; : > "$work/$name.rss"
  touch "$work/$name.running"
  ( while [ -f "$work/$name.running" ]; do
      rss_kib "$java_pid" >> "$work/$name.rss"; sleep 0.1
    done ) &
  local sampler=$!
  ( while [ -f "$work/$name.running" ]; do
      curl -s -o /dev/null --max-time 10 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$scrape_port/metrics" >> "$work/$name.scrapes" || true
      sleep 0.1
    done ) &
  local scraper=$!
  local t0 t1
  t0=$(date +%s.%N)
  local common=(--parallel --parallel-immediate --parallel-max "$N" -s --no-progress-meter --max-time 600 -w '%{http_code}\n')
  timeout 900 curl "${common[@]}" -K "$work/$name.fast.cfg" >> "$work/$name.codes" 2> /dev/null &
  local fast=$!
  local slow=""
  if [ -s "$work/$name.slow.cfg" ]; then
    timeout 900 curl "${common[@]}" --limit-rate "$SLOW_RATE" -K "$work/$name.slow.cfg" >> "$work/$name.codes" 2> /dev/null &
    slow=$!
  fi
  wait "$fast" || true
  [ -n "$slow" ] && { wait "$slow" || true; }
  t1=$(date +%s.%N)
  rm -f "$work/$name.running"
  wait "$sampler" "$scraper" 2>/dev/null || true
  local peak
  peak=$(sort -n "$work/$name.rss" | tail -1)
  curl -s --max-time 10 "http://127.0.0.1:$rs_port/metrics" > "$work/$name.final.metrics" || true
  sleep "$SETTLE"
  awk -v a="$t0" -v b="$t1" -v p="$peak" -v s="$(rss_kib "$java_pid")" 'BEGIN {printf "%.1f %d %d\n", b - a, p, s}'
}

summary() { # $1: name, $2: "wall peak settled"
  local name=$1 wall peak settled
  read -r wall peak settled <<< "$2"
  local ok busy other
  ok=$(grep -c '^200$' "$work/$name.codes" || true)
  busy=$(grep -c '^503$' "$work/$name.codes" || true)
  other=$(grep -vc '^200$\|^503$' "$work/$name.codes" || true)
  local scr
  scr=$(awk '$1 == 200 {print $2 * 1000}' "$work/$name.scrapes" | sort -g | awk '
    {v[NR] = $1} END {if (NR) printf "%d scrapes, median %.0f ms, p99 %.0f ms, max %.0f ms", NR, v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)], v[NR]; else printf "no scrapes"}')
  local failed_scrapes
  failed_scrapes=$(awk '$1 != 200' "$work/$name.scrapes" | wc -l)
  local gc
  gc=$(grep -h 'Pause' "$work/$name.gc.log" 2>/dev/null | awk '{ms = $NF; sub("ms", "", ms); n++; if (ms + 0 > m) m = ms + 0; if (ms + 0 > 100) slow++} END {printf "%d GC pauses, longest %.0f ms, %d over 100 ms", n, m, slow}')
  local blocked
  blocked=$(grep -c 'has been blocked' "$work/$name.log" || true)
  # The server's own view of the scrapes (from reading the request to the last byte written):
  # if it is fast while curl's is slow, the time went before the request was read.
  local server_side
  server_side=$(awk '
    /^http_request_latency_metrics_bucket/ && /le="0.1"/ {split($0, a, " "); b1 += a[2]}
    /^http_request_latency_metrics_bucket/ && /le="0.2"/ {split($0, a, " "); b2 += a[2]}
    /^http_request_latency_metrics_bucket/ && /le="0.5"/ {split($0, a, " "); b5 += a[2]}
    /^http_request_latency_metrics_count/ {split($0, a, " "); n += a[2]}
    END {printf "server side: %d scrapes, %d over 100 ms, %d over 200 ms, %d over 500 ms", n, n - b1, n - b2, n - b5}' "$work/$name.final.metrics")
  printf '%-9s wall %6.1f s  RSS peak %9s  %ss after %9s  200: %4d  503: %4d  other: %3d\n' \
    "$name" "$wall" "$(mib "$peak")" "$SETTLE" "$(mib "$settled")" "$ok" "$busy" "$other"
  printf '          /metrics: %s; %d failed or over 10 s; %s\n' "$scr" "$failed_scrapes" "$server_side"
  printf '          %s; %d blocked-thread warnings; OutOfMemoryError in log: %s\n' "$gc" "$blocked" \
    "$(grep -q OutOfMemoryError "$work/$name.log" && echo yes || echo no)"
}

# The static file: a 24 h playlist's bytes, so the floor moves as many.
start_restreamer warm
curl -sf -o "$tree/static/day.m3u8" "http://127.0.0.1:$rs_port/playlist/desertbus/source.m3u8?start=2019-11-13T00:00:00&end=2019-11-14T00:00:00"
stop_restreamer
bytes=$(wc -c < "$tree/static/day.m3u8")

echo "$N clients (every $SLOW_EVERY-th at $SLOW_RATE/s), 24 h playlists of $((bytes / 1024)) KiB; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "restreamer: $root; JAVA_OPTS=${JAVA_OPTS:-} OPTIONS=$OPTIONS"
for round in $(seq "$ROUNDS"); do
  # Alternating, each on a fresh process: a floor, then the playlists (distinct ranges per round).
  start_restreamer "static$round"
  result=$(load static "static$round" 0)
  stop_restreamer
  summary "static$round" "$result"
  start_restreamer "playlist$round"
  result=$(load playlist "playlist$round" $(((round - 1) * N % (1800 - N + 1))))
  stop_restreamer
  summary "playlist$round" "$result"
done
