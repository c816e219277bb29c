package org.wubloader.backfiller.peers;

/**
 * A node to backfill from: its name (what {@code --localhost} and the logs use) and the base URL
 * of its restreamer, without a trailing slash.
 */
public record Peer(String name, String url) {
    public Peer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("peer without a name: " + url);
        }
        url = PeerSources.normalizeUrl(url);
    }

    /**
     * The metrics' {@code remote} label: the peer's URL, as the original's (whose nodes are
     * URLs). With the name there, a mixed cluster's dashboard split every peer's series in two.
     */
    public String metricLabel() {
        return url;
    }
}
