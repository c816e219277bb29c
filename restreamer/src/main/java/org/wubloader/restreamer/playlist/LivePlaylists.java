package org.wubloader.restreamer.playlist;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Span;

/**
 * What each recently requested live playlist last showed, so that its next refresh only grows
 * ({@link LiveView}). Bounded by total spans kept, least recently requested out first: a playlist
 * forgotten (or a restart) starts again from the tree as it is, which a player sees as one
 * change, the behaviour before this existed. The spans reference the hour cache's own segment
 * objects, so an entry costs about one reference per segment.
 */
final class LivePlaylists<K> {
    private final long maxSpans;
    private long spans;
    private final LinkedHashMap<K, List<Span>> shown = new LinkedHashMap<>(16, 0.75f, true);

    LivePlaylists(long maxSpans) {
        this.maxSpans = maxSpans;
    }

    /** The view to render for {@code key} now, remembered as what it showed. */
    synchronized LiveView refresh(K key, List<Span> now) {
        List<Span> before = shown.get(key);
        LiveView view = before == null ? new LiveView(now, java.util.Set.of()) : LiveView.merge(before, now);
        List<Span> old = shown.put(key, view.spans());
        spans += view.spans().size() - (old == null ? 0 : old.size());
        Iterator<Map.Entry<K, List<Span>>> eldest = shown.entrySet().iterator();
        while (spans > maxSpans && eldest.hasNext()) {
            Map.Entry<K, List<Span>> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            spans -= e.getValue().size();
            eldest.remove();
        }
        return view;
    }

    synchronized int size() {
        return shown.size();
    }
}
