package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.testing.SegmentTree;

class PrewarmTest {
    @TempDir
    Path base;

    @Test
    void indexesTheMostRecentHoursOfEveryQualityButChat() {
        SegmentTree tree = new SegmentTree(base);
        long t0 = SegmentTree.at("2019-11-13T00:00:00");
        for (int h = 0; h < 5; h++) {
            tree.full("desertbus", "source", t0 + h * 3_600_000_000L, 2.0);
        }
        tree.full("desertbus", "480p", t0, 2.0);
        tree.full("desertbus", "chat", t0, 2.0);
        assertThat(Prewarm.run(new SegmentStore(base), 3)).isEqualTo(3 + 1);
        assertThat(Prewarm.run(new SegmentStore(base), 0)).isZero();
    }
}
