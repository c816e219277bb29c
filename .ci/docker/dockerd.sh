# Sourced by .ci/docker/*.sh: a private Docker engine for CI, started and stopped by PID.
#
# CI machines run no Docker engine and reach no registry. Debian's dockerd runs here with its
# own data/exec roots and socket (so it never touches a system engine), overlay2 on the host's
# ext4, no default bridge and no iptables rules (the machine's network is left as it is):
# containers use user-defined networks, which compose creates per project.
#
# The data root is kept between runs (under $WUBLOADER_CI_CACHE) so the base images built from
# Debian packages are built once per machine; everything else is removed at start and at exit.

: "${WUBLOADER_CI_CACHE:=/var/cache/wubloader-ci}"
CI_DOCKER_RUN=${CI_DOCKER_RUN:-/run/wubloader-ci}
DOCKER_HOST="unix://$CI_DOCKER_RUN/docker.sock"
export DOCKER_HOST
# Debian's client, not whatever else is first on the PATH; legacy builder: BuildKit's frontends
# come from a registry.
DOCKER=/usr/bin/docker
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
DOCKERD_PID=

dlog() { printf '[ci docker] %s\n' "$*"; }
dfail() { printf '[ci docker] FAILED: %s\n' "$*" >&2; exit 1; }

dockerd_start() {
  mkdir -p "$WUBLOADER_CI_CACHE/docker" "$CI_DOCKER_RUN/exec"
  if [ -S "$CI_DOCKER_RUN/docker.sock" ] && "$DOCKER" info >/dev/null 2>&1; then
    dfail "a Docker engine already answers on $DOCKER_HOST (an earlier run still going?)"
  fi
  rm -f "$CI_DOCKER_RUN/docker.sock" "$CI_DOCKER_RUN/docker.pid"
  /usr/sbin/dockerd \
    --data-root "$WUBLOADER_CI_CACHE/docker" \
    --exec-root "$CI_DOCKER_RUN/exec" \
    --pidfile "$CI_DOCKER_RUN/docker.pid" \
    -H "$DOCKER_HOST" \
    --storage-driver=overlay2 --bridge=none --iptables=false --ip-masq=false \
    >"$CI_DOCKER_RUN/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && break
    kill -0 "$DOCKERD_PID" 2>/dev/null || { tail -n 20 "$CI_DOCKER_RUN/dockerd.log" >&2; dfail "dockerd exited at start"; }
    sleep 1
  done
  "$DOCKER" info >/dev/null 2>&1 || { tail -n 20 "$CI_DOCKER_RUN/dockerd.log" >&2; dfail "dockerd did not answer within 60 s"; }
  dlog "dockerd $("$DOCKER" version --format '{{.Server.Version}}') running (pid $DOCKERD_PID, $DOCKER_HOST)"
  docker_remove_containers
}

# Every container and network of this engine: CI's engine runs nothing else.
docker_remove_containers() {
  local ids
  ids=$("$DOCKER" ps -aq)
  [ -z "$ids" ] || "$DOCKER" rm -f -v $ids >/dev/null
  "$DOCKER" network prune -f >/dev/null
  "$DOCKER" volume prune -f >/dev/null
}

dockerd_stop() {
  [ -n "$DOCKERD_PID" ] || return 0
  docker_remove_containers || true
  kill -TERM "$DOCKERD_PID" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$DOCKERD_PID" 2>/dev/null; then
    dlog "dockerd did not stop within 30 s; killing it"
    kill -KILL "$DOCKERD_PID" 2>/dev/null || true
  fi
  wait "$DOCKERD_PID" 2>/dev/null || true
  DOCKERD_PID=
}
