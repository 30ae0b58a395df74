#!/usr/bin/env python3
"""A loopback test double of the Cloudflare Queues HTTP pull-consumer API, for r2s's `watch` tests.

It follows the public docs (developers.cloudflare.com/queues/configuration/pull-consumers/,
queues/configuration/batching-retries/, queues/reference/delivery-guarantees/ and the
Stainless-generated SDK's queues/messages.ts), not Cloudflare's code:

  POST /client/v4/accounts/{account}/queues/{queue}/messages/pull
       {"batch_size": 1..100 (default 5), "visibility_timeout_ms": ..(default 30000, max 12 h)}
    -> {"success":true,"errors":[],"messages":[],
        "result":{"message_backlog_count":N,"messages":[{"id","timestamp_ms","attempts","lease_id",
                  "body","metadata":{"CF-sourceMessageSource":"r2","CF-Content-Type":"json"}}]}}
       An empty queue answers at once (short polling). `json`/`bytes` bodies are base64, `text` plain.
  POST .../messages/ack {"acks":[{"lease_id"}],"retries":[{"lease_id","delay_seconds"}]}
    -> {"success":true,"errors":[],"messages":[],"result":{"ackCount":a,"retryCount":r,"warnings":[]}}

Delivery is at least once, in no guaranteed order: a leased message not acked within its visibility
timeout is delivered again with `attempts` + 1 and a new lease id; after `max_retries` (default 3)
redeliveries it moves to the dead-letter list. A wrong or missing `Authorization: Bearer` token is
HTTP 401 with a Cloudflare error body. Lease ids are opaque; an ack naming a stale lease is ignored.

Test-only control endpoints (never part of Cloudflare's API), under /_double/{queue}/:
  POST send    {"messages":[{"body": <json value or string>, "content_type": "json"|"text"|"bytes"}]}
               (bytes bodies are given base64-encoded); timestamp_ms is the enqueue time.
  POST config  {"max_retries":3, "duplicate":false (each sent message enqueued twice),
                "shuffle":false (pull picks visible messages in random order),
                "fail_next":[{"status":429,"count":2,"verb":"pull"|"ack"|"any"}]
                (the next `count` pulls/acks answer that status),
                "hold_acks":false (every ack request is held unanswered and never applied, counted in
                stats' "held"; when turned off the held ones answer 503: a consumer killed while
                waiting for its ack lost it, as on a dropped connection)}
  POST expire  every leased message becomes visible now (as if its visibility timeout passed)
  GET  stats   {"ready","leased","acked","dead","deliveries","pulls","acks","held"}

Usage: queues_double.py PORT TOKEN
"""
import base64
import json
import random
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
QUEUES = {}
PATH = re.compile(r"^/client/v4/accounts/([A-Za-z0-9-]+)/queues/([A-Za-z0-9-]+)/messages/(pull|ack)$")
CONTROL = re.compile(r"^/_double/([A-Za-z0-9-]+)/(send|config|expire|stats)$")
MAX_VISIBILITY_MS = 12 * 3600 * 1000


def now_ms():
    return int(time.time() * 1000)


class Queue:
    def __init__(self):
        self.messages = {}  # id -> dict(body, type, ts, attempts, visible_at, lease)
        self.order = []  # ids in enqueue order
        self.leases = {}  # lease id -> message id
        self.dead = []
        self.acked = 0
        self.deliveries = 0
        self.pulls = 0
        self.acks = 0
        self.max_retries = 3
        self.duplicate = False
        self.shuffle = False
        self.fail_next = []  # [[status, count]]
        self.hold_acks = False
        self.held = 0
        self.rng = random.Random(18)

    def injected_failure(self, verb):
        for f in self.fail_next:
            status, count, only = f
            if count > 0 and only in ("any", verb):
                f[1] -= 1
                return status
        return None


def queue(qid):
    q = QUEUES.get(qid)
    if q is None:
        q = QUEUES[qid] = Queue()
    return q


def envelope(result, success=True, errors=None):
    return {"success": success, "errors": errors or [], "messages": [], "result": result}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    token = ""

    def log_message(self, *args):
        pass

    def reply(self, status, doc, headers=None):
        data = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n > 8 << 20:
            raise ValueError("body too large")
        raw = self.rfile.read(n) if n else b""
        return json.loads(raw) if raw.strip() else {}

    def do_GET(self):
        m = CONTROL.match(self.path)
        if not m or m.group(2) != "stats":
            return self.reply(404, envelope(None, False, [{"code": 7003, "message": "No route for that URI"}]))
        with LOCK:
            q = queue(m.group(1))
            t = now_ms()
            ready = sum(1 for x in q.messages.values() if x["visible_at"] <= t)
            self.reply(200, {"ready": ready, "leased": len(q.messages) - ready, "acked": q.acked, "dead": len(q.dead),
                             "deliveries": q.deliveries, "pulls": q.pulls, "acks": q.acks, "held": q.held})

    def do_POST(self):
        try:
            doc = self.body()
        except ValueError as e:
            return self.reply(400, envelope(None, False, [{"code": 10001, "message": "malformed JSON: %s" % e}]))
        c = CONTROL.match(self.path)
        if c:
            return self.control(c.group(1), c.group(2), doc)
        m = PATH.match(self.path)
        if not m:
            return self.reply(404, envelope(None, False, [{"code": 7003, "message": "No route for that URI"}]))
        if self.headers.get("Authorization") != "Bearer " + Handler.token:
            return self.reply(401, envelope(None, False, [{"code": 10000, "message": "Authentication error"}]))
        with LOCK:
            q = queue(m.group(2))
            held = m.group(3) == "ack" and q.hold_acks
            if held:
                q.held += 1
        if held:
            # Outside the lock: the test reads stats and kills the consumer meanwhile.
            while True:
                with LOCK:
                    if not q.hold_acks:
                        break
                time.sleep(0.02)
            return self.reply(503, envelope(None, False, [{"code": 10013, "message": "held ack dropped"}]))
        with LOCK:
            status = q.injected_failure(m.group(3))
            if status is not None:
                return self.reply(status, envelope(None, False, [{"code": 10013, "message": "injected HTTP %d" % status}]),
                                  {"Retry-After": "1"} if status == 429 else None)
            return self.pull(q, doc) if m.group(3) == "pull" else self.ack(q, doc)

    def pull(self, q, doc):
        batch = doc.get("batch_size", 5)
        vis = doc.get("visibility_timeout_ms", 30000)
        if not isinstance(batch, int) or not 1 <= batch <= 100:
            return self.reply(400, envelope(None, False, [{"code": 11002, "message": "batch_size must be 1..100"}]))
        if not isinstance(vis, int) or not 0 < vis <= MAX_VISIBILITY_MS:
            return self.reply(400, envelope(None, False, [{"code": 11002, "message": "visibility_timeout_ms out of range"}]))
        q.pulls += 1
        t = now_ms()
        visible = [mid for mid in q.order if mid in q.messages and q.messages[mid]["visible_at"] <= t]
        if q.shuffle:
            q.rng.shuffle(visible)
        out = []
        for mid in visible:
            if len(out) >= batch:
                break
            msg = q.messages[mid]
            if msg["attempts"] > q.max_retries:  # delivered 1 + max_retries times: dead-lettered
                q.dead.append(mid)
                del q.messages[mid]
                continue
            msg["attempts"] += 1
            if msg["lease"]:
                q.leases.pop(msg["lease"], None)
            msg["lease"] = uuid.uuid4().hex + uuid.uuid4().hex
            q.leases[msg["lease"]] = mid
            msg["visible_at"] = t + vis
            q.deliveries += 1
            body = msg["body"] if msg["type"] == "text" else base64.b64encode(msg["body"]).decode()
            out.append({"id": mid, "timestamp_ms": msg["ts"], "attempts": msg["attempts"], "lease_id": msg["lease"],
                        "body": body, "metadata": {"CF-sourceMessageSource": "r2", "CF-Content-Type": msg["type"]}})
        q.order = [mid for mid in q.order if mid in q.messages]
        self.reply(200, envelope({"message_backlog_count": len(q.messages), "messages": out}))

    def ack(self, q, doc):
        acked = retried = 0
        q.acks += 1
        for a in doc.get("acks") or []:
            mid = q.leases.pop(a.get("lease_id"), None)
            if mid is not None and mid in q.messages:
                del q.messages[mid]
                q.acked += 1
                acked += 1
        t = now_ms()
        for r in doc.get("retries") or []:
            mid = q.leases.pop(r.get("lease_id"), None)
            if mid is not None and mid in q.messages:
                q.messages[mid]["visible_at"] = t + 1000 * int(r.get("delay_seconds") or 0)
                q.messages[mid]["lease"] = None
                retried += 1
        self.reply(200, envelope({"ackCount": acked, "retryCount": retried, "warnings": []}))

    def control(self, qid, verb, doc):
        with LOCK:
            q = queue(qid)
            if verb == "send":
                ids = []
                for m in doc.get("messages") or []:
                    ctype = m.get("content_type", "json")
                    if ctype == "json":
                        body = json.dumps(m["body"]).encode()
                    elif ctype == "bytes":
                        body = base64.b64decode(m["body"])
                    else:
                        body = m["body"]
                    for _ in range(2 if q.duplicate else 1):
                        mid = uuid.uuid4().hex
                        q.messages[mid] = {"body": body, "type": ctype, "ts": now_ms(), "attempts": 0,
                                           "visible_at": 0, "lease": None}
                        q.order.append(mid)
                        ids.append(mid)
                return self.reply(200, {"ids": ids})
            if verb == "config":
                q.max_retries = int(doc.get("max_retries", q.max_retries))
                q.duplicate = bool(doc.get("duplicate", q.duplicate))
                q.shuffle = bool(doc.get("shuffle", q.shuffle))
                q.hold_acks = bool(doc.get("hold_acks", q.hold_acks))
                q.fail_next = [[int(f["status"]), int(f.get("count", 1)), f.get("verb", "any")]
                               for f in doc.get("fail_next") or []]
                return self.reply(200, {"ok": True})
            if verb == "expire":
                for msg in q.messages.values():
                    msg["visible_at"] = 0
                return self.reply(200, {"ok": True})
            return self.reply(405, {"error": "GET stats"})


def main():
    port, Handler.token = int(sys.argv[1]), sys.argv[2]
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
