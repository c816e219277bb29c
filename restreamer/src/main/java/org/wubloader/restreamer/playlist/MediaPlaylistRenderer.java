package org.wubloader.restreamer.playlist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.time.HourNames;

/**
 * Renders an HLS media playlist (docs/api.md §4.4) from best segments and holes. Pure: spans in, bytes
 * out through a {@link ChunkSink}; no clock, no files.
 *
 * <ul>
 *   <li>{@code #EXT-X-TARGETDURATION} is an integer no smaller than any segment's duration rounded
 *       to the nearest integer (RFC 8216 §4.3.3.1); 6 when there are no segments.</li>
 *   <li>Every segment gets its {@code #EXT-X-PROGRAM-DATE-TIME}, so players and cut tools can map
 *       playback position to wall-clock time across discontinuities.</li>
 *   <li>A hole between segments is a {@code #EXT-X-DISCONTINUITY}; a leading hole is dropped; a
 *       trailing hole means the range is incomplete and {@code #EXT-X-ENDLIST} is left off.</li>
 *   <li>{@code #EXT-X-MEDIA-SEQUENCE:0} and {@code #EXT-X-PLAYLIST-TYPE:EVENT}: a playlist's
 *       start is fixed by the request and, while live, it only grows at the end ({@link LiveEdge},
 *       {@link LiveView}), which is exactly an EVENT playlist; players then allow seeking back to
 *       its start while it is live.</li>
 *   <li>A live range ({@link PlaylistRange#live}) never carries {@code #EXT-X-ENDLIST}.</li>
 * </ul>
 */
public final class MediaPlaylistRenderer {
    static final int DEFAULT_TARGET_DURATION = 6;
    private static final byte[] PDT = "#EXT-X-PROGRAM-DATE-TIME:".getBytes(StandardCharsets.US_ASCII);
    /** {@code MM:SS.ffffffZ\n} */
    private static final int PDT_TIME_BYTES = 15;

    private static final byte[] GAP = "#EXT-X-GAP\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DISCONTINUITY = "#EXT-X-DISCONTINUITY\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] urlPrefix;
    private final int chunkBytes;

    /** @param urlPrefix segment URL prefix up to the hour, already encoded: {@code /segments/CH/Q/} */
    public MediaPlaylistRenderer(String urlPrefix) {
        this(urlPrefix, AsciiChunks.CHUNK_BYTES);
    }

    /** @param chunkBytes the size of the chunks handed to the sink (the last one may be smaller) */
    public MediaPlaylistRenderer(String urlPrefix, int chunkBytes) {
        this.urlPrefix = urlPrefix.getBytes(StandardCharsets.US_ASCII);
        this.chunkBytes = chunkBytes;
    }

    /** A finished range: {@code #EXT-X-ENDLIST} unless it has a trailing hole; no gaps. */
    public void render(List<Span> spans, ChunkSink sink) throws IOException {
        render(spans, false, Set.of(), sink);
    }

    /**
     * @param live the range may still grow ({@link PlaylistRange#live}): never {@code #EXT-X-ENDLIST}
     * @param gaps segments shown before and gone now ({@link LiveView}), marked {@code #EXT-X-GAP}
     */
    public void render(List<Span> spans, boolean live, Set<Segment> gaps, ChunkSink sink) throws IOException {
        Rendering rendering = start(spans, live, gaps, sink);
        while (rendering.next()) {
            // every chunk goes to the sink as it fills
        }
    }

    /**
     * A rendering to be produced a chunk at a time ({@link Rendering#next}), as its client's socket
     * drains: it holds the spans and one chunk buffer, never the whole output. The chunks are exactly
     * those {@link #render} hands its sink, so both give the same bytes.
     */
    public Rendering start(List<Span> spans, boolean live, Set<Segment> gaps, ChunkSink sink) {
        return new Rendering(spans, live, gaps, sink);
    }

    /** One media playlist being rendered; for one thread at a time. */
    public final class Rendering {
        private final List<Span> spans;
        private final Set<Segment> gaps;
        private final boolean complete;
        private final int to;
        private final CountingSink counted;
        private final AsciiChunks out;
        private final SegmentLines lines;
        private int at;
        private boolean headerDone;
        private boolean afterHole;
        private boolean done;

        private Rendering(List<Span> spans, boolean live, Set<Segment> gaps, ChunkSink sink) {
            int from = 0;
            int to = spans.size();
            boolean complete = !live;
            while (to > from && spans.get(to - 1) instanceof Hole) {
                to--;
                complete = false;
            }
            while (from < to && spans.get(from) instanceof Hole) {
                from++;
            }
            this.spans = spans;
            this.gaps = gaps;
            this.complete = complete;
            this.at = from;
            this.to = to;
            this.counted = new CountingSink(sink);
            this.out = new AsciiChunks(counted, chunkBytes);
            this.lines = new SegmentLines(out);
        }

        /**
         * Renders until at least one chunk has gone to the sink, or to the end.
         *
         * @return false once the whole playlist has gone to the sink
         */
        public boolean next() throws IOException {
            if (done) {
                return false;
            }
            long before = counted.chunks;
            if (!headerDone) {
                headerDone = true;
                // EXT-X-GAP needs version 8 (RFC 8216bis §4.4.4.7); players that do not know it fetch the
                // URL and get the 404 of a tombstoned segment, which they skip.
                out.ascii(
                                gaps.isEmpty()
                                        ? "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:"
                                        : "#EXTM3U\n#EXT-X-VERSION:8\n#EXT-X-TARGETDURATION:")
                        .ascii(Long.toString(targetDuration(spans.subList(at, to))))
                        .ascii("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n");
            }
            while (at < to && counted.chunks == before) {
                Span span = spans.get(at++);
                if (span instanceof Segment segment) {
                    if (afterHole) {
                        out.bytes(DISCONTINUITY);
                        afterHole = false;
                    }
                    if (!gaps.isEmpty() && gaps.contains(segment)) {
                        out.bytes(GAP);
                    }
                    lines.write(segment);
                } else {
                    afterHole = true;
                }
            }
            if (at < to) {
                return true;
            }
            if (complete) {
                out.ascii("#EXT-X-ENDLIST\n");
            }
            out.flush();
            done = true;
            return false;
        }
    }

    /** Counts the chunks handed on, so a {@link Rendering} knows when one has gone. */
    private static final class CountingSink implements ChunkSink {
        private final ChunkSink sink;
        private long chunks;

        CountingSink(ChunkSink sink) {
            this.sink = sink;
        }

        @Override
        public void chunk(byte[] data, int length) throws IOException {
            chunks++;
            sink.chunk(data, length);
        }
    }

    public String renderToString(List<Span> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            render(spans, (data, length) -> out.write(data, 0, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static long targetDuration(List<Span> spans) {
        long max = 0;
        boolean any = false;
        for (Span span : spans) {
            if (span instanceof Segment s) {
                max = Math.max(max, Math.round(s.duration()));
                any = true;
            }
        }
        return any ? Math.max(1, max) : DEFAULT_TARGET_DURATION;
    }

    /** {@code %.3f} as Python formats it: the exact binary value rounded half-even. */
    static String extinf(double duration) {
        return new BigDecimal(duration).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Writes one segment's three lines, caching what repeats from one segment to the next. */
    private final class SegmentLines {
        private final AsciiChunks out;
        private long hourStart = Long.MIN_VALUE;
        private byte[] hourDate;
        private double duration = Double.NaN;
        private byte[] extinf;

        SegmentLines(AsciiChunks out) {
            this.out = out;
        }

        void write(Segment s) throws IOException {
            long start = s.startMicros();
            long hour = HourNames.floorHour(start);
            if (hour != hourStart) {
                hourStart = hour;
                hourDate = (HourNames.format(hour) + ":").getBytes(StandardCharsets.US_ASCII);
            }
            if (Double.compare(s.duration(), duration) != 0) {
                duration = s.duration();
                extinf = ("#EXTINF:" + extinf(duration) + ",live\n").getBytes(StandardCharsets.US_ASCII);
            }
            String path = s.path();
            int nameAt = path.lastIndexOf('/');
            int hourAt = nameAt <= 0 ? -1 : path.lastIndexOf('/', nameAt - 1);
            if (hourAt < 0 || !writeFast(s, path, hourAt + 1, nameAt)) {
                writeGeneral(s, path, hourAt, nameAt);
            }
        }

        /**
         * The three lines written straight into the output buffer; false (nothing written) if
         * they might not fit in one chunk or a path part is not ASCII.
         */
        private boolean writeFast(Segment s, String path, int hourFrom, int nameAt) throws IOException {
            int encoded = 3 * (path.length() - hourFrom);
            int max = PDT.length + hourDate.length + PDT_TIME_BYTES + extinf.length + urlPrefix.length + encoded + 1;
            if (max > out.chunkBytes()) {
                return false;
            }
            int at = out.reserve(max);
            byte[] b = out.buffer();
            long start = s.startMicros();
            long inHour = start - hourStart;
            long seconds = inHour / 1_000_000L;
            at = put(b, at, PDT);
            at = put(b, at, hourDate);
            at = AsciiChunks.digitsInto(b, at, seconds / 60, 2);
            b[at++] = ':';
            at = AsciiChunks.digitsInto(b, at, seconds % 60, 2);
            b[at++] = '.';
            at = AsciiChunks.digitsInto(b, at, inHour % 1_000_000L, 6);
            b[at++] = 'Z';
            b[at++] = '\n';
            at = put(b, at, extinf);
            at = put(b, at, urlPrefix);
            at = AsciiChunks.urlPartInto(b, at, path, hourFrom, nameAt);
            if (at < 0) {
                return false;
            }
            b[at++] = '/';
            at = AsciiChunks.urlPartInto(b, at, path, nameAt + 1, path.length());
            if (at < 0) {
                return false;
            }
            b[at++] = '\n';
            out.commit(at);
            return true;
        }

        private void writeGeneral(Segment s, String path, int hourAt, int nameAt) throws IOException {
            long inHour = s.startMicros() - hourStart;
            long seconds = inHour / 1_000_000L;
            out.bytes(PDT)
                    .bytes(hourDate)
                    .digits(seconds / 60, 2)
                    .ascii(":")
                    .digits(seconds % 60, 2)
                    .ascii(".")
                    .digits(inHour % 1_000_000L, 6)
                    .ascii("Z\n");
            out.bytes(extinf).bytes(urlPrefix);
            if (hourAt >= 0) {
                out.urlPart(path.substring(hourAt + 1, nameAt)).ascii("/").urlPart(path.substring(nameAt + 1));
            } else {
                out.urlPart(s.hour()).ascii("/").urlPart(s.fileName());
            }
            out.newline();
        }

        private static int put(byte[] b, int at, byte[] bytes) {
            System.arraycopy(bytes, 0, b, at, bytes.length);
            return at + bytes.length;
        }
    }
}
