package org.wubloader.downloader.hls;

/** A non-empty sub-range of a resource: {@code length} bytes starting at byte {@code offset}. */
public record ByteRange(long length, long offset) {

    public ByteRange {
        if (length <= 0 || offset < 0) {
            throw new IllegalArgumentException("invalid byte range " + length + "@" + offset);
        }
    }

    /** The offset just past the range, where an offset-less following range starts. */
    public long end() {
        return offset + length;
    }

    /** The HTTP {@code Range} header value for this range, e.g. {@code bytes=100-199}. */
    public String httpRange() {
        return "bytes=" + offset + "-" + (end() - 1);
    }
}
