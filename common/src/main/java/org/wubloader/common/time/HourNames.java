package org.wubloader.common.time;

/**
 * Hour directory names ({@code %Y-%m-%dT%H}, UTC) to and from epoch microseconds, by plain
 * arithmetic: 43,200 names are parsed per 24 h listing, so no general date parser here.
 */
public final class HourNames {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_HOUR = 3_600L * MICROS_PER_SECOND;
    public static final long MICROS_PER_DAY = 24L * MICROS_PER_HOUR;

    private HourNames() {}

    /** The hour name containing {@code epochMicros}. */
    public static String format(long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        int hour = (int) (Math.floorMod(epochMicros, MICROS_PER_DAY) / MICROS_PER_HOUR);
        long[] ymd = civilFromDays(day);
        char[] out = new char[13];
        long year = ymd[0];
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year out of range for an hour name: " + year);
        }
        put4(out, 0, (int) year);
        out[4] = '-';
        put2(out, 5, (int) ymd[1]);
        out[7] = '-';
        put2(out, 8, (int) ymd[2]);
        out[10] = 'T';
        put2(out, 11, hour);
        return new String(out);
    }

    /** The start of the hour named {@code name}, in epoch microseconds. */
    public static long parse(String name) {
        long micros = parseOrError(name, 0, name.length());
        if (micros == Long.MIN_VALUE) {
            throw new IllegalArgumentException("not an hour name (want YYYY-MM-DDTHH): " + name);
        }
        return micros;
    }

    /** True if {@code name} is a well-formed hour name. */
    public static boolean isHourName(String name) {
        return parseOrError(name, 0, name.length()) != Long.MIN_VALUE;
    }

    /** Truncates {@code epochMicros} to the start of its hour. */
    public static long floorHour(long epochMicros) {
        return Math.floorDiv(epochMicros, MICROS_PER_HOUR) * MICROS_PER_HOUR;
    }

    /**
     * Parses {@code s[from, to)} as an hour name; returns {@link Long#MIN_VALUE} if it is not one
     * (no exception: the segment parser reports its own, more specific error).
     */
    public static long parseOrError(String s, int from, int to) {
        if (to - from != 13 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-' || s.charAt(from + 10) != 'T') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(year, month, day) * MICROS_PER_DAY + hour * MICROS_PER_HOUR;
    }

    /** Parses {@code count} ASCII digits at {@code at}; -1 if any is not a digit. */
    public static int digits(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static long[] civilFromDays(long z) {
        z += 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {m <= 2 ? y + 1 : y, m, d};
    }

    static void put2(char[] out, int at, int v) {
        out[at] = (char) ('0' + v / 10);
        out[at + 1] = (char) ('0' + v % 10);
    }

    static void put4(char[] out, int at, int v) {
        out[at] = (char) ('0' + v / 1000);
        out[at + 1] = (char) ('0' + v / 100 % 10);
        out[at + 2] = (char) ('0' + v / 10 % 10);
        out[at + 3] = (char) ('0' + v % 10);
    }
}
