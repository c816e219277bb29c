package org.wubloader.common.segment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats segment durations the way Python's {@code repr(float)} does, because every node must
 * write the same file name for the same EXTINF value: the shortest decimal that reads back to
 * the same double, with at least one fractional digit ({@code 2.0}, {@code 2.002}, {@code 1.5}).
 *
 * <p>JDK 17's {@link Double#toString} is not always the shortest form (fixed only in JDK 19),
 * so the digits are found here by trying precisions 1..17.
 */
public final class DurationText {
    private DurationText() {}

    public static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("a segment duration must be finite and >= 0: " + seconds);
        }
        if (seconds == 0) {
            return "0.0";
        }
        BigDecimal exact = new BigDecimal(seconds);
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == seconds) {
                shortest = candidate;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        shortest = shortest.stripTrailingZeros();
        // Python switches to exponent form below 1e-4 and from 1e16 on.
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            return pythonExponentForm(shortest, exponent);
        }
        String plain = shortest.toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    private static String pythonExponentForm(BigDecimal value, int exponent) {
        String digits = value.unscaledValue().toString();
        StringBuilder out = new StringBuilder();
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }
}
