#!/usr/bin/env python3
"""A local HTTP(S) server for Bulletin's fetch tests and benchmark.

Listens on 127.0.0.1 at a free port and prints "PORT\n" on stdout once ready.
Every path /f/NAME answers in the mode set for NAME (default "ok"); the test
switches modes with GET /_set?name=NAME&mode=MODE and reads counters with
GET /_hits?path=PATH and GET /_ua (the last User-Agent). Pages /page/N are
article pages. With --tls CERT KEY it speaks HTTPS instead.
Files: when BULLETIN_TEST_FILES names a directory, /file/NAME answers its
file NAME (Content-Type from ?ct=, else application/octet-stream), and
/img/FEED-N.jpg answers its N-th img-* file (modulo how many there are) with
Content-Type image/jpeg; without it /img/ answers a broken 3-byte JPEG.
Modes: ok, ok2 (another edition: new items, another ETag, no Last-Modified),
gzip, 304, 301, 308, 302, 404, 410, 429, 500, drip, stall, big, badgzip,
bomb, loop, tofile, badlinks, nolinks, deadlinks (pages answer 404), slow (GET /_maxbusy: most
requests in flight at once), contentloc (relative links, Content-Location: /mirror/news/feed.xml),
slowpages (its item links are pages that drip, /slowpage/N), many (600 tiny items), rolling (5 new items at each request, the
edition is the request's number; no links), rollingK (a new edition every K requests, 304 to its
ETag in between), nothttp (an answer with no HTTP status line).
"""
import gzip
import os
import http.server
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib

STATE = {"modes": {}, "hits": {}, "ua": "", "lock": threading.Lock(), "busy": 0, "max_busy": 0}

SENTENCES = [
    "The city council voted on Tuesday to extend the night bus network to the northern districts.",
    "Officials said the first new routes would start running in the spring after a short trial.",
    "The plan costs about 4.2 million a year and is paid for by a levy on parking permits.",
    "Residents of the outer estates have asked for late services for more than a decade.",
    "Shift workers at the hospital and the logistics park are expected to use the buses most.",
    "The opposition criticised the timetable, saying the buses would still run only every forty minutes.",
    "A review of passenger numbers is planned after the first twelve months of operation.",
    "The transport authority will publish the detailed routes on its website next week.",
]


def feed_xml(base, edition, n_items, links=True, bad=False, dead=False, name="x", slow=False):
    items = []
    for i in range(n_items):
        num = i + (100 if edition == 2 else 0)
        if bad:
            link = "file:///etc/hostname"
            extra = '<enclosure url="ftp://127.0.0.1/x.jpg" type="image/jpeg" length="1"/>'
        else:
            link = "%s/%s/%s%d" % (base, "slowpage" if slow else "page", "dead-" if dead else "", num)
            extra = '<enclosure url="%s/img/%s-%d.jpg" type="image/jpeg" length="1"/>' % (base, name, num)
        items.append(
            "<item><title>Night buses reach district %d</title>%s"
            "<guid isPermaLink=\"false\">item-%d</guid>"
            "<pubDate>Mon, 10 Feb 2025 %02d:00:00 GMT</pubDate>"
            "<description>Council extends the night bus network, edition %d, item %d.</description>%s</item>"
            % (num, "<link>%s</link>" % link if links else "", num, 8 + i % 10, edition, num, extra))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Test feed %d</title><link>%s/</link><description>t</description>"
            "<ttl>5</ttl>%s</channel></rss>" % (edition, base, "".join(items))).encode()


def gzip_bomb(mib=32):
    """"<rss>" and 32 MiB of spaces, gzipped into about 32 KiB, in 0.1 s: one
    MiB is compressed after a full flush (which no later block reaches back
    past), and that piece repeated; gzip.compress of the whole took seconds
    on a loaded machine, and the fetch tests timed out waiting."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(b"<rss>") + co.flush(zlib.Z_FULL_FLUSH)
    chunk = b" " * (1 << 20)
    piece = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(b"<rss>")
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    size = 5 + (mib << 20)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + head + piece * mib + co.flush()
            + struct.pack("<II", crc & 0xffffffff, size & 0xffffffff))


def page_html(num):
    body = "".join("<p>%s %s</p>" % (SENTENCES[(num + k) % len(SENTENCES)],
                                      SENTENCES[(num + k + 3) % len(SENTENCES)]) for k in range(8))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Night buses reach district %d</title></head><body><nav><a href=\"/\">Home</a></nav>"
            "<article><h1>Night buses reach district %d</h1>%s</article>"
            "<footer>Contact us</footer></body></html>" % (num, num, body)).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's
        # algorithm and the client's delayed ACK add 40 ms to each answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def base(self):
        scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
        return "%s://127.0.0.1:%d" % (scheme, self.server.server_address[1])

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        with STATE["lock"]:
            STATE["hits"][path] = STATE["hits"].get(path, 0) + 1
            if not path.startswith("/_"):
                STATE["ua"] = self.headers.get("User-Agent", "")
        if path == "/_set":
            STATE["modes"][q["name"]] = q["mode"]
            return self.send(200, b"ok")
        if path == "/_hits":
            return self.send(200, str(STATE["hits"].get(q.get("path", ""), 0)).encode())
        if path == "/_maxbusy":
            return self.send(200, str(STATE["max_busy"]).encode())
        if path == "/_ua":
            return self.send(200, STATE["ua"].encode())
        if path.startswith("/page/"):
            try:
                num = int(path[6:])
            except ValueError:
                return self.send(404)
            return self.send(200, page_html(num), [("Content-Type", "text/html; charset=utf-8")])
        if path.startswith("/slowpage/"):
            return self.drip("text/html; charset=utf-8")
        if path.startswith("/img/"):
            return self.image(path[5:])
        if path.startswith("/file/"):
            return self.file(path[6:], q.get("ct", "application/octet-stream"))
        if path.startswith("/f/"):
            name = path[3:]
            return self.feed(name, STATE["modes"].get(name, "ok"))
        return self.send(404)

    def file(self, name, ctype):
        root = os.environ.get("BULLETIN_TEST_FILES")
        if not root or "/" in name or name.startswith("."):
            return self.send(404)
        try:
            with open(os.path.join(root, name), "rb") as f:
                body = f.read()
        except OSError:
            return self.send(404)
        return self.send(200, body, [("Content-Type", ctype)])

    def image(self, name):
        root = os.environ.get("BULLETIN_TEST_FILES")
        files = sorted(f for f in os.listdir(root) if f.startswith("img-")) if root else []
        if not files:
            return self.send(200, b"\xff\xd8\xff", [("Content-Type", "image/jpeg")])
        try:
            num = int(name.split(".")[0].split("-")[-1])
        except ValueError:
            return self.send(404)
        return self.file(files[num % len(files)], "image/jpeg")

    def feed(self, name, mode):
        rss = [("Content-Type", "application/rss+xml; charset=utf-8")]
        inm = self.headers.get("If-None-Match")
        if mode in ("ok", "ok2", "gzip", "badlinks", "nolinks", "deadlinks", "slowpages"):
            edition = 2 if mode == "ok2" else 1
            etag = '"e%d"' % edition
            if inm == etag:
                return self.send(304, b"", [("ETag", etag)])
            body = feed_xml(self.base(), edition, 5, links=mode != "nolinks", bad=mode == "badlinks",
                            dead=mode == "deadlinks", name=name, slow=mode == "slowpages")
            headers = rss + [("ETag", etag), ("Cache-Control", "max-age=30")]
            if edition == 1:
                headers.append(("Last-Modified", "Mon, 10 Feb 2025 08:00:00 GMT"))
            if mode == "gzip":
                body = gzip.compress(body)
                headers.append(("Content-Encoding", "gzip"))
            return self.send(200, body, headers)
        if mode == "many":
            items = "".join("<item><title>Tiny %d</title><guid>t-%d</guid>"
                            "<description>Item %d.</description></item>" % (i, i, i)
                            for i in range(600))
            return self.send(200, ('<?xml version="1.0"?><rss version="2.0"><channel><title>Many'
                                   "</title>%s</channel></rss>" % items).encode(), rss)
        if mode.startswith("rolling"):  # rollingK: a new edition every K requests
            every = int(mode[7:] or "1")
            with STATE["lock"]:
                edition = (STATE["hits"].get("/f/" + name, 1) + every - 1) // every
            etag = '"r%d"' % edition
            if every > 1 and inm == etag:
                return self.send(304, b"", [("ETag", etag)])
            if every > 1:
                rss = rss + [("ETag", etag)]
            items = "".join(
                "<item><title>Report %d from %s</title><guid>%s-%d</guid>"
                "<description>%s %s</description></item>"
                % (edition * 5 + i, name, name, edition * 5 + i,
                   SENTENCES[(edition + i) % len(SENTENCES)],
                   SENTENCES[(edition + i + 3) % len(SENTENCES)]) for i in range(5))
            return self.send(200, ('<?xml version="1.0"?><rss version="2.0"><channel><title>%s'
                                   "</title>%s</channel></rss>" % (name, items)).encode(), rss)
        if mode == "nothttp":
            self.close_connection = True
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\nthis is not HTTP\r\n")
            self.wfile.flush()
            return
        if mode == "slow":  # counts requests in flight at once
            with STATE["lock"]:
                STATE["busy"] += 1
                STATE["max_busy"] = max(STATE["max_busy"], STATE["busy"])
            time.sleep(0.3)
            with STATE["lock"]:
                STATE["busy"] -= 1
            return self.send(200, feed_xml(self.base(), 1, 1), rss)
        if mode == "contentloc":  # relative links, based on the Content-Location
            items = "".join("<item><title>Mirror story %d</title><link>story-%d</link>"
                            "<description>A mirrored item.</description></item>" % (i, i) for i in range(3))
            body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>M</title>%s</channel></rss>'
                    % items).encode()
            return self.send(200, body, rss + [("Content-Location", "/mirror/news/feed.xml")])
        if mode == "304":
            return self.send(304)
        if mode in ("301", "308", "302"):
            return self.send(int(mode), b"", [("Location", "/f/%s-target" % name)])
        if mode in ("404", "410", "500"):
            return self.send(int(mode), b"no")
        if mode == "429":
            return self.send(429, b"slow down", [("Retry-After", "7200")])
        if mode == "loop":
            return self.send(302, b"", [("Location", "/f/" + name)])
        if mode == "tofile":
            return self.send(302, b"", [("Location", "file:///etc/passwd")])
        if mode == "big":
            body = feed_xml(self.base(), 1, 3000)
            return self.send(200, body, rss)
        if mode == "badgzip":
            return self.send(200, b"\x1f\x8b\x08\x00this is not gzip at all" * 20,
                             rss + [("Content-Encoding", "gzip")])
        if mode == "bomb":
            with STATE["lock"]:
                if "bomb" not in STATE:
                    STATE["bomb"] = gzip_bomb()
            return self.send(200, STATE["bomb"], rss + [("Content-Encoding", "gzip")])
        if mode in ("drip", "stall"):
            return self.drip(rss[0][1], mode == "drip")
        return self.send(500, b"unknown mode")

    def drip(self, ctype, drip=True):
        """A byte every 0.2 s (none when not drip) for 40 s, then hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(200):
                if drip:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # many clients connect at once

    def handle_error(self, request, client_address):
        pass  # clients that hang up early are what the tests are about


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[2], sys.argv[3])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
