package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.downloader.hls.StartTimes.Basis;
import org.wubloader.downloader.hls.StartTimes.SegmentStart;

class StartTimesTest {
    private static final URI BASE = URI.create("https://edge.example.net/p.m3u8");
    private static final Instant T0 = Instant.parse("2023-11-14T22:13:20Z");

    private static List<MediaSegment> segments(String body) {
        return HlsParser.parseMedia("#EXTM3U\n" + body, BASE).segments();
    }

    @Test
    void datedSegmentsStartAtTheirProgramDateTime() {
        List<SegmentStart> starts = StartTimes.compute(segments("""
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.3Z
                #EXTINF:2,
                b.ts
                """));
        assertThat(starts)
                .containsExactly(
                        new SegmentStart(T0, Basis.PROGRAM_DATE_TIME),
                        new SegmentStart(Instant.parse("2023-11-14T22:13:22.300Z"), Basis.PROGRAM_DATE_TIME));
        assertThat(starts).allMatch(SegmentStart::stated);
    }

    @Test
    void undatedSegmentStartsAtThePreviousStartPlusThePreviousDuration() {
        List<SegmentStart> starts = StartTimes.compute(segments("""
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z
                #EXTINF:2.002,
                a.ts
                #EXTINF:1.5,
                b.ts
                #EXTINF:2,
                c.ts
                """));
        assertThat(starts)
                .extracting(SegmentStart::time)
                .containsExactly(
                        T0, Instant.parse("2023-11-14T22:13:22.002Z"), Instant.parse("2023-11-14T22:13:23.502Z"));
        assertThat(starts)
                .extracting(SegmentStart::basis)
                .containsExactly(Basis.PROGRAM_DATE_TIME, Basis.PREVIOUS_SEGMENT, Basis.PREVIOUS_SEGMENT);
        assertThat(starts.get(1).stated()).isFalse();
    }

    @Test
    void statedDateWinsOverTheComputedOne() {
        List<SegmentStart> starts = StartTimes.compute(segments("""
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.4Z
                #EXTINF:2,
                b.ts
                #EXTINF:2,
                c.ts
                """));
        assertThat(starts)
                .extracting(SegmentStart::time)
                .containsExactly(
                        T0, Instant.parse("2023-11-14T22:13:22.400Z"), Instant.parse("2023-11-14T22:13:24.400Z"));
    }

    @Test
    void adSegmentsAdvanceTheTimeLikeAnyOther() {
        List<MediaSegment> segments = segments("""
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z
                #EXTINF:2,live
                a.ts
                #EXTINF:30,Amazon|1
                ad.ts
                #EXTINF:2,live
                b.ts
                """);
        assertThat(segments.get(1).ad()).isTrue();
        assertThat(StartTimes.compute(segments).get(2).time()).isEqualTo(Instant.parse("2023-11-14T22:13:52Z"));
    }

    @Test
    void leadingUndatedSegmentsStartTheRemainingDurationBeforeTheFetchTime() {
        Instant fetched = Instant.parse("2023-11-14T22:14:00Z");
        List<SegmentStart> starts = StartTimes.compute(segments("""
                #EXTINF:2,
                a.ts
                #EXTINF:3,
                b.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:57Z
                #EXTINF:1.5,
                c.ts
                #EXTINF:2,
                d.ts
                """), fetched);
        assertThat(starts)
                .containsExactly(
                        new SegmentStart(Instant.parse("2023-11-14T22:13:51.500Z"), Basis.FETCH_TIME),
                        new SegmentStart(Instant.parse("2023-11-14T22:13:53.500Z"), Basis.FETCH_TIME),
                        new SegmentStart(Instant.parse("2023-11-14T22:13:57Z"), Basis.PROGRAM_DATE_TIME),
                        new SegmentStart(Instant.parse("2023-11-14T22:13:58.500Z"), Basis.PREVIOUS_SEGMENT));
    }

    @Test
    void leadingUndatedSegmentsWithoutFetchTimeAreUnknown() {
        List<SegmentStart> starts = StartTimes.compute(segments("""
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z
                #EXTINF:2,
                b.ts
                """));
        assertThat(starts).extracting(SegmentStart::basis).containsExactly(Basis.UNKNOWN, Basis.PROGRAM_DATE_TIME);
        assertThat(starts.get(0).time()).isNull();
    }

    @Test
    void noSegmentsGiveNoStarts() {
        assertThat(StartTimes.compute(List.of(), T0)).isEmpty();
    }

    @Test
    void sumsOfDecimalDurationsStayExact() {
        StringBuilder body = new StringBuilder("#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20Z\n");
        for (int i = 0; i < 1000; i++) {
            body.append("#EXTINF:2.002,\ns").append(i).append(".ts\n");
        }
        List<SegmentStart> starts = StartTimes.compute(segments(body.toString()));
        assertThat(starts.get(999).time()).isEqualTo(T0.plusMillis(999 * 2002L));
    }
}
