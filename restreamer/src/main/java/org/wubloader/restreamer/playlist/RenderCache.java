package org.wubloader.restreamer.playlist;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Span;

/**
 * The last rendered bytes of recently requested media playlists, reused while the playlist's
 * segments have not changed. Players re-request the same URL every few seconds; once the range
 * is in the past (or between two new segments) nothing changed, and re-rendering 8 MB for a 24 h
 * range would be wasted. Validity is checked against the freshly computed spans by identity:
 * common's hour cache hands out the very same {@code Segment} objects while an hour directory is
 * unchanged, so any change (new segment, tombstone, deletion) gives different objects. Bounded
 * by total bytes, least recently used out first.
 */
final class RenderCache<K> {
    /**
     * Rendered output, in native memory so that each reply is written to the socket straight
     * from it (no heap-to-native copy per request). Never written to: replies use duplicates.
     */
    record Rendered(List<Span> spans, ByteBuffer body, long bytes) {
        ByteBuffer view() {
            return body.duplicate();
        }
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<K, Rendered> entries = new LinkedHashMap<>(16, 0.75f, true);

    RenderCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached rendering of {@code key} if it was made from exactly these spans. */
    synchronized Rendered get(K key, List<Span> spans) {
        Rendered r = entries.get(key);
        return r != null && sameSpans(r.spans(), spans) ? r : null;
    }

    /** Largest rendering worth keeping. */
    long maxEntryBytes() {
        return maxBytes / 2;
    }

    synchronized void put(K key, Rendered rendered) {
        if (rendered == null || rendered.bytes() > maxEntryBytes()) {
            return;
        }
        Rendered old = entries.put(key, rendered);
        if (old != null) {
            bytes -= old.bytes();
        }
        bytes += rendered.bytes();
        Iterator<Map.Entry<K, Rendered>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized void remove(K key) {
        Rendered old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    static boolean sameSpans(List<Span> a, List<Span> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A rendering to keep: its chunks (as the shared body kept them for replay) copied into
     * native memory; null if larger than an entry may be.
     */
    Rendered of(List<Span> spans, List<Buffer> chunks) {
        long size = 0;
        for (Buffer chunk : chunks) {
            size += chunk.length();
        }
        if (size > maxEntryBytes()) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocateDirect((int) size);
        for (Buffer chunk : chunks) {
            body.put(chunk.getBytes());
        }
        body.flip();
        return new Rendered(List.copyOf(spans), body.asReadOnlyBuffer(), size);
    }
}
