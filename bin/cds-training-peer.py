#!/usr/bin/env python3
"""A loopback peer for the class-data sharing training runs (bin/wubloader-cds).

For the backfiller it serves one hour of three segments of desertbus/source under the
restreamer's paths, so the training run loads what a real first pass loads (the HTTP client's
request and response path, the listing parser, the download, hash and publish path), not only a
refused connection's. For the downloader it is a live HLS origin: /master.m3u8 names one
variant, whose media playlist lists one segment dated now (so the training run fetches the
master and media playlists and writes a segment, as a real start does).
Writes its port to the file given as the first argument; exits after 60 s at the latest.
"""
import base64, datetime, hashlib, http.server, json, os, sys, threading, urllib.parse

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
# The downloader's origin.
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
routes["/master.m3u8"] = b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\nsource.m3u8\n"
routes["/source.m3u8"] = ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                          "#EXT-X-PROGRAM-DATE-TIME:%s\n#EXTINF:2.000,\nseg0.ts\n" % now).encode()
routes["/seg0.ts"] = os.urandom(64 * 1024)


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
