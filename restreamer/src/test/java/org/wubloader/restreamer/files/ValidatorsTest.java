package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatorsTest {
    private static final String NAME = "45:51.608000-2.0-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts";

    @Test
    void segmentEtagIsItsHashAndItIsImmutable() {
        Validators v = Validators.of(NAME, 10, 1000);
        assertThat(v.etag()).isEqualTo("\"7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM\"");
        assertThat(v.strong()).isTrue();
        assertThat(v.cacheControl()).contains("immutable");
    }

    @Test
    void tempSegmentsAndOtherFilesGetWeakValidators() {
        assertThat(Validators.of("45:51.608000-2.0-temp-0b5d0c7e-9b6f-4e4e-9a0a-1d2c3b4a5f60.ts", 10, 1000)
                        .strong())
                .isFalse();
        Validators png = Validators.of("map.png", 10, 1000);
        assertThat(png.etag()).startsWith("W/\"");
        assertThat(png.cacheControl()).isEqualTo("no-cache");
    }

    @Test
    void conditionalRequests() {
        Validators v = Validators.of(NAME, 10, 1_573_613_151_000L);
        assertThat(v.notModified("\"7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM\"", null))
                .isTrue();
        assertThat(v.notModified("W/\"7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM\", \"x\"", null))
                .isTrue();
        assertThat(v.notModified("*", null)).isTrue();
        assertThat(v.notModified("\"x\"", v.lastModified())).isFalse();
        assertThat(v.notModified(null, v.lastModified())).isTrue();
        assertThat(v.notModified(null, "garbage")).isFalse();
        assertThat(v.rangeAllowed(v.etag())).isTrue();
        assertThat(v.rangeAllowed("W/" + v.etag())).isFalse();
        assertThat(v.rangeAllowed(v.lastModified())).isTrue();
        assertThat(v.lastModified()).isEqualTo("Wed, 13 Nov 2019 02:45:51 GMT");
        assertThat(Validators.of("x", 1, 1_577_923_200_000L).lastModified()).isEqualTo("Thu, 02 Jan 2020 00:00:00 GMT");
    }
}
