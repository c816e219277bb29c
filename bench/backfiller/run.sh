#!/usr/bin/env bash
# Backfiller throughput: one hour of 2 s segments of 1 MiB (1,800 files) copied from a local
# peer into an empty directory, at download concurrency 1, 5 and 20, against the transfer floor
# of fetching the same URLs with curl (xargs -P, same concurrency, batches of 60 URLs per curl
# process so connections are reused) in the same run.
#
# Each backfiller run is one --run-once over two hours, newest first: the newer hour warms the
# JVM up (JIT, class loading: a cold JVM spends much of its first seconds compiling), the older
# hour is the one measured ("warm"), from the backfiller's own log timestamps. The whole run
# ("cold", both hours / 2, JVM start-up excluded) is printed too.
# Destinations are on tmpfs (DEST_ROOT, default /dev/shm) for both tools: on this VM's disk the
# kernel's writeback and discard of the previous run's 1.8 GB made the results depend on run order.
#
#   bench/backfiller/run.sh            (env: CONCURRENCIES="1 5 20", SEGMENTS=1800, SEGMENT_KIB=1024,
#                                        PEER=auto|restreamer|nginx, DEST_ROOT=/dev/shm, KEEP=1)
#
# The peer is the real restreamer (bin/wubloader restreamer) when it is built and answers the
# listing, else nginx serving the same JSON listings (static files) and segment files.
# Loopback only; every step is bounded in time; everything is removed at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
concurrencies=${CONCURRENCIES:-"1 5 20"}
segments=${SEGMENTS:-1800}
segment_kib=${SEGMENT_KIB:-1024}
peer_kind=${PEER:-auto}
work=$(mktemp -d /tmp/bench-backfiller.XXXXXX)
dest_root=$(mktemp -d "${DEST_ROOT:-/dev/shm}/bench-backfiller-dest.XXXXXX")
pids=()

cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$dest_root"
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- the backfiller's classpath: a fresh build of its own, so no other build is disturbed ---
bench_target=target-bfbench
jar="$root/backfiller/$bench_target/wubloader-backfiller.jar"
echo "building the backfiller into backfiller/$bench_target ..." >&2
(cd "$root" && timeout 600 mvn -B -ntp -q -o -pl backfiller -Dwubloader.target=$bench_target -DskipTests package) >&2
classpath="$jar:$root/backfiller/$bench_target/lib/*"

# --- source data: one hour of segments with correct names (hash = SHA-256, URL-safe base64) ---
src="$work/peer"
hour=2019-11-13T02
warmup_hour=2019-11-13T03
echo "generating 2 x $segments segments of $segment_kib KiB ..." >&2
timeout 300 python3 - "$src" "$hour" "$warmup_hour" "$segments" "$segment_kib" <<'PY'
import base64, hashlib, json, os, sys
src, hour, warmup, n, kib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
block = os.urandom(kib * 1024)
j = os.path.join(src + "-json", "desertbus")
os.makedirs(os.path.join(j, "source"), exist_ok=True)
for k, h_name in enumerate((hour, warmup)):
    d = os.path.join(src, "desertbus", "source", h_name)
    os.makedirs(d, exist_ok=True)
    names = []
    for i in range(n):
        data = (k * n + i).to_bytes(8, "big") + block[8:]
        h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")
        secs = i * 2
        name = "%02d:%02d.000000-2.0-full-%s.ts" % (secs // 60 % 60, secs % 60, h)
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        names.append(name)
    names.sort()
    # Static listings for nginx: /files/desertbus/source -> json/desertbus/source.json, etc.
    json.dump(names, open(os.path.join(j, "source", h_name + ".json"), "w"))
    with open(src + ("-urls.txt" if h_name == hour else "-warmup-urls.txt"), "w") as f:
        for name in names:
            f.write("desertbus/source/%s/%s\n" % (h_name, name))
json.dump([hour, warmup], open(os.path.join(j, "source.json"), "w"))
PY
total_bytes=$((segments * segment_kib * 1024))

# --- the peer ---
port=$(free_port)
peer_url="http://127.0.0.1:$port"
start_restreamer() {
  local rjar="$root/restreamer/target/wubloader-restreamer.jar"
  [ -f "$rjar" ] || return 1
  "$root/bin/wubloader" restreamer --base-dir "$src" --port "$port" >"$work/restreamer.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -sf "$peer_url/files/desertbus/source/$hour?tombstones=true" -o /dev/null; then return 0; fi
    sleep 0.1
  done
  kill "${pids[-1]}" 2>/dev/null || true
  return 1
}
start_nginx() {
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
daemon off;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { video/MP2T ts; application/json json; }
  server {
    listen 127.0.0.1:$port;
    location /files/ { rewrite ^/files/(.*)\$ /\$1.json break; root $src-json; }
    location /segments/ { alias $src/; }
  }
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  pids+=($!)
  for _ in $(seq 1 50); do
    if curl -sf "$peer_url/files/desertbus/source" -o /dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nginx did not start" >&2
  cat "$work/nginx/logs/error.log" >&2
  return 1
}
peer_name=""
if [ "$peer_kind" != nginx ] && start_restreamer; then
  peer_name="restreamer (bin/wubloader restreamer)"
elif [ "$peer_kind" != restreamer ]; then
  start_nginx
  peer_name="nginx $(nginx -v 2>&1 | sed 's/.*\///') with static JSON listings"
else
  echo "restreamer not available" >&2
  exit 1
fi
echo "peer: $peer_name at $peer_url" >&2

# Warm the page cache so the first measured run is not the one reading from disk.
cat "$src"/desertbus/source/*/* >/dev/null

mbps() { python3 -c "import sys; print('%.1f' % ($total_bytes / 1e6 / float(sys.argv[1])))" "$1"; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

printf '\n%-12s %-10s %10s %10s %8s %12s %10s\n' concurrency tool seconds MB/s ratio "cold s/hour" "cold MB/s"
for c in $concurrencies; do
  # curl floor
  sync
  out="$dest_root/curl-$c"; mkdir -p "$out" "$out-warmup"
  # Like the backfiller's run, curl first fetches the warm-up hour and keeps it, so both tools
  # write the measured hour while the warm-up hour's 1.9 GB still sits on tmpfs: new tmpfs pages
  # cost far more than just-freed ones, and only one tool paying that skewed the ratio.
  sed "s|^|$peer_url/segments/|" "$src-warmup-urls.txt" |
    timeout 600 xargs -P "$c" -n 60 curl -sf --output-dir "$out-warmup" --remote-name-all
  t0=$(now)
  sed "s|^|$peer_url/segments/|" "$src-urls.txt" |
    timeout 600 xargs -P "$c" -n 60 curl -sf --output-dir "$out" --remote-name-all
  t1=$(now)
  curl_s=$(secs "$t0" "$t1")
  got=$(find "$out" -type f | wc -l)
  [ "$got" = "$segments" ] || { echo "curl fetched $got of $segments" >&2; exit 1; }
  rm -rf "$out" "$out-warmup"

  # backfiller, one --run-once into an empty base dir
  sync
  dest="$dest_root/bf-$c"; mkdir -p "$dest"
  log="$work/bf-$c.log"
  timeout 600 java ${JAVA_OPTS:-} -cp "$classpath" org.wubloader.backfiller.BackfillerMain desertbus \
    --base-dir "$dest" --static-nodes "$peer_url" --localhost bench --run-once --recent-cutoff 0 \
    --download-concurrency "$c" --metrics-port -1 --log-level INFO >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  got=$(find "$dest/desertbus/source/$hour" -name '*-full-*.ts' | wc -l)
  [ "$got" = "$segments" ] || { echo "backfiller fetched $got of $segments" >&2; tail -20 "$log" >&2; exit 1; }
  # From the backfiller's own log: warm = end of the warm-up hour to end of the measured hour;
  # cold = worker start to pass complete, per hour (JVM start-up excluded either way).
  read -r bf_s cold_s < <(python3 - "$log" "$hour" "$warmup_hour" <<'PY'
import sys, datetime
ts = lambda l: datetime.datetime.strptime(l[:23], "%Y-%m-%dT%H:%M:%S.%f")
log, hour, warmup = sys.argv[1:4]
start = end = warm_end = hour_end = None
for line in open(log):
    if "backfilling from" in line and start is None: start = ts(line)
    if "pass complete" in line: end = ts(line)
    if "/" + warmup + ": " in line and " missing" in line: warm_end = ts(line)
    if "/" + hour + ": " in line and " missing" in line: hour_end = ts(line)
print("%.3f %.3f" % ((hour_end - warm_end).total_seconds(), (end - start).total_seconds() / 2))
PY
)
  rm -rf "$dest"
  ratio=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$curl_s" "$bf_s")
  cold_ratio=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$curl_s" "$cold_s")
  printf '%-12s %-10s %10s %10s %8s %12s %10s\n' "$c" curl "$curl_s" "$(mbps "$curl_s")" "1.00" "-" "-"
  printf '%-12s %-10s %10s %10s %8s %12s %10s\n' "$c" backfiller "$bf_s" "$(mbps "$bf_s")" "$ratio" "$cold_s" "$(mbps "$cold_s") ($cold_ratio)"
done
echo
echo "ratio = backfiller MB/s / curl MB/s at the same concurrency; backfiller = warm JVM (second hour of the run)."
echo "cold = both hours of the run / 2, i.e. including JIT warm-up (ratio to curl in parentheses)."
echo "backfiller: streams to a temp file while hashing (SHA-256), verifies, publishes by hard link; curl: writes only."
echo "peer: $peer_name"
