#!/usr/bin/env bash
# 执行节点期限监督 API 的 curl 示例：签名（v2）、提交一个立案事件、读回案件。
# A curl example: sign (v2), post a case.filed event, read the case back.
# Needs bash, curl, openssl, od and GNU date.
#
#   API=http://127.0.0.1:3000 COURT_ID=demo-court COURT_SECRET=demo-secret-0123456789abcdef \
#   CASE_NO='(2026)豫0823执9003号' bash post-and-read.sh
#
# 签名 v2 / signature v2: X-Signature: v2=<hex HMAC-SHA256(secret, canonical)>, canonical =
# timestamp, METHOD, canonical request target, raw body bytes, joined by "\n".
set -euo pipefail
API=${API:-http://127.0.0.1:3000}
COURT_ID=${COURT_ID:-demo-court}
COURT_SECRET=${COURT_SECRET:-demo-secret-0123456789abcdef}
CASE_NO=${CASE_NO:-'(2026)豫0823执9003号'}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Percent-encodes every byte but unreserved ASCII (for a case number in a path).
urlencode() {
  local hex out='' i byte
  hex=$(printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n')
  for ((i = 0; i < ${#hex}; i += 2)); do
    byte=${hex:i:2}
    case $byte in
      2d | 2e | 5f | 7e | 3[0-9] | 4[1-9a-f] | 5[0-9a] | 6[1-9a-f] | 7[0-9a]) out+=$(printf "\\x$byte") ;;
      *) out+="%${byte^^}" ;;
    esac
  done
  printf '%s' "$out"
}

# sign METHOD CANONICAL_TARGET BODY_FILE → sets $ts and $sig. The target is the decoded
# path (and the sorted query, if any); the body is the file's bytes exactly as sent.
sign() {
  ts=$(date +%s)
  sig=$({ printf '%s\n%s\n%s\n' "$ts" "$1" "$2"; cat "$3"; } | openssl dgst -sha256 -hmac "$COURT_SECRET" | sed 's/^.* //')
}

# 1. Post the event (the body goes as a file, so the bytes signed are the bytes sent).
printf '{"events":[{"eventId":"curl-example-%s","type":"case.filed","caseNo":"%s","occurredAt":"%s","data":{"amount":50000,"financial":false,"respondents":[{"kind":"person"}]}}]}' \
  "$CASE_NO" "$CASE_NO" "$(date -Iseconds)" > "$work/body.json"
sign POST /v1/events "$work/body.json"
answer=$(curl -sS -X POST "$API/v1/events" -H 'content-type: application/json' \
  -H "X-Court-Id: $COURT_ID" -H "X-Timestamp: $ts" -H "X-Signature: v2=$sig" --data-binary "@$work/body.json")
echo "POST /v1/events → $answer"
case $answer in *'"accepted"'* | *'"duplicate"'*) ;; *) exit 1 ;; esac

# 2. Read the case back (404 until the event is applied, a moment later). The path is sent
#    percent-encoded and signed decoded; a GET signs an empty body.
: > "$work/empty"
for _ in $(seq 1 60); do
  sign GET "/v1/cases/$CASE_NO" "$work/empty"
  status=$(curl -sS -o "$work/case.json" -w '%{http_code}' "$API/v1/cases/$(urlencode "$CASE_NO")" \
    -H "X-Court-Id: $COURT_ID" -H "X-Timestamp: $ts" -H "X-Signature: v2=$sig")
  if [ "$status" = 200 ]; then
    echo "GET /v1/cases/$CASE_NO → 200 $(cat "$work/case.json")"
    exit 0
  fi
  [ "$status" = 404 ] || { echo "GET → $status $(cat "$work/case.json")"; exit 1; }
  sleep 0.5
done
echo 'the case did not appear within 30 s'
exit 1
