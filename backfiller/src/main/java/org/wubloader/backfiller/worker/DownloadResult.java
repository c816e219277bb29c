package org.wubloader.backfiller.worker;

/** How one download ended. {@code error} is set for {@link Kind#FAILED} and {@link Kind#HASH_MISMATCH}. */
record DownloadResult(Kind kind, long bytes, Throwable error) {
    enum Kind {
        DOWNLOADED,
        /** The file appeared locally meanwhile (our downloader, or another worker). */
        ALREADY_PRESENT,
        HASH_MISMATCH,
        FAILED
    }

    static DownloadResult downloaded(long bytes) {
        return new DownloadResult(Kind.DOWNLOADED, bytes, null);
    }

    static DownloadResult failed(Throwable error) {
        return new DownloadResult(Kind.FAILED, 0, error);
    }
}
