package org.wubloader.downloader.it;

import java.time.Instant;
import java.util.Random;

/** Synthetic segment bytes and playlist text for the fault-injecting origin. */
public final class Media {
    static final Instant T0 = Instant.parse("2019-11-13T02:00:00Z");

    private Media() {}

    public static byte[] bytes(int seed, int size) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** {@code #EXTM3U} header with target duration 2. */
    public static StringBuilder header() {
        return new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");
    }

    /** A dated 2-second segment at {@code T0 + seconds}. */
    public static void segment(StringBuilder out, double seconds, String uri) {
        segment(out, seconds, "live", uri);
    }

    static void segment(StringBuilder out, double seconds, String title, String uri) {
        out.append("#EXT-X-PROGRAM-DATE-TIME:")
                .append(T0.plusMillis(Math.round(seconds * 1000)))
                .append('\n')
                .append("#EXTINF:2.000,")
                .append(title)
                .append('\n')
                .append(uri)
                .append('\n');
    }

    public static String master(String mediaUri) {
        return "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\n" + mediaUri + "\n";
    }
}
