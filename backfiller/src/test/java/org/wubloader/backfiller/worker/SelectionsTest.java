package org.wubloader.backfiller.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wubloader.common.http.UrlPaths;
import org.wubloader.common.testing.SegmentTree;

/** Hour selection, extras planning, listing parsing and URL encoding: the small pure pieces of a pass. */
class SelectionsTest {
    @Test
    void hoursAreNewestFirstAndBadNamesRejected() {
        HourSelection.Selected s = HourSelection.select(
                List.of("2019-11-13T02", "2019-11-13T10", "..", "2019-11-12T23", "2019-11-13T10", "2019-13-01T00"),
                OptionalLong.empty());
        assertThat(s.hours()).containsExactly("2019-11-13T10", "2019-11-13T02", "2019-11-12T23");
        assertThat(s.rejected()).containsExactly("..", "2019-13-01T00");
    }

    @Test
    void hoursBeforeTheStartHourAreSkipped() {
        HourSelection.Selected s = HourSelection.select(
                List.of("2019-11-13T01", "2019-11-13T02", "2019-11-13T03"),
                OptionalLong.of(SegmentTree.at("2019-11-13T02:00:00")));
        assertThat(s.hours()).containsExactly("2019-11-13T03", "2019-11-13T02");
    }

    @Test
    void extrasPlanSkipsLocalTempAndUnsafePaths() {
        ExtrasPlan plan = ExtrasPlan.plan(
                List.of(
                        "a.png",
                        "sub/b.png",
                        "c.png",
                        "x.png.1234.temp",
                        "../e",
                        "sub/../../e",
                        ".git/config",
                        "/abs",
                        "a//b",
                        "sub/.hidden",
                        "back\\slash"),
                List.of("c.png"));
        assertThat(plan.downloads()).containsExactly("a.png", "sub/b.png");
        assertThat(plan.rejected())
                .containsExactly("../e", "sub/../../e", ".git/config", "/abs", "a//b", "sub/.hidden", "back\\slash");
    }

    @Test
    void listingsMustBeJsonArraysOfStrings() throws Exception {
        assertThat(PeerClient.parseNames(Buffer.buffer("[\"a\", \"b\"]"), "x")).containsExactly("a", "b");
        assertThat(PeerClient.parseNames(Buffer.buffer("[]"), "x")).isEmpty();
    }

    static Stream<Arguments> listingsThatAreRefused() {
        return Stream.of(
                Arguments.of("{}", "not a JSON array"),
                Arguments.of("[1]", "non-string"),
                Arguments.of("<html>", "not JSON"),
                Arguments.of("", ""),
                Arguments.of("[[\"a\"]]", "non-string"),
                Arguments.of("[\"a\", null]", "non-string"),
                Arguments.of("[\"a\"", "not JSON"),
                Arguments.of("[\"a\"] [\"b\"]", "after its array"));
    }

    @ParameterizedTest
    @MethodSource("listingsThatAreRefused")
    void aListingThatIsNotAJsonArrayOfStringsIsRefused(String body, String why) {
        assertThatThrownBy(() -> PeerClient.parseNames(Buffer.buffer(body), "x"))
                .isInstanceOf(PeerException.class)
                .hasMessageContaining(why);
    }

    @Test
    void pathSegmentsKeepColonsAndEncodeTheRest() {
        assertThat(UrlPaths.encodePart("45:51.608000-2.0-full-7IS92rssMz_-A.ts"))
                .isEqualTo("45%3A51.608000-2.0-full-7IS92rssMz_-A.ts");
        assertThat(UrlPaths.encodePart("a b/c?d#e%")).isEqualTo("a%20b%2Fc%3Fd%23e%25");
        assertThat(UrlPaths.encodePart("é")).isEqualTo("%C3%A9");
    }
}
