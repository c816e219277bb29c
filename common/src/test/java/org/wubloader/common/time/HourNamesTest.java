package org.wubloader.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HourNamesTest {
    private static final DateTimeFormatter JAVA =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    @Test
    void agreesWithJavaTimeOverCenturiesOfHours() {
        for (long hour = Instant.parse("1969-12-25T00:00:00Z").getEpochSecond() / 3600;
                hour < Instant.parse("2101-01-01T00:00:00Z").getEpochSecond() / 3600;
                hour += 37) {
            long micros = hour * HourNames.MICROS_PER_HOUR;
            String expected = JAVA.format(Instant.ofEpochSecond(hour * 3600));
            assertThat(HourNames.format(micros + 1_234_567)).isEqualTo(expected);
            assertThat(HourNames.parse(expected)).isEqualTo(micros);
        }
    }

    @Test
    void leapDaysAreValidOnlyInLeapYears() {
        assertThat(HourNames.isHourName("2020-02-29T00")).isTrue();
        assertThat(HourNames.isHourName("2000-02-29T00")).isTrue();
        assertThat(HourNames.isHourName("2019-02-29T00")).isFalse();
        assertThat(HourNames.isHourName("1900-02-29T00")).isFalse();
    }

    @Test
    void malformedNamesAreRejected() {
        for (String bad : new String[] {
            "2019-11-13",
            "2019-11-13T24",
            "2019-11-31T00",
            "2019-00-10T00",
            "2019-11-13t02",
            "2019-11-13T2",
            "abcd-11-13T02",
            "2019-11-13T02x"
        }) {
            assertThat(HourNames.isHourName(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> HourNames.parse(bad)).as(bad).hasMessageContaining(bad);
        }
    }
}
