#!/usr/bin/env bash
# Assembles the services' JRE 17 base image from the Debian archive alone (no container registry needed):
# a minimal bookworm root filesystem with openjdk-17-jre-headless and an unprivileged user 185 ("jboss", as in
# the UBI OpenJDK images), imported into podman and saved as a Docker archive that Jib reads (tar://).
#   deploy/images/build-base.sh [output.tar]     default: deploy/images/target/jre17-debian.tar
# Rebuilds only when the output is missing or FORCE=1. Needs root (mmdebstrap) and podman; installs them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/target/jre17-debian.tar}
BASE_REF=${BASE_REF:-localhost/confops/jre17-debian:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

"$HERE/install-tools.sh"
if [ -s "$OUT" ] && [ "${FORCE:-0}" != 1 ]; then echo "base image archive $OUT exists (FORCE=1 rebuilds)"; exit 0; fi
mkdir -p "$(dirname "$OUT")"
# podman's store outlives a checkout: a base assembled earlier on this machine is only saved again
if [ "${FORCE:-0}" != 1 ] && podman image exists "$BASE_REF"; then
  podman save --format docker-archive -o "$OUT" "$BASE_REF"
  echo "base image: $BASE_REF (assembled earlier; FORCE=1 rebuilds), archive $OUT"
  exit 0
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

echo "==> mmdebstrap: bookworm + openjdk-17-jre-headless"
mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless,ca-certificates,tzdata \
  --customize-hook='echo "jboss:x:185:185:Unprivileged service user:/home/jboss:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "jboss:x:185:" >> "$1/etc/group"' \
  --customize-hook='mkdir -p "$1/home/jboss" && chown 185:185 "$1/home/jboss"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
  bookworm "$work/rootfs.tar" "$MIRROR"

echo "==> podman import as $BASE_REF"
podman import \
  --change 'USER 185' --change 'WORKDIR /home/jboss' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  --change 'LABEL org.opencontainers.image.title=confops-jre17-debian org.opencontainers.image.description="Debian bookworm with openjdk-17-jre-headless, user 185"' \
  "$work/rootfs.tar" "$BASE_REF" >/dev/null
rm -f "$OUT"
podman save --format docker-archive -o "$OUT" "$BASE_REF"
echo "base image: $BASE_REF, archive $OUT ($(du -h "$OUT" | cut -f1))"
