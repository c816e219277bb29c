package org.wubloader.common.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every node must name the same EXTINF value identically, so the expected texts are Python's repr(float). */
class DurationTextTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2.000, 2.0",
        "2, 2.0",
        "2.002, 2.002",
        "1.5, 1.5",
        "0, 0.0",
        "0.1, 0.1",
        "2.1, 2.1",
        "6.006, 6.006",
        "2.0333333333, 2.0333333333",
        "0.3333333333333333, 0.3333333333333333",
        "0.30000000000000004, 0.30000000000000004",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.000012345, 1.2345e-05",
        "123456789.123, 123456789.123",
        "9999999999999998, 9999999999999998.0",
        "1e16, 1e+16",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "5e-324, 5e-324",
        "10.010000000000002, 10.010000000000002",
    })
    void formatsLikePythonRepr(double value, String python) {
        assertThat(DurationText.format(value)).isEqualTo(python);
        assertThat(Double.parseDouble(DurationText.format(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"-1", "NaN", "Infinity"})
    void refusesImpossibleDurations(double value) {
        assertThatThrownBy(() -> DurationText.format(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
