package org.wubloader.backfiller.peers;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Merging the peer sources of one round (docs/backfill.md §5.1). */
public final class PeerMerge {
    private PeerMerge() {}

    /**
     * The peers to backfill from, by name: later sources override earlier ones with the same
     * name, and the node called {@code localhost} is dropped so a node never backfills from itself.
     */
    public static Map<String, Peer> merge(List<List<Peer>> sourcesInOrder, String localhost) {
        Map<String, Peer> out = new TreeMap<>();
        for (List<Peer> source : sourcesInOrder) {
            for (Peer peer : source) {
                out.put(peer.name(), peer);
            }
        }
        if (localhost != null) {
            out.remove(localhost);
        }
        return Collections.unmodifiableMap(out);
    }
}
