#!/usr/bin/env bash
# Checks the platform's alerting rules with Prometheus' own promtool (Debian's prometheus package, unpacked into
# target/, not installed — nothing is started): the PrometheusRule in deploy/kubernetes/base/monitoring.yaml must
# parse (`promtool check rules`) and its alerts must fire, and stay silent, as rules-test.yaml expects
# (`promtool test rules`). The dashboards' and rules' metric names are checked against what the running services
# expose by platform-tests' ObservabilityTest.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$HERE/target
TOOLS=$OUT/tools
mkdir -p "$OUT" "$TOOLS"

PROMTOOL=$TOOLS/usr/bin/promtool
if [ ! -x "$PROMTOOL" ]; then
  (cd "$TOOLS" && { apt-get download -q prometheus >/dev/null 2>&1 || {
     sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get update -q >/dev/null && apt-get download -q prometheus >/dev/null; }; } \
   && dpkg-deb -x prometheus_*.deb "$TOOLS" && rm -f prometheus_*.deb) 2>&1 | grep -v "unsandboxed" || true
fi
[ -x "$PROMTOOL" ] || { echo "could not fetch Debian's prometheus package (for promtool)"; exit 1; }

# The rule groups are the PrometheusRule's spec: the document after "kind: PrometheusRule", from "spec:" on,
# one indentation level out.
awk '/^kind: PrometheusRule$/ { rule = 1 } /^---$/ { rule = 0; spec = 0 }
     rule && /^spec:$/ { spec = 1; next } spec { sub(/^  /, ""); print }' \
  "$ROOT/deploy/kubernetes/base/monitoring.yaml" > "$OUT/confops-rules.yaml"
grep -q "^groups:" "$OUT/confops-rules.yaml" || { echo "no rule groups found in monitoring.yaml"; exit 1; }

"$PROMTOOL" check rules "$OUT/confops-rules.yaml"
cp "$HERE/rules-test.yaml" "$OUT/rules-test.yaml"
(cd "$OUT" && "$PROMTOOL" test rules rules-test.yaml)
