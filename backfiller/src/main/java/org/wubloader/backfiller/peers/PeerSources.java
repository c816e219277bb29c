package org.wubloader.backfiller.peers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.cli.ListOption;

/** Parsing of the textual peer sources (docs/backfill.md §5.1): {@code --static-nodes} and {@code --node-file}. */
public final class PeerSources {
    private PeerSources() {}

    /** Peers from a node file, plus one message per line that was not understood. */
    public record Parsed(List<Peer> peers, List<String> problems) {
        public Parsed {
            peers = List.copyOf(peers);
            problems = List.copyOf(problems);
        }
    }

    /**
     * {@code --static-nodes URL,URL}: each named by its URL's host.
     *
     * @throws IllegalArgumentException for a URL that is not http(s)://HOST…
     */
    public static List<Peer> parseStatic(String commaSeparated) {
        List<Peer> out = new ArrayList<>();
        for (String url : ListOption.split(commaSeparated)) {
            out.add(new Peer(hostOf(url), url));
        }
        return out;
    }

    /**
     * A node file: one node per line, {@code NAME URL} or just {@code URL} (named by its host);
     * blank lines and {@code #} comments ignored. Bad lines are reported, not fatal, so one typo
     * does not take every peer away.
     */
    public static Parsed parseNodeFile(List<String> lines) {
        List<Peer> peers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            try {
                if (fields.length == 1) {
                    peers.add(new Peer(hostOf(fields[0]), fields[0]));
                } else if (fields.length == 2) {
                    hostOf(fields[1]);
                    peers.add(new Peer(fields[0], fields[1]));
                } else {
                    problems.add("line " + (i + 1) + ": want 'NAME URL' or 'URL', got " + fields.length + " fields");
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Parsed(peers, problems);
    }

    /**
     * The host of an http(s) URL.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static String hostOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("URL without a host: " + url);
            }
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL " + url + ": " + e.getReason(), e);
        }
    }

    /** The URL as peers' paths are appended to it: validated, trailing slashes removed. */
    public static String normalizeUrl(String url) {
        if (url == null) {
            throw new IllegalArgumentException("peer without a URL");
        }
        String u = url.trim();
        hostOf(u);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
