package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;

/** Cluster-wide holes: the time no node has. */
class ClusterHolesTest {
    private static final long H0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long H = HourNames.MICROS_PER_HOUR;
    private static final long S = 1_000_000L;

    private static Interval at(long hour, double from, double to) {
        return new Interval(hour + Math.round(from * S), hour + Math.round(to * S));
    }

    private static ClusterHoles.NodeHour has(Interval... holes) {
        return new ClusterHoles.NodeHour(true, List.of(holes));
    }

    @Test
    void onlyTimeEveryNodeLacksIsAClusterHole() {
        Map<Long, ClusterHoles.NodeHour> a = Map.of(H0, has(at(H0, 10, 20), at(H0, 100, 200)));
        Map<Long, ClusterHoles.NodeHour> b = Map.of(H0, has(at(H0, 15, 30), at(H0, 150, 160), at(H0, 190, 250)));
        assertThat(ClusterHoles.compute(List.of(a, b)).get(H0))
                .containsExactly(at(H0, 15, 20), at(H0, 150, 160), at(H0, 190, 200));
    }

    @Test
    void anHourANodeLacksOrHasNoSegmentsInCountsAsAllMissingThere() {
        Map<Long, ClusterHoles.NodeHour> a =
                Map.of(H0, has(at(H0, 0, 5)), H0 + H, new ClusterHoles.NodeHour(false, List.of()));
        Map<Long, ClusterHoles.NodeHour> b = Map.of(H0 + 2 * H, has());
        var holes = ClusterHoles.compute(List.of(a, b));
        assertThat(holes.keySet()).containsExactly(H0, H0 + H, H0 + 2 * H);
        assertThat(holes.get(H0)).containsExactly(at(H0, 0, 5));
        assertThat(holes.get(H0 + H)).containsExactly(new Interval(H0 + H, H0 + 2 * H));
        assertThat(holes.get(H0 + 2 * H)).isEmpty();
    }

    @Test
    void noNodesNoHours() {
        assertThat(ClusterHoles.compute(List.of())).isEmpty();
    }
}
