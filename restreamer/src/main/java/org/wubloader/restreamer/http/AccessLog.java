package org.wubloader.restreamer.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request, as the original's server logs them (it logged 5,460 lines for a
 * traffic we logged in 3: 4xx answers and failed cuts left no trace):
 * {@code CLIENT "METHOD PATH" STATUS BYTES DURATIONms}. On by default; {@code --access-log false}
 * turns it off. Logged under its own logger, {@code org.wubloader.restreamer.access}, so its level
 * can be set apart from the rest (backdoor: {@code loglevel org.wubloader.restreamer.access WARN}).
 */
public final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("org.wubloader.restreamer.access");
    /** A client chooses the path: a bounded, single-line copy goes into the log. */
    static final int MAX_PATH = 512;

    private AccessLog() {}

    /** Logs the request once its response is over; {@code status} is the code, or {@code -} if none was sent. */
    public static void log(HttpServerRequest request, HttpServerResponse response, long startNanos) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String status = response.ended() ? Integer.toString(response.getStatusCode()) : "-";
        long micros = (System.nanoTime() - startNanos) / 1_000;
        log.info(
                "{} \"{} {}\" {} {} {}ms",
                client(request.remoteAddress()),
                clean(request.method().name(), 32),
                clean(request.uri(), MAX_PATH),
                status,
                response.bytesWritten(),
                String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0));
    }

    private static String client(SocketAddress address) {
        if (address == null) {
            return "-";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.toString();
    }

    /** A path part as a log field: bounded and on one line. */
    public static String cleanPart(String part) {
        return clean(part, 64);
    }

    /** Control characters (a forged log line) become {@code ?}; long values are cut. */
    static String clean(String text, int max) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }
}
