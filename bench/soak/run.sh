#!/usr/bin/env bash
# Soak: the services run together for a while under steady work, and their resources must stay
# flat (issue 11). Node A downloads a live HLS stream from a local ffmpeg origin and serves it
# with its restreamer; node B backfills from A and serves with its own restreamer; node C
# backfills from A and B. Meanwhile playlist clients poll open-ended and ranged playlists on A and
# B, and a cut client cuts the last seconds from A (rough and fast) and drops one cut midway.
#
# Every SAMPLE seconds, for each service: RSS, threads and open file descriptors (/proc/PID) and
# direct memory: the jvm_buffer_memory_used_bytes{id="direct"} metric and, from
# `jcmd PID VM.native_memory summary` (the JVMs run with -XX:NativeMemoryTracking=summary), the
# committed "Other" category, where NIO and Netty direct buffers are counted; for the restreamers
# also playlist_render_cache_bytes (direct memory that fills up to --playlist-cache-mib by design). Prints a table over
# time and each service's first and last sample, and at the end the downloaded and backfilled
# segment counts and the clients' error counts.
#
#   bench/soak/run.sh [--minutes N] [--sample SECONDS]     (default 30 minutes, a sample every 30 s)
#   env: PORT_BASE=25000 uses ports PORT_BASE..PORT_BASE+5 instead of free ones; KEEP=1 keeps the work dir
#
# Loopback only; every loop is bounded by the run's end time; only processes it started are stopped.
set -euo pipefail

minutes=30
sample=30
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "soak: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case "$minutes$sample" in *[!0-9]*) echo "soak: --minutes and --sample take whole numbers" >&2; exit 2 ;; esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/soak.XXXXXX)
. "$root/bench/lib.sh"  # stop_pids
pids=()
cleanup() {
  stop_pids
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "work dir kept: $work" >&2; fi
}
trap cleanup EXIT

# Ports: PORT_BASE.. in order, else free ones (all seven at once, so none is handed out twice).
if [ -n "${PORT_BASE:-}" ]; then
  read -r origin_port ra rb dm bm cm <<<"$(seq "$PORT_BASE" $((PORT_BASE + 5)) | tr '\n' ' ')"
else
  read -r origin_port ra rb dm bm cm <<<"$(python3 -c '
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')"
fi

# --- build into a target directory of its own, so no other build is disturbed ---
target=target-soak
echo "building downloader, restreamer and backfiller into */$target ..." >&2
(cd "$root" && timeout 900 mvn -B -ntp -q -o -pl downloader,restreamer,backfiller -am -Dwubloader.target=$target -DskipTests package) >&2
started_pid=
run_service() { # MODULE MAIN LOG ARGS...  (sets started_pid; not in a subshell, so pids keeps it)
  local module=$1 main=$2 log=$3; shift 3
  java -Xmx512m -XX:NativeMemoryTracking=summary -cp "$root/$module/$target/wubloader-$module.jar:$root/$module/$target/lib/*" \
    "$main" "$@" >"$log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
}
wait_http() { # URL
  for _ in $(seq 1 120); do curl -fs -o /dev/null --max-time 2 "$1" && return 0; sleep 0.5; done
  echo "soak: $1 did not answer" >&2; exit 1
}

# --- the origin: ffmpeg's HLS muxer, live, served over loopback ---
mkdir -p "$work/origin"
ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i "testsrc2=size=640x360:rate=25" -f lavfi -i "sine=frequency=440" \
  -c:v libx264 -preset ultrafast -g 50 -c:a aac -f hls -hls_time 2 -hls_list_size 10 \
  -hls_flags delete_segments+program_date_time "$work/origin/live.m3u8" >"$work/ffmpeg.log" 2>&1 &
pids+=($!)
(cd "$work/origin" && exec python3 -m http.server "$origin_port" --bind 127.0.0.1) >"$work/origin.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$origin_port/live.m3u8"

# --- node A: downloader + restreamer; B: backfiller + restreamer; C: backfiller ---
mkdir -p "$work/a" "$work/b" "$work/c"
run_service downloader org.wubloader.downloader.DownloaderMain "$work/downloader.log" \
  "soak!:url:http://127.0.0.1:$origin_port/live.m3u8" --base-dir "$work/a" --metrics-port "$dm"
pid_downloader=$started_pid
run_service restreamer org.wubloader.restreamer.RestreamerMain "$work/restreamer-a.log" \
  --base-dir "$work/a" --host 127.0.0.1 --port "$ra" --prewarm-hours 0
pid_restreamer_a=$started_pid
run_service restreamer org.wubloader.restreamer.RestreamerMain "$work/restreamer-b.log" \
  --base-dir "$work/b" --host 127.0.0.1 --port "$rb" --prewarm-hours 0
pid_restreamer_b=$started_pid
wait_http "http://127.0.0.1:$ra/healthz"
wait_http "http://127.0.0.1:$rb/healthz"
run_service backfiller org.wubloader.backfiller.BackfillerMain "$work/backfiller-b.log" \
  soak --base-dir "$work/b" --metrics-port "$bm" --static-nodes "http://127.0.0.1:$ra" --pass-interval 10 --recent-cutoff 10
pid_backfiller_b=$started_pid
run_service backfiller org.wubloader.backfiller.BackfillerMain "$work/backfiller-c.log" \
  soak --base-dir "$work/c" --metrics-port "$cm" --static-nodes "http://127.0.0.1:$ra,http://127.0.0.1:$rb" \
  --pass-interval 10 --recent-cutoff 10
pid_backfiller_c=$started_pid
wait_http "http://127.0.0.1:$dm/metrics"

end=$(( $(date +%s) + minutes * 60 ))
services="downloader:$pid_downloader:$dm restreamer-a:$pid_restreamer_a:$ra restreamer-b:$pid_restreamer_b:$rb backfiller-b:$pid_backfiller_b:$bm backfiller-c:$pid_backfiller_c:$cm"

# --- clients, each bounded by the end time ---
playlist_client() {
  local errors=0 requests=0
  while [ "$(date +%s)" -lt "$end" ]; do
    for url in "http://127.0.0.1:$ra/playlist/soak/source.m3u8" "http://127.0.0.1:$rb/playlist/soak/source.m3u8" \
        "http://127.0.0.1:$ra/playlist/soak.m3u8" \
        "http://127.0.0.1:$ra/playlist/soak/source.m3u8?start=$(date -u -d '-5 min' +%Y-%m-%dT%H:%M:%S)&end=$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%S)"; do
      requests=$((requests + 1))
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url" || echo 000)
      case "$code" in 200|404) ;; *) errors=$((errors + 1)) ;; esac
    done
    sleep 2
  done
  echo "playlist client: $requests requests, $errors not 200/404" >"$work/playlist-client.txt"
}
cut_client() {
  local errors=0 requests=0 aborted=0
  while [ "$(date +%s)" -lt "$end" ]; do
    from=$(date -u -d '-40 sec' +%Y-%m-%dT%H:%M:%S); to=$(date -u -d '-30 sec' +%Y-%m-%dT%H:%M:%S)
    for type in rough fast; do
      requests=$((requests + 1))
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "http://127.0.0.1:$ra/cut/soak/source.ts?type=$type&start=$from&end=$to&allow_holes=true" || echo 000)
      case "$code" in 200|406) ;; *) errors=$((errors + 1)) ;; esac
    done
    # A client that goes away midway through a cut.
    curl -s -o /dev/null --max-time 60 --max-filesize 1 "http://127.0.0.1:$ra/cut/soak/source.ts?type=fast&start=$from&end=$to&allow_holes=true" || true
    aborted=$((aborted + 1))
    sleep 10
  done
  echo "cut client: $requests cuts, $errors not 200/406, $aborted aborted" >"$work/cut-client.txt"
}
playlist_client & playlist_pid=$!; pids+=("$playlist_pid")
cut_client & cut_pid=$!; pids+=("$cut_pid")

# --- sampling ---
metric() { # PORT NAME-AND-LABELS
  { curl -s --max-time 5 "http://127.0.0.1:$1/metrics" || true; } | awk -v m="$2" 'index($0, m) == 1 { v += $NF } END { printf "%d", v }'
}
nmt_other_kib() { # PID
  { jcmd "$1" VM.native_memory summary 2>/dev/null || true; } | awk '/^-  *Other \(/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { gsub(/[^0-9]/, "", $i); print $i; exit } }'
}
samples="$work/samples.tsv"
printf 'elapsed_s\tservice\trss_mib\tthreads\tfds\tdirect_metric_mib\tnmt_other_mib\trender_cache_mib\n' >"$samples"
started=$(date +%s)
take_sample() {
  local now=$(( $(date +%s) - started ))
  for entry in $services; do
    IFS=: read -r name pid mport <<<"$entry"
    if [ ! -d "/proc/$pid" ]; then printf '%s\t%s\tDEAD\n' "$now" "$name" >>"$samples"; continue; fi
    rss=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    fds=$({ find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null || true; } | wc -l)
    direct=$(metric "$mport" 'jvm_buffer_memory_used_bytes{id="direct"')
    other=$(nmt_other_kib "$pid")
    # The restreamer's render cache is direct memory too, bounded by --playlist-cache-mib: the
    # direct column minus this one is what must stay flat.
    cache=$(metric "$mport" 'playlist_render_cache_bytes ')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$now" "$name" "$rss" "$threads" "$fds" "$((direct / 1048576))" "$(( ${other:-0} / 1024 ))" "$((cache / 1048576))" >>"$samples"
  done
}
echo "soak: $minutes min, a sample every $sample s; work dir $work" >&2
while [ "$(date +%s)" -lt "$end" ]; do
  take_sample
  tail -n 5 "$samples" | column -t >&2
  sleep "$sample"
done
take_sample
wait "$playlist_pid" "$cut_pid" 2>/dev/null || true

echo
echo "== every sample =="
column -t "$samples"
echo
echo "== first and last sample per service =="
printf '%-14s %-6s %8s %8s %6s %12s %10s %12s\n' service when rss_mib threads fds direct_mib nmt_other render_cache
for entry in $services; do
  name=${entry%%:*}
  for which in first last; do
    if [ $which = first ]; then line=$(awk -v n="$name" '$2 == n' "$samples" | head -n1); else line=$(awk -v n="$name" '$2 == n' "$samples" | tail -n1); fi
    awk -v w=$which '{ printf "%-14s %-6s %8s %8s %6s %12s %10s %12s\n", $2, w, $3, $4, $5, $6, $7, $8 }' <<<"$line"
  done
done
echo
count() { find "$1" -name '*.ts' ! -name '*-temp-*' 2>/dev/null | wc -l; }
echo "segments: downloaded on A $(count "$work/a"), backfilled to B $(count "$work/b"), to C $(count "$work/c")"
cat "$work/playlist-client.txt" "$work/cut-client.txt" 2>/dev/null || true
echo "errors logged: downloader $(grep -c ' ERROR ' "$work/downloader.log" || true)," \
  "restreamers $(cat "$work"/restreamer-*.log | grep -c ' ERROR ' || true)," \
  "backfillers $(cat "$work"/backfiller-*.log | grep -c ' ERROR ' || true)"
