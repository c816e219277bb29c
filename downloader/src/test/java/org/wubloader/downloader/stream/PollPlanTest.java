package org.wubloader.downloader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wubloader.common.time.Micros;
import org.wubloader.downloader.hls.HlsParser;
import org.wubloader.downloader.hls.MediaSegment;

class PollPlanTest {
    private static final URI BASE = URI.create("http://origin/live/media.m3u8");
    private static final Instant FETCH = Instant.parse("2019-11-13T02:01:00Z");

    private static List<MediaSegment> parse(String... lines) {
        return HlsParser.parseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:2\n" + String.join("\n", lines) + "\n", BASE)
                .segments();
    }

    private static String dated(String time, String name) {
        return "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:" + time + "Z\n#EXTINF:2.000,live\n" + name;
    }

    private static URI uri(String name) {
        return BASE.resolve(name);
    }

    private static PollPlan plan(List<MediaSegment> segments, boolean detection) {
        return PollPlan.plan(segments, FETCH, Set.of(), Set.of(), Set.of(), detection, false);
    }

    @Test
    void everyNewContentSegmentGetsAGetterAtItsStatedStart() {
        PollPlan plan = plan(parse(dated("10.000", "a.ts"), dated("12.000", "b.ts")), true);
        assertThat(plan.newSegments()).extracting(n -> n.segment().uri()).containsExactly(uri("a.ts"), uri("b.ts"));
        assertThat(plan.newSegments().get(1).startMicros()).isEqualTo(Micros.of(Instant.parse("2019-11-13T02:00:12Z")));
        assertThat(plan.newSegments()).noneMatch(PollPlan.NewSegment::suspect);
        assertThat(plan.skews()).isEmpty();
        assertThat(plan.flaggedBySkew()).isNull();
        assertThat(plan.sawContent()).isTrue();
    }

    @Test
    void segmentsWithAGetterAreNotStartedAgain() {
        List<MediaSegment> segments = parse(dated("10.000", "a.ts"), dated("12.000", "b.ts"));
        PollPlan plan = PollPlan.plan(segments, FETCH, Set.of(uri("a.ts")), Set.of(), Set.of(), true, false);
        assertThat(plan.newSegments()).extracting(n -> n.segment().uri()).containsExactly(uri("b.ts"));
    }

    @Test
    void adsAreSkippedAndCountedOncePerUri() {
        List<MediaSegment> segments = parse(
                dated("10.000", "a.ts"),
                "#EXT-X-SCTE35-OUT\n" + dated("12.000", "ad1.ts"),
                dated("14.000", "ad2.ts") + "\n#EXT-X-SCTE35-IN",
                "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:16Z\n#EXTINF:2.000,Amazon|123\nad3.ts",
                dated("18.000", "b.ts"));
        PollPlan first = plan(segments, true);
        assertThat(first.newAds()).containsExactly(uri("ad1.ts"), uri("ad2.ts"), uri("ad3.ts"));
        assertThat(first.newSegments()).extracting(n -> n.segment().uri()).containsExactly(uri("a.ts"), uri("b.ts"));

        PollPlan second = PollPlan.plan(segments, FETCH, Set.of(), Set.copyOf(first.newAds()), Set.of(), true, false);
        assertThat(second.newAds()).isEmpty();
    }

    @Test
    void anAdAdvancesTheExpectedTimeSoItNeverLooksLikeSkew() {
        List<MediaSegment> segments = parse(
                dated("10.000", "a.ts"),
                "#EXT-X-SCTE35-OUT\n#EXTINF:2.000,\nad1.ts\n#EXTINF:2.000,\nad2.ts\n#EXT-X-SCTE35-IN",
                dated("16.000", "b.ts"));
        PollPlan plan = plan(segments, true);
        assertThat(plan.skews()).isEmpty();
        assertThat(plan.flaggedBySkew()).isNull();
        assertThat(plan.judged()).containsExactly(uri("b.ts"));
    }

    @Test
    void aJumpFlagsTheWorkerAndEverySegmentFromThereIsSuspect() {
        List<MediaSegment> segments = parse(
                dated("10.300", "a.ts"), dated("12.300", "b.ts"), dated("14.700", "c.ts"), dated("16.700", "d.ts"));
        PollPlan plan = plan(segments, true);
        assertThat(plan.skews()).hasSize(1);
        assertThat(plan.skews().get(0)).isCloseTo(-0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plan.flaggedBySkew()).isNotNull();
        assertThat(plan.newSegments())
                .extracting(PollPlan.NewSegment::suspect)
                .containsExactly(false, false, true, true);
    }

    @Test
    void smallSkewIsRecordedButDoesNotFlag() {
        PollPlan plan = plan(parse(dated("10.000", "a.ts"), dated("12.005", "b.ts")), true);
        assertThat(plan.skews()).containsExactly(-0.005);
        assertThat(plan.flaggedBySkew()).isNull();
    }

    @Test
    void withoutDetectionSkewIsRecordedButNeverFlags() {
        PollPlan plan = plan(parse(dated("10.000", "a.ts"), dated("13.000", "b.ts")), false);
        assertThat(plan.skews()).containsExactly(-1.0);
        assertThat(plan.flaggedBySkew()).isNull();
        assertThat(plan.newSegments()).noneMatch(PollPlan.NewSegment::suspect);
    }

    @Test
    void skewIsJudgedOncePerSegment() {
        List<MediaSegment> segments = parse(dated("10.000", "a.ts"), dated("13.000", "b.ts"));
        PollPlan plan = PollPlan.plan(segments, FETCH, Set.of(), Set.of(), Set.of(uri("b.ts")), true, false);
        assertThat(plan.skews()).isEmpty();
        assertThat(plan.judged()).isEmpty();
    }

    @Test
    void aFlaggedWorkerMakesEveryNewSegmentSuspect() {
        PollPlan plan = PollPlan.plan(parse(dated("10.000", "a.ts")), FETCH, Set.of(), Set.of(), Set.of(), true, true);
        assertThat(plan.newSegments()).allMatch(PollPlan.NewSegment::suspect);
        assertThat(plan.flaggedBySkew()).isNull();
    }

    @Test
    void undatedSegmentAfterADatedOneFollowsItAndIsNotSuspect() {
        PollPlan plan = plan(parse(dated("10.000", "a.ts"), "#EXTINF:2.000,\nb.ts"), true);
        assertThat(plan.newSegments().get(1).startMicros()).isEqualTo(Micros.of(Instant.parse("2019-11-13T02:00:12Z")));
        assertThat(plan.newSegments().get(1).suspect()).isFalse();
    }

    @Test
    void undatedPlaylistIsDatedFromTheFetchTimeAndSavedSuspect() {
        PollPlan plan = plan(parse("#EXTINF:2.000,\na.ts", "#EXTINF:2.000,\nb.ts"), true);
        assertThat(plan.newSegments())
                .extracting(PollPlan.NewSegment::startMicros)
                .containsExactly(Micros.of(FETCH.minusSeconds(4)), Micros.of(FETCH.minusSeconds(2)));
        assertThat(plan.newSegments()).allMatch(n -> n.suspect() && n.guessedStart());
    }

    @Test
    void onlyAdsIsNotWorking() {
        PollPlan plan = plan(parse("#EXTINF:2.000,Amazon|1\nad.ts"), true);
        assertThat(plan.sawContent()).isFalse();
        assertThat(plan.newSegments()).isEmpty();
    }
}
