package org.wubloader.restreamer.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a raw request path to an endpoint (pure). Only the first part, which names the endpoint
 * family, is compared raw; the remaining parts are returned still percent-encoded, because their
 * decoding can fail (403/400) and that failure must be recorded under the endpoint's metrics.
 */
public final class Routes {
    private Routes() {}

    /** An endpoint and its raw (still encoded) path arguments. */
    public record Match(Endpoint endpoint, List<String> rawArgs) {
        /** The decoded, rule-checked arguments ({@link PathParts#checkPart}). */
        public List<String> args() {
            List<String> out = new ArrayList<>(rawArgs.size());
            for (String raw : rawArgs) {
                out.add(PathParts.checkPart(PathParts.decode(raw)));
            }
            return out;
        }
    }

    public static Match match(String rawPath) {
        List<String> parts = rawParts(rawPath);
        // The node's page and its player script (restreamer/web).
        if ("/".equals(rawPath)) {
            return new Match(Endpoint.HOME_PAGE, List.of());
        }
        if (parts.size() == 2 && parts.get(0).equals("web") && parts.get(1).equals("hls.min.js")) {
            return new Match(Endpoint.WEB_ASSET, List.of());
        }
        if (parts.isEmpty()) {
            return new Match(Endpoint.NOT_FOUND, List.of());
        }
        List<String> args = parts.subList(1, parts.size());
        int n = args.size();
        Endpoint endpoint;
        switch (parts.get(0)) {
            case "files":
                endpoint = n == 0
                        ? Endpoint.LIST_CHANNELS
                        : n == 1
                                ? Endpoint.LIST_QUALITIES
                                : n == 2 ? Endpoint.LIST_HOURS : n == 3 ? Endpoint.LIST_SEGMENTS : Endpoint.NOT_FOUND;
                break;
            case "extras":
                endpoint = n >= 1 ? Endpoint.LIST_EXTRAS : Endpoint.NOT_FOUND;
                break;
            case "segments":
                endpoint = n >= 1 ? Endpoint.GET_FILE : Endpoint.NOT_FOUND;
                break;
            case "playlist":
                endpoint = n == 1 ? Endpoint.MASTER_PLAYLIST : n == 2 ? Endpoint.MEDIA_PLAYLIST : Endpoint.NOT_FOUND;
                break;
            case "cut":
                endpoint = n == 2 ? Endpoint.CUT : Endpoint.NOT_FOUND;
                break;
            case "metrics":
                endpoint =
                        n == 0 || (n == 1 && args.get(0).equals("restreamer")) ? Endpoint.METRICS : Endpoint.NOT_FOUND;
                break;
            case "healthz":
                endpoint = n == 0 ? Endpoint.HEALTHZ : Endpoint.NOT_FOUND;
                break;
            case "readyz":
                endpoint = n == 0 ? Endpoint.READYZ : Endpoint.NOT_FOUND;
                break;
            // editor endpoints
            case "waveform":
                endpoint = n == 2 ? Endpoint.WAVEFORM : Endpoint.NOT_FOUND;
                break;
            case "frame":
                endpoint = n == 2 ? Endpoint.FRAME : Endpoint.NOT_FOUND;
                break;
            case "thumbnail":
                endpoint = n == 2 ? Endpoint.THUMBNAIL : Endpoint.NOT_FOUND;
                break;
            case "generate_videos":
                endpoint = n == 2 ? Endpoint.GENERATE_VIDEOS : Endpoint.NOT_FOUND;
                break;
            default:
                // /CHANNEL/chat.json: the channel comes first, so it is an argument
                if (n == 1 && args.get(0).equals("chat.json")) {
                    return new Match(Endpoint.CHAT, List.of(parts.get(0)));
                }
                endpoint = Endpoint.NOT_FOUND;
        }
        return new Match(endpoint, endpoint == Endpoint.NOT_FOUND ? List.of() : List.copyOf(args));
    }

    /** Raw parts after the leading '/'; a single trailing '/' is ignored. */
    static List<String> rawParts(String rawPath) {
        List<String> parts = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return parts;
        }
        int end = rawPath.length();
        if (end > 1 && rawPath.charAt(end - 1) == '/') {
            end--;
        }
        int from = 1;
        while (from <= end) {
            int slash = rawPath.indexOf('/', from);
            int to = slash < 0 || slash > end ? end : slash;
            parts.add(rawPath.substring(from, to));
            from = to + 1;
        }
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            parts.clear();
        }
        return parts;
    }
}
