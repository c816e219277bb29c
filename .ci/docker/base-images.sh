# Sourced by .ci/docker/run.sh: the base images CI builds from Debian packages, once per
# machine. Each is tagged with a hash of what it is made from (the suite, the Dockerfile, the
# entrypoint), so a second run on the same machine finds it in dockerd's data root and skips
# the build; a change to one of those files builds a new one.
CI_DEBIAN_SUITE=bookworm
CI_DEBIAN_MIRROR=${CI_DEBIAN_MIRROR:-http://deb.debian.org/debian}

ci_hash() { cat "$@" | { echo "$CI_DEBIAN_SUITE"; cat; } | sha256sum | cut -c1-16; }

have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

# debootstrap --variant=minbase, imported as an image: the root of every CI image.
ci_debian_image() {
  local tag="wubci-debian:$CI_DEBIAN_SUITE" dir
  if have_image "$tag"; then echo "$tag"; return; fi
  dir=$(mktemp -d /var/tmp/wubci-rootfs.XXXXXX)
  dlog "debootstrap --variant=minbase $CI_DEBIAN_SUITE (about a minute)" >&2
  debootstrap --variant=minbase "$CI_DEBIAN_SUITE" "$dir" "$CI_DEBIAN_MIRROR" >"$dir.log" 2>&1 \
    || { tail -n 20 "$dir.log" >&2; rm -rf "$dir" "$dir.log"; dfail "debootstrap failed"; }
  tar -C "$dir" -c . | "$DOCKER" import - "$tag" >/dev/null
  rm -rf "$dir" "$dir.log"
  echo "$tag"
}

# CI_BASE_IMAGE (JRE + ffmpeg) and CI_POSTGRES_IMAGE, built or found in the cache.
ci_base_images() {
  local here debian
  here=$(dirname "${BASH_SOURCE[0]}")
  debian=$(ci_debian_image)
  CI_BASE_IMAGE="wubci-jre:$(ci_hash "$here/base.Dockerfile")"
  CI_POSTGRES_IMAGE="wubci-postgres:$(ci_hash "$here/postgres.Dockerfile" "$here/postgres-entrypoint.sh")"
  if ! have_image "$CI_BASE_IMAGE"; then
    dlog "building $CI_BASE_IMAGE (JRE + ffmpeg from Debian)"
    # --network host: the engine has no default bridge, and apt-get needs the Debian mirror.
    "$DOCKER" build -q --network host --build-arg DEBIAN_IMAGE="$debian" -t "$CI_BASE_IMAGE" \
      -f "$here/base.Dockerfile" "$here" >/dev/null
  fi
  if ! have_image "$CI_POSTGRES_IMAGE"; then
    dlog "building $CI_POSTGRES_IMAGE (PostgreSQL 15 from Debian)"
    "$DOCKER" build -q --network host --build-arg DEBIAN_IMAGE="$debian" -t "$CI_POSTGRES_IMAGE" \
      -f "$here/postgres.Dockerfile" "$here" >/dev/null
  fi
  export CI_BASE_IMAGE CI_POSTGRES_IMAGE
}
