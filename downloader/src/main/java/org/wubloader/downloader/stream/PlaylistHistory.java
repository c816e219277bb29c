package org.wubloader.downloader.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.wubloader.common.storage.AtomicFiles;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * The {@code --playlist-debug N} history (docs/downloader.md §6 "Playlist debug history"): the last N
 * media playlists a worker fetched, newest first, written beside each saved segment so an
 * odd file can be traced to the playlist that listed it. Holds N entries (the original held
 * N+1). Not thread-safe: owned by one worker's context.
 */
public final class PlaylistHistory {
    public static final String DIRECTORY = "playlist-debug";

    /** One fetched playlist: the wall-clock time before the fetch and the raw text. */
    public record Entry(Instant fetchedAt, String text) {}

    private final int depth;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public PlaylistHistory(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("playlist debug depth must be ≥ 0, got " + depth);
        }
        this.depth = depth;
    }

    public boolean enabled() {
        return depth > 0;
    }

    public void add(Instant fetchedAt, String text) {
        if (depth == 0) {
            return;
        }
        entries.addFirst(new Entry(fetchedAt, text));
        while (entries.size() > depth) {
            entries.removeLast();
        }
    }

    /** The entries now, newest first; a getter keeps the snapshot current at its creation. */
    public List<Entry> snapshot() {
        return depth == 0 ? List.of() : List.copyOf(entries);
    }

    /** {@code i_YYYY-MM-DDTHH:MM:SS.ffffff}: i = 0 is the newest. */
    static String entryName(int index, Instant fetchedAt) {
        String time = Timestamps.formatMicros(Micros.of(fetchedAt));
        return index + "_" + (time.endsWith("Z") ? time.substring(0, time.length() - 1) : time);
    }

    /**
     * Writes {@code entries} to {@code base/playlist-debug/SEGMENT_PATH/} (the directory is
     * named after the segment file, {@code .ts} included), each file atomically. Blocking.
     */
    public static List<Path> write(Path baseDir, String segmentRelativePath, List<Entry> entries) throws IOException {
        Path dir = baseDir.resolve(DIRECTORY).resolve(segmentRelativePath);
        List<Path> written = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            Path target = dir.resolve(entryName(i, entry.fetchedAt()));
            AtomicFiles.write(target, entry.text().getBytes(StandardCharsets.UTF_8));
            written.add(target);
        }
        return written;
    }
}
