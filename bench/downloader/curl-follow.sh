#!/usr/bin/env bash
# Baseline for the downloader benchmark: one bash loop per stream polls the media playlist
# every 2 s and curls each new segment. Usage: curl-follow.sh PORT CHANNELS OUTDIR SECONDS
set -uo pipefail
port=$1 channels=$2 out=$3 seconds=$4
end=$((EPOCHSECONDS + seconds))

follow() {
  local base=$1 dir=$2 line
  declare -A seen=()
  mkdir -p "$dir"
  while (( EPOCHSECONDS < end )); do
    while IFS= read -r line; do
      [[ -z $line || $line == \#* || -n ${seen[$line]:-} ]] && continue
      seen[$line]=1
      curl -s -o "$dir/$line" "$base/$line"
    done < <(curl -s "$base/playlist.m3u8")
    sleep 2
  done
}

for ((c = 0; c < channels; c++)); do
  for q in source 720p; do
    ch=$(printf 'ch%02d' "$c")
    follow "http://127.0.0.1:$port/media/$ch/$q" "$out/$ch/$q" &
  done
done
wait
