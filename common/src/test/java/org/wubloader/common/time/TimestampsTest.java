package org.wubloader.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest(name = "parse({0})")
    @CsvSource(
            delimiter = '|',
            value = {
                "2019-11-13T02:45:51|2019-11-13T02:45:51Z",
                "2019-11-13 02:45:51.6|2019-11-13T02:45:51.600Z",
                "2019-11-13T02:45:51+11:00|2019-11-12T15:45:51Z",
                "2019-11-13T02:45:51-0130|2019-11-13T04:15:51Z",
                "2019-11-13T02:45:51+05|2019-11-12T21:45:51Z",
                "2019-11-13T02:45:51Z|2019-11-13T02:45:51Z",
                "2019-11-13T02:45:51.608000Z|2019-11-13T02:45:51.608Z",
                "2019-11-13T02:45:51.123456789Z|2019-11-13T02:45:51.123456789Z",
                "2019-11-13T02:45:51.|2019-11-13T02:45:51Z",
                "2019-11-13T02:45|2019-11-13T02:45:00Z",
                "2019-11-13|2019-11-13T00:00:00Z",
                "2019-11-13t02:45:51z|2019-11-13T02:45:51Z",
            })
    void parseHonoursZones(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "parseUtcOnly({0})")
    @CsvSource(
            delimiter = '|',
            value = {
                "2019-11-13T02:45:51|2019-11-13T02:45:51Z",
                "2019-11-13T02:45:51+11:00|2019-11-13T02:45:51Z",
                "2019-11-13 02:45:51.6-08:00|2019-11-13T02:45:51.600Z",
                "2019-11-13T02:45:51Z|2019-11-13T02:45:51Z",
                "2019-11-13|2019-11-13T00:00:00Z",
                "2019-11-13T02:45|2019-11-13T02:45:00Z",
            })
    void parseUtcOnlyIgnoresZones(String text, String expected) {
        assertThat(Timestamps.parseUtcOnly(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2019-11-13T",
                "2019-11-13T02",
                "2019-11-13T02:4",
                "2019-13-13",
                "2019-02-30",
                "2019-11-13T25:00:00",
                "2019-11-13T02:60:00",
                "2019-11-13T02:45:51.1234567890",
                "2019-11-13T02:45:51 UTC",
                "2019-11-13T02:45:51+1",
                "2019-11-13T02:45:51+25:00",
                "1573613151",
                "2019/11/13",
            })
    void rejectsWithAClearMessage(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad timestamp '" + text + "'");
        assertThatThrownBy(() -> Timestamps.parseUtcOnly(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1573613151608000, 2019-11-13T02:45:51.608000Z", "1573613151000001, 2019-11-13T02:45:51.000001Z"})
    void formatsMicrosAsPlaylistsWriteThem(long micros, String expected) {
        assertThat(Timestamps.formatMicros(micros)).isEqualTo(expected);
    }
}
