#!/usr/bin/env bash
# Start-up time of each service: from exec of bin/wubloader to the first useful work.
#   backfiller        first request the --run-once sends to its peer (a local listener here)
#   restreamer        GET /healthz answering 200
#   downloader        first request for its master playlist (a `url` stream at a local listener)
#   segment-coverage  first pass started (its "pass" log line); skipped when it is not built
# Each service is started ROUNDS times (default 7) per mode (and per tree), alternating:
#   cds     bin/wubloader as shipped: the application class-data archive is used when present
#   no-cds  WUBLOADER_CDS=off: the JDK's own class-data archive only
# Best and median wall seconds per service and mode are printed as a table, with the median CPU
# seconds the process had used by then (all threads; less dependent on other load than wall time).
# The floor is measured in the same rounds: `java -Xshare:auto -version` and a hello-world class
# (compiled with javac into the scratch directory; left out without javac), exec to exit.
#
#   bench/startup/run.sh          (env: ROUNDS=7, SERVICES="backfiller restreamer downloader
#                                  segment-coverage", MODES="cds no-cds", TIMEOUT=20 per start,
#                                  TREES="before=/path/to/other/checkout after=." to compare
#                                  built trees in the same rounds; default: this tree only)
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
# A hello-world class for the floor (the JDK's javac; without it the floor is `java -version` only).
if command -v javac >/dev/null; then
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/Hello.java"
  javac -d "$work" "$work/Hello.java"
fi

timeout 1800 python3 - "$root" "$work" "${ROUNDS:-7}" "${SERVICES:-backfiller restreamer downloader segment-coverage}" \
  "${MODES:-cds no-cds}" "${TIMEOUT:-20}" "${TREES:-}" <<'PY'
import http.server, os, signal, socket, statistics, subprocess, sys, threading, time

root, work, rounds, services, modes, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split(), float(sys.argv[6])
# name -> tree; each tree's own bin/wubloader (and its built jars and archives) is started.
trees = dict(t.split("=", 1) for t in sys.argv[7].split()) if sys.argv[7].strip() else {"this": root}
trees = {name: os.path.abspath(path) for name, path in trees.items()}

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

def coverage_launcher(tree_root=root):
    """segment-coverage from this tree when implemented and built, else from /work/wt-coverage."""
    for tree in (tree_root, "/work/wt-coverage"):
        jar = os.path.join(tree, "segment-coverage", "target", "wubloader-segment-coverage.jar")
        if os.path.exists(jar) and os.path.exists(os.path.join(tree, "segment-coverage", "src", "main", "java",
                                                                "org", "wubloader", "coverage", "SegmentCoverage.java")):
            return os.path.join(tree, "bin", "wubloader")
    return None

def floor(which):
    """Wall seconds from exec to exit of the JVM doing (almost) nothing."""
    args = ["java", "-Xshare:auto", "-version"] if which == "java -version" else ["java", "-Xshare:auto", "-cp", work, "Hello"]
    t0 = time.time()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=timeout)
    return time.time() - t0, float("nan")

def start(service, tree, mode, base):
    launcher = os.path.join(trees[tree], "bin", "wubloader")
    env = dict(os.environ)
    env.pop("JAVA_OPTS", None)
    if mode == "no-cds":
        env["WUBLOADER_CDS"] = "off"
    log = open(os.path.join(work, "%s-%s-%s.log" % (service, tree, mode)), "w")
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
        args = [coverage_launcher(trees[tree]), "segment-coverage", "desertbus", "--base-dir", base, "--metrics-port", str(port)]
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
floors = ["java -version"] + (["hello world"] if os.path.exists(os.path.join(work, "Hello.class")) else [])
combos = [(tree, mode) for tree in trees for mode in modes]
for r in range(rounds):
    for f in floors:
        results.setdefault(("floor", f, ""), []).append(floor(f))
    for service in services:
        for tree, mode in (combos if r % 2 == 0 else list(reversed(combos))):
            base = os.path.join(work, "base-%s-%s-%s-%d" % (service, tree, mode, r))
            os.makedirs(base)
            results.setdefault((service, tree, mode), []).append(start(service, tree, mode, base))
            subprocess.run(["rm", "-rf", base])

print("\nstart-up: exec of bin/wubloader -> first useful work, %d alternating rounds; load average %s"
      % (rounds, " ".join(open("/proc/loadavg").read().split()[:3])))
print("%-17s %-7s %-7s %8s %9s %12s   %s" % ("service", "tree", "mode", "best s", "median s", "median CPU s", "first useful work"))
what = {"backfiller": "first request to its peer", "restreamer": "/healthz answers 200",
        "downloader": "first master playlist request", "segment-coverage": "first pass started (log line)"}
for f in floors:
    v = [w for w, _ in results[("floor", f, "")]]
    print("%-17s %-7s %-7s %8.3f %9.3f %12s   %s" % ("floor", "", "", min(v), statistics.median(v), "", f + ", exec to exit"))
for service in services:
    for tree, mode in combos:
        v = [w for w, _ in results[(service, tree, mode)]]
        c = [c for _, c in results[(service, tree, mode)]]
        print("%-17s %-7s %-7s %8.3f %9.3f %12.2f   %s" % (service, tree, mode, min(v), statistics.median(v), statistics.median(c), what[service]))
for s in skipped:
    print("skipped: " + s)
if "segment-coverage" in services and not coverage_launcher().startswith(root):
    print("note: segment-coverage ran from %s, whose launcher may not pass an archive (both modes then run without one)"
          % coverage_launcher())
PY
