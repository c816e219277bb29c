package org.wubloader.common.storage;

/** How a {@link SegmentFileWriter} puts a segment's bytes on disk (docs/storage.md §2.2). */
public enum WriteMode {
    /**
     * Through the page cache. The downloader's choice: what it writes is read back within
     * seconds (playlists, cuts, the editor, peers' backfillers), from memory.
     */
    BUFFERED,
    /**
     * With {@code O_DIRECT} ({@link DirectFileOutput}), where the file system allows it; through
     * the page cache where it does not (tmpfs, some overlay and network file systems). The
     * backfiller's default: it writes gigabytes of older hours, and the page-cache copy was its
     * largest single cost.
     */
    DIRECT
}
