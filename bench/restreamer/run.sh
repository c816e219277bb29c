#!/usr/bin/env bash
# Restreamer benchmarks, each figure beside its baseline measured in the same run:
#   1. 24 h media playlist (43,200 synthetic 2-s segments): cold, warm and 16 concurrent
#      identical requests, against the floor of fetching the same bytes as a static file
#      through /segments. "Cold" is the first request after a start: one sample per start,
#      so the restreamer is started COLD_RUNS times and the median is reported.
#   2. /segments throughput for 1 MiB segments with wrk, against nginx serving the same
#      directory (started here on 127.0.0.1 with its own temp config, stopped afterwards).
#   3. Rough cut of 30 minutes of 1 MiB segments, MB/s against `cat` of the same files.
#
# Builds nothing: run `mvn -B -DskipTests package` first. Needs curl, wrk, nginx, python3.
# Loopback only; every step is bounded in time; everything it creates is removed on exit.
#   usage: bench/restreamer/run.sh        (RUNS=15 WRK_SECONDS=10 COLD_RUNS=5 to change repetitions;
#          PARTS="playlist cut" to run only some of: playlist segments cut)
# The machine may be shared: run it as `flock /tmp/wubloader-bench.lock bench/restreamer/run.sh`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
RUNS=${RUNS:-15}
WRK_SECONDS=${WRK_SECONDS:-10}
COLD_RUNS=${COLD_RUNS:-5}
PARTS=${PARTS:-playlist segments cut}
part() { [[ " $PARTS " == *" $1 "* ]]; }
for tool in curl wrk nginx python3; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f "$root/restreamer/target/wubloader-restreamer.jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d /tmp/wubloader-bench-restreamer.XXXXXX)
chmod 755 "$work"
rs_pid=""
ng_pid=""
cleanup() {
  [ -n "$rs_pid" ] && kill "$rs_pid" 2>/dev/null && wait "$rs_pid" 2>/dev/null
  [ -n "$ng_pid" ] && kill "$ng_pid" 2>/dev/null && wait "$ng_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$root/bench/lib.sh"  # free_port, median, ratio
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
fetch() { timeout 120 curl -sf -o "${2:-/dev/null}" -w '%{time_total}\n' "http://127.0.0.1:$rs_port$1"; }

start_restreamer() {
  rs_port=$(free_port)
  timeout 1200 "$root/bin/wubloader" restreamer --base-dir "$work/base" --host 127.0.0.1 --port "$rs_port" "$@" \
    > "$work/restreamer.log" 2>&1 &
  rs_pid=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$rs_port/healthz" && return 0
    sleep 0.1
  done
  echo "restreamer did not start:" >&2
  cat "$work/restreamer.log" >&2
  exit 1
}
stop_restreamer() { kill "$rs_pid"; wait "$rs_pid" 2>/dev/null || true; rs_pid=""; }

# 16 requests at once; prints the wall time until the last one finished.
burst() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq 16); do timeout 120 curl -sf -o /dev/null "http://127.0.0.1:$rs_port$1" & done
  wait
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
metric() { curl -sf "http://127.0.0.1:$rs_port/metrics" | awk -v n="$1" '$1 == n {print $2}'; }

echo "generating synthetic trees in $work ..."
if part playlist; then
  python3 "$here/gen_tree.py" "$work/base" desertbus source 2019-11-13T00 86400 188 > "$work/day.txt"
fi
if part segments || part cut; then
  python3 "$here/gen_tree.py" "$work/base" desertbus big 2019-11-13T05 1800 1048576 > "$work/big.txt"
fi
mkdir -p "$work/base/static"
DAY="/playlist/desertbus/source.m3u8?start=2019-11-13T00:00:00&end=2019-11-14T00:00:00"

# ---- 1. playlists
if part playlist; then
echo "1/3 playlists ..."
start_restreamer --prewarm-hours 0
cold_unwarmed=$(fetch "$DAY" "$work/base/static/day.m3u8")
stop_restreamer
playlist_bytes=$(wc -c < "$work/base/static/day.m3u8")

# The first request after each of COLD_RUNS starts, once the prewarm is over (or has given up);
# the last start stays up for the warm figures.
for run in $(seq "$COLD_RUNS"); do
  [ -n "$rs_pid" ] && stop_restreamer
  start_restreamer
  for _ in $(seq 1200); do grep -q "Prewarm done\|Prewarm stopped" "$work/restreamer.log" && break; sleep 0.1; done
  grep -q "Prewarm done" "$work/restreamer.log" || { echo "prewarm did not finish:" >&2; tail -5 "$work/restreamer.log" >&2; }
  fetch "$DAY" >> "$work/cold.txt"
done
cold=$(median < "$work/cold.txt")
cold_samples=$(sort -g "$work/cold.txt" | awk '{printf "%s%.1f", (NR > 1 ? " " : ""), $1 * 1000}')
warm=$(for _ in $(seq "$RUNS"); do fetch "$DAY"; done | median)
floor=$(for _ in $(seq "$RUNS"); do fetch /segments/static/day.m3u8; done | median)
# A fresh range per burst, so each burst is one real computation shared by 16 requests.
before=$(metric playlist_computations_total)
burst_playlist=$(for i in $(seq 5); do burst "${DAY/2019-11-14T00:00:00/2019-11-13T23:59:5$i}"; done | median)
after=$(metric playlist_computations_total)
burst_static=$(for _ in $(seq 5); do burst /segments/static/day.m3u8; done | median)
uncached=$(for i in $(seq 5); do fetch "${DAY/2019-11-14T00:00:00/2019-11-13T23:58:5$i}"; done | median)
computations=$(awk -v a="$before" -v b="$after" 'BEGIN {print b - a}')
stop_restreamer
fi

# ---- 2. /segments throughput, restreamer vs nginx
if part segments || part cut; then
sed 's/:/%3A/g; s|^|/segments/|' "$work/big.txt" > "$work/paths.txt"
cat > "$work/paths.lua" <<LUA
local paths = {}
for line in io.lines("$work/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
cat "$work/base/desertbus/big"/*/* > /dev/null # page cache
ng_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
user root;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$ng_port;
    location /segments/ { alias $work/base/; }
  }
}
CONF
timeout 600 "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
ng_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$ng_port$(head -1 "$work/paths.txt")" && break; sleep 0.1; done
start_restreamer --prewarm-hours 0
fi
if part segments; then
echo "2/3 /segments throughput (wrk, ${WRK_SECONDS}s each) ..."
wrk_rate() { # prints MB/s and requests/s
  timeout $((WRK_SECONDS + 30)) wrk -t2 -c16 -d"${WRK_SECONDS}s" -s "$work/paths.lua" "http://127.0.0.1:$1" \
    | awk '/Requests\/sec/ {r=$2} /Transfer\/sec/ {t=$2; if (t ~ /GB/) v=t*1024; else if (t ~ /MB/) v=t+0; else v=t/1024} END {printf "%.0f %.0f\n", v, r}'
}
wrk_rate "$rs_port" > /dev/null # JIT warm-up
# Alternate three rounds and keep each server's best: the machine is shared, and a burst of
# someone else's load should not decide the ratio.
best() { sort -k1,1 -g | tail -1; }
for _ in 1 2 3; do
  wrk_rate "$rs_port" >> "$work/wrk-rs.txt"
  wrk_rate "$ng_port" >> "$work/wrk-ng.txt"
done
read -r rs_mbs rs_rps < <(best < "$work/wrk-rs.txt")
read -r ng_mbs ng_rps < <(best < "$work/wrk-ng.txt")
fi
# ---- 3. rough cut of 30 minutes vs cat
if part cut; then
echo "3/3 rough cut of 30 minutes ..."
CUT="/cut/desertbus/big.ts?type=rough&start=2019-11-13T05:00:00&end=2019-11-13T05:30:00"
files=("$work/base/desertbus/big"/*/*)
cut_bytes=$(timeout 120 curl -sf -o /dev/null -w '%{size_download}' "http://127.0.0.1:$rs_port$CUT")
cut_s=$(for _ in 1 2 3 4 5; do fetch "$CUT"; done | median)
# Three `cat` baselines. `cat FILES > /dev/null` only reads: /dev/null's write discards the bytes
# without touching them, so it is page-cache read speed, and never delivers a byte to anyone.
# The cut must deliver every byte to another process (curl, over TCP). `cat FILES | cat >
# /dev/null` does that (the bytes are copied into a pipe and out again by the consumer) and is
# the baseline the >= 0.7 target is judged on; the others are kept for reference.
# `cat FILES > clip.ts` against `curl -o clip.ts` (below) compares saving the clip as a file:
# measured, it is limited by curl's own writes (curl -o wrote 856 MB/s where curl -o /dev/null
# took 2,115 MB/s of the same cut), so it says more about curl than about the restreamer.
timed() { local s e; s=$(date +%s.%N); timeout 120 bash -c "$1" _ "${files[@]}"; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'; }
cat_s=$(for _ in 1 2 3 4 5; do timed 'cat "$@" > /dev/null'; done | median)
pipe_s=$(for _ in 1 2 3 4 5; do timed 'cat "$@" | cat > /dev/null'; done | median)
# What an operator does with either: save the clip as a file. `curl -o clip.ts CUT-URL` against
# `cat FILES > clip.ts`, both writing a new file in the same directory, alternated so both see
# the same page-cache and memory state (on this VM, writes to memory the host took back cost up
# to three times more, so which one runs after a pause is luck).
for _ in 1 2 3 4 5; do
  rm -f "$work/clip.ts"; timed 'cat "$@" > "'"$work"'/clip.ts"' >> "$work/cat-file.txt"
  rm -f "$work/clip.ts"; fetch "$CUT" "$work/clip.ts" >> "$work/cut-file.txt"
done
rm -f "$work/clip.ts"
cat_file_s=$(median < "$work/cat-file.txt")
cut_file_s=$(median < "$work/cut-file.txt")
cat_bytes=$(cat "${files[@]}" | wc -c)
# Context: the same bytes as one file sent by nginx with sendfile, i.e. what one loopback TCP
# connection carries here at best.
cat "${files[@]}" > "$work/base/static/big.ts"
ng_s=$(for _ in 1 2 3; do timeout 120 curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$ng_port/segments/static/big.ts"; done | median)
rm -f "$work/base/static/big.ts"
ng_cut_mbs=$(awk -v b="$cat_bytes" -v s="$ng_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
cut_mbs=$(awk -v b="$cut_bytes" -v s="$cut_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
cat_mbs=$(awk -v b="$cat_bytes" -v s="$cat_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
pipe_mbs=$(awk -v b="$cat_bytes" -v s="$pipe_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
cat_file_mbs=$(awk -v b="$cat_bytes" -v s="$cat_file_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
cut_file_mbs=$(awk -v b="$cut_bytes" -v s="$cut_file_s" 'BEGIN {printf "%.0f", b / s / 1048576}')
fi
[ -n "$rs_pid" ] && stop_restreamer
[ -n "$ng_pid" ] && { kill "$ng_pid"; wait "$ng_pid" 2>/dev/null || true; ng_pid=""; }

echo
echo "restreamer benchmarks ($(nproc) CPUs, medians; parts: $PARTS)"
printf '%-52s %14s %14s %7s %s\n' "measurement" "restreamer" "baseline" "ratio" "(target)"
if part playlist; then
echo "24h playlist: $((playlist_bytes / 1024)) KiB, 43,200 segments"
printf '%-52s %14s %14s %7s %s\n' "24h playlist warm (vs static file via /segments)" "$(ms "$warm")" "$(ms "$floor")" "$(ratio "$warm" "$floor")" "(<= 2)"
printf '%-52s %14s %14s %7s %s\n' "24h playlist cold after prewarm, median of $COLD_RUNS starts" "$(ms "$cold")" "$(ms "$floor")" "$(ratio "$cold" "$floor")" "(<= 4)"
echo "  (cold samples, ms, sorted: $cold_samples)"
printf '%-52s %14s %14s %7s %s\n' "24h playlist cold, --prewarm-hours 0" "$(ms "$cold_unwarmed")" "$(ms "$floor")" "$(ratio "$cold_unwarmed" "$floor")" ""
printf '%-52s %14s %14s %7s %s\n' "24h playlist uncached render (new range each time)" "$(ms "$uncached")" "$(ms "$floor")" "$(ratio "$uncached" "$floor")" ""
printf '%-52s %14s %14s %7s %s\n' "16 concurrent identical, wall ($computations computations/80 req)" "$(ms "$burst_playlist")" "$(ms "$burst_static")" "$(ratio "$burst_playlist" "$burst_static")" ""
fi
if part segments; then
printf '%-52s %14s %14s %7s %s\n' "/segments 1 MiB, wrk -c16 MB/s (vs nginx)" "$rs_mbs" "$ng_mbs" "$(ratio "$rs_mbs" "$ng_mbs")" "(>= 0.8)"
printf '%-52s %14s %14s %7s %s\n' "/segments 1 MiB, wrk -c16 requests/s (vs nginx)" "$rs_rps" "$ng_rps" "$(ratio "$rs_rps" "$ng_rps")" ""
fi
if part cut; then
printf '%-52s %14s %14s %7s %s\n' "rough cut 30 min (900 MiB) MB/s (vs cat | cat)" "$cut_mbs" "$pipe_mbs" "$(ratio "$cut_mbs" "$pipe_mbs")" "(>= 0.7)"
printf '%-52s %14s %14s %7s %s\n' "rough cut saved by curl -o (vs cat > file)" "$cut_file_mbs" "$cat_file_mbs" "$(ratio "$cut_file_mbs" "$cat_file_mbs")" ""
printf '%-52s %14s %14s %7s %s\n' "rough cut MB/s (vs cat >/dev/null, reads only)" "$cut_mbs" "$cat_mbs" "$(ratio "$cut_mbs" "$cat_mbs")" ""
printf '%-52s %14s %14s %7s %s\n' "rough cut MB/s (vs nginx sendfile, same bytes, 1 file)" "$cut_mbs" "$ng_cut_mbs" "$(ratio "$cut_mbs" "$ng_cut_mbs")" ""
fi
