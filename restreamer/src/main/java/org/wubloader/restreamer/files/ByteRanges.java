package org.wubloader.restreamer.files;

/**
 * Parses a {@code Range} header against a file size (RFC 9110 §14), pure.
 *
 * <p>Only a single byte range is honoured. A header that is malformed, names another unit, or
 * asks for several ranges is ignored (the whole file is sent), which the RFC allows; segment
 * clients (players, backfillers resuming a download) only ever ask for one range.
 */
public final class ByteRanges {
    private ByteRanges() {}

    /** What to send. */
    public sealed interface Result permits Whole, Partial, Unsatisfiable {}

    public record Whole() implements Result {}

    /** Bytes {@code first..last} inclusive. */
    public record Partial(long first, long last) implements Result {
        public long length() {
            return last - first + 1;
        }
    }

    public record Unsatisfiable() implements Result {}

    private static final Whole WHOLE = new Whole();

    public static Result parse(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (a.isEmpty()) {
            long suffix = number(b);
            if (suffix < 0) {
                return WHOLE;
            }
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(Math.max(0, size - suffix), size - 1);
        }
        long first = number(a);
        if (first < 0) {
            return WHOLE;
        }
        long last;
        if (b.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = number(b);
            if (last < 0 || last < first) {
                return WHOLE;
            }
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Partial(first, Math.min(last, size - 1));
    }

    /** A non-negative decimal, or -1 if not one (or too long to be a file offset). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
