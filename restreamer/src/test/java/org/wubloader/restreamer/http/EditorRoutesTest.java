package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditorRoutesTest {
    @Test
    void editorPathsMapToTheirEndpoints() {
        assertThat(Routes.match("/waveform/desertbus/source.png").endpoint()).isEqualTo(Endpoint.WAVEFORM);
        assertThat(Routes.match("/frame/desertbus/source.png").endpoint()).isEqualTo(Endpoint.FRAME);
        assertThat(Routes.match("/thumbnail/desertbus/source.png").endpoint()).isEqualTo(Endpoint.THUMBNAIL);
        assertThat(Routes.match("/generate_videos/desertbus/source").endpoint()).isEqualTo(Endpoint.GENERATE_VIDEOS);
        Routes.Match chat = Routes.match("/desertbus/chat.json");
        assertThat(chat.endpoint()).isEqualTo(Endpoint.CHAT);
        assertThat(chat.args()).isEqualTo(List.of("desertbus"));
        assertThat(Routes.match("/waveform/desertbus").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
        assertThat(Routes.match("/desertbus/chat.txt").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
        assertThat(Routes.match("/a/b/chat.json").endpoint()).isEqualTo(Endpoint.NOT_FOUND);
    }
}
