package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {
    @Test
    void pathsMapToTheirEndpoints() {
        assertThat(Routes.match("/files").endpoint()).isEqualTo(Endpoint.LIST_CHANNELS);
        assertThat(Routes.match("/files/").endpoint()).isEqualTo(Endpoint.LIST_CHANNELS);
        assertThat(Routes.match("/files/a").endpoint()).isEqualTo(Endpoint.LIST_QUALITIES);
        assertThat(Routes.match("/files/a/b").endpoint()).isEqualTo(Endpoint.LIST_HOURS);
        assertThat(Routes.match("/files/a/b/c").endpoint()).isEqualTo(Endpoint.LIST_SEGMENTS);
        assertThat(Routes.match("/files/a/b/c/d").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
        assertThat(Routes.match("/extras/coverage-maps").endpoint()).isEqualTo(Endpoint.LIST_EXTRAS);
        assertThat(Routes.match("/segments/a/b/c/d.ts").endpoint()).isEqualTo(Endpoint.GET_FILE);
        assertThat(Routes.match("/playlist/a.m3u8").endpoint()).isEqualTo(Endpoint.MASTER_PLAYLIST);
        assertThat(Routes.match("/playlist/a/b.m3u8").endpoint()).isEqualTo(Endpoint.MEDIA_PLAYLIST);
        assertThat(Routes.match("/cut/a/b.ts").endpoint()).isEqualTo(Endpoint.CUT);
        assertThat(Routes.match("/metrics").endpoint()).isEqualTo(Endpoint.METRICS);
        assertThat(Routes.match("/metrics/restreamer").endpoint()).isEqualTo(Endpoint.METRICS);
        assertThat(Routes.match("/metrics/other").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
        assertThat(Routes.match("/").endpoint()).isEqualTo(Endpoint.HOME_PAGE);
        assertThat(Routes.match("/web/hls.min.js").endpoint()).isEqualTo(Endpoint.WEB_ASSET);
        assertThat(Routes.match("/web/other.js").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
        assertThat(Routes.match("/segments").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
    }

    @Test
    void endpointLabelsAreTheOriginalViewNames() {
        assertThat(Endpoint.GET_FILE.label()).isEqualTo("get_file");
        assertThat(Endpoint.MEDIA_PLAYLIST.label()).isEqualTo("generate_media_playlist");
    }

    @Test
    void argumentsAreDecodedOnlyAfterSplitting() {
        Routes.Match m = Routes.match("/segments/desertbus/source/2019-11-13T02/45%3A51.608000-2.0-full-x.ts");
        assertThat(m.args()).containsExactly("desertbus", "source", "2019-11-13T02", "45:51.608000-2.0-full-x.ts");
        assertThatThrownBy(() -> Routes.match("/segments/a%2fb").args())
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> Routes.match("/segments/%2e%2e/x").args())
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> Routes.match("/segments/a//b").args())
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(Routes.match("/segments/a+b%20c").args()).isEqualTo(List.of("a+b c"));
    }
}
