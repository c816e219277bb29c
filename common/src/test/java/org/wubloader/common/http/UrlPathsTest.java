package org.wubloader.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void decodingIsStrictUtf8() {
        assertThat(UrlPaths.decodePart("%E2%9C%93x")).isEqualTo("✓x");
        assertThat(UrlPaths.decodePart("a+b")).isEqualTo("a+b");
        for (String bad : new String[] {"%C0%AE", "%4", "%g0", "a%"}) {
            assertThatThrownBy(() -> UrlPaths.decodePart(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(UrlPaths.decodePart(UrlPaths.encodePart("a b/✓"))).isEqualTo("a b/✓");
    }
}
