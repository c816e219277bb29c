package org.wubloader.coverage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.wubloader.common.time.HourNames;

/**
 * The coverage map PNG of §7. A pixel covers 2 s; time runs down each 300-pixel column (10 min)
 * and columns run left to right (the original's docstring says right to left, wrongly: weakness
 * 21), so an hour is 6 columns.
 */
public final class CoverageMap {
    public static final int HEIGHT = 300;
    public static final long PIXEL_MICROS = 2_000_000L;
    public static final int COLUMNS_PER_HOUR = (int) (HourNames.MICROS_PER_HOUR / PIXEL_MICROS / HEIGHT);
    public static final int WHITE = 0xffffff;
    /** matplotlib's tab:blue. */
    public static final int BLUE = 0x1f77b4;
    /** matplotlib's tab:orange: covered, but only by a partial or suspect segment. */
    public static final int ORANGE = 0xff7f0e;

    private static final int PIXELS_PER_HOUR = (int) (HourNames.MICROS_PER_HOUR / PIXEL_MICROS);

    private CoverageMap() {}

    /** The hours a map shows: {@code [firstHourMicros, lastHourMicros]}, both hour starts. */
    public record Range(long firstHourMicros, long lastHourMicros) {
        public int hours() {
            return (int) ((lastHourMicros - firstHourMicros) / HourNames.MICROS_PER_HOUR) + 1;
        }
    }

    /**
     * From {@code --first-hour} (else the earliest hour with segments) to {@code --last-hour}
     * (else the latest such hour), each truncated to the hour. Empty when there is nothing to draw,
     * including a first hour after the last (the original drew a zero-width image: weakness 17).
     */
    public static Optional<Range> range(List<HourReport> reports, Optional<Long> firstHour, Optional<Long> lastHour) {
        Long earliest = null;
        Long latest = null;
        for (HourReport r : reports) {
            if (r.figures().hasSegments()) {
                if (earliest == null) {
                    earliest = r.startMicros();
                }
                latest = r.startMicros();
            }
        }
        Long first = firstHour.map(HourNames::floorHour).orElse(earliest);
        Long last = lastHour.map(HourNames::floorHour).orElse(latest);
        if (first == null || last == null || first > last) {
            return Optional.empty();
        }
        return Optional.of(new Range(first, last));
    }

    /**
     * Draws the map: hours without segments are white; elsewhere a pixel is white if a hole
     * ({@link HourReport#mapHoles()}) touches it, orange if a partial-only interval touches it,
     * blue otherwise. Intervals are widened outwards to whole pixels, so a zero-length hole on a
     * pixel boundary paints nothing; partial-only intervals run on into the next hour (the
     * original clipped them at the hour end: weakness 21).
     */
    public static BufferedImage render(List<HourReport> reports, Range range) {
        int hours = range.hours();
        int pixels = hours * PIXELS_PER_HOUR;
        int[] colour = new int[pixels];
        java.util.Arrays.fill(colour, WHITE);
        boolean[] hasSegments = new boolean[hours];
        for (HourReport r : reports) {
            int h = hourIndex(range, r.startMicros());
            if (h >= 0 && h < hours && r.figures().hasSegments()) {
                hasSegments[h] = true;
                java.util.Arrays.fill(colour, h * PIXELS_PER_HOUR, (h + 1) * PIXELS_PER_HOUR, BLUE);
            }
        }
        for (HourReport r : reports) {
            for (Interval i : r.figures().partialOnly()) {
                paint(colour, hasSegments, range, i, ORANGE);
            }
        }
        for (HourReport r : reports) {
            for (Interval i : r.mapHoles()) {
                paint(colour, hasSegments, range, i, WHITE);
            }
        }
        int width = hours * COLUMNS_PER_HOUR;
        int[] rows = new int[pixels]; // time runs down the columns: transpose into row-major order
        for (int p = 0; p < pixels; p++) {
            rows[(p % HEIGHT) * width + p / HEIGHT] = colour[p];
        }
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, HEIGHT, rows, 0, width);
        return image;
    }

    private static int hourIndex(Range range, long hourStart) {
        return (int) Math.floorDiv(hourStart - range.firstHourMicros(), HourNames.MICROS_PER_HOUR);
    }

    private static void paint(int[] colour, boolean[] hasSegments, Range range, Interval i, int rgb) {
        long from = Math.floorDiv(i.startMicros() - range.firstHourMicros(), PIXEL_MICROS);
        long to = -Math.floorDiv(-(i.endMicros() - range.firstHourMicros()), PIXEL_MICROS);
        from = Math.max(0, from);
        to = Math.min(colour.length, to);
        for (long p = from; p < to; p++) {
            if (hasSegments[(int) (p / PIXELS_PER_HOUR)]) {
                colour[(int) p] = rgb;
            }
        }
    }

    /** The image as PNG bytes (javax.imageio). */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
