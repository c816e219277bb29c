package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.SegmentTree;

class LoopbackWarmupTest {
    private static final long FROM = SegmentTree.at("2019-11-13T00:00:00");
    private static final long TO = SegmentTree.at("2019-11-14T00:00:00");

    private static LoopbackWarmup warmup(int loops) {
        return new LoopbackWarmup(null, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), loops, "t", null);
    }

    @Test
    void everyEventLoopGetsCheapRequestsThenTheRangeIsRenderedUnderKeysNoClientUses() {
        List<String> paths = warmup(4).paths("desert bus", "source", FROM, TO);
        String prefix = "/playlist/desert%20bus/source.m3u8?start=2019-11-13T00:00:00.000000Z&end=";
        assertThat(paths).allMatch(p -> p.startsWith(prefix));
        assertThat(paths.subList(0, 8)).containsOnly(prefix + "2019-11-13T00:00:00.000000Z");
        List<String> full = paths.subList(8, paths.size());
        assertThat(full)
                .hasSize(LoopbackWarmup.FULL_RENDERS + 1)
                .startsWith(prefix + "2019-11-13T23:59:59.999999Z", prefix + "2019-11-13T23:59:59.999998Z");
        assertThat(full.subList(0, LoopbackWarmup.FULL_RENDERS)).doesNotHaveDuplicates();
        assertThat(full.get(LoopbackWarmup.FULL_RENDERS)).isEqualTo(full.get(LoopbackWarmup.FULL_RENDERS - 1));
        // The whole range is what a client is likely to ask for: it must not be left cached.
        assertThat(paths).doesNotContain(prefix + "2019-11-14T00:00:00.000000Z");
    }

    @Test
    void cheapRequestsAreBounded() {
        assertThat(warmup(1000).paths("c", "q", FROM, TO)).hasSize(64 + LoopbackWarmup.FULL_RENDERS + 1);
    }
}
