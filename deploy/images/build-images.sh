#!/usr/bin/env bash
# Builds the four services' images with Jib (Maven profile `images`; no Docker daemon) and loads them into the
# local podman store as localhost/confops/<service>:<project version>.
#   deploy/images/build-images.sh            base assembled from the Debian archive (build-base.sh), for
#                                            machines that reach no container registry
#   BASE=registry deploy/images/build-images.sh   the pom's default base (UBI OpenJDK 17 runtime) from its registry
# Extra Maven arguments pass through, e.g. to push instead of loading into podman:
#   BASE=registry deploy/images/build-images.sh -Dquarkus.container-image.registry=registry.example.com \
#     -Dquarkus.container-image.push=true
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SERVICES=catalog-service,checkin-service,bulk-purchase-service,gateway

"$HERE/install-tools.sh"
args=(-B -q -DskipTests -Pimages package -pl "$SERVICES" -am
  -Dquarkus.jib.docker-executable-name=podman
  "-Dquarkus.container-image.labels.org.opencontainers.image.revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)")
if [ "${BASE:-debian}" = debian ]; then
  BASE_TAR=$HERE/target/jre17-debian.tar
  "$HERE/build-base.sh" "$BASE_TAR"
  args+=("-Dquarkus.jib.base-jvm-image=tar://$BASE_TAR")
fi
echo "==> ./mvnw ${args[*]} $*"
"$ROOT/mvnw" -f "$ROOT/pom.xml" "${args[@]}" "$@"
podman images --filter reference='localhost/confops/*'
