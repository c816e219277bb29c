# CI's stand-in for the public base image (no registry is reachable): the Debian root made by
# debootstrap (DEBIAN_IMAGE), plus a JRE and ffmpeg from Debian's archive.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ffmpeg \
 && rm -rf /var/lib/apt/lists/*
