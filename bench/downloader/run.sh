#!/usr/bin/env bash
# Downloader benchmark (loopback only, bounded to ~5 minutes).
#
# One downloader follows CHANNELS (20) twitch-style channels x 2 qualities from a local fake
# origin (BenchOrigin.java: fake GQL + usher, a new 1 MiB 2-second segment per stream every
# 2 s, real time). In the same run, a baseline of one bash+curl loop per stream fetches the
# same segment URLs. Reports, for both: segments missed, lag from a segment's appearance in
# its playlist to its final file on disk (p50/p99), and CPU seconds per GiB downloaded
# (downloader: /proc/PID/stat utime+stime; curl: getrusage of the loops via /usr/bin/time).
# Targets: no segment missed, downloader lag p99 <= 2.5 s, CPU/GiB <= 2x curl's.
#
# Env: DURATION (measured seconds, default 130), CHANNELS (default 20).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
DURATION=${DURATION:-130}
CHANNELS=${CHANNELS:-20}
work=$(mktemp -d /tmp/wubloader-bench-downloader.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the downloader (target-bench)..."
(cd "$root" && timeout 180 mvn -B -ntp -o -q -pl downloader -Dwubloader.target=target-bench -DskipTests package)
jar="$root/downloader/target-bench/wubloader-downloader.jar:$root/downloader/target-bench/lib/*"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
origin_seconds=$((DURATION + 25))
timeout $((origin_seconds + 30)) java -Xmx512m "$here/BenchOrigin.java" "$port" "$CHANNELS" "$work/origin.log" \
  "$origin_seconds" 2>"$work/origin.err" &
pids+=($!)
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/gql" -d '{}' && break
  sleep 0.2
done

channels=()
for ((c = 0; c < CHANNELS; c++)); do channels+=("$(printf 'ch%02d' "$c")"); done
# No timeout(1) wrapper: /proc/PID/stat must be the JVM's; the trap bounds it instead.
java -Xmx512m -cp "$jar" org.wubloader.downloader.DownloaderMain "${channels[@]}" \
  --qualities source,720p --base-dir "$work/dl" --metrics-port 0 --log-level WARN \
  --twitch-gql-url "http://127.0.0.1:$port/gql" --twitch-usher-url "http://127.0.0.1:$port/usher/" \
  >"$work/downloader.log" 2>&1 &
dl_pid=$!
pids+=($dl_pid)
/usr/bin/time -f '%U %S' -o "$work/curl.time" timeout $((DURATION + 30)) \
  bash "$here/curl-follow.sh" "$port" "$CHANNELS" "$work/curl" "$DURATION" &
curl_pid=$!
pids+=($curl_pid)
start_ns=$(date +%s%N)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleep 20
dl_cpu_warm=$(cpu_ticks "$dl_pid")
warm_ns=$(date +%s%N)
sleep $((DURATION - 20))
dl_cpu_end=$(cpu_ticks "$dl_pid")
end_ns=$(date +%s%N)
kill -TERM "$dl_pid"
wait "$dl_pid" || true
wait "$curl_pid" || true

python3 - "$work" "$start_ns" "$warm_ns" "$end_ns" "$dl_cpu_warm" "$dl_cpu_end" "$(getconf CLK_TCK)" <<'PY'
import os, re, sys, datetime
work, start_ns, warm_ns, end_ns, cpu_warm, cpu_end, tck = sys.argv[1], *map(int, sys.argv[2:])
appear = {}   # (stream, pdt_ms) -> appear_ns ; (stream, seq) -> appear_ns
by_seq = {}
for line in open(f"{work}/origin.log"):
    stream, seq, pdt, t = line.split()
    appear[(stream, int(pdt))] = (int(seq), int(t))
    by_seq[(stream, int(seq))] = int(t)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")

# Segments both clients had the chance to see: appeared 10 s after the start, 5 s before the end.
expected = {k for k, t in by_seq.items() if start_ns + 10e9 <= t <= end_ns - 5e9}

dl_lags, dl_bytes, dl_have, bad = [], 0, set(), 0
name_re = re.compile(r"(\d\d):(\d\d)\.(\d{6})-[0-9.]+-(\w+)-.*\.ts$")
for dirpath, _, files in os.walk(f"{work}/dl"):
    for f in files:
        m = name_re.match(f)
        if not m:
            continue
        if m.group(4) != "full":
            bad += 1
            continue
        parts = dirpath.split("/")
        stream = parts[-3] + "/" + parts[-2]
        hour = datetime.datetime.strptime(parts[-1], "%Y-%m-%dT%H").replace(tzinfo=datetime.timezone.utc)
        pdt_ms = int(hour.timestamp() * 1000) + int(m.group(1)) * 60000 + int(m.group(2)) * 1000 + int(m.group(3)) // 1000
        st = os.stat(os.path.join(dirpath, f))
        if (stream, pdt_ms) not in appear:
            continue
        seq, t = appear[(stream, pdt_ms)]
        dl_have.add((stream, seq))
        dl_bytes += st.st_size
        if (stream, seq) in expected:
            dl_lags.append((st.st_ctime_ns - t) / 1e9)

curl_lags, curl_bytes, curl_have = [], 0, set()
for dirpath, _, files in os.walk(f"{work}/curl"):
    parts = dirpath.split("/")
    for f in files:
        m = re.match(r"seg(\d+)\.ts$", f)
        if not m:
            continue
        stream, seq = parts[-2] + "/" + parts[-1], int(m.group(1))
        st = os.stat(os.path.join(dirpath, f))
        if st.st_size != 1 << 20:
            continue
        curl_have.add((stream, seq))
        curl_bytes += st.st_size
        if (stream, seq) in expected:
            curl_lags.append((st.st_ctime_ns - by_seq[(stream, seq)]) / 1e9)

ut, stime = map(float, open(f"{work}/curl.time").read().split()[-2:])
curl_cpu = ut + stime
dl_cpu = cpu_end / tck
dl_cpu_steady = (cpu_end - cpu_warm) / tck
gib = 1 << 30
dl_gib, curl_gib = dl_bytes / gib, curl_bytes / gib
steady_fraction = (end_ns - warm_ns) / (end_ns - start_ns)
print(f"streams: {len({s for s, _ in by_seq})}, measured {(end_ns - start_ns) / 1e9:.0f} s, expected segments: {len(expected)}")
print(f"{'':14}{'missed':>8}{'not full':>10}{'lag p50':>10}{'lag p99':>10}{'lag max':>10}{'GiB':>8}{'CPU s':>8}{'CPU s/GiB':>11}")
print(f"{'downloader':14}{len(expected - dl_have):>8}{bad:>10}{pct(dl_lags, 50):>10.3f}{pct(dl_lags, 99):>10.3f}"
      f"{max(dl_lags, default=float('nan')):>10.3f}{dl_gib:>8.2f}{dl_cpu:>8.1f}{dl_cpu / dl_gib:>11.2f}")
print(f"{'curl (bash)':14}{len(expected - curl_have):>8}{'-':>10}{pct(curl_lags, 50):>10.3f}{pct(curl_lags, 99):>10.3f}"
      f"{max(curl_lags, default=float('nan')):>10.3f}{curl_gib:>8.2f}{curl_cpu:>8.1f}{curl_cpu / curl_gib:>11.2f}")
print(f"downloader steady state (after 20 s warm-up): {dl_cpu_steady / (dl_gib * steady_fraction):.2f} CPU s/GiB")
print(f"ratio downloader/curl CPU per GiB: {(dl_cpu / dl_gib) / (curl_cpu / curl_gib):.2f} (target <= 2.0);"
      f" steady state {(dl_cpu_steady / (dl_gib * steady_fraction)) / (curl_cpu / curl_gib):.2f}")
print(f"targets: missed=0 {'OK' if not (expected - dl_have) else 'FAIL'}; "
      f"lag p99 <= 2.5 s {'OK' if pct(dl_lags, 99) <= 2.5 else 'FAIL'}; "
      f"CPU/GiB <= 2x curl {'OK' if (dl_cpu / dl_gib) <= 2 * (curl_cpu / curl_gib) else 'FAIL'}")
PY
