package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathPartsTest {
    @ParameterizedTest
    @ValueSource(strings = {".", "..", ".hidden", "a/b", "a\\b", "a\u0000b"})
    void forbiddenPartsAre403(String part) {
        assertThatThrownBy(() -> PathParts.checkPart(part))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void decodingIsStrictUtf8() {
        assertThat(PathParts.decode("%E2%9C%93x")).isEqualTo("✓x");
        assertThat(PathParts.decode("a+b")).isEqualTo("a+b");
        assertThatThrownBy(() -> PathParts.decode("%C0%AE")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> PathParts.decode("%4")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> PathParts.decode("%g0")).isInstanceOf(HttpError.class);
    }

    @Test
    void encodingKeepsUnreservedCharacters() {
        assertThat(PathParts.encode("45:51.608000-2.0-full-a_b~.ts")).isEqualTo("45%3A51.608000-2.0-full-a_b~.ts");
        assertThat(PathParts.encode("a b/✓")).isEqualTo("a%20b%2F%E2%9C%93");
        assertThat(PathParts.decode(PathParts.encode("a b/✓"))).isEqualTo("a b/✓");
    }
}
