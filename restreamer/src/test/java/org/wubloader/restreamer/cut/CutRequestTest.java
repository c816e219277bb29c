package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.http.HttpError;
import org.wubloader.restreamer.http.QueryParams;

class CutRequestTest {
    private static QueryParams params(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return QueryParams.of(m);
    }

    private static void rejected(String reason, String... kv) {
        assertThatThrownBy(() -> CutRequest.parse(params(kv))).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void defaultsAreFastWithoutHolesOverEverything() {
        CutRequest r = CutRequest.parse(params());
        assertThat(r.type()).isEqualTo(CutType.FAST);
        assertThat(r.allowHoles()).isFalse();
        assertThat(r.ranges()).containsExactly(new CutRequest.TimeRange(null, null));
    }

    @Test
    void rangesOverrideStartAndEndAndKeepTheirOrder() {
        CutRequest r = CutRequest.parse(params(
                "start",
                "2019-11-13T01:00:00",
                "range",
                "2019-11-13T02:00:10,2019-11-13T02:00:20",
                "range",
                "2019-11-13T02:00:00Z,2019-11-13 02:00:05.5",
                "type",
                "SMART",
                "allow_holes",
                "True"));
        assertThat(r.type()).isEqualTo(CutType.SMART);
        assertThat(r.allowHoles()).isTrue();
        assertThat(r.ranges())
                .containsExactly(
                        new CutRequest.TimeRange(
                                SegmentTree.at("2019-11-13T02:00:10"), SegmentTree.at("2019-11-13T02:00:20")),
                        new CutRequest.TimeRange(
                                SegmentTree.at("2019-11-13T02:00:00"), SegmentTree.at("2019-11-13T02:00:05.5")));
    }

    @Test
    void badInputIsRejectedWithItsReason() {
        rejected("end must be after start", "start", "2019-11-13T02:00:00", "end", "2019-11-13T02:00:00");
        rejected("malformed range", "range", "2019-11-13T02:00:00");
        rejected("malformed range", "range", "a,b,c");
        rejected("range end", "range", "2019-11-13T02:00:00,tomorrow");
        rejected("allow_holes", "allow_holes", "1");
        rejected("unknown type", "type", "avi");
        rejected("mp4 is not supported", "type", "mp4");
        rejected("Too many transitions", "transition", "fade,0.5");
        rejected("start", "start", "");
    }
}
