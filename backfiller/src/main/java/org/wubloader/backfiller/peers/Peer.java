package org.wubloader.backfiller.peers;

/**
 * A node to backfill from: its name (what {@code --localhost} and the metrics' {@code remote}
 * label use) and the base URL of its restreamer, without a trailing slash.
 */
public record Peer(String name, String url) {
    public Peer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("peer without a name: " + url);
        }
        url = PeerSources.normalizeUrl(url);
    }
}
