#!/usr/bin/env python3
"""执行节点期限监督 API 的 Python 示例（仅用标准库）：签名（v2）、提交一个立案事件、读回案件。

A Python example for the deadline supervisor's API (standard library only): sign (v2),
post a case.filed event, read the case back.

    API=http://127.0.0.1:3000 COURT_ID=demo-court COURT_SECRET=demo-secret-0123456789abcdef \\
    CASE_NO='(2026)豫0823执9001号' python3 court_client.py

签名 v2 / signature v2: X-Signature: v2=<hex HMAC-SHA256(secret, canonical)>, canonical =
timestamp, METHOD, canonical request target, raw body bytes, joined by "\\n".
"""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

API = os.environ.get("API", "http://127.0.0.1:3000").rstrip("/")
COURT_ID = os.environ.get("COURT_ID", "demo-court")
COURT_SECRET = os.environ.get("COURT_SECRET", "demo-secret-0123456789abcdef")


def canonical_target(target: str) -> str:
    """请求目标规范化：路径百分号解码一次；查询参数按表单规则解码，按名称、再按值（UTF-16 码元顺序）排序。

    The path percent-decoded once; the query form-decoded ("+" is a space), sorted by name
    then value in UTF-16 code-unit order, written name=value and joined by "&".
    """
    path, _, query = target.partition("?")
    decoded = urllib.parse.unquote(path, encoding="utf-8", errors="strict")
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="strict")
    if not pairs:
        return decoded
    utf16 = lambda s: s.encode("utf-16-be")  # big-endian bytes sort like UTF-16 code units
    pairs.sort(key=lambda kv: (utf16(kv[0]), utf16(kv[1])))
    return decoded + "?" + "&".join(f"{k}={v}" for k, v in pairs)


def signed_headers(method: str, target: str, body: bytes = b"") -> dict:
    """The three headers of a signed request. `target` is the path and query as sent."""
    timestamp = str(int(time.time()))
    canonical = b"\n".join([timestamp.encode(), method.upper().encode(), canonical_target(target).encode("utf-8"), body])
    digest = hmac.new(COURT_SECRET.encode("utf-8"), canonical, hashlib.sha256).hexdigest()
    return {"X-Court-Id": COURT_ID, "X-Timestamp": timestamp, "X-Signature": f"v2={digest}"}


def call(method: str, target: str, body: bytes = b"") -> tuple:
    """Sends a signed request; waits and resends on 429 / 503 as Retry-After says."""
    for _ in range(10):
        headers = {"Content-Type": "application/json", **signed_headers(method, target, body)}
        request = urllib.request.Request(API + target, data=body if method != "GET" else None, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            answer = json.loads(error.read().decode("utf-8") or "null")
            if error.code in (429, 503):
                time.sleep(float(error.headers.get("Retry-After", "1")))
                continue
            return error.code, answer
    raise RuntimeError("the API kept answering 429/503")


def main() -> int:
    case_no = os.environ.get("CASE_NO", "(2026)豫0823执9001号")
    china = timezone(timedelta(hours=8))
    event = {
        "eventId": f"py-example-{case_no}",
        "type": "case.filed",
        "caseNo": case_no,
        "occurredAt": datetime.now(china).replace(microsecond=0).isoformat(),
        "data": {"amount": 50000, "financial": False, "respondents": [{"kind": "person"}]},
    }
    # The body is signed as the exact bytes sent (UTF-8, Chinese kept as is).
    body = json.dumps({"events": [event]}, ensure_ascii=False).encode("utf-8")
    status, answer = call("POST", "/v1/events", body)
    print(f"POST /v1/events → {status} {json.dumps(answer, ensure_ascii=False)}")
    if status != 202 or answer["results"][0]["status"] not in ("accepted", "duplicate"):
        return 1

    # The case is there once the event is applied (a moment later): 404 until then.
    target = "/v1/cases/" + urllib.parse.quote(case_no, safe="")
    for _ in range(60):
        status, case = call("GET", target)
        if status == 200:
            print(f"GET {target} → 200 {case['caseNo']} 团队 team={case['team']} 节点 nodes={len(case['nodes'])}")
            for node in case["nodes"]:
                print(f"  {node['label']} {node['id']}: {node['status']}, 期限 due {node['dueAt']}")
            return 0
        if status != 404:
            print(f"GET {target} → {status} {json.dumps(case, ensure_ascii=False)}")
            return 1
        time.sleep(0.5)
    print("the case did not appear within 30 s")
    return 1


if __name__ == "__main__":
    sys.exit(main())
