#!/usr/bin/env bash
# Backfiller throughput, two modes (MODE=disk is the default):
#
# MODE=disk: the job an operator runs. One `bin/wubloader backfiller --run-once` (a whole process:
# JVM start-up, class-data sharing archive when built, cold JIT) copies one hour of 2 s segments of
# 1 MiB (1,800 files) from one local restreamer (bin/wubloader restreamer) into an empty directory
# on the machine's disk (DEST_ROOT, default /var/tmp; tmpfs is refused), at download concurrency 5.
# Beside it, in the same run, onto the same disk:
#   curl             5 curl processes in parallel, 360 URLs each (one reused connection each)
#   curl+sha256sum   the same, then sha256sum of its files (5 in parallel): the verified floor
#   curl+openssl     the same, then openssl dgst -sha256 (uses the CPU's SHA instructions)
#   cp -r            of the peer's hour directory (no HTTP at all)
# The tools alternate (the order rotates each round) for ROUNDS rounds (default 3); best and
# median seconds per tool, and CPU seconds per GB of the tool and of the peer, are printed.
# Between two runs the destination is removed, then `sync` and a wait (at most 30 s) until the
# kernel's writeback queue is below 8 MB, so one run's writeback does not land on the next; then
# the clean page cache is dropped and what the tools read is read back in (forget_deletions, below,
# says why; DROP_CACHES=0 skips it). The source is in the page cache for every run (read before
# the first round and again after each drop): the peer serves from memory, as a live node's recent
# hours are.
#
# MODE=tmpfs: the earlier warm figure, kept as a secondary line; see below.
# MODE=tmpfs: one hour of 2 s segments of 1 MiB (1,800 files) copied from a local
# peer into an empty directory, at download concurrency 1, 5 and 20, against the transfer floor
# of fetching the same URLs with curl (xargs -P, same concurrency, batches of 60 URLs per curl
# process so connections are reused) in the same run.
#
# Each backfiller run is one --run-once over the measured hour and WARMUP_HOURS newer hours,
# newest first: the newer hours warm the JVM up (JIT, class loading: a cold JVM spends much of its
# first seconds compiling, and C2 was still busy during the second hour), the oldest hour is the
# one measured ("warm"), from the backfiller's own log timestamps. The whole run ("cold", all
# hours / their number, JVM start-up excluded) is printed too. curl fetches the same warm-up
# hours first and keeps them, so both tools write the measured hour with the same amount of
# tmpfs already in use.
# Destinations are on tmpfs (DEST_ROOT, default /dev/shm) for both tools: on this VM's disk the
# kernel's writeback and discard of the previous run's 1.8 GB made the results depend on run order.
# This VM also hands freed memory back to its host (virtio-balloon free page reporting), and the
# first write to a page the host took back costs the kernel up to three times more (writing
# 9.4 GB to tmpfs took 17.5 s of system time on such pages and 6.6 s on recycled ones). Which
# tool gets recycled pages is luck, so the tools alternate for ROUNDS rounds and each tool's
# best round is compared (the median is printed too).
#
#   MODE=tmpfs bench/backfiller/run.sh (env: CONCURRENCIES="1 5 20", SEGMENTS=1800, SEGMENT_KIB=1024,
#                                        ROUNDS=3, WARMUP_HOURS=2, PEER=auto|restreamer|nginx,
#                                        DEST_ROOT=/dev/shm, KEEP=1)
#
# The peer is the real restreamer (bin/wubloader restreamer) when it is built and answers the
# listing, else nginx serving the same JSON listings (static files) and segment files.
#
#   bench/backfiller/run.sh            (env: MODE=disk, ROUNDS=3, SEGMENTS=1800, SEGMENT_KIB=1024,
#                                        CONCURRENCY=5, DEST_ROOT=/var/tmp, KEEP=1,
#                                        TOOLS="curl curl+sha256sum curl+openssl cp backfiller",
#                                        DROP_CACHES=1 (0: keep the page cache between runs),
#                                        OTHER_TREES=DIR, for tools backfiller@NAME: DIR/NAME's build,
#                                        PORT=the peer's port (default: a free one), TMPDIR=/tmp)
# Build first (mvn -B -DskipTests package: it also makes the start-up archives); the disk mode
# builds backfiller and restreamer itself when their jars are missing.
# Loopback only; every step is bounded in time; everything is removed at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=${MODE:-disk}
case "$mode" in disk | tmpfs) ;; *) echo "MODE must be disk or tmpfs, not '$mode'" >&2; exit 2 ;; esac
if [ "$mode" = disk ]; then
  concurrencies=${CONCURRENCY:-5}
  warmup_hours=0
  peer_kind=restreamer
  default_dest=/var/tmp
else
  default_dest=/dev/shm
fi
concurrencies=${concurrencies:-${CONCURRENCIES:-"1 5 20"}}
segments=${SEGMENTS:-1800}
segment_kib=${SEGMENT_KIB:-1024}
peer_kind=${peer_kind:-${PEER:-auto}}
rounds=${ROUNDS:-3}
warmup_hours=${warmup_hours:-${WARMUP_HOURS:-2}}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-backfiller.XXXXXX")
dest_root=$(mktemp -d "${DEST_ROOT:-$default_dest}/bench-backfiller-dest.XXXXXX")
if [ "$mode" = disk ] && [ "$(stat -f -c %T "$dest_root")" = tmpfs ]; then
  echo "MODE=disk needs DEST_ROOT on a disk, and $dest_root is on tmpfs" >&2; rmdir "$dest_root"; exit 2
fi
. "$root/bench/lib.sh"  # free_port, median, stop_pids
pids=()

cleanup() {
  stop_pids
  rm -rf "$dest_root"
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

if [ "$mode" = tmpfs ]; then
# --- the backfiller's classpath: a fresh build of its own, so no other build is disturbed ---
bench_target=target-bfbench
jar="$root/backfiller/$bench_target/wubloader-backfiller.jar"
echo "building the backfiller into backfiller/$bench_target ..." >&2
(cd "$root" && timeout 600 mvn -B -ntp -q -o -pl backfiller -am -Dwubloader.target=$bench_target -DskipTests package) >&2
classpath="$jar:$root/backfiller/$bench_target/lib/*"

else
  # The whole process as operators run it: bin/wubloader and the build in target/ (with its archive).
  if [ ! -f "$root/backfiller/target/wubloader-backfiller.jar" ] || [ ! -f "$root/restreamer/target/wubloader-restreamer.jar" ]; then
    echo "building backfiller and restreamer ..." >&2
    (cd "$root" && timeout 900 mvn -B -ntp -q -o -pl backfiller,restreamer -am -DskipTests package) >&2
  fi
fi

# --- source data: one hour of segments with correct names (hash = SHA-256, URL-safe base64) ---
src="$work/peer"
hour=2019-11-13T02
warmup_hour=2019-11-13T03
echo "generating $segments segments of $segment_kib KiB per hour, $((warmup_hours > 0 ? warmup_hours + 1 : 1)) hour(s) ..." >&2
timeout 300 python3 - "$src" "$hour" "$warmup_hour" "$segments" "$segment_kib" "$warmup_hours" <<'PY'
import base64, hashlib, json, os, sys
src, hour, warmup, n, kib, extra = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]) - 1
block = os.urandom(kib * 1024)
j = os.path.join(src + "-json", "desertbus")
os.makedirs(os.path.join(j, "source"), exist_ok=True)
for k, h_name in enumerate((hour, warmup) if extra >= 0 else (hour,)):
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
# Further warm-up hours: hard links to the first one's files (same bytes, other hours), so the
# peer serves them from the page cache and the source tree stays small.
hours = [hour, warmup] if extra >= 0 else [hour]
base_hour = warmup[:-2]
for e in range(1, extra + 1):
    h_name = "%s%02d" % (base_hour, int(warmup[-2:]) + e)
    d, first = (os.path.join(src, "desertbus", "source", x) for x in (h_name, warmup))
    os.makedirs(d)
    names = sorted(os.listdir(first))
    for name in names:
        os.link(os.path.join(first, name), os.path.join(d, name))
    json.dump(names, open(os.path.join(j, "source", h_name + ".json"), "w"))
    with open(src + "-warmup-urls.txt", "a") as f:
        for name in names:
            f.write("desertbus/source/%s/%s\n" % (h_name, name))
    hours.append(h_name)
json.dump(hours, open(os.path.join(j, "source.json"), "w"))
PY
total_bytes=$((segments * segment_kib * 1024))

# --- the peer ---
port=${PORT:-$(free_port)}
peer_url="http://127.0.0.1:$port"
start_restreamer() {
  local rjar="$root/restreamer/target/wubloader-restreamer.jar"
  [ -f "$rjar" ] || return 1
  "$root/bin/wubloader" restreamer --base-dir "$src" --port "$port" >"$work/restreamer.log" 2>&1 &
  pids+=($!)
  peer_pid=$!
  for _ in $(seq 1 300); do
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
  peer_pid=$!
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

# Sets cpu_now to the CPU seconds (user + system) used so far by this shell's finished children,
# and user_now to the user part alone.
# `times` must run in this shell, not in a $(...) subshell (it would see that one's children).
cpu_mark() {
  times >"$work/times.txt"
  cpu_now=$(tail -1 "$work/times.txt" | awk '{for (i = 1; i <= 2; i++) {split($i, t, /[ms]/); s += t[1] * 60 + t[2]}} END {printf "%.2f", s}')
  user_now=$(tail -1 "$work/times.txt" | awk '{split($1, t, /[ms]/); printf "%.2f", t[1] * 60 + t[2]}')
}
# CPU seconds used so far by the peer (and its child processes, for nginx's workers), from /proc.
peer_cpu() {
  local p; for p in "$peer_pid" $(pgrep -P "$peer_pid"); do cat "/proc/$p/stat"; done 2>/dev/null |
    awk -v hz="$(getconf CLK_TCK)" '{s += $14 + $15} END {printf "%.2f", s / hz}'
}
# "tool peer" CPU seconds per GB of a whole run (all hours): args tool-before tool-after peer-before.
cpu_per_gb() {
  python3 -c "import sys; a, b, c, d = map(float, sys.argv[1:5]); g = $total_bytes * $((warmup_hours + 1)) / 1e9; print('%.2f %.2f' % ((b - a) / g, (d - c) / g))" \
    "$1" "$2" "$3" "$(peer_cpu)"
}

# One curl run: the warm-up hours (kept, one directory per hour as names repeat across hours),
# then the measured hour, timed; prints seconds.
curl_run() {
  local c=$1 out=$2 t0 t1 cpu0 peer0 measured
  cpu_mark; cpu0=$cpu_now; peer0=$(peer_cpu)
  mkdir -p "$out"
  for h in $(sed 's|^desertbus/source/\([^/]*\)/.*|\1|' "$src-warmup-urls.txt" | uniq); do
    mkdir -p "$out-warmup/$h"
    grep "/$h/" "$src-warmup-urls.txt" | sed "s|^|$peer_url/segments/|" |
      timeout 600 xargs -P "$c" -n 60 curl -sf --output-dir "$out-warmup/$h" --remote-name-all
  done
  t0=$(now)
  sed "s|^|$peer_url/segments/|" "$src-urls.txt" |
    timeout 600 xargs -P "$c" -n 60 curl -sf --output-dir "$out" --remote-name-all
  t1=$(now)
  got=$(find "$out" -type f | wc -l)
  [ "$got" = "$segments" ] || { echo "curl fetched $got of $segments" >&2; exit 1; }
  measured=$(secs "$t0" "$t1")
  cpu_mark
  cpu=$(cpu_per_gb "$cpu0" "$cpu_now" "$peer0")
  # The work curl left undone: hash what it fetched (same concurrency), as the backfiller must,
  # with OpenSSL (which uses the CPU's SHA instructions: 1.77 GB/s here; coreutils' sha256sum
  # does not, and would make this baseline several times slower).
  t0=$(now)
  (cd "$out" && ls | timeout 600 xargs -P "$c" -n 60 openssl dgst -sha256 >/dev/null)
  t1=$(now)
  rm -rf "$out" "$out-warmup"
  echo "$measured $cpu $(secs "$t0" "$t1")"
}

# One backfiller run (--run-once into an empty base dir); prints "warm-seconds cold-seconds".
backfiller_run() {
  local c=$1 dest=$2 log=$3 got cpu0 peer0 cpu
  cpu_mark; cpu0=$cpu_now; peer0=$(peer_cpu)
  mkdir -p "$dest"
  timeout 600 java ${JAVA_OPTS:-} -cp "$classpath" org.wubloader.backfiller.BackfillerMain desertbus \
    --base-dir "$dest" --static-nodes "$peer_url" --localhost bench --run-once --recent-cutoff 0 \
    --download-concurrency "$c" --metrics-port -1 --log-level INFO >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  cpu_mark
  cpu=$(cpu_per_gb "$cpu0" "$cpu_now" "$peer0")
  got=$(find "$dest/desertbus/source/$hour" -name '*-full-*.ts' | wc -l)
  [ "$got" = "$segments" ] || { echo "backfiller fetched $got of $segments" >&2; tail -20 "$log" >&2; exit 1; }
  rm -rf "$dest"
  (# From the backfiller's own log: warm = end of the hour before the measured one to the end of
  # the measured hour; cold = worker start to pass complete, per hour (JVM start-up excluded).
  python3 - "$log" "$hour" "$warmup_hour" "$((warmup_hours + 1))" <<'PY'
import sys, datetime
ts = lambda l: datetime.datetime.strptime(l[:23], "%Y-%m-%dT%H:%M:%S.%f")
log, hour, warmup, hours = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
start = end = warm_end = hour_end = None
for line in open(log):
    if "backfilling from" in line and start is None: start = ts(line)
    if "pass complete" in line: end = ts(line)
    if "/" + warmup + ": " in line and " missing" in line: warm_end = ts(line)
    if "/" + hour + ": " in line and " missing" in line: hour_end = ts(line)
print("%.3f %.3f" % ((hour_end - warm_end).total_seconds(), (end - start).total_seconds() / hours))
PY
  ) | tr '\n' ' '
  echo "$cpu"
}

best() { sort -g | head -1; }
div() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }


# ---------------------------------------------------------------- MODE=disk
# Waits until this run's writes are on the disk: `sync` (returns once the dirty pages of then are
# written), then until the kernel's writeback queue is below 8 MB (at most 30 s), so that one
# tool's writeback is not paid by the next. (Dirty pages are not waited on: on a shared machine
# other processes keep some dirty all the time.)
settle() {
  local i kb
  sync
  for ((i = 0; i < 300; i++)); do
    kb=$(awk '/^Writeback:/ {print $2}' /proc/meminfo)
    [ "$kb" -lt 8192 ] && break
    sleep 0.1
  done
  [ "$kb" -lt 8192 ] || echo "  (writeback still at $kb kB after 30 s; going on)" >&2
  forget_deletions
}

# On an ext4 without a journal (this VM's root), a new file skips every inode of its group freed
# in the last 60 s (360 s while the inode table is dirty) whose inode-table block is still cached,
# checking each one: the 1,800 files of a run made after the previous run's 1,800 were removed
# cost up to 0.5 ms each (perf: recently_deleted, 8-10 % of a run's samples; 1,800 empty files in
# 1.13 s, and 0.095 s once the block was no longer cached), paid by whichever tool came next. A
# real backfill does not follow a mass deletion. The check looks at cached inode-table blocks
# only, so after `sync` the clean page cache is dropped (DROP_CACHES=0 keeps it; root only), then
# what the tools read is read back in: the source hour (the peer serves it from memory, as a
# live node's recent hours are) and each tool's programs and jars. Files mapped by a running
# process (the peer's JVM) are not dropped.
forget_deletions() {
  [ "$mode" = disk ] && [ "${DROP_CACHES:-1}" = 1 ] && [ -w /proc/sys/vm/drop_caches ] || return 0
  echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || return 0
  cat "$src"/desertbus/source/*/* >/dev/null
  local warm=("$root"/bin/wubloader "$root"/backfiller/target/*.jar "$root"/backfiller/target/lib/*.jar
    "$root"/backfiller/target/cds/*.jsa)
  [ -n "${OTHER_TREES:-}" ] && warm+=("$OTHER_TREES"/*/backfiller/target/*.jar "$OTHER_TREES"/*/backfiller/target/lib/*.jar
    "$OTHER_TREES"/*/backfiller/target/cds/*.jsa)
  for f in curl sha256sum openssl cp xargs java; do warm+=("$(readlink -f "$(command -v "$f")")"); done
  cat "${warm[@]}" >/dev/null 2>&1 || true
}
# Runs one tool into an empty directory; appends "seconds tool-CPU-s/GB peer-CPU-s/GB" to its file.
disk_run() {
  local tool=$1 out="$dest_root/$1" t0 t1 cpu0 peer0 got
  rm -rf "$out"; settle
  mkdir -p "$out"
  cpu_mark; cpu0=$cpu_now; user0=$user_now; peer0=$(peer_cpu)
  t0=$(now)
  case "$tool" in
    curl | curl+sha256sum | curl+openssl)
      sed "s|^|$peer_url/segments/|" "$src-urls.txt" |
        timeout 600 xargs -P "$concurrencies" -n $(((segments + concurrencies - 1) / concurrencies)) \
          curl -sf --output-dir "$out" --remote-name-all
      case "$tool" in
        curl+sha256sum) (cd "$out" && ls | timeout 600 xargs -P "$concurrencies" -n 60 sha256sum >/dev/null) ;;
        curl+openssl) (cd "$out" && ls | timeout 600 xargs -P "$concurrencies" -n 60 openssl dgst -sha256 >/dev/null) ;;
      esac
      got=$(find "$out" -type f | wc -l) ;;
    cp)
      timeout 600 cp -r "$src/desertbus/source/$hour" "$out/"
      got=$(find "$out" -type f | wc -l) ;;
    backfiller | backfiller@*)
      launcher="$root/bin/wubloader"; [ "$tool" = backfiller ] || launcher="${OTHER_TREES:?backfiller@NAME needs OTHER_TREES}/${tool#backfiller@}/bin/wubloader"
      timeout 600 "$launcher" backfiller desertbus --base-dir "$out" --static-nodes "$peer_url" \
        --localhost bench --run-once --recent-cutoff 0 --download-concurrency "$concurrencies" --metrics-port -1 \
        >"$work/backfiller-$r.log" 2>&1 || { tail -20 "$work/backfiller-$r.log" >&2; exit 1; }
      got=$(find "$out/desertbus/source/$hour" -name '*-full-*.ts' | wc -l) ;;
  esac
  t1=$(now)
  cpu_mark
  [ "$got" = "$segments" ] || { echo "$tool wrote $got of $segments files" >&2; exit 1; }
  python3 -c "import sys; t0, t1, a, b, c, d, e, f = map(float, sys.argv[1:9]); g = $total_bytes / 1e9; print('%.3f %.2f %.2f %.2f' % (t1 - t0, (b - a) / g, (d - c) / g, (f - e) / g))" \
    "$t0" "$t1" "$cpu0" "$cpu_now" "$peer0" "$(peer_cpu)" "$user0" "$user_now" >>"$work/disk-$tool.txt"
  rm -rf "$out"
}

if [ "$mode" = disk ]; then
  # TOOLS picks a subset; backfiller@NAME is the backfiller built in the tree OTHER_TREES/NAME
  # (its bin/ and backfiller/target/, with its own archive), to compare a change with what it
  # changes in the same run.
  read -r -a tools <<<"${TOOLS:-curl curl+sha256sum curl+openssl cp backfiller}"
  for t in "${tools[@]}"; do : >"$work/disk-$t.txt"; done
  for r in $(seq "$rounds"); do
    # Rotate the order each round, so that no tool always runs first or right after another.
    order=("${tools[@]:$(((r - 1) % ${#tools[@]}))}" "${tools[@]:0:$(((r - 1) % ${#tools[@]}))}")
    for t in "${order[@]}"; do disk_run "$t"; done
    echo "  round $r: $(for t in "${tools[@]}"; do printf '%s %ss  ' "$t" "$(tail -1 "$work/disk-$t.txt" | cut -d' ' -f1)"; done)" >&2
  done
  settle
  col() { awk -v k="$2" '{print $k}' "$1"; }
  floor_best=$(col "$work/disk-curl+sha256sum.txt" 1 | best)
  floor_med=$(col "$work/disk-curl+sha256sum.txt" 1 | median)
  echo
  echo "one --run-once of one hour ($segments x $segment_kib KiB) onto $(df --output=source "$dest_root" | tail -1) ($(stat -f -c %T "$dest_root")), concurrency $concurrencies, $rounds alternating rounds"
  printf '%-16s %8s %9s %10s %12s %12s %14s %14s %14s\n' tool "best s" "median s" "best MB/s" "median MB/s" "best/floor" "tool CPU s/GB" "tool user s/GB" "peer CPU s/GB"
  for t in "${tools[@]}"; do
    b=$(col "$work/disk-$t.txt" 1 | best); m=$(col "$work/disk-$t.txt" 1 | median)
    printf '%-16s %8s %9s %10s %12s %12s %14s %14s %14s\n' "$t" "$b" "$m" "$(mbps "$b")" "$(mbps "$m")" \
      "$(div "$b" "$floor_best")" "$(col "$work/disk-$t.txt" 2 | median)" "$(col "$work/disk-$t.txt" 4 | median)" \
      "$(col "$work/disk-$t.txt" 3 | median)"
  done
  echo
  echo "floor = curl+sha256sum (fetch, then hash every file); target (issue 15): backfiller <= 0.85 x floor."
  echo "backfiller = bin/wubloader backfiller --run-once as a whole process: exec to exit, JVM start-up included;"
  echo "  it streams each body to a temp file while hashing it (SHA-256), verifies, publishes by hard link."
  echo "CPU s/GB = median user + system CPU seconds per GB written, of the tool (all its processes) and of the"
  echo "  peer serving it ($peer_name; 0 for cp, which reads the files itself). user s/GB = the user part:"
  echo "  system time of writing to the page cache varies with the state of this VM's memory, user time less."
  echo "Between runs: destination removed, sync, writeback queue waited below 8 MB."
  exit 0
fi

# ---------------------------------------------------------------- MODE=tmpfs
printf '\n%-12s %-10s %9s %10s %6s %9s %12s %10s %12s\n' concurrency tool "best s" "best MB/s" ratio "median s" "median MB/s" "cold MB/s" "CPU s/GB"
for c in $concurrencies; do
  : >"$work/curl-$c.txt"; : >"$work/bf-$c.txt"
  for r in $(seq "$rounds"); do
    sync
    curl_run "$c" "$dest_root/curl-$c" >>"$work/curl-$c.txt"
    sync
    backfiller_run "$c" "$dest_root/bf-$c" "$work/bf-$c-$r.log" >>"$work/bf-$c.txt"
  done
  col() { awk -v k="$2" '{print $k}' "$1"; }
  curl_best=$(col "$work/curl-$c.txt" 1 | best); curl_med=$(col "$work/curl-$c.txt" 1 | median)
  bf_best=$(col "$work/bf-$c.txt" 1 | best); bf_med=$(col "$work/bf-$c.txt" 1 | median)
  cold_med=$(col "$work/bf-$c.txt" 2 | median)
  curl_cpu="$(col "$work/curl-$c.txt" 2 | median) + peer $(col "$work/curl-$c.txt" 3 | median)"
  verified_best=$(awk '{print $1 + $4}' "$work/curl-$c.txt" | best)
  bf_cpu="$(col "$work/bf-$c.txt" 3 | median) + peer $(col "$work/bf-$c.txt" 4 | median)"
  printf '%-12s %-10s %9s %10s %6s %9s %12s %10s %12s\n' "$c" curl "$curl_best" "$(mbps "$curl_best")" "1.00" \
    "$curl_med" "$(mbps "$curl_med")" "-" "$curl_cpu"
  printf '%-12s %-10s %9s %10s %6s %9s %12s %10s %12s\n' "$c" backfiller "$bf_best" "$(mbps "$bf_best")" \
    "$(div "$curl_best" "$bf_best")" "$bf_med" "$(mbps "$bf_med") ($(div "$curl_med" "$bf_med"))" "$(mbps "$cold_med")" "$bf_cpu"
  printf '%-12s %-10s %9s %10s %6s\n' "$c" "curl+hash" "$verified_best" "$(mbps "$verified_best")" "$(div "$verified_best" "$bf_best")"
  echo "  rounds (s): curl $(col "$work/curl-$c.txt" 1 | tr '\n' ' ')| backfiller $(col "$work/bf-$c.txt" 1 | tr '\n' ' ')" >&2
done
echo
echo "ratio = backfiller best MB/s / curl best MB/s at the same concurrency over $rounds alternating rounds"
echo "(median ratio in parentheses); backfiller = warm JVM (the oldest of $((warmup_hours + 1)) hours of each run)."
echo "curl+hash = curl's time plus hashing its files afterwards (openssl dgst -sha256, same concurrency): the work the"
echo "backfiller does, done in two steps; its ratio is backfiller MB/s over it (> 1: the backfiller is faster)."
echo "CPU s/GB = median CPU seconds (user + system) per GB over each whole run (all hours, incl. JVM start-up"
echo "and JIT for the backfiller), of the tool itself + of the peer serving it."
echo "cold MB/s = median over rounds of all hours of a run / their number, i.e. including JIT warm-up."
echo "backfiller: streams to a temp file while hashing (SHA-256), verifies, publishes by hard link; curl: writes only."
echo "peer: $peer_name"
