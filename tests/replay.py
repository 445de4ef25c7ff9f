#!/usr/bin/env python3
"""replay.py: a feed server's API replayed from recorded pairs, for tidings'
sync tests of servers that cannot run here (Miniflux, the Google Reader API).
Python 3 stdlib only.

Usage:
    replay.py --pairs FILE --log FILE [--port N] [--port-file FILE]
              [--lifetime SECONDS]

Binds 127.0.0.1 (on --port, or an ephemeral one, written to --port-file)
and answers each request from the pairs in FILE, which is read again at
every request (a test moves the server to its next scene by replacing the
file).  FILE is JSON:

    {"doc": ["the documentation pages the pairs are written from", ...],
     "auth": {"Header-Name": "value", ...},   checked on every request
     "pairs": [{"doc": "URL of the page this pair comes from",
                "method": "GET", "path": "/v1/feeds",
                "query": {"name": ["value", ...]},    exact; absent: none
                "json_body": ..., "form_body": {...}, exact when given
                "auth": {...} or null,                this pair's own
                "status": 200, "type": "application/json",
                "json": ..., "text": "...",           the answer
                "delay": SECONDS}, ...]}

A request is answered by the first pair whose method, path, query and body
match it exactly.  A request whose credentials differ from the pair's gets
401 (what the servers answer); any other request no pair matches gets 400,
so a wrong request fails the test that sent it (a GET that frames a body,
even an empty one, is such a request).  Every request is appended
to --log as one line: "STATUS METHOD PATH?QUERY BODY" (the body on one line).

Exits after --lifetime seconds (default 300), when its parent goes away, or
on SIGTERM/SIGINT.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# no __pycache__ in the source tree (make distcheck makes it read-only)
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpd import watchdog  # noqa: E402 (the same lifetime rules as httpd.py)


def body_matches(pair, ctype, raw):
    if "json_body" in pair:
        try:
            return json.loads(raw.decode("utf-8")) == pair["json_body"]
        except ValueError:
            return False
    if "form_body" in pair:
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return False
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True) == pair["form_body"]
    return raw == b""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, ctype, body, raw_req):
        with self.server.lock:
            with open(self.server.log, "a") as f:
                f.write("%d %s %s %s\n" % (status, self.command, self.path,
                                           raw_req.decode("utf-8", "replace")
                                           .replace("\n", "\\n")))
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n > 0 else b""
        # a GET or DELETE carries no body: one that frames one (even empty)
        # is not what the docs describe
        if self.command in ("GET", "HEAD", "DELETE") and (
                "Content-Length" in self.headers or "Content-Type" in self.headers):
            return self.answer(400, "text/plain", b"a body on a GET\n", raw)
        with open(self.server.pairs) as f:
            spec = json.load(f)
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type") or ""
        refused = False
        for p in spec["pairs"]:
            if p["method"] != self.command or p["path"] != url.path:
                continue
            if p.get("query", {}) != query or not body_matches(p, ctype, raw):
                continue
            auth = p["auth"] if "auth" in p else spec.get("auth", {})
            if any(self.headers.get(k) != v for k, v in (auth or {}).items()):
                refused = True
                continue
            if p.get("delay"):
                time.sleep(min(float(p["delay"]), 60))
            if "json" in p:
                body = json.dumps(p["json"]).encode("utf-8")
                ctype_out = p.get("type", "application/json")
            else:
                body = p.get("text", "").encode("utf-8")
                ctype_out = p.get("type", "text/plain; charset=utf-8")
            return self.answer(p.get("status", 200), ctype_out if body else None,
                               body, raw)
        if refused:
            return self.answer(401, "text/plain", b"Unauthorized\n", raw)
        return self.answer(400, "text/plain", b"unexpected request\n", raw)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def main():
    parent = os.getppid()
    ap = argparse.ArgumentParser(description="tidings feed server replay")
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--lifetime", type=float, default=300.0)
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    server = Server(("127.0.0.1", args.port), Handler)
    server.pairs = args.pairs
    server.log = args.log
    server.lock = threading.Lock()
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    threading.Thread(target=watchdog, args=(args.lifetime, parent),
                     daemon=True).start()
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
