package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangesTest {
    @Test
    void singleRangesAreParsed() {
        assertThat(ByteRanges.parse("bytes=0-99", 1000)).isEqualTo(new ByteRanges.Partial(0, 99));
        assertThat(ByteRanges.parse("bytes=900-", 1000)).isEqualTo(new ByteRanges.Partial(900, 999));
        assertThat(ByteRanges.parse("bytes=900-5000", 1000)).isEqualTo(new ByteRanges.Partial(900, 999));
        assertThat(ByteRanges.parse("bytes=-100", 1000)).isEqualTo(new ByteRanges.Partial(900, 999));
        assertThat(ByteRanges.parse("bytes=-5000", 1000)).isEqualTo(new ByteRanges.Partial(0, 999));
        assertThat(ByteRanges.parse("BYTES=5-5", 1000)).isEqualTo(new ByteRanges.Partial(5, 5));
    }

    @Test
    void unsatisfiableRanges() {
        assertThat(ByteRanges.parse("bytes=1000-", 1000)).isInstanceOf(ByteRanges.Unsatisfiable.class);
        assertThat(ByteRanges.parse("bytes=-0", 1000)).isInstanceOf(ByteRanges.Unsatisfiable.class);
        assertThat(ByteRanges.parse("bytes=0-", 0)).isInstanceOf(ByteRanges.Unsatisfiable.class);
    }

    @Test
    void malformedOrMultipleRangesAreIgnored() {
        for (String h : new String[] {
            null,
            "bytes=a-b",
            "bytes=5-1",
            "items=0-5",
            "bytes=0-1,5-6",
            "bytes=",
            "bytes=-",
            "bytes=99999999999999999999-"
        }) {
            assertThat(ByteRanges.parse(h, 1000)).as(h).isInstanceOf(ByteRanges.Whole.class);
        }
    }
}
