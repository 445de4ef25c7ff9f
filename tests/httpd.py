#!/usr/bin/env python3
"""httpd.py: a local HTTP server for tidings' tests (Python 3 stdlib only).

Usage:
    httpd.py [--dir DIR] [--port-file FILE] [--lifetime SECONDS]

Binds 127.0.0.1 on an ephemeral port and prints the port on the first line
of stdout (and writes it to --port-file when given, atomically).  Exits by
itself after --lifetime seconds (default 300), when its parent process goes
away, or on SIGTERM/SIGINT, so a crashed test never leaves it running.

Requests whose path is not a route below are served as files from --dir
(default: the current directory), with ETag and Last-Modified derived from
the file and 304 answers to If-None-Match / If-Modified-Since.

Routes (query parameters in brackets, with their defaults):

  /ok [body=hello]          200, text/plain; charset=utf-8, the body + "\\n"
  /etag [tag=v1]            200 with ETag "tag"; 304 when If-None-Match has it
  /lastmod                  200 with a fixed Last-Modified; 304 when
                            If-Modified-Since is at or after it
  /gzip [n=1000]            200, Content-Encoding: gzip; decodes to n lines
                            "line I" (I from 0)
  /redirect [n=3]           302 to /redirect?n=N-1; n=0 answers 200 "arrived"
  /loop                     302 to itself, forever
  /tofile                   302 to file:///etc/passwd
  /status [code=404]        that status with a one-line body
  /retry [code=429]         that status with Retry-After: S when [after=S],
                            or an HTTP date S seconds ahead when [date=S]
  /stall [s=30]             headers (Content-Length: 100), 5 bytes, then
                            sleeps min(s, 30) seconds and closes
  /truncated                Content-Length: 1000 but only 10 bytes, then closes
  /big [mb=40] [length=0]   mb MiB of 'x' streamed in 64 KiB chunks, nothing
                            stored; with length=1 a Content-Length is sent;
                            the bytes actually sent are in /_stats
  /bomb [mb=100]            gzip of mb MiB of zeros (about 100 KiB on the wire)
  /reset                    reads the request, then closes with an RST
  /garbage                  answers bytes that are not HTTP, then closes
  /drip [n=10] [ms=100]     Content-Length n, one byte every ms milliseconds
  /hold [ms=200]            sleeps ms, then 200 "held"; counts how many holds
                            run at once (max_hold in /_stats)
  /gzfeed [n=5] [round=0] [enc=gzip]
                            an RSS feed of n items whose guids carry the
                            round, with Content-Encoding enc (gzip, or
                            deflate: zlib-wrapped); the same bytes for
                            the same query every time (gzip mtime 0), and
                            no validators, like a server that answers 200
                            to every poll
  /cookie [set=seen]        an RSS feed whose one item is titled with the
                            request's Cookie header ("none" if absent), and
                            Set-Cookie: set=1
  /media [n=300000] [range=1] [cut=0] [stall=0]
                            n bytes of audio/mpeg, byte I = (7 I + 3) % 251;
                            honours "Range: bytes=S-" with 206 unless
                            range=0; with cut=K a response from byte 0
                            claims all n bytes (Content-Length) but sends
                            K, then closes (or with stall=1 waits until the
                            client goes); a resumed request gets the rest;
                            requests with a Range count in media_ranges

Test control (not logged):

  /_stats                   text lines "key value": requests, max_hold,
                            max_conn, big_sent
  /_log                     one line per request since the last reset:
                            path?query TAB If-None-Match TAB If-Modified-Since
                            TAB Accept-Encoding TAB User-Agent ("-" if absent)
  /_reset                   empties the log and the counters

Routes are data: ROUTES maps a path to a handler method; adding a route is
one function and one line in the table.
"""

import argparse
import email.utils
import gzip
import hashlib
import html
import io
import mimetypes
import os
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_STALL = 30
LASTMOD = "Wed, 10 Jul 2024 04:26:53 GMT"
LASTMOD_TS = email.utils.parsedate_to_datetime(LASTMOD).timestamp()


class State:
    """Counters and the request log, shared by the handler threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.log = []
            self.requests = 0
            self.hold = 0
            self.max_hold = 0
            self.conn = 0
            self.max_conn = 0
            self.big_sent = 0
            self.media_ranges = 0

    def add(self, name, delta):
        with self.lock:
            value = getattr(self, name) + delta
            setattr(self, name, value)
            top = "max_" + name
            if hasattr(self, top) and value > getattr(self, top):
                setattr(self, top, value)


STATE = State()
BOMB_CACHE = {}
MEDIA_CACHE = {}


def qint(query, name, default, low=0, high=1 << 30):
    try:
        value = int(query.get(name, [str(default)])[0])
    except ValueError:
        value = default
    return max(low, min(high, value))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tidings-test-httpd"
    # Headers and body go out in separate writes: without this, Nagle and
    # delayed ACKs add 40 ms to every response.
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        STATE.add("conn", 1)

    def finish(self):
        try:
            super().finish()
        finally:
            STATE.add("conn", -1)

    # -- plumbing --------------------------------------------------------

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        route = ROUTES.get(url.path)
        if not url.path.startswith("/_"):
            h = self.headers
            line = "\t".join([self.path] + [
                h.get(k, "-") for k in ("If-None-Match", "If-Modified-Since",
                                        "Accept-Encoding", "User-Agent")])
            with STATE.lock:
                STATE.requests += 1
                STATE.log.append(line)
        try:
            if route is None:
                self.serve_file(url.path)
            else:
                route(self, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def reply(self, code, body=b"", ctype="text/plain; charset=utf-8",
              headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304 and self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location):
        self.reply(302, b"moved\n", headers=[("Location", location)])

    # -- static files ----------------------------------------------------

    def serve_file(self, path):
        root = os.path.realpath(self.server.root)
        rel = urllib.parse.unquote(path).lstrip("/")
        full = os.path.realpath(os.path.join(root, rel))
        if (not full.startswith(root + os.sep)) or not os.path.isfile(full):
            self.reply(404, b"not found\n")
            return
        st = os.stat(full)
        tag = '"%x-%x"' % (st.st_size, int(st.st_mtime))
        lastmod = email.utils.formatdate(int(st.st_mtime), usegmt=True)
        validators = [("ETag", tag), ("Last-Modified", lastmod)]
        ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("xml"):
            ctype += "; charset=utf-8"
        if self.not_modified(tag, int(st.st_mtime)):
            self.reply(304, ctype=ctype, headers=validators)
            return
        with open(full, "rb") as f:
            body = f.read()
        self.reply(200, body, ctype=ctype, headers=validators)

    def not_modified(self, tag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return tag in [t.strip() for t in inm.split(",")] or inm == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= since
        return False

    # -- routes ----------------------------------------------------------

    def r_ok(self, q):
        body = q.get("body", ["hello"])[0]
        self.reply(200, (body + "\n").encode())

    def r_etag(self, q):
        tag = '"%s"' % q.get("tag", ["v1"])[0]
        if self.not_modified(tag, 0) and "If-None-Match" in self.headers:
            self.reply(304, headers=[("ETag", tag)])
        else:
            self.reply(200, b"etag body\n", headers=[("ETag", tag)])

    def r_lastmod(self, q):
        hdr = [("Last-Modified", LASTMOD)]
        if self.not_modified("", LASTMOD_TS):
            self.reply(304, headers=hdr)
        else:
            self.reply(200, b"lastmod body\n", headers=hdr)

    def r_gzip(self, q):
        n = qint(q, "n", 1000, high=1000000)
        raw = "".join("line %d\n" % i for i in range(n)).encode()
        self.reply(200, gzip.compress(raw),
                   headers=[("Content-Encoding", "gzip")])

    def r_redirect(self, q):
        n = qint(q, "n", 3, high=100)
        if n == 0:
            self.reply(200, b"arrived\n")
        else:
            self.redirect("/redirect?n=%d" % (n - 1))

    def r_loop(self, q):
        self.redirect("/loop")

    def r_tofile(self, q):
        self.redirect("file:///etc/passwd")

    def r_status(self, q):
        code = qint(q, "code", 404, 200, 599)
        self.reply(code, b"status %d\n" % code)

    def r_retry(self, q):
        code = qint(q, "code", 429, 200, 599)
        hdr = []
        if "after" in q:
            hdr.append(("Retry-After", q["after"][0]))
        elif "date" in q:
            when = time.time() + qint(q, "date", 0, -(1 << 30))
            hdr.append(("Retry-After",
                        email.utils.formatdate(when, usegmt=True)))
        self.reply(code, b"slow down\n", headers=hdr)

    def r_stall(self, q):
        secs = qint(q, "s", MAX_STALL, 0, MAX_STALL)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100")
        self.end_headers()
        self.wfile.write(b"stall")
        self.wfile.flush()
        self.sleep_until_gone(secs)
        self.close_connection = True

    def r_truncated(self, q):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"0123456789")
        self.close_connection = True

    def r_big(self, q):
        size = qint(q, "mb", 40, 0, 4096) << 20
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if qint(q, "length", 0):
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b"x" * 65536
        sent = 0
        with STATE.lock:
            STATE.big_sent = 0
        try:
            while sent < size:
                part = chunk[:min(len(chunk), size - sent)]
                self.wfile.write(part)
                sent += len(part)
                with STATE.lock:
                    STATE.big_sent = sent
        except OSError:
            pass

    def r_bomb(self, q):
        mb = qint(q, "mb", 100, 1, 1024)
        if mb not in BOMB_CACHE:
            c = zlib.compressobj(9, zlib.DEFLATED, 31)
            zero = bytes(1 << 20)
            out = io.BytesIO()
            for _ in range(mb):
                out.write(c.compress(zero))
            out.write(c.flush())
            BOMB_CACHE[mb] = out.getvalue()
        self.reply(200, BOMB_CACHE[mb], ctype="text/html",
                   headers=[("Content-Encoding", "gzip")])

    def r_reset(self, q):
        self.close_connection = True
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.connection.close()

    def r_garbage(self, q):
        self.close_connection = True
        self.wfile.write(b"\x00\x01\x02 this is not HTTP \xff\xfe\r\n\r\n" * 8)

    def r_drip(self, q):
        n = qint(q, "n", 10, 0, 10000)
        ms = qint(q, "ms", 100, 0, 10000)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(n))
        self.end_headers()
        self.wfile.flush()
        for _ in range(n):
            if not self.sleep_until_gone(ms / 1000.0):
                break
            self.wfile.write(b".")
            self.wfile.flush()
        self.close_connection = True

    def r_gzfeed(self, q):
        n = qint(q, "n", 5, 0, 1000)
        rnd = qint(q, "round", 0, 0, 1000)
        enc = q.get("enc", ["gzip"])[0]
        items = "".join('<item><title>Item %d</title><guid>r%d-%d</guid>'
                        '<description>round %d, item %d</description></item>'
                        % (i, rnd, i, rnd, i) for i in range(n))
        raw = ('<rss version="2.0"><channel><title>gzfeed</title>%s'
               '</channel></rss>\n' % items).encode()
        if enc == "deflate":
            body = zlib.compress(raw, 6)
        else:
            enc = "gzip"
            body = gzip.compress(raw, 6, mtime=0)
        self.reply(200, body, ctype="application/rss+xml",
                   headers=[("Content-Encoding", enc)])

    def r_cookie(self, q):
        got = self.headers.get("Cookie", "none")
        name = q.get("set", ["seen"])[0]
        body = ('<rss version="2.0"><channel><title>cookie</title><item>'
                '<title>cookie: %s</title><guid>%s</guid></item></channel></rss>\n'
                % (html.escape(got), html.escape(got))).encode()
        self.reply(200, body, ctype="application/rss+xml",
                   headers=[("Set-Cookie", "%s=1; Path=/" % name)])

    def r_hold(self, q):
        ms = qint(q, "ms", 200, 0, 10000)
        STATE.add("hold", 1)
        try:
            time.sleep(ms / 1000.0)
        finally:
            STATE.add("hold", -1)
        self.reply(200, b"held\n")

    def r_media(self, q):
        n = qint(q, "n", 300000, 0, 64 << 20)
        cut = qint(q, "cut", 0, 0, 64 << 20)
        start = 0
        rng = self.headers.get("Range")
        if rng is not None:
            STATE.add("media_ranges", 1)
        if rng is not None and qint(q, "range", 1) and rng.startswith("bytes="):
            try:
                start = int(rng[6:].split("-")[0])
            except ValueError:
                start = 0
        if start >= n and n > 0:
            self.reply(416, b"", headers=[("Content-Range", "bytes */%d" % n)])
            return
        body = MEDIA_CACHE.get(n)
        if body is None:
            body = bytes((7 * i + 3) % 251 for i in range(n))
            MEDIA_CACHE[n] = body
        self.send_response(206 if start > 0 else 200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Accept-Ranges", "bytes")
        if start > 0:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, n - 1, n))
        self.send_header("Content-Length", str(n - start))
        self.end_headers()
        if self.command == "HEAD":
            return
        if cut and start == 0 and cut < n:
            self.wfile.write(body[:cut])
            self.wfile.flush()
            if qint(q, "stall", 0):
                self.sleep_until_gone(MAX_STALL)
            self.close_connection = True
            return
        self.wfile.write(body[start:])

    def sleep_until_gone(self, secs):
        """Sleep secs, returning False early if the client went away."""
        end = time.monotonic() + secs
        while time.monotonic() < end:
            time.sleep(min(0.05, max(0.0, end - time.monotonic())))
            try:
                data = self.connection.recv(1, socket.MSG_PEEK |
                                            socket.MSG_DONTWAIT)
                if data == b"":
                    return False
            except BlockingIOError:
                pass
            except OSError:
                return False
        return True

    # -- test control ----------------------------------------------------

    def c_stats(self, q):
        with STATE.lock:
            lines = ["%s %d" % (k, getattr(STATE, k)) for k in
                     ("requests", "max_hold", "max_conn", "big_sent",
                      "media_ranges")]
        self.reply(200, ("\n".join(lines) + "\n").encode())

    def c_log(self, q):
        with STATE.lock:
            body = "".join(line + "\n" for line in STATE.log)
        self.reply(200, body.encode())

    def c_reset(self, q):
        STATE.reset()
        self.reply(200, b"reset\n")


ROUTES = {
    "/ok": Handler.r_ok,
    "/etag": Handler.r_etag,
    "/lastmod": Handler.r_lastmod,
    "/gzip": Handler.r_gzip,
    "/redirect": Handler.r_redirect,
    "/loop": Handler.r_loop,
    "/tofile": Handler.r_tofile,
    "/status": Handler.r_status,
    "/retry": Handler.r_retry,
    "/stall": Handler.r_stall,
    "/truncated": Handler.r_truncated,
    "/big": Handler.r_big,
    "/bomb": Handler.r_bomb,
    "/reset": Handler.r_reset,
    "/garbage": Handler.r_garbage,
    "/drip": Handler.r_drip,
    "/hold": Handler.r_hold,
    "/cookie": Handler.r_cookie,
    "/gzfeed": Handler.r_gzfeed,
    "/media": Handler.r_media,
    "/_stats": Handler.c_stats,
    "/_log": Handler.c_log,
    "/_reset": Handler.c_reset,
}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients that hang up mid-request are what these tests are about.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def watchdog(lifetime, parent):
    end = time.monotonic() + lifetime
    while time.monotonic() < end:
        if os.getppid() != parent:
            break
        time.sleep(0.2)
    os._exit(0)


def main():
    # Taken first: a parent that exits as soon as the port is announced
    # must still be noticed.
    parent = os.getppid()
    ap = argparse.ArgumentParser(description="tidings test HTTP server")
    ap.add_argument("--dir", default=".", help="directory of static files")
    ap.add_argument("--port-file", help="also write the port to this file")
    ap.add_argument("--lifetime", type=float, default=300.0,
                    help="exit after this many seconds (default 300)")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    if os.getppid() != parent:
        os._exit(0)
    server = Server(("127.0.0.1", 0), Handler)
    server.root = args.dir
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()
    threading.Thread(target=watchdog, args=(args.lifetime, parent),
                     daemon=True).start()
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
