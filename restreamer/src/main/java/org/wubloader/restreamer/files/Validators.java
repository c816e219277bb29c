package org.wubloader.restreamer.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;

/**
 * Cache validators of a served file and the conditional-request rules (RFC 9110 §13), pure.
 *
 * <p>A segment's name carries the SHA-256 of its bytes, so its ETag is that hash (a strong
 * validator known without reading the file) and it can be cached forever. {@code temp} segments
 * are still being written and other files (coverage maps) are rewritten in place: they get a weak
 * ETag from size and modification time and must be revalidated.
 *
 * @param etag the ETag header value, quotes included
 * @param strong whether {@code etag} is a strong validator
 * @param lastModifiedMillis file modification time
 */
public record Validators(String etag, boolean strong, long lastModifiedMillis) {
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String REVALIDATE = "no-cache";

    public static Validators of(String fileName, long size, long lastModifiedMillis) {
        if (fileName.endsWith(SegmentPath.EXTENSION)) {
            try {
                Segment s = SegmentPath.parse(fileName);
                if (s.type() != SegmentType.TEMP) {
                    return new Validators('"' + s.hash() + '"', true, lastModifiedMillis);
                }
            } catch (SegmentParseException e) {
                // an ordinary file that happens to end in .ts
            }
        }
        return new Validators(
                "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(lastModifiedMillis) + '"',
                false,
                lastModifiedMillis);
    }

    public String cacheControl() {
        return strong ? IMMUTABLE : REVALIDATE;
    }

    public String lastModified() {
        return httpDate(lastModifiedMillis);
    }

    /** If-None-Match (weak comparison) or, without it, If-Modified-Since: true → 304. */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch);
        }
        if (ifModifiedSince != null) {
            Long since = parseHttpDate(ifModifiedSince);
            return since != null && lastModifiedMillis / 1000 <= since / 1000;
        }
        return false;
    }

    /** If-Range: a Range is honoured only if the validator still matches (strong comparison). */
    public boolean rangeAllowed(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return strong && v.equals(etag);
        }
        Long date = parseHttpDate(v);
        return date != null && lastModifiedMillis / 1000 == date / 1000;
    }

    /** Weak comparison, as If-None-Match requires. */
    private boolean matchesAny(String header) {
        String mine = opaque(etag);
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (opaque(c).equals(mine)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** IMF-fixdate (RFC 9110 §5.6.7); RFC_1123_DATE_TIME would drop the day's leading zero. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    static String httpDate(long millis) {
        return IMF_FIXDATE.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    static Long parseHttpDate(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
