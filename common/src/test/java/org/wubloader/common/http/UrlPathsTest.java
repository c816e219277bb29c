package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPathsTest {
    @Test
    void segmentNamesKeepEverythingButTheirColon() {
        assertThat(UrlPaths.encodePart("45:51.608000-2.0-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts"))
                .isEqualTo("45%3A51.608000-2.0-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts");
        assertThat(UrlPaths.encodePart("2019-11-13T02")).isEqualTo("2019-11-13T02");
    }

    @Test
    void slashesSpacesAndNonAsciiAreEncodedAsUtf8() {
        assertThat(UrlPaths.encodePart("a/b c")).isEqualTo("a%2Fb%20c");
        assertThat(UrlPaths.encodePart("é")).isEqualTo("%C3%A9");
    }

    @Test
    void namesThatCouldEscapeOrHideAreUnsafe() {
        assertThat(UrlPaths.isSafeName("00:00.000000-2.0-full-x.ts")).isTrue();
        for (String bad : new String[] {"", ".", "..", ".hidden", "a/b", "a\\b", "a\0b"}) {
            assertThat(UrlPaths.isSafeName(bad)).as(bad).isFalse();
        }
    }
}
