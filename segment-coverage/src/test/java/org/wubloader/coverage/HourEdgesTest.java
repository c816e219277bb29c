package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wubloader.coverage.Names.H;
import static org.wubloader.coverage.Names.HOUR;
import static org.wubloader.coverage.Names.s;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.time.HourNames;

/** §7 "Hour edges", with the allowance and the fixes of weakness 16. */
class HourEdgesTest {
    private final Names n = new Names();

    /** An hour {@code index} hours after {@link Names#HOUR} holding full segments [from, to) in seconds. */
    private HourEdges.Hour hour(int index, double[]... spans) {
        long start = HOUR + index * H;
        List<String> names = new ArrayList<>();
        for (double[] span : spans) {
            names.add(n.name(start, span[0], span[1] - span[0], SegmentType.FULL, 0, 1000));
        }
        return new HourEdges.Hour(HourNames.format(start), start, HourAnalysis.analyse(start, names, n::size));
    }

    private static double[] span(double from, double to) {
        return new double[] {from, to};
    }

    private static Interval at(int hour, double from, double to) {
        long start = HOUR + hour * H;
        return new Interval(start + s(from), start + s(to));
    }

    @Test
    void crossHourHolesUseTheMostRecentHourWithSegmentsAndStartAtTheHourStart() {
        List<HourReport> r = HourEdges.apply(
                List.of(hour(0, span(0, 3598)), hour(1), hour(2, span(10, 3600)), hour(3, span(0, 20))));
        assertThat(r.get(0).rawHoles()).containsExactly(at(0, 3598, 3600));
        assertThat(r.get(1).rawHoles()).isEmpty();
        assertThat(r.get(2).rawHoles()).containsExactly(at(2, 0, 10));
        assertThat(r.get(2).editableHoles()).containsExactly(at(2, 0, 10));
        // The last directory is the live hour: no end-of-hour hole, but the map shows one.
        assertThat(r.get(3).rawHoles()).isEmpty();
        assertThat(r.get(3).mapHoles()).containsExactly(at(3, 20, 3600));
    }

    @Test
    void aSegmentRunningIntoTheNextHourStartsItsCrossHourHoleWhereItEnds() {
        List<HourReport> r =
                HourEdges.apply(List.of(hour(0, span(3598, 3601)), hour(1, span(3, 3600)), hour(2, span(0, 1))));
        assertThat(r.get(0).rawHoles()).isEmpty();
        assertThat(r.get(1).rawHoles()).containsExactly(at(1, 1, 3));
    }

    @Test
    void hourEdgesHaveTheSameTenMillisecondAllowance() {
        List<HourReport> r = HourEdges.apply(
                List.of(hour(0, span(0, 3599.995)), hour(1, span(0.005, 3599.98)), hour(2, span(0.02, 1))));
        assertThat(r.get(0).rawHoles()).isEmpty();
        assertThat(r.get(1).rawHoles()).containsExactly(at(1, 3599.98, 3600));
        assertThat(r.get(2).rawHoles()).containsExactly(at(2, 0, 0.02));
    }

    @Test
    void theFirstHourWithSegmentsHasAMapOnlyLeadingHole() {
        List<HourReport> r = HourEdges.apply(List.of(hour(0), hour(1, span(100, 3600)), hour(2, span(0, 3600))));
        assertThat(r.get(1).rawHoles()).isEmpty();
        assertThat(r.get(1).mapHoles()).containsExactly(at(1, 0, 100));
        assertThat(r.get(0).mapHoles()).isEmpty();
        assertThat(r.get(2).mapHoles()).isEmpty();
    }

    @Test
    void editableEdgeHolesFollowTheEditableRun() {
        // [3590, 3600) overlaps [3580, 3598): raw covers to the hour end, the served run stops at 3598.
        List<HourReport> r = HourEdges.apply(List.of(hour(0, span(3580, 3598), span(3590, 3600)), hour(1, span(0, 1))));
        assertThat(r.get(0).rawHoles()).isEmpty();
        assertThat(r.get(0).editableHoles()).containsExactly(at(0, 3598, 3600));
        assertThat(r.get(0).mapHoles()).containsExactly(at(0, 0, 3580));
        assertThat(r.get(1).rawHoles()).isEmpty();
        assertThat(r.get(1).editableHoles()).isEmpty();
    }
}
