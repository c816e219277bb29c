package org.wubloader.restreamer.playlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.wubloader.restreamer.http.PathParts;

/**
 * Builds ASCII text straight into one fixed-size buffer handed to a {@link ChunkSink} each time it
 * fills: a 24-hour playlist is ~8 MB, so it is never built as one String, and a rendering holds
 * one chunk however long its output.
 */
final class AsciiChunks {
    /** Default chunk size: small enough for a short playlist to start streaming at once. */
    static final int CHUNK_BYTES = 64 * 1024;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** RFC 3986 unreserved ASCII characters, by code: a table look-up instead of six comparisons. */
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            UNRESERVED[c] = PathParts.unreserved(c);
        }
    }

    private final ChunkSink sink;
    private final int chunkBytes;
    private final byte[] buf;
    private int pos;

    AsciiChunks(ChunkSink sink) {
        this(sink, CHUNK_BYTES);
    }

    AsciiChunks(ChunkSink sink, int chunkBytes) {
        if (chunkBytes < 1024) {
            throw new IllegalArgumentException("chunks of at least 1 KiB, not " + chunkBytes);
        }
        this.sink = sink;
        this.chunkBytes = chunkBytes;
        this.buf = new byte[chunkBytes];
    }

    /** The size of every chunk but the last. */
    int chunkBytes() {
        return chunkBytes;
    }

    /** Makes room for {@code n} more bytes (n ≤ chunkBytes). */
    private void room(int n) throws IOException {
        if (pos + n > buf.length) {
            flush();
        }
    }

    void flush() throws IOException {
        if (pos > 0) {
            int length = pos;
            pos = 0;
            sink.chunk(buf, length); // the sink copies what it keeps (ChunkSink)
        }
    }

    AsciiChunks bytes(byte[] b) throws IOException {
        if (b.length > chunkBytes) {
            flush();
            sink.chunk(b, b.length);
            return this;
        }
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** A string known to be ASCII (tags, numbers). */
    AsciiChunks ascii(String s) throws IOException {
        int n = s.length();
        if (n > chunkBytes) {
            return bytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        room(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return this;
    }

    AsciiChunks newline() throws IOException {
        room(1);
        buf[pos++] = '\n';
        return this;
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits. */
    AsciiChunks digits(long value, int width) throws IOException {
        room(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[pos + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos += width;
        return this;
    }

    /**
     * Direct access for hot loops (a 24 h playlist is 43,200 segments): makes room for up to
     * {@code n} bytes (n ≤ chunkBytes) and returns the position to write at in {@link #buffer()};
     * the caller writes with a local index and hands the end back to {@link #commit}. Going
     * through the per-call helpers instead re-checks room and re-reads the fields for every byte,
     * which made rendering a 24 h playlist take ~40 ms rather than a few.
     */
    int reserve(int n) throws IOException {
        room(n);
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    void commit(int end) {
        pos = end;
    }

    /**
     * Percent-encodes {@code s[from, to)} into {@code b} at {@code at} (which has room for three
     * bytes per character); returns the end, or -1 on a non-ASCII character (nothing to commit:
     * the caller takes the general path).
     */
    static int urlPartInto(byte[] b, int at, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            if (UNRESERVED[c]) {
                b[at++] = (byte) c;
            } else {
                b[at++] = '%';
                b[at++] = HEX[c >> 4];
                b[at++] = HEX[c & 15];
            }
        }
        return at;
    }

    /** {@code value} (≥ 0) in decimal, zero-padded to {@code width} digits, into {@code b}; returns the end. */
    static int digitsInto(byte[] b, int at, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** One URL path part, percent-encoded (RFC 3986 unreserved characters kept). */
    AsciiChunks urlPart(String part) throws IOException {
        int n = part.length();
        for (int i = 0; i < n; i++) {
            char c = part.charAt(i);
            if (c >= 0x80) {
                return bytes(PathParts.encode(part.substring(i)).getBytes(StandardCharsets.US_ASCII));
            }
            room(3);
            if (PathParts.unreserved(c)) {
                buf[pos++] = (byte) c;
            } else {
                buf[pos++] = '%';
                buf[pos++] = HEX[c >> 4];
                buf[pos++] = HEX[c & 15];
            }
        }
        return this;
    }
}
