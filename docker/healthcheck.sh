#!/bin/bash
# Image healthcheck: /app/bin/healthcheck PORT [PATH]. GET http://127.0.0.1:PORT/PATH (default
# /readyz) must answer 200. Plain bash (/dev/tcp), so the base image needs no HTTP client.
set -u
port=$1 path=${2:-/readyz}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3 || exit 1
[ "$status" = 200 ]
