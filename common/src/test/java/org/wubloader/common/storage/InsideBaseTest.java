package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.testing.SegmentTree;

class InsideBaseTest {
    private static final long T2 = SegmentTree.at("2019-11-13T02:00:00");

    @TempDir
    Path root;

    @Test
    void linkLeadingOutsideIsRefusedAndOneStayingInsideIsUsable() throws Exception {
        Path base = Files.createDirectories(root.resolve("base"));
        Path secret = Files.writeString(root.resolve("secret"), "x");
        Files.writeString(base.resolve("inside"), "y");
        Files.createSymbolicLink(base.resolve("out"), secret);
        Files.createSymbolicLink(base.resolve("in"), base.resolve("inside"));
        InsideBase inside = new InsideBase(base);
        assertThatThrownBy(() -> inside.realPath(base.resolve("out"))).isInstanceOf(InsideBase.OutsideException.class);
        assertThat(inside.usable(base.resolve("out"))).isFalse();
        assertThat(inside.usableFileSize(base.resolve("out"))).isEqualTo(-1);
        assertThat(inside.usable(base.resolve("in"))).isTrue();
        assertThat(inside.usableFileSize(base.resolve("in"))).isEqualTo(1);
        assertThat(inside.realPath(base.resolve("missing"))).isNull();
    }

    @Test
    void segmentStoreNeverIndexesWhatLinksOutside() throws Exception {
        Path base = Files.createDirectories(root.resolve("base"));
        SegmentTree tree = new SegmentTree(base);
        tree.run("c", "q", T2, 2, 2.0, 10);
        Path linked = tree.full("c", "q", T2 + 4_000_000, 2.0);
        Path elsewhere = Files.move(linked, root.resolve("elsewhere.ts"));
        Files.createSymbolicLink(linked, elsewhere);
        SegmentTree outside = new SegmentTree(root.resolve("outside"));
        outside.run("c", "q", T2 + 3_600_000_000L, 2, 2.0, 10);
        Files.createSymbolicLink(base.resolve("c/q/2019-11-13T03"), root.resolve("outside/c/q/2019-11-13T03"));
        Files.createSymbolicLink(base.resolve("c/linked"), root.resolve("outside/c/q"));

        SegmentStore store = new SegmentStore(base);
        List<Span> spans = store.bestSegments("c", "q", T2, T2 + 2 * 3_600_000_000L, true);
        assertThat(spans)
                .filteredOn(s -> s instanceof Segment)
                .hasSize(2)
                .allMatch(s -> !((Segment) s).path().contains("2019-11-13T03")
                        && !((Segment) s).path().equals(linked.toString()));
        assertThat(store.hour("c", "q", "2019-11-13T03").chosen()).isEmpty();
        assertThat(store.hour("c", "linked", "2019-11-13T03").chosen()).isEmpty();
        assertThat(SegmentListing.directories(base.resolve("c"), store.inside()))
                .containsExactly("q");
        assertThat(SegmentListing.directories(base.resolve("c/q"), store.inside()))
                .containsExactly("2019-11-13T02");
        assertThat(SegmentListing.hours(base.resolve("c/q"), store.inside())).containsExactly("2019-11-13T02");
        assertThat(SegmentListing.hour(
                        base.resolve("c/q/2019-11-13T02"),
                        EnumSet.noneOf(SegmentListing.Include.class),
                        store.inside()))
                .hasSize(2)
                .doesNotContain(linked.getFileName().toString());
    }
}
