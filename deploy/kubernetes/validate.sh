#!/usr/bin/env bash
# Renders every overlay and validates each rendered document offline (see README.md, "Validation"):
#   1. kustomize: Debian's kubectl (package kubernetes-client, kustomize v2) — fetched with apt-get download
#      into target/tools, not installed, so it does not clash with another kubectl — and, when a different
#      kubectl is on PATH (a current kustomize), that one too;
#   2. schemas and policies: validator/ (a small Java program; dependencies from Maven Central);
#   3. a self-check: a few known-bad edits of a rendered overlay must each be refused.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$HERE/target
TOOLS=$OUT/tools
mkdir -p "$OUT" "$TOOLS"
started=$(date +%s)

# --- kubectl from Debian's kubernetes-client (unpacked, not installed) -----------------------------------------
DEB_KUBECTL=$TOOLS/usr/bin/kubectl
if [ ! -x "$DEB_KUBECTL" ]; then
  (cd "$TOOLS" && { apt-get download -q kubernetes-client >/dev/null 2>&1 || {
     sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get update -q >/dev/null && apt-get download -q kubernetes-client >/dev/null; }; } \
   && dpkg-deb -x kubernetes-client_*.deb "$TOOLS" && rm -f kubernetes-client_*.deb) 2>&1 | grep -v "unsandboxed" || true
fi
[ -x "$DEB_KUBECTL" ] || { echo "could not fetch Debian's kubernetes-client"; exit 1; }
kubectls=("$DEB_KUBECTL")
if command -v kubectl >/dev/null && ! cmp -s "$(command -v kubectl)" "$DEB_KUBECTL"; then
  kubectls+=("$(command -v kubectl)")
fi

# --- the validator ----------------------------------------------------------------------------------------------
"$ROOT/mvnw" -q -B -f "$HERE/validator/pom.xml" package
CP="$HERE/validator/target/classes:$(cat "$HERE/validator/target/classpath.txt")"
validate() { java -cp "$CP" org.confops.deploy.Validate "$@" 2>/dev/null; }

passed=0 failed=0
declare -A MIN_REPLICAS=([small]=1 [production]=2)
for overlay in small production; do
  for k in "${kubectls[@]}"; do
    version=$("$k" version --client 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1)
    rendered=$OUT/$overlay-$version.yaml
    echo "==> $overlay, rendered by kubectl $version ($k)"
    if ! "$k" kustomize "$HERE/overlays/$overlay" 2>"$OUT/$overlay-$version.err" >"$rendered"; then
      cat "$OUT/$overlay-$version.err"; failed=$((failed + 1)); continue
    fi
    if validate "$rendered" "$ROOT" "${MIN_REPLICAS[$overlay]}" | tee "$OUT/$overlay-$version.txt" | grep -v "passed, .* failed"; then :; fi
    if tail -1 "$OUT/$overlay-$version.txt" | grep -q ", 0 failed$"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
done

# --- self-check: each of these edits breaks one rule and must be refused ---------------------------------------
echo "==> self-check: known-bad edits of the production overlay are refused"
good=$OUT/production-$("$DEB_KUBECTL" version --client 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1).yaml
mutations=(
  '0,/  revisionHistoryLimit: 5/s//  revisionHistoryLimt: 5/'                 # unknown field (built-in kind)
  '0,/  partitions: 6/s//  partitons: 6/'                                    # unknown field (Strimzi)
  '0,/  instances: 3/s//  instaces: 3/'                                      # unknown field (CloudNativePG)
  's/    backchannelDynamic: true/    backchanelDynamic: true/'              # unknown field (Keycloak)
  's/    - alert: ConfopsDeadLetters/    - alrt: ConfopsDeadLetters/'         # unknown field (PrometheusRule)
  's/    bruteForceProtected: true/    bruteForceProtect: true/'            # unknown realm field
  '0,/          path: \/q\/health\/live/s//          path: \/q\/health/'     # probe
  '0,/:1.0.0-SNAPSHOT/s//:latest/'                                           # latest tag
  's/  OIDC_AUDIENCE: confops-api/  OIDC_AUDIENC: confops-api/'             # env var a service reads
  's/vouchers.dlq/vouchers-dead/'                                            # topic used but not declared
  's#      - https://confops.example.org/scanner/#      - https://confops.example.org/*#'  # wildcard redirect
  '0,/      readOnlyRootFilesystem: true/s//      readOnlyRootFilesystem: false/'
  '0,/      runAsNonRoot: true/s//      runAsNonRoot: false/'
  '0,/            memory: 1Gi/s//            memory: 2Gi/'                    # limit ≠ request
  '/^  revisionHistoryLimit: 5$/{x;s/^/x/;/^xxx$/{x;s/^/  replicas: 4\n/;b};x}'  # replicas on the 3rd Deployment (checkin-service), which its HPA scales
  's#jdbc:postgresql://checkin-db-rw:5432/checkin#jdbc:postgresql://catalog-db-rw:5432/catalog#'  # another's database
)
i=0 bad=()
for m in "${mutations[@]}"; do
  i=$((i + 1)); sed "$m" "$good" >"$OUT/known-bad-$i.yaml"
  if cmp -s "$good" "$OUT/known-bad-$i.yaml"; then echo "   self-check edit changed nothing: $m"; failed=$((failed + 1)); continue; fi
  bad+=("$OUT/known-bad-$i.yaml")
done
# the good file again, then every known-bad one: each must be refused
if validate "$good" "$ROOT" 2 "${bad[@]}" | tee "$OUT/self-check.txt" | grep -E "refused|^FAIL"; then :; fi
if tail -1 "$OUT/self-check.txt" | grep -q ", 0 failed$"; then passed=$((passed + ${#bad[@]})); else failed=$((failed + 1)); fi
echo "manifest validation took $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
