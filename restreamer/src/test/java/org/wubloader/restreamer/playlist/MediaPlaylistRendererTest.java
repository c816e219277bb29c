package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;
import org.wubloader.common.testing.SegmentTree;

class MediaPlaylistRendererTest {
    private static final String HASH = "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM";
    private static final MediaPlaylistRenderer RENDERER = new MediaPlaylistRenderer("/segments/desertbus/source/");

    static Segment seg(String start, double duration) {
        long micros = SegmentTree.at(start);
        String path =
                "/base/" + SegmentPath.relativePath("desertbus", "source", micros, duration, SegmentType.FULL, HASH);
        return SegmentPath.parse(path);
    }

    @Test
    void rendersHeaderProgramDateTimeDurationAndEncodedUrlPerSegment() {
        String text = RENDERER.renderToString(
                List.of(seg("2019-11-13T02:45:51.608", 2.0), seg("2019-11-13T02:45:53.608", 2.002)));
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:45:51.608000Z
                #EXTINF:2.000,live
                /segments/desertbus/source/2019-11-13T02/45%3A51.608000-2.0-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts
                #EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:45:53.608000Z
                #EXTINF:2.002,live
                /segments/desertbus/source/2019-11-13T02/45%3A53.608000-2.002-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void targetDurationIsAnIntegerAtLeastEveryRoundedDuration() {
        assertThat(RENDERER.renderToString(List.of(seg("2019-11-13T02:00:00", 2.0), seg("2019-11-13T02:00:02", 6.4))))
                .contains("#EXT-X-TARGETDURATION:6\n");
        assertThat(RENDERER.renderToString(List.of(seg("2019-11-13T02:00:00", 2.5))))
                .contains("#EXT-X-TARGETDURATION:3\n");
        assertThat(RENDERER.renderToString(List.of(seg("2019-11-13T02:00:00", 0.2))))
                .contains("#EXT-X-TARGETDURATION:1\n");
        assertThat(RENDERER.renderToString(List.of())).contains("#EXT-X-TARGETDURATION:6\n");
    }

    @Test
    void holeBetweenSegmentsIsADiscontinuity() {
        String text = RENDERER.renderToString(
                List.of(seg("2019-11-13T02:00:00", 2.0), Hole.INSTANCE, seg("2019-11-13T02:00:10", 2.0)));
        assertThat(text).containsOnlyOnce("#EXT-X-DISCONTINUITY\n");
        assertThat(text.indexOf("00%3A00.000000")).isLessThan(text.indexOf("#EXT-X-DISCONTINUITY"));
        assertThat(text.indexOf("#EXT-X-DISCONTINUITY"))
                .isLessThan(text.indexOf("#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:10.000000Z"));
        assertThat(text).endsWith("#EXT-X-ENDLIST\n");
    }

    @Test
    void leadingHoleIsDroppedAndTrailingHoleLeavesTheRangeOpen() {
        String text = RENDERER.renderToString(List.of(Hole.INSTANCE, seg("2019-11-13T02:00:00", 2.0), Hole.INSTANCE));
        assertThat(text)
                .doesNotContain("DISCONTINUITY")
                .doesNotContain("ENDLIST")
                .contains("#EXTINF:2.000,live");
        assertThat(RENDERER.renderToString(List.of(Hole.INSTANCE)))
                .doesNotContain("ENDLIST")
                .doesNotContain("EXTINF");
    }

    @Test
    void emptyRangeIsACompleteEmptyPlaylist() {
        assertThat(RENDERER.renderToString(List.of())).endsWith("#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-ENDLIST\n");
    }

    @Test
    void extinfIsFormattedAsPythonFormatsThreeDecimals() {
        assertThat(MediaPlaylistRenderer.extinf(2.0)).isEqualTo("2.000");
        assertThat(MediaPlaylistRenderer.extinf(2.002)).isEqualTo("2.002");
        assertThat(MediaPlaylistRenderer.extinf(1.0005)).isEqualTo("1.000"); // binary 1.000499999…
        assertThat(MediaPlaylistRenderer.extinf(10.1234)).isEqualTo("10.123");
    }

    @Test
    void largerChunksGiveTheSameText() throws IOException {
        List<Span> spans = new ArrayList<>();
        long start = SegmentTree.at("2019-11-13T00:00:00");
        for (int i = 0; i < 5000; i++) {
            spans.add(SegmentPath.parse("/b/"
                    + SegmentPath.relativePath(
                            "desertbus", "source", start + i * 2_000_000L, 2.0, SegmentType.FULL, HASH)));
        }
        int chunkBytes = 4 * AsciiChunks.CHUNK_BYTES;
        List<Integer> chunkSizes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MediaPlaylistRenderer("/segments/desertbus/source/", chunkBytes).render(spans, (data, length) -> {
            chunkSizes.add(length);
            out.write(data, 0, length);
        });
        assertThat(chunkSizes).hasSizeGreaterThan(1).allMatch(n -> n <= chunkBytes);
        assertThat(chunkSizes.subList(0, chunkSizes.size() - 1)).allMatch(n -> n > chunkBytes - 1024);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(RENDERER.renderToString(spans));
    }

    @Test
    void chunksSmallerThanALineAreRefused() {
        assertThatThrownBy(() -> new MediaPlaylistRenderer("/s/", 100).render(List.of(), (data, length) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunkedOutputOfALongPlaylistEqualsTheWholeText() throws IOException {
        List<Span> spans = new ArrayList<>();
        long start = SegmentTree.at("2019-11-13T00:00:00");
        for (int i = 0; i < 5000; i++) {
            long micros = start + i * 2_000_000L;
            spans.add(SegmentPath.parse(
                    "/b/" + SegmentPath.relativePath("desertbus", "source", micros, 2.0, SegmentType.FULL, HASH)));
            if (i == 2500) {
                spans.add(Hole.INSTANCE);
            }
        }
        List<Integer> chunkSizes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.render(spans, (data, length) -> {
            chunkSizes.add(length);
            out.write(data, 0, length);
        });
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(chunkSizes).hasSizeGreaterThan(10).allMatch(n -> n <= AsciiChunks.CHUNK_BYTES);
        assertThat(text).isEqualTo(RENDERER.renderToString(spans));
        assertThat(text.lines().filter(l -> l.startsWith("#EXTINF"))).hasSize(5000);
        assertThat(text).contains("#EXT-X-PROGRAM-DATE-TIME:2019-11-13T01:00:00.000000Z\n");
        assertThat(text).contains("/segments/desertbus/source/2019-11-13T02/46%3A38.000000-2.0-full-");
    }

    @Test
    void theDirectWritePathAndTheGeneralPathRenderTheSameLines() {
        // A path with its hour directory takes the direct-write fast path; a bare file name
        // takes the general path. Same segments, same bytes.
        long start = SegmentTree.at("2019-11-13T02:59:56.5");
        List<Span> full = new ArrayList<>();
        List<Span> bare = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long at = start + i * 2_002_000L;
            String name =
                    SegmentPath.fileName(at, 2.002, SegmentType.FULL, "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM");
            String hour = org.wubloader.common.time.HourNames.format(at);
            full.add(new Segment(
                    "/base/desertbus/source/" + hour + "/" + name,
                    "desertbus",
                    "source",
                    at,
                    2.002,
                    SegmentType.FULL,
                    "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM"));
            bare.add(new Segment(
                    name,
                    "desertbus",
                    "source",
                    at,
                    2.002,
                    SegmentType.FULL,
                    "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM"));
            if (i == 150) {
                full.add(Hole.INSTANCE);
                bare.add(Hole.INSTANCE);
            }
        }
        String fast = RENDERER.renderToString(full);
        assertThat(fast)
                .contains("/segments/desertbus/source/2019-11-13T03/00%3A")
                .contains("#EXT-X-DISCONTINUITY");
        assertThat(fast).isEqualTo(RENDERER.renderToString(bare));
    }

    @Test
    void aRenderingProducedChunkByChunkIsTheWholeRendering() throws IOException {
        // 24 h of segments with holes (discontinuities, a trailing one) and live gaps (tombstoned since shown).
        List<Span> spans = new ArrayList<>();
        java.util.Set<Segment> gaps = new java.util.HashSet<>();
        long start = SegmentTree.at("2019-11-13T00:00:00");
        for (int i = 0; i < 43_200; i++) {
            Segment s = SegmentPath.parse("/b/"
                    + SegmentPath.relativePath(
                            "desertbus",
                            "source",
                            start + i * 2_000_000L,
                            i % 977 == 0 ? 2.002 : 2.0,
                            SegmentType.FULL,
                            HASH));
            spans.add(s);
            if (i % 5000 == 17) {
                spans.add(Hole.INSTANCE);
            }
            if (i % 7001 == 3) {
                gaps.add(s);
            }
        }
        spans.add(Hole.INSTANCE);
        MediaPlaylistRenderer renderer = new MediaPlaylistRenderer("/segments/desertbus/source/", 256 * 1024);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        renderer.render(spans, true, gaps, (data, length) -> whole.write(data, 0, length));
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        List<Integer> perCall = new ArrayList<>();
        int[] chunks = new int[1];
        MediaPlaylistRenderer.Rendering rendering = renderer.start(spans, true, gaps, (data, length) -> {
            chunks[0]++;
            streamed.write(data, 0, length);
            java.util.Arrays.fill(data, 0, length, (byte) 0); // the renderer may reuse its buffer, not rely on it
        });
        boolean more = true;
        while (more) {
            int before = chunks[0];
            more = rendering.next();
            perCall.add(chunks[0] - before);
        }
        assertThat(streamed.toByteArray()).isEqualTo(whole.toByteArray());
        assertThat(perCall).hasSizeGreaterThan(20).allMatch(n -> n <= 2); // two only when the end follows a full chunk
        String text = whole.toString(StandardCharsets.US_ASCII);
        assertThat(text)
                .contains("#EXT-X-VERSION:8\n", "#EXT-X-GAP\n", "#EXT-X-DISCONTINUITY\n", "#EXTINF:2.002,live\n");
        assertThat(text).doesNotContain("#EXT-X-ENDLIST");
    }
}
