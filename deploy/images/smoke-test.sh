#!/usr/bin/env bash
# End-to-end check of the container images on this machine: builds them (build-images.sh), starts the four
# services as podman containers against the local PostgreSQL, a Kafka broker (KRaft, test-infra's launcher)
# and Keycloak (realm confops), then, through the gateway container only, places and pays an order in the
# catalog, waits until check-in knows the attendee (outbox → Kafka → inbox) and scans them in.
# The containers run as the deployment runs them: user 185, read-only root filesystem with a tmpfs /tmp,
# all capabilities dropped, no privilege escalation; host networking and the host's ulimits.
#   deploy/images/smoke-test.sh        SKIP_BUILD=1 reuses images already in podman;
#                                      IMAGE_BUILD_ARGS passes Maven arguments to build-images.sh
# Ports (all on 127.0.0.1, away from ./run's): gateway 18080, services 18081-18083, Kafka 19092, Keycloak 18180.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$HERE/target/smoke
LOGS=$WORK/logs
KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml")
VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
KAFKA_PORT=19092 KEYCLOAK_PORT=18180 KEYCLOAK_MGMT_PORT=19000
GATEWAY_PORT=18080 CATALOG_PORT=18081 CHECKIN_PORT=18082 BULK_PURCHASE_PORT=18083
REALM_URL=http://127.0.0.1:$KEYCLOAK_PORT/realms/confops
SUFFIX=_smoke${CONFOPS_TEST_DB_SUFFIX:-}
PODMAN=(podman --runtime runc)

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
started=$(date +%s)

pids=() containers=()
cleanup() {
  for c in "${containers[@]}"; do "${PODMAN[@]}" logs "$c" >"$LOGS/$c.log" 2>&1 || true; "${PODMAN[@]}" rm -f "$c" >/dev/null 2>&1 || true; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() { # url seconds what
  for _ in $(seq 1 "$2"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 1; done
  fail "$3 not up within $2 s (logs in $LOGS)"
}

for p in $KAFKA_PORT $((KAFKA_PORT + 1)) $KEYCLOAK_PORT $KEYCLOAK_MGMT_PORT $GATEWAY_PORT $CATALOG_PORT $CHECKIN_PORT $BULK_PURCHASE_PORT; do
  port_free "$p" || fail "port $p is taken"
done
rm -rf "$WORK/kafka" "$LOGS"; mkdir -p "$LOGS"

"$HERE/install-tools.sh"

step "PostgreSQL databases (fresh): catalog$SUFFIX checkin$SUFFIX bulk_purchase$SUFFIX"
pg_isready -q -h "$PGHOST" -p "$PGPORT" || fail "PostgreSQL is not reachable at $PGHOST:$PGPORT"
for db in catalog checkin bulk_purchase; do
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -c "DROP DATABASE IF EXISTS $db$SUFFIX WITH (FORCE)" -c "CREATE DATABASE $db$SUFFIX"
done

step "Kafka broker on $KAFKA_PORT"
TOOLS=$ROOT/test-infra/target/classes
[ -f "$TOOLS/org/confops/testinfra/KafkaBroker.class" ] || "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -DskipTests package -pl test-infra
java -cp "$TOOLS" org.confops.testinfra.KafkaBroker "$WORK/kafka" "$KAFKA_PORT" >"$LOGS/kafka.log" 2>&1 & pids+=($!)

step "Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_PORT"
JDK21=""
for home in "${KEYCLOAK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
  major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then JDK21=$home; break; fi
done
[ -n "$JDK21" ] || fail "Keycloak needs a JDK 21+ (set KEYCLOAK_JAVA_HOME)"
KC_HOME=$WORK/../keycloak-$KEYCLOAK_VERSION
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$HERE/target" >"$LOGS/keycloak-fetch.log" 2>&1 || fail "could not fetch Keycloak"
  (cd "$HERE/target" && unzip -q -o "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" && rm "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
fi
mkdir -p "$KC_HOME/data/import"; rm -rf "$KC_HOME/data/h2"
cp "$ROOT/deploy/keycloak/confops-realm.json" "$KC_HOME/data/import/"
env JAVA_HOME="$JDK21" PATH="$JDK21/bin:$PATH" KC_BOOTSTRAP_ADMIN_USERNAME=kcadmin KC_BOOTSTRAP_ADMIN_PASSWORD=kcadmin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MGMT_PORT" --import-realm \
  >"$LOGS/keycloak.log" 2>&1 & pids+=($!)

# the broker and Keycloak boot while the images build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "Images"
  "$HERE/build-images.sh" ${IMAGE_BUILD_ARGS:-}
fi
for s in catalog-service checkin-service bulk-purchase-service gateway; do
  podman image exists "localhost/confops/$s:$VERSION" || fail "image localhost/confops/$s:$VERSION missing"
done

step "Waiting for Keycloak and Kafka"
wait_http "$REALM_URL/.well-known/openid-configuration" 180 Keycloak
for _ in $(seq 1 60); do grep -q "Kafka broker listening\|started" "$LOGS/kafka.log" 2>/dev/null && break; sleep 1; done
(exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null || fail "Kafka not listening on $KAFKA_PORT"

step "Service containers"
# ulimits no higher than the host's; podman 4.3's conmon itself holds nproc at 32768, so runc cannot set more
cap() { local v; v=$(ulimit "-H$1"); [ "$v" = unlimited ] || [ "$v" -gt "$2" ] && v=$2; echo "$v"; }
NOFILE=$(cap n 65536) NPROC=$(cap u 32768)
run_container() { # name image port env...
  local name=$1 image=$2 port=$3; shift 3
  containers+=("$name")
  # restarted when it exits, as Kubernetes would (a service that finds its database restarting exits at start)
  "${PODMAN[@]}" run -d --name "$name" --network host --restart on-failure:5 \
    --ulimit "nofile=$NOFILE:$NOFILE" --ulimit "nproc=$NPROC:$NPROC" \
    --read-only --tmpfs /tmp:rw,size=256m --cap-drop ALL --security-opt no-new-privileges \
    -e QUARKUS_HTTP_PORT="$port" -e OIDC_AUTH_SERVER_URL="$REALM_URL" -e KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    -e JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Xmx384m" \
    "$@" "localhost/confops/$image:$VERSION" >/dev/null
  echo "   $name ($image) on $port"
}
db_env() { echo "DB_URL=jdbc:postgresql://$PGHOST:$PGPORT/$1$SUFFIX"; }
run_container smoke-catalog catalog-service $CATALOG_PORT -e "$(db_env catalog)" -e DB_USER="$PGUSER"
run_container smoke-checkin checkin-service $CHECKIN_PORT -e "$(db_env checkin)" -e DB_USER="$PGUSER"
run_container smoke-bulk-purchase bulk-purchase-service $BULK_PURCHASE_PORT -e "$(db_env bulk_purchase)" -e DB_USER="$PGUSER"
run_container smoke-gateway gateway $GATEWAY_PORT -e CATALOG_URL="http://127.0.0.1:$CATALOG_PORT" \
  -e CHECKIN_URL="http://127.0.0.1:$CHECKIN_PORT" -e BULK_PURCHASE_URL="http://127.0.0.1:$BULK_PURCHASE_PORT"
for port in $CATALOG_PORT $CHECKIN_PORT $BULK_PURCHASE_PORT $GATEWAY_PORT; do
  wait_http "http://127.0.0.1:$port/q/health/ready" 120 "container on $port"
done
echo "   all ready; user in the gateway container: $("${PODMAN[@]}" exec smoke-gateway id -u)"

step "End to end through the gateway container"
G=http://127.0.0.1:$GATEWAY_PORT
TOKEN=$(curl -fsS -d grant_type=password -d client_id=confops-api -d username=admin -d password=admin \
  "$REALM_URL/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
call() { # method path [json] → body; fails on 4xx/5xx
  curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"} "$G$2"
}
SLUG=smoke$(date +%s)
call POST /api/conferences "{\"slug\":\"$SLUG\",\"name\":\"Smoke\",\"start_date\":\"2027-06-01\",\"end_date\":\"2027-06-02\",\"time_zone\":\"Europe/Berlin\"}" >/dev/null
call POST "/api/conferences/$SLUG/ticket-types" '{"slug":"regular","name":"Regular","price":"100.00"}' >/dev/null
order=$(call POST "/api/conferences/$SLUG/orders" '{"attendee":{"name":"Ada Lovelace","email":"ada@example.org"},"ticket_type":"regular"}')
id=$(printf '%s' "$order" | sed 's/^{"id":\([0-9]*\).*/\1/')
code=$(printf '%s' "$order" | sed 's/.*"access_code":"\([A-Z0-9]*\)".*/\1/')
call POST "/api/conferences/$SLUG/orders/$id/payments" '{"reference":"smoke-1"}' | grep -q '"status":"paid"' || fail "payment not recorded"
echo "   order $id paid, access code $code"
for _ in $(seq 1 60); do
  call GET "/api/conferences/$SLUG/checkin/lookup/$code" 2>/dev/null | grep -q '"order_status":"paid"' && break; sleep 1
done
scan=$(call POST "/api/conferences/$SLUG/checkin/scan" "{\"access_code\":\"$code\",\"station\":\"Smoke door\"}") \
  || fail "scan refused (check-in never learnt of the paid order?)"
printf '%s' "$scan" | grep -q '"status":"checked_in"' || fail "unexpected scan answer: $scan"
echo "   scanned: $scan" | cut -c1-200
echo
echo "container images end to end (gateway → catalog → Kafka → check-in): scanned in, $(( $(date +%s) - started )) s in all"
echo "smoke-test: 1 passed, 0 failed"
