#!/usr/bin/env python3
"""A loopback HTTP proxy that makes every request pay extra latency (scripts/bench/scale.sh).

    latency_proxy.py LISTEN_PORT UPSTREAM_PORT [DELAY_MS] [LOG]   (DELAY_MS defaults to 50)

It listens on 127.0.0.1:LISTEN_PORT and forwards each request to 127.0.0.1:UPSTREAM_PORT after
sleeping DELAY_MS, like a client far from R2. The request goes on byte for byte: method, path and
query exactly as received, every header including Host (SigV4 signs the Host the client used, so
the client's endpoint is the proxy's address and the upstream server checks the signature against
that same Host). Each client connection gets its own upstream connection (keep-alive on both
sides), so N concurrent client streams are N concurrent upstream streams.

Only 127.0.0.1 is ever bound or contacted. Bodies are read with their Content-Length (or chunked
encoding, passed through), never unbounded. Standard library only.

With LOG, one line per request is appended to that file: the method, the path and query as
received (never a header, so no signature or key), and the status; counting requests per run
is how the parallel listing's extra work was found (issue 17).
"""
import http.client
import http.server
import socketserver
import sys
import threading
import time

LOOPBACK = "127.0.0.1"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"}
MAX_BODY = 6 * 1024 * 1024 * 1024  # S3 caps a single PUT at 5 GiB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream_port = 0
    delay = 0.05
    log = None
    log_lock = threading.Lock()

    def log_message(self, fmt, *args):  # quiet: the benchmark prints its own numbers
        pass

    def _upstream(self):
        conn = getattr(self, "_conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(LOOPBACK, self.upstream_port, timeout=300)
            self._conn = conn
        return conn

    def _body(self):
        length = self.headers.get("Content-Length")
        if length is not None:
            n = int(length)
            if n < 0 or n > MAX_BODY:
                raise ValueError("bad Content-Length")
            return self.rfile.read(n)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            total = 0
            while True:
                size = int(self.rfile.readline(64).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY:
                    raise ValueError("chunked body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(8)
            return b"".join(chunks)
        return None

    def _forward(self):
        arrived = time.monotonic()
        time.sleep(self.delay)
        body = self._body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            headers.pop("Transfer-Encoding", None)
            headers["Content-Length"] = str(len(body or b""))
        for attempt in (1, 2):  # a keep-alive upstream connection may have been closed meanwhile
            conn = self._upstream()
            try:
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for k, v in headers.items():
                    conn.putheader(k, v)
                conn.endheaders(body)
                resp = conn.getresponse()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self._conn = None
                if attempt == 2:
                    self.send_error(502, "upstream unreachable")
                    return
        data = resp.read()
        if self.log is not None:
            with self.log_lock:
                # Arrival and answer times (monotonic seconds): a run's timeline, e.g. how long its
                # last ranges ran alone.
                self.log.write("%s %s %d %.3f %.3f\n" % (self.command, self.path, resp.status, arrived, time.monotonic()))
        head = self.command == "HEAD"
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            # A HEAD answer keeps the upstream Content-Length (the object's size, no body follows).
            if k.lower() not in HOP_BY_HOP and (head or k.lower() not in ("content-length", "transfer-encoding")):
                self.send_header(k, v)
        if not head:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    if len(sys.argv) not in (3, 4, 5):
        sys.exit("usage: latency_proxy.py LISTEN_PORT UPSTREAM_PORT [DELAY_MS] [LOG]")
    Handler.upstream_port = int(sys.argv[2])
    Handler.delay = (int(sys.argv[3]) if len(sys.argv) >= 4 else 50) / 1000.0
    if len(sys.argv) == 5:
        # Line-buffered: a line is complete when the request is, whatever the threads interleave.
        Handler.log = open(sys.argv[4], "a", buffering=1)
    server = Server((LOOPBACK, int(sys.argv[1])), Handler)
    print("latency proxy 127.0.0.1:%s -> 127.0.0.1:%s (+%d ms)" % (sys.argv[1], sys.argv[2], Handler.delay * 1000), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
