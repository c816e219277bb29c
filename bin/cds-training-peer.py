#!/usr/bin/env python3
"""A loopback peer for the backfiller's class-data sharing training run (bin/wubloader-cds).

It serves one hour of three segments of desertbus/source under the restreamer's paths, so the
training run loads what a real first pass loads (the HTTP client's request and response path,
the listing parser, the download, hash and publish path), not only a refused connection's.
Writes its port to the file given as the first argument; exits after 60 s at the latest.
"""
import base64, hashlib, http.server, json, os, sys, threading, urllib.parse

HOUR = "2000-01-01T00"
segments = {}
for i in range(3):
    body = os.urandom(256 * 1024)
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode().rstrip("=")
    segments["%02d:%02d.000000-2.0-full-%s.ts" % (0, 2 * i, digest)] = body
routes = {
    "/files/desertbus/source": json.dumps([HOUR]).encode(),
    "/files/desertbus/source/" + HOUR: json.dumps(sorted(segments)).encode(),
}
for name, body in segments.items():
    routes["/segments/desertbus/source/%s/%s" % (HOUR, name)] = body


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = routes.get(urllib.parse.unquote(self.path.split("?")[0]))
        self.send_response(200 if body is not None else 404)
        body = b"[]" if body is None else body
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
threading.Timer(60, server.shutdown).start()
server.serve_forever()
