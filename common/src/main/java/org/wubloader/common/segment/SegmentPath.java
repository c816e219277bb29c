package org.wubloader.common.segment;

import java.util.UUID;
import org.wubloader.common.time.HourNames;

/**
 * Where segments are parsed and their names formatted (docs/storage.md §2.1, §3.1).
 *
 * <p>{@code CHANNEL/QUALITY/HOUR/TIME-DURATION-TYPE-HASH.ts}. Parsing slices the fixed-width
 * fields by hand: a 24 h listing is 43,200 names and a general date parser per name would
 * dominate playlist latency.
 */
public final class SegmentPath {
    public static final String EXTENSION = ".ts";
    public static final String TOMBSTONE_EXTENSION = ".tombstone";

    private SegmentPath() {}

    /**
     * Parses a full path, {@code HOUR/FILE} or a bare {@code FILE}; missing leading parts are
     * left unset (null, or {@link Segment#NO_START} without an hour).
     *
     * @throws SegmentParseException naming the path and the reason
     */
    public static Segment parse(String path) {
        int fileAt = path.lastIndexOf('/') + 1;
        String channel = null;
        String quality = null;
        int hourFrom = -1;
        int hourTo = -1;
        if (fileAt > 0) {
            hourTo = fileAt - 1;
            hourFrom = path.lastIndexOf('/', hourTo - 1) + 1;
            if (hourFrom > 0) {
                int qualityTo = hourFrom - 1;
                int qualityFrom = path.lastIndexOf('/', qualityTo - 1) + 1;
                quality = path.substring(qualityFrom, qualityTo);
                if (qualityFrom > 0) {
                    int channelTo = qualityFrom - 1;
                    int channelFrom = path.lastIndexOf('/', channelTo - 1) + 1;
                    channel = path.substring(channelFrom, channelTo);
                }
            }
        }
        long hour = Segment.NO_START;
        if (hourFrom >= 0) {
            hour = HourNames.parseOrError(path, hourFrom, hourTo);
            if (hour == Long.MIN_VALUE) {
                throw new SegmentParseException(
                        path, "bad hour '" + path.substring(hourFrom, hourTo) + "', want YYYY-MM-DDTHH");
            }
        }
        return parseFile(path, path, fileAt, channel, quality, hour);
    }

    /** Parses a file name that lives in the hour directory {@code hourStartMicros}. */
    public static Segment parseInHour(
            String channel, String quality, long hourStartMicros, String fileName, String path) {
        return parseFile(fileName, path, 0, channel, quality, hourStartMicros);
    }

    /** Parses the file name at {@code path[at..]}; the hour comes from the caller ({@code NO_START} if none). */
    private static Segment parseFile(
            String path, String reportedPath, int at, String channel, String quality, long hourMicros) {
        if (!path.endsWith(EXTENSION)) {
            throw new SegmentParseException(path, "does not end in .ts");
        }
        int end = path.length() - EXTENSION.length();
        int d1 = path.indexOf('-', at);
        int d2 = d1 < 0 || d1 >= end ? -1 : path.indexOf('-', d1 + 1);
        int d3 = d2 < 0 || d2 >= end ? -1 : path.indexOf('-', d2 + 1);
        if (d3 < 0 || d3 >= end) {
            throw new SegmentParseException(
                    path, "want TIME-DURATION-TYPE-HASH.ts, found too few '-' separated fields");
        }
        SegmentType type = SegmentType.fromText(path.subSequence(d2 + 1, d3));
        if (type == null) {
            throw new SegmentParseException(path, "unknown type '" + path.substring(d2 + 1, d3) + "'");
        }
        String hash = path.substring(d3 + 1, end);
        if (type != SegmentType.TEMP) {
            String bad = SegmentHash.invalidReason(path, d3 + 1, end);
            if (bad != null) {
                throw new SegmentParseException(path, bad);
            }
        }
        long offset = parseTimeInHour(path, at, d1);
        double duration = parseDuration(path, d1 + 1, d2);
        long start = hourMicros == Segment.NO_START ? Segment.NO_START : hourMicros + offset;
        return new Segment(reportedPath, channel, quality, start, duration, type, hash);
    }

    /** {@code MM:SS.f} with 1–6 fractional digits, as microseconds into the hour. */
    private static long parseTimeInHour(String s, int from, int to) {
        int len = to - from;
        if (len < 7 || len > 12 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != '.') {
            throw new SegmentParseException(s, "bad time '" + s.substring(from, to) + "', want MM:SS.ffffff");
        }
        int minutes = HourNames.digits(s, from, 2);
        int seconds = HourNames.digits(s, from + 3, 2);
        int fractionDigits = len - 6;
        int fraction = HourNames.digits(s, from + 6, fractionDigits);
        if (minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || fraction < 0) {
            throw new SegmentParseException(s, "bad time '" + s.substring(from, to) + "', want MM:SS.ffffff");
        }
        for (int i = fractionDigits; i < 6; i++) {
            fraction *= 10;
        }
        return (minutes * 60L + seconds) * 1_000_000L + fraction;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    private static double parseDuration(String s, int from, int to) {
        if (from == to) {
            throw new SegmentParseException(s, "empty duration");
        }
        // Fast path for plain decimals ("2.0", "2.002"): with at most 15 significant digits both
        // the digits and the power of ten are exact doubles, so one division is correctly
        // rounded and equals Double.parseDouble (Clinger's fast path).
        long digits = 0;
        int count = 0;
        int fraction = -1;
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && count > 0 && count <= 15) {
            return fraction <= 0 ? (double) digits : digits / POWERS_OF_TEN[fraction];
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+')) {
                throw new SegmentParseException(s, "bad duration '" + s.substring(from, to) + "'");
            }
        }
        try {
            double d = Double.parseDouble(s.substring(from, to));
            if (!Double.isFinite(d)) {
                throw new SegmentParseException(s, "bad duration '" + s.substring(from, to) + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SegmentParseException(s, "bad duration '" + s.substring(from, to) + "'");
        }
    }

    /** {@code TIME-DURATION-TYPE-HASH.ts} for a segment starting at {@code startMicros}. */
    public static String fileName(long startMicros, double duration, SegmentType type, String hashOrUuid) {
        StringBuilder out = new StringBuilder(80);
        appendTimeInHour(out, startMicros);
        out.append('-')
                .append(DurationText.format(duration))
                .append('-')
                .append(type.text())
                .append('-');
        return out.append(hashOrUuid).append(EXTENSION).toString();
    }

    /** A fresh temp name for a segment being written: {@code TIME-DURATION-temp-UUID.ts}. */
    public static String tempFileName(long startMicros, double duration) {
        return fileName(
                startMicros, duration, SegmentType.TEMP, UUID.randomUUID().toString());
    }

    /**
     * A fresh temp name that says which service writes it: {@code TIME-DURATION-temp-TAG-UUID.ts}
     * (still a {@code temp} to every parser, ours and the original's), so that a service can
     * remove the temp files it left in a crash without touching another service's live ones.
     */
    public static String tempFileName(long startMicros, double duration, String tag) {
        return fileName(startMicros, duration, SegmentType.TEMP, tag + "-" + UUID.randomUUID());
    }

    /** {@code CHANNEL/QUALITY/HOUR/FILE} relative to the base directory. */
    public static String relativePath(
            String channel, String quality, long startMicros, double duration, SegmentType type, String hash) {
        return channel
                + '/'
                + quality
                + '/'
                + HourNames.format(startMicros)
                + '/'
                + fileName(startMicros, duration, type, hash);
    }

    /** The tombstone name that hides the segment file {@code segmentFileName}. */
    public static String tombstoneName(String segmentFileName) {
        if (!segmentFileName.endsWith(EXTENSION)) {
            throw new IllegalArgumentException("not a segment file name: " + segmentFileName);
        }
        return segmentFileName.substring(0, segmentFileName.length() - EXTENSION.length()) + TOMBSTONE_EXTENSION;
    }

    /** The segment name a tombstone hides. */
    public static String segmentNameOfTombstone(String tombstoneName) {
        if (!tombstoneName.endsWith(TOMBSTONE_EXTENSION)) {
            throw new IllegalArgumentException("not a tombstone name: " + tombstoneName);
        }
        return tombstoneName.substring(0, tombstoneName.length() - TOMBSTONE_EXTENSION.length()) + EXTENSION;
    }

    private static void appendTimeInHour(StringBuilder out, long startMicros) {
        long inHour = Math.floorMod(startMicros, HourNames.MICROS_PER_HOUR);
        long seconds = inHour / 1_000_000L;
        long fraction = inHour % 1_000_000L;
        long minutes = seconds / 60;
        seconds %= 60;
        if (minutes < 10) {
            out.append('0');
        }
        out.append(minutes).append(':');
        if (seconds < 10) {
            out.append('0');
        }
        out.append(seconds).append('.');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < 6; i++) {
            out.append('0');
        }
        out.append(f);
    }
}
