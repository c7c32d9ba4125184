#!/usr/bin/env bash
# The demo ./run.sh walks once the stack is up: what a client sees today, step by step.
# It only uses the gateway, like the app would. Later issues extend it with the seller and
# buyer flows as they are built.
set -uo pipefail
dir="${LOCAL_DIR:-.local}"
gw=""
for _ in $(seq 1 600); do
  if [ -f "$dir/stack.json" ]; then
    gw=$(sed -n 's/^  "gateway" : "\(.*\)",$/\1/p' "$dir/stack.json")
    [ -n "$gw" ] && curl -fsS "$gw/health" >/dev/null 2>&1 && break
  fi
  sleep 0.2
done
[ -n "$gw" ] || { echo "demo: the stack did not come up" >&2; exit 1; }
# the demo pays through the emulators' helper routes (the widget, a deposit, payout completion)
for service in toss solapi discord; do
  if ! grep -A8 '"services"' "$dir/stack.json" | grep -q "\"$service\" : \"emulated\""; then
    echo "demo: skipped, $service is pointed elsewhere (the demo drives its emulator)" >&2
    exit 0
  fi
done

step() { printf '\n\033[1mdemo ▸ %s\033[0m\n' "$1"; }
show() { printf '  %s\n' "$*"; }
call() { # method path [token] [body]
  local args=(-s -o /tmp/noshowping-demo.$$ -w '%{http_code}' -X "$1" "$gw$2" -H 'Content-Type: application/json')
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(--data "$4")
  local code; code=$(curl "${args[@]}")
  show "$1 $2 → $code $(head -c 240 /tmp/noshowping-demo.$$)"
  rm -f /tmp/noshowping-demo.$$
}

step "health: the gateway, the function and (deep=true) a database round trip"
call GET "/health?deep=true"
step "a token for alice (the local stand-in for the identity provider)"
token=$(curl -s -XPOST "$gw/_local/token" -d '{"sub":"alice","role":"USER","phone":"+821012345678"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
show "token: ${token:0:24}…"
step "the authorizer refuses a request without a token, and a tampered one"
call GET /articles
call GET /articles "${token%?}x"

step "seller flow: alice becomes a merchant (the account number is stored encrypted, shown masked)"
call POST /merchants "$token" '{"merchantName":"제주여행샵","payoutBank":"088","payoutAccount":"110-123-456789"}'
step "a presigned PUT for a reservation screenshot (type and length signed in, 5 minutes)"
ticket=$(curl -s -XPOST "$gw/images" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"contentType":"image/png","sizeBytes":8}')
shot=$(printf '%s' "$ticket" | sed -n 's/.*"screenshotId":\([0-9]*\).*/\1/p')
url=$(printf '%s' "$ticket" | sed -n 's/.*"uploadUrl":"\([^"]*\)".*/\1/p')
show "screenshot $shot → PUT ${url%%\?*}?…"
show "upload straight to S3 → $(curl -s -o /dev/null -w '%{http_code}' -X PUT "$url" -H 'Content-Type: image/png' --data-binary 'PNGBYTES')"
sleep 0.3   # S3 → ScreenshotUploadedFunction is asynchronous, as in AWS
checkin=$(date -d '+30 days' +%F); checkout=$(date -d '+31 days' +%F)
step "the article, product, reservation, screenshot and outbox row in one transaction (Idempotency-Key: demo-1)"
article='{"title":"제주 한라호텔 1박 양도","accommodationName":"한라호텔","region":"JEJU","checkIn":"'$checkin'","checkOut":"'$checkout'","originalPrice":320000,"salePrice":300000,"serviceProduct":{"roomType":"디럭스 더블","guests":2,"options":{"breakfast":true}},"reservation":{"bookingPlatform":"YANOLJA","bookingReference":"YJ-0001","guestName":"홍길동","transferMethod":"NAME_CHANGE"},"screenshotIds":['$shot'],"externalLinks":["https://m.bunjang.co.kr/products/123456789"]}'
created=$(curl -s -XPOST "$gw/articles" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d "$article")
id=$(printf '%s' "$created" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
show "POST /articles → article $id: $(printf '%s' "$created" | head -c 200)…"
step "the same request again with the same Idempotency-Key: the first answer, nothing new"
show "POST /articles → $(curl -s -XPOST "$gw/articles" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d "$article" | head -c 40)…"
step "a scalping price is refused, naming the field"
call POST /articles "$token" "${article/\"salePrice\":300000/\"salePrice\":999999}"
step "bob browses JEJU articles and opens one: no booking reference for him"
bob=$(curl -s -XPOST "$gw/_local/token" -d '{"sub":"bob","role":"USER","phone":"+821098765432"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
call GET "/articles?region=JEJU&sort=checkIn&limit=5" "$bob"
call GET "/articles/$id" "$bob"
call GET "/images/$shot/url" "$bob"
step "alice lowers the price with the version she read; a stale version is a 409"
call PATCH "/articles/$id" "$token" '{"version":0,"salePrice":280000}'
call PATCH "/articles/$id" "$token" '{"version":0,"salePrice":270000}'

# another article of alice's, ready to sell: screenshot uploaded, article created; prints its id
publish() {
  local t s u
  t=$(curl -s -XPOST "$gw/images" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"contentType":"image/png","sizeBytes":8}')
  s=$(printf '%s' "$t" | sed -n 's/.*"screenshotId":\([0-9]*\).*/\1/p')
  u=$(printf '%s' "$t" | sed -n 's/.*"uploadUrl":"\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -X PUT "$u" -H 'Content-Type: image/png' --data-binary 'PNGBYTES'
  curl -s -XPOST "$gw/articles" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "${article/\"screenshotIds\":\[$shot\]/\"screenshotIds\":[$s]}" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p'
}
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }

step "buyer flow, card: bob holds the article (the price comes from the article, not from bob)"
held=$(curl -s -XPOST "$gw/orders" -H "Authorization: Bearer $bob" -H 'Content-Type: application/json' -d '{"articleId":'$id',"guestName":"김보람"}')
orderId=$(printf '%s' "$held" | field orderId); amount=$(printf '%s' "$held" | field amount)
show "POST /orders → $held"
step "a second buyer cannot hold it"
carol=$(curl -s -XPOST "$gw/_local/token" -d '{"sub":"carol","role":"USER","phone":"+821033334444"}' | field token)
call POST /orders "$carol" '{"articleId":'$id',"guestName":"이캐롤"}'
step "Toss's payment widget authenticates bob's card (emulator) and hands the app a paymentKey"
pk=$(curl -s -XPOST "$gw/_local/toss/checkout" -d '{"orderId":"'$orderId'","amount":'$amount',"method":"CARD"}' | field paymentKey)
show "paymentKey ${pk:0:24}…"
step "confirm: one Toss confirm, order PAID, article SOLD, seller and buyer notifications in the outbox"
call POST /payments/confirm "$bob" '{"paymentKey":"'$pk'","orderId":"'$orderId'","amount":'$amount'}'
step "bob's app retries the confirm: the stored result, Toss is not called again"
call POST /payments/confirm "$bob" '{"paymentKey":"'$pk'","orderId":"'$orderId'","amount":'$amount'}'
show "Toss saw: $(curl -s "$gw/_local/toss/calls")"
bobOrder=$(printf '%s' "$held" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
step "paid, but the booking is still in alice's name: bob sees no booking reference yet"
call GET "/articles/$id" "$bob"
step "alice's sales: the name bob gave at the hold, and her transfer deadline"
call GET "/orders?as=seller&limit=1" "$token"
step "after the payment bob cannot cancel by himself: a dispute is the only way back"
call POST "/orders/$bobOrder/cancel" "$bob" '{"reason":"단순 변심"}'
step "alice has the hotel put the booking in bob's name and says so"
call POST "/orders/$bobOrder/transfer" "$token" '{}'
step "now bob sees the booking reference and the screenshot"
call GET "/articles/$id" "$bob"
call GET "/images/$shot/url" "$bob"
step "bob checked with the hotel and confirms: the order completes; alice's money is settled (fee 5 %), payable after the stay"
call POST "/orders/$bobOrder/receive" "$bob"

step "buyer flow, virtual account: carol buys another article by bank transfer"
id2=$(publish)
held=$(curl -s -XPOST "$gw/orders" -H "Authorization: Bearer $carol" -H 'Content-Type: application/json' -d '{"articleId":'$id2',"guestName":"이캐롤"}')
orderId=$(printf '%s' "$held" | field orderId); amount=$(printf '%s' "$held" | field amount)
pk=$(curl -s -XPOST "$gw/_local/toss/checkout" -d '{"orderId":"'$orderId'","amount":'$amount',"method":"VIRTUAL_ACCOUNT"}' | field paymentKey)
call POST /payments/confirm "$carol" '{"paymentKey":"'$pk'","orderId":"'$orderId'","amount":'$amount'}'
step "carol transfers the money; Toss sends DEPOSIT_CALLBACK (verified by the payment's secret) → PAID"
show "deposit → $(curl -s -XPOST "$gw/_local/toss/deposit" -d '{"orderId":"'$orderId'"}')"
orderDbId=$(printf '%s' "$held" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
call GET "/orders/$orderDbId" "$carol"
step "alice transfers carol's booking too; carol never confirms, so it completes by itself at the auto-confirm time"
call POST "/orders/$orderDbId/transfer" "$token" '{}'
transferredAt=$(date +%s)
step "a spoofed deposit callback is refused"
call POST /webhooks/toss "" '{"createdAt":"2026-11-25T10:00:00.000000","secret":"guess","status":"DONE","transactionKey":"tx","orderId":"'$orderId'"}'

step "bad input is a 400 problem naming the field, never a 500"
call POST /articles "$token" '{"title": '
step "an unknown route is a 404 problem"
call GET /nowhere "$token"
step "scheduled crawl (fired now): one task per (marketplace, keyword), each walked until an empty or all-known page"
call POST /_local/schedules/CrawlFanoutFunction/run
show "(at most 2 requests at once per marketplace; against real sites also 4 a second, unpaced against the emulators)"
for _ in $(seq 1 150); do   # the run's summary reaches Discord when its last task ends
  curl -s "$gw/_local/discord/messages" | grep -q '크롤링' && break
  sleep 0.2
done
show "marketplace emulator saw: $(curl -s "$gw/_local/market/requests" | head -c 200)"
call GET "/listings?keyword=%ED%98%B8%ED%85%94%20%EC%96%91%EB%8F%84&source=JOONGNA&limit=2" "$bob"

step "dave buys a third article by card; alice never transfers it"
dave=$(curl -s -XPOST "$gw/_local/token" -d '{"sub":"dave","role":"USER","phone":"+821077778888"}' | field token)
id3=$(publish)
held=$(curl -s -XPOST "$gw/orders" -H "Authorization: Bearer $dave" -H 'Content-Type: application/json' -d '{"articleId":'$id3',"guestName":"박다은"}')
orderId=$(printf '%s' "$held" | field orderId); amount=$(printf '%s' "$held" | field amount)
daveOrder=$(printf '%s' "$held" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
pk=$(curl -s -XPOST "$gw/_local/toss/checkout" -d '{"orderId":"'$orderId'","amount":'$amount',"method":"CARD"}' | field paymentKey)
call POST /payments/confirm "$dave" '{"paymentKey":"'$pk'","orderId":"'$orderId'","amount":'$amount'}'
paidAt=$(date +%s)
step "waiting for dave's transfer deadline and carol's auto-confirm time (15 s and 20 s here; 24 h each in production)"
until [ "$(date +%s)" -gt $((paidAt + 16)) ] && [ "$(date +%s)" -gt $((transferredAt + 21)) ]; do sleep 1; done
step "the maintenance schedule (fired now): dave is refunded in full automatically and the article leaves the catalogue; carol's order completes"
call POST /_local/schedules/MaintenanceFunction/run
call GET "/orders/$daveOrder" "$dave"
call GET "/orders/$orderDbId" "$carol"
call GET "/articles/$id3" "$dave"

step "staff verify alice (the local token route gives an admin token); the daily payout run pays her settled money through Toss"
admin=$(curl -s -XPOST "$gw/_local/token" -d '{"sub":"ops","role":"ADMIN"}' | field token)
merchantId=$(curl -s "$gw/merchants/me" -H "Authorization: Bearer $token" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
call POST "/admin/merchants/$merchantId/verify" "$admin" '{"reason":"사업자등록증과 정산 계좌 예금주 일치 확인"}'
call POST /_local/schedules/PayoutFunction/run
show "Toss completes the transfer → $(curl -s -XPOST "$gw/_local/toss/payouts/complete" | head -c 200)"
call POST /_local/schedules/PayoutFunction/run
show "Toss's payouts: $(curl -s "$gw/_local/toss/payouts" | head -c 300)"

step "notifications: the outbox relay sends each outbox row to SQS within a second of its commit, the queue consumer delivers it: SOLAPI alimtalk, Discord ops"
for _ in $(seq 1 100); do
  n=$(curl -s "$gw/_local/solapi/messages" | grep -o '"templateId"' | wc -l)
  [ "$n" -ge 16 ] && break
  sleep 0.2
done
curl -s "$gw/_local/solapi/messages" | grep -o '"to" *: *"[^"]*"\|"templateId" *: *"[^"]*"' | sed 's/"//g; s/ //g' | paste -d' ' - - \
  | while read -r line; do show "alimtalk  $line"; done
curl -s "$gw/_local/discord/messages" | grep -o '"content" *: *"[^"]*"' | sed 's/"content" *: *"//; s/"$//; s/\\u[0-9A-Fa-f]\{4\}//g; s/\xEF\xB8\x8F//g' \
  | while read -r line; do show "discord   $line"; done
printf '\n\033[1mdemo done\033[0m — the stack keeps running; addresses in %s/stack.json; Ctrl-C stops it.\n\n' "$dir"
