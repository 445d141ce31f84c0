#!/usr/bin/env bash
# Seeds the demo conference through the public APIs, as an organizer would. Safe to run again: when the
# conference exists already, nothing is added.
#   seed-demo.sh <keycloak realm url> <catalog url>
set -euo pipefail
REALM_URL=$1
CATALOG=$2
ORDERS=${DEMO_ORDERS:-300}

token() {
  curl -fsS -d grant_type=password -d client_id=confops-api -d "username=$1" -d "password=$1" \
    "$REALM_URL/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
post() { # token path json → body (fails on 4xx/5xx)
  curl -fsS -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" "$CATALOG$2"
}

ADMIN=$(token admin)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "$CATALOG/api/conferences/democon")
if [ "$status" = 200 ]; then
  echo "   demo conference exists; nothing seeded"
  exit 0
fi

post "$ADMIN" /api/conferences '{"slug":"democon","name":"DemoCon 2027","start_date":"2027-06-01","end_date":"2027-06-03","time_zone":"Europe/Berlin"}' >/dev/null
post "$ADMIN" /api/conferences '{"slug":"othercon","name":"OtherCon 2027","start_date":"2027-09-10","end_date":"2027-09-11","time_zone":"America/New_York"}' >/dev/null
ORG=$(token organizer)
post "$ORG" /api/conferences/democon/ticket-types '{"slug":"regular","name":"Regular ticket","price":"450.00","bulk_enabled":true}' >/dev/null
post "$ORG" /api/conferences/democon/ticket-types '{"slug":"student","name":"Student ticket","price":"90.00","capacity":200}' >/dev/null
post "$ORG" /api/conferences/democon/addons '{"slug":"tutorial","name":"Tutorial day","price":"150.00","bulk_enabled":true}' >/dev/null
post "$ORG" /api/conferences/democon/addons '{"slug":"lunch","name":"Lunch (3 days)","price":"45.00"}' >/dev/null
post "$ORG" /api/conferences/democon/addons '{"slug":"tshirt","name":"T-shirt","price":"20.00"}' >/dev/null
post "$ORG" /api/conferences/democon/sponsors '{"slug":"acme","name":"ACME Corporation","level":"gold"}' >/dev/null
post "$ORG" /api/conferences/democon/sponsors '{"slug":"globex","name":"Globex","level":"silver"}' >/dev/null

first_names=(Ada Grace Alan Katherine Linus Margaret Edsger Barbara Dennis Frances Ken Radia)
last_names=(Lovelace Hopper Turing Johnson Torvalds Hamilton Dijkstra Liskov Ritchie Allen Thompson Perlman)
codes=()
for i in $(seq 1 "$ORDERS"); do
  name="${first_names[i % 12]} ${last_names[(i / 12) % 12]}"
  ticket=regular; [ $((i % 5)) = 0 ] && ticket=student
  addons='[{"slug":"lunch","quantity":3}]'; [ $((i % 3)) = 0 ] && addons='[{"slug":"lunch","quantity":3},{"slug":"tshirt","quantity":1}]'
  order=$(post "$ORG" /api/conferences/democon/orders \
    "{\"attendee\":{\"name\":\"$name\",\"email\":\"attendee$i@example.org\"},\"ticket_type\":\"$ticket\",\"addons\":$addons}")
  id=$(printf '%s' "$order" | sed 's/^{"id":\([0-9]*\).*/\1/')
  # every 10th order stays unpaid, so the desk sees a refusal too
  if [ $((i % 10)) != 0 ]; then
    post "$ORG" "/api/conferences/democon/orders/$id/payments" "{\"reference\":\"demo-$i\"}" >/dev/null
  fi
  [ "$i" -le 3 ] && codes+=("$(printf '%s' "$order" | sed 's/.*"access_code":"\([A-Z0-9]*\)".*/\1/')")
  [ $((i % 100)) = 0 ] && echo "   $i/$ORDERS orders"
done
# Sponsor deals: bulk-purchase-service learns the conference and products from Kafka, so wait for it.
deal() { # json → id
  for _ in $(seq 1 60); do
    body=$(curl -sS -H "Authorization: Bearer $ORG" -H 'Content-Type: application/json' -d "$1" \
      -w '\n%{http_code}' "$CATALOG/api/conferences/democon/bulk-purchases")
    if [ "$(printf '%s' "$body" | tail -1)" = 201 ]; then
      printf '%s' "$body" | head -1 | sed 's/^{"id":\([0-9]*\).*/\1/'
      return 0
    fi
    sleep 1
  done
  echo "bulk purchase could not be created: $body" >&2
  return 1
}
until_date=$(date -u -d '+60 days' +%Y-%m-%dT00:00:00Z)
deal "{\"sponsor\":\"globex\",\"quantity\":20,\"addon\":\"tutorial\",\"unit_price\":\"120.00\",\"voucher_config\":{\"voucher_type\":\"percentage\",\"discount_value\":\"20\",\"max_uses\":1,\"valid_until\":\"$until_date\"}}" >/dev/null
comp=$(deal "{\"sponsor\":\"acme\",\"quantity\":10,\"ticket_type\":\"regular\",\"unit_price\":\"0\",\"voucher_config\":{\"voucher_type\":\"comp\",\"discount_value\":\"0\",\"max_uses\":1,\"valid_until\":\"$until_date\"}}")
post "$ORG" "/api/conferences/democon/bulk-purchases/$comp/approve" '{}' >/dev/null

echo "   seeded democon: 2 ticket types, 3 add-ons, 2 sponsors, $ORDERS orders (every 10th unpaid),"
echo "   a pending bulk purchase (Globex, 20 tutorials) and an approved comp deal (ACME, 10 tickets)"
echo "   access codes to try: ${codes[*]}"
