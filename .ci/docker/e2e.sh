# Sourced by .ci/docker/run.sh (needs dockerd.sh, CI_BASE_IMAGE, CI_POSTGRES_IMAGE): two nodes
# as two compose projects, the way operators run them.
#   node A: postgres, downloader (on a local ffmpeg live origin), restreamer, backfiller,
#           segment-coverage
#   node B: postgres, restreamer, backfiller (from A, via B's nodes table), segment-coverage
# Passes when B holds every segment A held at the cut-off (hash-identical), a tombstone made on
# A is on B and hides the segment there, B's playlist plays in ffmpeg, and both coverage JSONs
# show the hour.
CI_HOST_NET=wubci-host
CI_HOST_IP=10.213.0.1
E2E_CHANNEL=ci
E2E_WORK=
E2E_ORIGIN_PIDS=
export CI_HOST_IP

# Node N's compose: its project name, its ports (base+0 restreamer … base+10 database).
node_env() {
  local name=$1 base=$2
  env COMPOSE_PROJECT_NAME="wubci-$name" \
    WUBLOADER_SEGMENTS="$E2E_WORK/$name/segments" WUBLOADER_DB_DATA="$E2E_WORK/$name/postgres" \
    WUBLOADER_DB_PASSWORD="$E2E_DB_PASSWORD" WUBLOADER_DB_PORT=$((base + 10)) \
    WUBLOADER_RESTREAMER_PORT=$base WUBLOADER_DOWNLOADER_PORT=$((base + 1)) \
    WUBLOADER_BACKFILLER_PORT=$((base + 2)) WUBLOADER_COVERAGE_PORT=$((base + 6)) \
    WUBLOADER_PUBLISH_ADDRESS="$CI_HOST_IP" WUBLOADER_NODE_NAME="$name" \
    WUBLOADER_CHANNEL=$E2E_CHANNEL WUBLOADER_DOWNLOAD_SPEC="$E2E_CHANNEL:url:http://ci-host:26300/stream.m3u8" \
    WUBLOADER_BACKFILL_INTERVAL=3 WUBLOADER_RECENT_CUTOFF=4 WUBLOADER_COVERAGE_INTERVAL=5 \
    WUBLOADER_BASE_IMAGE="$CI_BASE_IMAGE" WUBLOADER_POSTGRES_IMAGE="$CI_POSTGRES_IMAGE" \
    docker-compose --ansi never -f docker-compose.yml -f "$here/compose.ci.yml" "${@:3}"
}
node_a() { node_env a 26100 "$@"; }
node_b() { node_env b 26200 "$@"; }

e2e_cleanup() {
  [ -n "$E2E_WORK" ] || return 0
  local pid
  for pid in $E2E_ORIGIN_PIDS; do kill "$pid" 2>/dev/null || true; done
  for pid in $E2E_ORIGIN_PIDS; do wait "$pid" 2>/dev/null || true; done
  if [ "${E2E_FAILED:-}" = 1 ]; then
    dlog "logs of the failed run:"
    node_a logs --tail=40 2>&1 | sed 's/^/  A| /' || true
    node_b logs --tail=40 2>&1 | sed 's/^/  B| /' || true
  fi
  node_a down -v --remove-orphans >/dev/null 2>&1 || true
  node_b down -v --remove-orphans >/dev/null 2>&1 || true
  "$DOCKER" network rm "$CI_HOST_NET" >/dev/null 2>&1 || true
  rm -rf "$E2E_WORK"
  E2E_WORK=
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND once a second.
wait_for() {
  local limit=$1 what=$2 i
  shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  E2E_FAILED=1
  dfail "$what (waited $limit s)"
}

segments_of() { (cd "$E2E_WORK/$1/segments" 2>/dev/null && find "$E2E_CHANNEL/source" -name '*.ts' -type f | sort); }
has_segments() { [ "$(segments_of "$1" | wc -l)" -ge "$2" ]; }
healthy() { [ "$("$DOCKER" inspect --format '{{.State.Health.Status}}' "$1")" = healthy ]; }
all_healthy() {
  local id
  for id in $("$1" ps -q); do healthy "$id" || return 1; done
}
holds_all() {
  local f
  while read -r f; do
    [ -f "$E2E_WORK/b/segments/$f" ] || return 1
  done <"$E2E_WORK/expected.txt"
}
# CH/Q/HOUR/MM:SS.ffffff-… -> HOUR:MM:SS.ffffff (a timestamp the playlist accepts)
start_of() { local hour name; hour=$(echo "$1" | cut -d/ -f3); name=$(basename "$1"); echo "$hour:${name%%-*}"; }
coverage_shows() {
  python3 - "$E2E_WORK/$1/segments/coverage-maps/${E2E_CHANNEL}_source_coverage.json" "$2" <<'PY'
import json, sys
hours = json.load(open(sys.argv[1]))["hours"]
sys.exit(0 if any(h["hour"] == sys.argv[2] and h["has_segments"] for h in hours) else 1)
PY
}

e2e_run() {
  E2E_WORK=$(mktemp -d /var/tmp/wubci-e2e.XXXXXX)
  E2E_DB_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  mkdir -p "$E2E_WORK/origin"
  "$DOCKER" network create --subnet 10.213.0.0/24 --gateway "$CI_HOST_IP" "$CI_HOST_NET" >/dev/null

  # The live origin: 2 s segments with program dates, a 10-segment window, served on ci-host.
  ffmpeg -hide_banner -loglevel error -nostdin -re \
    -f lavfi -i testsrc=size=320x180:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 600 -c:v libx264 -preset ultrafast -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p \
    -c:a aac -b:a 64k -f hls -hls_time 2 -hls_list_size 10 -hls_flags program_date_time+delete_segments \
    "$E2E_WORK/origin/stream.m3u8" >"$E2E_WORK/ffmpeg.log" 2>&1 &
  E2E_ORIGIN_PIDS="$!"
  python3 -m http.server 26300 --bind "$CI_HOST_IP" --directory "$E2E_WORK/origin" >"$E2E_WORK/http.log" 2>&1 &
  E2E_ORIGIN_PIDS="$E2E_ORIGIN_PIDS $!"

  dlog "e2e: starting node A (every service) and node B (no downloader)"
  node_a up -d >"$E2E_WORK/up-a.log" 2>&1 || { cat "$E2E_WORK/up-a.log" >&2; E2E_FAILED=1; dfail "node A did not start"; }
  node_b up -d postgres restreamer backfiller segment-coverage >"$E2E_WORK/up-b.log" 2>&1 \
    || { cat "$E2E_WORK/up-b.log" >&2; E2E_FAILED=1; dfail "node B did not start"; }
  wait_for 90 "node A's containers are healthy" all_healthy node_a
  wait_for 90 "node B's containers are healthy" all_healthy node_b

  # Peers come from the node database, as in production: `nodes add` in the backfiller image.
  local n dsn="postgresql://wubloader:$E2E_DB_PASSWORD@postgres:5432/wubloader"
  for n in a b; do
    node_$n exec -T backfiller /app/bin/docker-entrypoint nodes add a "http://ci-host:26100" --node-database "$dsn" >/dev/null
    node_$n exec -T backfiller /app/bin/docker-entrypoint nodes add b "http://ci-host:26200" --node-database "$dsn" >/dev/null
  done

  wait_for 90 "node A downloaded 8 segments" has_segments a 8
  segments_of a >"$E2E_WORK/cutoff.txt"
  dlog "e2e: cut-off: node A holds $(wc -l <"$E2E_WORK/cutoff.txt") segments"

  # A tombstone made on A, with the operator command in the image.
  local victim hour
  victim=$(sed -n 2p "$E2E_WORK/cutoff.txt")
  hour=$(echo "$victim" | cut -d/ -f3)
  node_a exec -T restreamer /app/bin/docker-entrypoint tombstone --base-dir /mnt "$victim" | sed 's/^/[ci docker]   A: /'
  # The tombstoned segment is hidden from listings, so B need not hold it: its tombstone instead.
  grep -vxF "$victim" "$E2E_WORK/cutoff.txt" >"$E2E_WORK/expected.txt"

  wait_for 120 "node B holds every segment node A held at the cut-off" holds_all
  wait_for 60 "the tombstone reached node B" test -f "$E2E_WORK/b/segments/${victim%.ts}.tombstone"
  local f
  while read -r f; do
    cmp -s "$E2E_WORK/a/segments/$f" "$E2E_WORK/b/segments/$f" || { E2E_FAILED=1; dfail "$f differs between A and B"; }
  done <"$E2E_WORK/expected.txt"
  dlog "e2e: node B holds all $(wc -l <"$E2E_WORK/expected.txt") other segments, byte-identical, and the tombstone"

  local listing name
  name=$(basename "$victim")
  listing=$(curl -fsS "http://$CI_HOST_IP:26200/files/$E2E_CHANNEL/source/$hour")
  if echo "$listing" | grep -q "\"$name\""; then E2E_FAILED=1; dfail "node B still lists the tombstoned $name"; fi
  curl -fsS "http://$CI_HOST_IP:26200/files/$E2E_CHANNEL/source/$hour?tombstones=true" | grep -q "${name%.ts}.tombstone" \
    || { E2E_FAILED=1; dfail "node B does not list the tombstone"; }

  # B's playlist over the cut-off range (complete, so ffmpeg reaches its end), decoded end to
  # end by ffmpeg: every segment fetched from B's restreamer.
  local first last played
  first=$(start_of "$(head -n1 "$E2E_WORK/expected.txt")")
  last=$(start_of "$(tail -n1 "$E2E_WORK/expected.txt")")
  played=$(timeout 120 ffmpeg -hide_banner -v error -nostdin \
    -i "http://$CI_HOST_IP:26200/playlist/$E2E_CHANNEL/source.m3u8?start=$first&end=$last" \
    -map 0:v -f null - -progress pipe:1 2>"$E2E_WORK/play.err" | sed -n 's/^frame=//p' | tail -n1) || true
  [ "${played:-0}" -ge 250 ] || { cat "$E2E_WORK/play.err" >&2; E2E_FAILED=1; dfail "node B's playlist played ${played:-0} frames (want >= 250, 10 s)"; }
  dlog "e2e: node B's playlist plays: $played frames"

  wait_for 60 "node A's coverage JSON shows hour $hour" coverage_shows a "$hour"
  wait_for 60 "node B's coverage JSON shows hour $hour" coverage_shows b "$hour"
  dlog "e2e: both coverage JSONs show $hour"
}
