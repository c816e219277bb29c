#!/usr/bin/env bash
# CI's Docker part: a private dockerd, base images from Debian packages (cached per machine),
# the four service images built from the host's jars, the layer-sharing check, then the
# two-node end-to-end test (.ci/docker/e2e.sh). Needs the jars: run after `mvn package`/`verify`.
# Fails, never skips, when Docker cannot run. Prints how long each part took.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. "$here/dockerd.sh"
. "$here/base-images.sh"

SERVICES="downloader restreamer backfiller segment-coverage"
t0=$SECONDS
declare -a TIMINGS=()
timed() { local name=$1 t=$SECONDS; shift; "$@"; TIMINGS+=("$name: $((SECONDS - t)) s"); }
report() {
  local t
  for t in "${TIMINGS[@]}"; do dlog "time $t"; done
  dlog "time total: $((SECONDS - t0)) s"
}

cleanup() {
  local rc=$?
  [ "$(type -t e2e_cleanup)" = function ] && e2e_cleanup || true
  dockerd_stop
  report
  [ "$rc" = 0 ] && dlog "passed" || dlog "FAILED (exit $rc); dockerd log: $CI_DOCKER_RUN/dockerd.log"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Debian's engine, compose v1 (Debian has no compose plugin), debootstrap for the base images.
if ! [ -x /usr/sbin/dockerd ] || ! [ -x /usr/bin/docker ] || ! command -v docker-compose >/dev/null \
   || ! command -v debootstrap >/dev/null || ! command -v curl >/dev/null; then
  dlog "installing docker.io docker-compose debootstrap curl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose debootstrap curl >/dev/null
fi

for m in common $SERVICES; do
  [ -f "$m/target/wubloader-$m.jar" ] || dfail "$m/target/wubloader-$m.jar is missing: build first (mvn -B -DskipTests package)"
done

# The compose file as an operator gets it: clean with the password set, refused without it.
check_compose_config() {
  local err
  err=$(WUBLOADER_DB_PASSWORD=ci docker-compose -f docker-compose.yml config -q 2>&1) \
    || dfail "docker-compose config: $err"
  [ -z "$err" ] || dfail "docker-compose config warns: $err"
  if (unset WUBLOADER_DB_PASSWORD; docker-compose -f docker-compose.yml config -q) >/dev/null 2>&1; then
    dfail "docker-compose config accepts a missing WUBLOADER_DB_PASSWORD"
  fi
  dlog "docker-compose config is clean, and refuses a missing WUBLOADER_DB_PASSWORD"
}
timed "compose config" check_compose_config
timed "dockerd start" dockerd_start
timed "base images (cached after the first run)" ci_base_images

build_images() {
  local s
  for s in $SERVICES; do
    "$DOCKER" build -q -f docker/Dockerfile --target "$s" --build-arg BASE_IMAGE="$CI_BASE_IMAGE" -t "wubloader-$s" . >/dev/null
  done
}
timed "service images" build_images

# docs/deployment.md §8: every image is the shared base plus one layer of its own.
layers() { "$DOCKER" image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$1" | sed '/^$/d'; }
check_layers() {
  local first shared s
  first=$(layers wubloader-downloader | sed '$d')
  for s in $SERVICES; do
    shared=$(layers "wubloader-$s" | sed '$d')
    [ "$shared" = "$first" ] || dfail "wubloader-$s does not share its first layers with wubloader-downloader"
  done
  dlog "all images share $(echo "$first" | wc -l) layers; each adds one (its service jar)"
  # Reproducible jars + content-addressed COPY: building the same jars again reuses every layer.
  local before after
  before=$(for s in $SERVICES; do "$DOCKER" image inspect --format '{{.Id}}' "wubloader-$s"; done)
  build_images
  after=$(for s in $SERVICES; do "$DOCKER" image inspect --format '{{.Id}}' "wubloader-$s"; done)
  [ "$before" = "$after" ] || dfail "rebuilding the same jars made new images: a layer is not reused"
  dlog "rebuilding the same jars reuses every layer"
}
timed "layer check" check_layers

. "$here/e2e.sh"
timed "two-node e2e" e2e_run
