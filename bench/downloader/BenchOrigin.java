// Benchmark origin for the downloader (run as: java BenchOrigin.java PORT CHANNELS LOGFILE SECONDS).
// Fakes Twitch's GQL and usher for CHANNELS channels with two qualities each (source, 720p),
// and publishes a new 1 MiB, 2-second segment per stream every 2 s in real time, streams
// staggered across the period. Every publication is logged as
//   stream seq pdt_epoch_ms appear_epoch_ns
// so lag (appearance -> file on disk) can be computed afterwards. Loopback only; JDK only.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public class BenchOrigin {
    static final int SEGMENT_BYTES = 1 << 20;
    static final long PERIOD_MS = 2000;
    static final int WINDOW = 5;
    static final byte[] BASE = new byte[SEGMENT_BYTES];
    static final ConcurrentHashMap<String, Stream> STREAMS = new ConcurrentHashMap<>();
    static PrintWriter log;

    static final class Stream {
        final String name;
        final long epochMs;
        volatile int published = -1;

        Stream(String name, long epochMs) {
            this.name = name;
            this.epochMs = epochMs;
        }

        synchronized String playlist() {
            int last = published;
            StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");
            int first = Math.max(0, last - WINDOW + 1);
            out.append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
            for (int seq = first; seq <= last; seq++) {
                out.append("#EXT-X-PROGRAM-DATE-TIME:").append(Instant.ofEpochMilli(pdtMs(seq))).append('\n')
                        .append("#EXTINF:2.000,live\n").append("seg").append(seq).append(".ts\n");
            }
            return out.toString();
        }

        long pdtMs(int seq) {
            return epochMs + seq * PERIOD_MS;
        }

        void publish() {
            int seq;
            synchronized (this) {
                seq = ++published;
            }
            synchronized (log) {
                Instant now = Instant.now();
                log.println(name + " " + seq + " " + pdtMs(seq) + " " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int channels = Integer.parseInt(args[1]);
        log = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])), true);
        long seconds = Long.parseLong(args[3]);
        new Random(1).nextBytes(BASE);
        long start = System.currentTimeMillis();
        List<Stream> all = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            for (String q : List.of("source", "720p")) {
                String name = String.format("ch%02d/%s", c, q);
                // A segment starts 2 s before it is published: it has to have been recorded.
                Stream s = new Stream(name, start - PERIOD_MS);
                STREAMS.put(name, s);
                all.add(s);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", BenchOrigin::handle);
        server.start();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        for (int i = 0; i < all.size(); i++) {
            Stream s = all.get(i);
            long offset = PERIOD_MS * i / all.size();
            s.publish();
            ticker.scheduleAtFixedRate(s::publish, PERIOD_MS + offset, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
        System.err.println("bench origin on 127.0.0.1:" + port + ", " + all.size() + " streams");
        Thread.sleep(seconds * 1000);
        ticker.shutdownNow();
        server.stop(0);
        log.close();
        System.exit(0);
    }

    static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            ex.getRequestBody().readAllBytes();
            if (path.equals("/gql")) {
                send(ex, 200, "application/json",
                        "{\"data\":{\"streamPlaybackAccessToken\":{\"signature\":\"s\",\"value\":\"v\"}}}"
                                .getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/usher/") && path.endsWith(".m3u8")) {
                String ch = path.substring("/usher/".length(), path.length() - ".m3u8".length());
                String master = "#EXTM3U\n"
                        + "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"chunked\",NAME=\"1080p60 (source)\"\n"
                        + "#EXT-X-STREAM-INF:BANDWIDTH=4200000,VIDEO=\"chunked\"\n/media/" + ch + "/source/playlist.m3u8\n"
                        + "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"720p\",NAME=\"720p\"\n"
                        + "#EXT-X-STREAM-INF:BANDWIDTH=4200000,VIDEO=\"720p\"\n/media/" + ch + "/720p/playlist.m3u8\n";
                send(ex, 200, "application/vnd.apple.mpegurl", master.getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/media/")) {
                String rest = path.substring("/media/".length());
                int slash = rest.lastIndexOf('/');
                Stream s = slash < 0 ? null : STREAMS.get(rest.substring(0, slash));
                String file = slash < 0 ? "" : rest.substring(slash + 1);
                if (s == null) {
                    send(ex, 404, "text/plain", new byte[0]);
                } else if (file.equals("playlist.m3u8")) {
                    send(ex, 200, "application/vnd.apple.mpegurl", s.playlist().getBytes(StandardCharsets.UTF_8));
                } else if (file.startsWith("seg") && file.endsWith(".ts")) {
                    int seq = Integer.parseInt(file.substring(3, file.length() - 3));
                    byte[] body = BASE.clone();
                    byte[] id = (s.name + "#" + seq + "#").getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(id, 0, body, 0, id.length);
                    send(ex, 200, "video/mp2t", body);
                } else {
                    send(ex, 404, "text/plain", new byte[0]);
                }
            } else {
                send(ex, 404, "text/plain", new byte[0]);
            }
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
