#!/usr/bin/env bash
# Editor endpoint benchmarks, each beside the same ffmpeg command run by hand on the same files
# in the same run (alternating rounds, medians):
#   1. GET /waveform of 10 minutes at 1024x64   vs  cat SEGMENTS | ffmpeg … showwavespic …
#   2. GET /frame                               vs  ffmpeg -i SEGMENT -ss OFFSET … one PNG
#   3. GET /cut type=mpegts, two 30 s ranges joined by a 1 s fade
#                                               vs  the one ffmpeg filter graph (xfade + acrossfade)
# Test media: 10 minutes of 1280x720 25 fps H.264 + AAC, 2 s segments, made here by ffmpeg.
#
# Builds nothing: run `mvn -B -DskipTests package` first. Needs curl, ffmpeg, python3.
# Loopback only; bounded in time; everything it creates is removed on exit.
#   usage: bench/restreamer/editor.sh        (RUNS=5 to change the repetitions)
# The machine may be shared: run it as `flock /tmp/wubloader-bench.lock bench/restreamer/editor.sh`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
RUNS=${RUNS:-5}
for tool in curl ffmpeg python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[ -f "$root/restreamer/target/wubloader-restreamer.jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d /tmp/wubloader-bench-editor.XXXXXX)
rs_pid=""
cleanup() {
  [ -n "$rs_pid" ] && kill "$rs_pid" 2>/dev/null && wait "$rs_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$root/bench/lib.sh"  # free_port, median, ratio
ms() { awk -v s="$1" 'BEGIN {printf "%.0f ms", s * 1000}'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {print b - a}'; }

echo "making 10 minutes of 720p test media in $work ..."
mkdir -p "$work/media"
timeout 900 ffmpeg -hide_banner -loglevel error -nostdin \
  -f lavfi -i testsrc=size=1280x720:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 600 \
  -c:v libx264 -preset ultrafast -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 128k \
  -f segment -segment_time 2 -segment_format mpegts "$work/media/s%04d.ts"
# named as the downloader names them (docs/storage.md §2.1), 2019-11-13T02:00:00 onwards
python3 - "$work/media" "$work/base/desertbus/source" > "$work/files.txt" <<'PY'
import base64, datetime, hashlib, os, sys
media, out = sys.argv[1:3]
t0 = datetime.datetime(2019, 11, 13, 2)
for i, name in enumerate(sorted(os.listdir(media))):
    t = t0 + datetime.timedelta(seconds=2 * i)
    body = open(os.path.join(media, name), "rb").read()
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode().rstrip("=")
    path = os.path.join(out, t.strftime("%Y-%m-%dT%H"), "%s-2.0-full-%s.ts" % (t.strftime("%M:%S.%f"), digest))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.rename(os.path.join(media, name), path)
    print(path)
PY
mapfile -t files < "$work/files.txt"
echo "${#files[@]} segments"

rs_port=$(free_port)
timeout 1800 "$root/bin/wubloader" restreamer --base-dir "$work/base" --host 127.0.0.1 --port "$rs_port" \
  --prewarm-hours 0 > "$work/restreamer.log" 2>&1 &
rs_pid=$!
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$rs_port/healthz" && break
  sleep 0.1
done
fetch() { timeout 300 curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$rs_port$1"; }

wave_url="/waveform/desertbus/source.png?start=2019-11-13T02:00:00&end=2019-11-13T02:10:00&size=1024x64"
frame_url="/frame/desertbus/source.png?timestamp=2019-11-13T02:05:01.5"
cut_url="/cut/desertbus/source.ts?type=mpegts&range=2019-11-13T02:01:00,2019-11-13T02:01:30&range=2019-11-13T02:05:00,2019-11-13T02:05:30&transition=fade,1"

wave_by_hand() {
  cat "${files[@]}" | ffmpeg -hide_banner -loglevel error -nostdin -i pipe:0 \
    -filter_complex "[0:a:0]showwavespic=size=1024x64:colors=black:scale=sqrt[w]" -map "[w]" -frames:v 1 \
    -f image2 -c:v png pipe:1 > /dev/null
}
# 02:05:01.5 lies 1.5 s into segment 150
frame_by_hand() {
  ffmpeg -hide_banner -loglevel error -nostdin -i "${files[150]}" -ss 1.5 -map 0:v:0 -frames:v 1 \
    -f image2 -c:v png pipe:1 > /dev/null
}
concat_of() { local IFS='|'; echo "concat:$*"; }
cut_by_hand() {
  ffmpeg -hide_banner -loglevel error -nostdin \
    -t 30 -i "$(concat_of "${files[@]:30:15}")" -t 30 -i "$(concat_of "${files[@]:150:15}")" \
    -filter_complex "[0:v:0]setpts=PTS-STARTPTS,settb=AVTB[v0];[0:a:0]asetpts=PTS-STARTPTS[a0];[1:v:0]setpts=PTS-STARTPTS,settb=AVTB[v1];[1:a:0]asetpts=PTS-STARTPTS[a1];[v0][v1]xfade=transition=fade:duration=1:offset=29[jv1];[a0][a1]acrossfade=d=1[ja1];[jv1]null[vout];[ja1]anull[aout]" \
    -map "[vout]" -map "[aout]" -c:v libx264 -preset ultrafast -crf 0 -c:a aac -b:a 192k -f mpegts pipe:1 > /dev/null
}
by_hand() { local t; t=$(now); "$1"; since "$t"; }

# one warm-up each (page cache, JIT), then alternating rounds
fetch "$wave_url" > /dev/null; wave_by_hand; fetch "$frame_url" > /dev/null; frame_by_hand
fetch "$cut_url" > /dev/null; cut_by_hand
: > "$work/w.rs"; : > "$work/w.ff"; : > "$work/f.rs"; : > "$work/f.ff"; : > "$work/c.rs"; : > "$work/c.ff"
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then
    fetch "$wave_url" >> "$work/w.rs"; by_hand wave_by_hand >> "$work/w.ff"
    fetch "$frame_url" >> "$work/f.rs"; by_hand frame_by_hand >> "$work/f.ff"
    fetch "$cut_url" >> "$work/c.rs"; by_hand cut_by_hand >> "$work/c.ff"
  else
    by_hand wave_by_hand >> "$work/w.ff"; fetch "$wave_url" >> "$work/w.rs"
    by_hand frame_by_hand >> "$work/f.ff"; fetch "$frame_url" >> "$work/f.rs"
    by_hand cut_by_hand >> "$work/c.ff"; fetch "$cut_url" >> "$work/c.rs"
  fi
done

report() {
  local rs ff
  rs=$(median < "$work/$2.rs"); ff=$(median < "$work/$2.ff")
  printf '%-48s restreamer %9s   by hand %9s   ratio %s (target <= 2)\n' "$1" "$(ms "$rs")" "$(ms "$ff")" "$(ratio "$rs" "$ff")"
}
echo "medians of $RUNS rounds:"
report "waveform, 10 min at 1024x64" w
report "frame (720p PNG)" f
report "cut: 2 x 30 s, 1 s fade (lossless mpegts)" c
