#!/usr/bin/env bash
# Start-up time of each service: from exec of bin/wubloader to the first useful work.
#   backfiller        first request the --run-once sends to its peer (a local listener here)
#   restreamer        GET /healthz answering 200
#   downloader        first request for its master playlist (a `url` stream at a local listener)
#   segment-coverage  first pass started (its "pass" log line); skipped when it is not built
# Each service is started ROUNDS times (default 7) per mode, the modes alternating:
#   cds     bin/wubloader as shipped: the application class-data archive is used when present
#   no-cds  WUBLOADER_CDS=off: the JDK's own class-data archive only
# Best and median wall seconds per service and mode are printed as a table, with the median CPU
# seconds the process had used by then (all threads; less dependent on other load than wall time).
#
#   bench/startup/run.sh          (env: ROUNDS=7, SERVICES="backfiller restreamer downloader
#                                  segment-coverage", MODES="cds no-cds", TIMEOUT=20 per start)
#
# Loopback only; every start is bounded by TIMEOUT seconds and killed by its PID; the scratch
# directory is removed at the end. Build first: mvn -B -DskipTests package (the archives are
# made by that build, see bin/wubloader-cds).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Not exec: the EXIT trap above must still run (an exec dropped it, and every run left its scratch
# directory in /tmp).
timeout 900 python3 - "$root" "$work" "${ROUNDS:-7}" "${SERVICES:-backfiller restreamer downloader segment-coverage}" \
  "${MODES:-cds no-cds}" "${TIMEOUT:-20}" <<'PY'
import http.server, os, signal, socket, statistics, subprocess, sys, threading, time

root, work, rounds, services, modes, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split(), float(sys.argv[6])
launcher = os.path.join(root, "bin", "wubloader")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Listener:
    """A loopback HTTP server that notes when its first request arrives."""
    def __init__(self, body=b"[]", ctype="application/json"):
        self.first = None
        outer = self
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if outer.first is None:
                    outer.first = time.time()
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a): pass
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
    def close(self):
        self.server.shutdown(); self.server.server_close()

def healthz_up(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

HZ = os.sysconf("SC_CLK_TCK")
def cpu_seconds(pid):
    """User + system CPU seconds of the process so far (all its threads): less load-dependent than wall time."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ
    except OSError:
        return float("nan")

def coverage_launcher():
    """segment-coverage from this tree when implemented and built, else from /work/wt-coverage."""
    for tree in (root, "/work/wt-coverage"):
        jar = os.path.join(tree, "segment-coverage", "target", "wubloader-segment-coverage.jar")
        if os.path.exists(jar) and os.path.exists(os.path.join(tree, "segment-coverage", "src", "main", "java",
                                                                "org", "wubloader", "coverage", "SegmentCoverage.java")):
            return os.path.join(tree, "bin", "wubloader")
    return None

def start(service, mode, base):
    env = dict(os.environ)
    env.pop("JAVA_OPTS", None)
    if mode == "no-cds":
        env["WUBLOADER_CDS"] = "off"
    log = open(os.path.join(work, "%s-%s.log" % (service, mode)), "w")
    listener = None
    port = free_port()
    if service == "backfiller":
        listener = Listener()
        args = [launcher, "backfiller", "desertbus", "--base-dir", base, "--static-nodes",
                "http://127.0.0.1:%d" % listener.port, "--localhost", "bench", "--run-once", "--metrics-port", "-1"]
    elif service == "restreamer":
        args = [launcher, "restreamer", "--base-dir", base, "--port", str(port)]
    elif service == "downloader":
        listener = Listener(b"#EXTM3U\n", "application/vnd.apple.mpegurl")
        args = [launcher, "downloader", "desertbus:url:http://127.0.0.1:%d/master.m3u8" % listener.port,
                "--base-dir", base, "--metrics-port", str(port)]
    else:
        args = [coverage_launcher(), "segment-coverage", "desertbus", "--base-dir", base, "--metrics-port", str(port)]
    t0 = time.time()
    proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = t0 + timeout
        while time.time() < deadline:
            if service == "restreamer":
                if healthz_up(port):
                    return time.time() - t0, cpu_seconds(proc.pid)
            elif listener is not None:
                if listener.first is not None:
                    return listener.first - t0, cpu_seconds(proc.pid)
            else:
                with open(log.name) as f:
                    text = f.read()
                if " pass" in text or "pass " in text:
                    return time.time() - t0, cpu_seconds(proc.pid)
            if proc.poll() is not None and (listener is None or listener.first is None):
                raise RuntimeError("%s exited with %s before its first work; see %s" % (service, proc.returncode, log.name))
            time.sleep(0.002)
        raise RuntimeError("%s: no first work within %.0f s; see %s" % (service, timeout, log.name))
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=25)
        except subprocess.TimeoutExpired:
            proc.kill(); proc.wait()
        if listener is not None:
            listener.close()
        log.close()

results, skipped = {}, []
if "segment-coverage" in services and coverage_launcher() is None:
    services = [s for s in services if s != "segment-coverage"]
    skipped.append("segment-coverage (not implemented/built in this tree nor in /work/wt-coverage)")
for r in range(rounds):
    for service in services:
        for mode in (modes if r % 2 == 0 else list(reversed(modes))):
            base = os.path.join(work, "base-%s-%s-%d" % (service, mode, r))
            os.makedirs(base)
            results.setdefault((service, mode), []).append(start(service, mode, base))
            subprocess.run(["rm", "-rf", base])

print("\nstart-up: exec of bin/wubloader -> first useful work, %d alternating rounds" % rounds)
print("%-17s %-7s %8s %9s %12s   %s" % ("service", "mode", "best s", "median s", "median CPU s", "first useful work"))
what = {"backfiller": "first request to its peer", "restreamer": "/healthz answers 200",
        "downloader": "first master playlist request", "segment-coverage": "first pass started (log line)"}
for service in services:
    for mode in modes:
        v = [w for w, _ in results[(service, mode)]]
        c = [c for _, c in results[(service, mode)]]
        print("%-17s %-7s %8.3f %9.3f %12.2f   %s" % (service, mode, min(v), statistics.median(v), statistics.median(c), what[service]))
for s in skipped:
    print("skipped: " + s)
if "segment-coverage" in services and not coverage_launcher().startswith(root):
    print("note: segment-coverage ran from %s, whose launcher may not pass an archive (both modes then run without one)"
          % coverage_launcher())
PY
