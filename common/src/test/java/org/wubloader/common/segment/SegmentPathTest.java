package org.wubloader.common.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentPathTest {
    static final String HASH = "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM";
    static final String NAME = "45:51.608000-2.0-full-" + HASH + ".ts";

    @Test
    void fullPathParsesEveryField() {
        Segment s = SegmentPath.parse("desertbus/source/2019-11-13T02/" + NAME);
        assertThat(s.channel()).isEqualTo("desertbus");
        assertThat(s.quality()).isEqualTo("source");
        assertThat(s.start()).isEqualTo(Instant.parse("2019-11-13T02:45:51.608Z"));
        assertThat(s.duration()).isEqualTo(2.0);
        assertThat(s.durationMicros()).isEqualTo(2_000_000L);
        assertThat(s.end()).isEqualTo(Instant.parse("2019-11-13T02:45:53.608Z"));
        assertThat(s.type()).isEqualTo(SegmentType.FULL);
        assertThat(s.hash()).isEqualTo(HASH);
        assertThat(SegmentHash.decode(s.hash())).hasSize(32);
        assertThat(s.hour()).isEqualTo("2019-11-13T02");
    }

    @Test
    void absolutePathTakesTheLastFourParts() {
        Segment s = SegmentPath.parse("/mnt/desertbus/720p/2019-11-13T02/" + NAME);
        assertThat(s.channel()).isEqualTo("desertbus");
        assertThat(s.quality()).isEqualTo("720p");
        assertThat(s.path()).isEqualTo("/mnt/desertbus/720p/2019-11-13T02/" + NAME);
    }

    @Test
    void hourAndFileLeaveChannelAndQualityUnset() {
        Segment s = SegmentPath.parse("2019-11-13T02/" + NAME);
        assertThat(s.channel()).isNull();
        assertThat(s.quality()).isNull();
        assertThat(s.start()).isEqualTo(Instant.parse("2019-11-13T02:45:51.608Z"));
    }

    @Test
    void bareFileNameHasNoStart() {
        Segment s = SegmentPath.parse(NAME);
        assertThat(s.hasStart()).isFalse();
        assertThat(s.type()).isEqualTo(SegmentType.FULL);
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allFourTypesParse() {
        for (SegmentType type : SegmentType.values()) {
            String hash = type == SegmentType.TEMP ? "0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e" : HASH;
            Segment s = SegmentPath.parse("c/q/2019-11-13T02/00:00.000000-2.0-" + type.text() + "-" + hash + ".ts");
            assertThat(s.type()).isEqualTo(type);
            assertThat(s.hash()).isEqualTo(hash);
        }
    }

    @Test
    void tempKeepsItsDashedUuidWhole() {
        Segment s =
                SegmentPath.parse("c/q/2019-11-13T02/59:59.999999-2.002-temp-0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e.ts");
        assertThat(s.hash()).isEqualTo("0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e");
        assertThat(s.startMicros() % 3_600_000_000L).isEqualTo(3_599_999_999L);
    }

    @Test
    void fractionOfOneToSixDigitsIsAccepted() {
        assertThat(SegmentPath.parse("2019-11-13T02/00:01.5-2.0-full-" + HASH + ".ts")
                        .start())
                .isEqualTo(Instant.parse("2019-11-13T02:00:01.500Z"));
        assertThat(SegmentPath.parse("2019-11-13T02/00:01.000001-2.0-full-" + HASH + ".ts")
                        .start())
                .isEqualTo(Instant.parse("2019-11-13T02:00:01.000001Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "45:51.608000-2.0-full-" + HASH + ".ts",
                "00:00.000000-2.002-suspect-" + HASH + ".ts",
                "59:59.999999-1.5-partial-" + HASH + ".ts",
                "12:34.567890-2.0333333333-full-" + HASH + ".ts",
                "00:00.000000-0.0-full-47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU.ts",
                "30:00.000000-6.006-temp-0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e.ts",
            })
    void formattingRoundTripsByteForByte(String name) {
        Segment s = SegmentPath.parse("desertbus/source/2019-11-13T02/" + name);
        assertThat(s.fileName()).isEqualTo(name);
        assertThat(SegmentPath.relativePath(
                        s.channel(), s.quality(), s.startMicros(), s.duration(), s.type(), s.hash()))
                .isEqualTo("desertbus/source/2019-11-13T02/" + name);
    }

    @Test
    void parseErrorsNameThePathAndTheReason() {
        List<String[]> cases = List.of(
                new String[] {"c/q/2019-11-13T02/45:51.608000-2.0-bogus-" + HASH + ".ts", "unknown type 'bogus'"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-2.0-full-" + HASH + ".mp4", "does not end in .ts"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-2.0-full.ts", "too few"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-2.0-full-abc$def.ts", "outside URL-safe base64"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-2.0-full-abcde.ts", "impossible base64 length"},
                new String[] {"c/q/2019-11-13T02/45:61.608000-2.0-full-" + HASH + ".ts", "bad time"},
                new String[] {"c/q/2019-11-13T02/4551.608000-2.0-full-" + HASH + ".ts", "bad time"},
                new String[] {"c/q/2019-11-13T02/45:51-2.0-full-" + HASH + ".ts", "bad time"},
                new String[] {"c/q/2019-11-13T02/45:51.6080001-2.0-full-" + HASH + ".ts", "bad time"},
                new String[] {"c/q/2019-13-13T02/45:51.608000-2.0-full-" + HASH + ".ts", "bad hour"},
                new String[] {"c/q/2019-11-13/45:51.608000-2.0-full-" + HASH + ".ts", "bad hour"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-two-full-" + HASH + ".ts", "bad duration"},
                new String[] {"c/q/2019-11-13T02/45:51.608000-NaN-full-" + HASH + ".ts", "bad duration"},
                new String[] {"c/q/2019-11-13T02/45:51.608000--full-" + HASH + ".ts", "empty duration"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> SegmentPath.parse(c[0]))
                    .as(c[0])
                    .isInstanceOf(SegmentParseException.class)
                    .hasMessageContaining(c[0])
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void tombstoneNamesMirrorSegmentNames() {
        assertThat(SegmentPath.tombstoneName(NAME)).isEqualTo("45:51.608000-2.0-full-" + HASH + ".tombstone");
        assertThat(SegmentPath.segmentNameOfTombstone(SegmentPath.tombstoneName(NAME)))
                .isEqualTo(NAME);
    }

    @Test
    void hashOfEmptyInputIsTheKnownValue() {
        assertThat(SegmentHash.of(new byte[0])).isEqualTo(SegmentHash.EMPTY);
    }

    @Test
    void hashTextOrdersLikeDecodedBytes() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            random.nextBytes(a);
            random.nextBytes(b);
            if (i % 7 == 0) {
                System.arraycopy(a, 0, b, 0, 31); // differ only in the last byte
            }
            int bytes = Integer.signum(java.util.Arrays.compareUnsigned(a, b));
            int text = Integer.signum(SegmentHash.compare(SegmentHash.encode(a), SegmentHash.encode(b)));
            assertThat(text).as("case %d", i).isEqualTo(bytes);
        }
    }

    @Test
    void durationFastPathAgreesWithDoubleParseDouble() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            int intDigits = 1 + random.nextInt(6);
            int fracDigits = 1 + random.nextInt(10);
            StringBuilder text = new StringBuilder();
            for (int d = 0; d < intDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.append('.');
            for (int d = 0; d < fracDigits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            Segment s = SegmentPath.parse("2019-11-13T02/00:00.000000-" + text + "-full-" + HASH + ".ts");
            assertThat(s.duration()).as(text.toString()).isEqualTo(Double.parseDouble(text.toString()));
        }
    }
}
