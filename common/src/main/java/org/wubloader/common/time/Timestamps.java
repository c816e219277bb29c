package org.wubloader.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The two timestamp parsers of docs/storage.md §3.2, used consistently everywhere.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, optionally followed by {@code T} or a space and
 * {@code HH:MM}, optional {@code :SS}, optional {@code .} and 0–9 fractional digits, optionally
 * followed by a zone: {@code Z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM}.
 */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Parses and converts to UTC, honouring any zone; no zone means UTC. Used for HLS
     * PROGRAM-DATE-TIME and CLI input.
     *
     * @throws IllegalArgumentException with a message saying what was wrong
     */
    public static Instant parse(String text) {
        return parse(text, true);
    }

    /**
     * Parses with the same flexibility but ignores any zone suffix: the value is taken as UTC.
     * Used for restreamer request parameters, whose clients always mean UTC (the original
     * behaves so; a stray {@code +00:00} or {@code Z} from a browser must not be an error).
     */
    public static Instant parseUtcOnly(String text) {
        return parse(text, false);
    }

    private static Instant parse(String text, boolean honourZone) {
        if (text == null) {
            throw new IllegalArgumentException("missing timestamp");
        }
        String s = text.trim();
        Cursor c = new Cursor(s, text);
        int year = c.number(4, "year");
        c.expect('-');
        int month = c.number(2, "month");
        c.expect('-');
        int day = c.number(2, "day");
        int hour = 0;
        int minute = 0;
        int second = 0;
        long nanos = 0;
        if (c.more() && (c.peek() == 'T' || c.peek() == 't' || c.peek() == ' ')) {
            c.pos++;
            hour = c.number(2, "hour");
            c.expect(':');
            minute = c.number(2, "minute");
            if (c.more() && c.peek() == ':') {
                c.pos++;
                second = c.number(2, "second");
                if (c.more() && (c.peek() == '.' || c.peek() == ',')) {
                    c.pos++;
                    int digits = 0;
                    while (c.more() && Character.isDigit(c.peek())) {
                        if (digits >= 9) {
                            throw c.error("more than 9 fractional digits");
                        }
                        nanos = nanos * 10 + (c.peek() - '0');
                        digits++;
                        c.pos++;
                    }
                    for (int i = digits; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            }
        }
        int offsetSeconds = 0;
        if (c.more()) {
            char z = c.peek();
            if (z == 'Z' || z == 'z') {
                c.pos++;
            } else if (z == '+' || z == '-') {
                c.pos++;
                int oh = c.number(2, "zone hours");
                int om = 0;
                if (c.more() && c.peek() == ':') {
                    c.pos++;
                    om = c.number(2, "zone minutes");
                } else if (c.more()) {
                    om = c.number(2, "zone minutes");
                }
                if (oh > 23 || om > 59) {
                    throw c.error("zone offset out of range");
                }
                offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                throw c.error("unexpected '" + z + "'");
            }
        }
        if (c.more()) {
            throw c.error("unexpected trailing text");
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw c.error("time out of range");
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
            if (honourZone) {
                epochSecond -= offsetSeconds;
            }
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            throw c.error(e.getMessage());
        }
    }

    /** Formats as the playlists and logs write instants: {@code 2019-11-13T02:45:51.608000Z}. */
    public static String formatMicros(long epochMicros) {
        Instant i = Micros.toInstant(epochMicros);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(27);
        out.append(HourNames.format(epochMicros), 0, 10).append('T');
        pad2(out, t.getHour()).append(':');
        pad2(out, t.getMinute()).append(':');
        pad2(out, t.getSecond()).append('.');
        String f = Integer.toString(i.getNano() / 1000);
        for (int k = f.length(); k < 6; k++) {
            out.append('0');
        }
        return out.append(f).append('Z').toString();
    }

    private static StringBuilder pad2(StringBuilder out, int v) {
        if (v < 10) {
            out.append('0');
        }
        return out.append(v);
    }

    private static final class Cursor {
        final String s;
        final String original;
        int pos;

        Cursor(String s, String original) {
            this.s = s;
            this.original = original;
        }

        boolean more() {
            return pos < s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void expect(char ch) {
            if (!more() || s.charAt(pos) != ch) {
                throw error("expected '" + ch + "'");
            }
            pos++;
        }

        int number(int width, String what) {
            if (pos + width > s.length()) {
                throw error("expected " + width + " digits of " + what);
            }
            int v = HourNames.digits(s, pos, width);
            if (v < 0) {
                throw error("expected " + width + " digits of " + what);
            }
            pos += width;
            return v;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("bad timestamp '" + original + "' (" + why + " at position " + pos
                    + "); want e.g. 2019-11-13T02:45:51.608 or 2019-11-13 02:45:51Z");
        }
    }
}
