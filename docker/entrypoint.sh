#!/bin/sh
# Entrypoint of every wubloader image: /app/bin/docker-entrypoint COMMAND [options].
#
# A fresh operator mounts ./segments, which Docker creates as root when it is missing, so an
# image that started as uid 1000 could not write it (the original ran everything as root).
# Started as root, this takes ownership of the volume's top directory if it is not already
# the wubloader user's (only the top: re-owning a week of segments on every start would take
# minutes; subdirectories are created by the services as wubloader), then drops to wubloader.
# Started with --user, it runs the command as that user unchanged.
set -eu
if [ "$(id -u)" = 0 ]; then
  owner=$(stat -c %u "$WUBLOADER_BASE_DIR")
  if [ "$owner" != "$(id -u wubloader)" ]; then
    chown wubloader:wubloader "$WUBLOADER_BASE_DIR"
  fi
  exec setpriv --reuid=wubloader --regid=wubloader --init-groups -- /app/bin/wubloader "$@"
fi
exec /app/bin/wubloader "$@"
