package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MasterPlaylistRendererTest {
    @Test
    void everyVariantHasMediaStreamInfBandwidthAndTheQueryCarriedOver() {
        String text = MasterPlaylistRenderer.render(
                "desertbus", List.of("480p", "source", "720p"), "start=2019-11-13T02:00:00");
        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="source",NAME="source",AUTOSELECT=YES,DEFAULT=YES
                #EXT-X-STREAM-INF:VIDEO="source",NAME="source",BANDWIDTH=6846146
                /playlist/desertbus/source.m3u8?start=2019-11-13T02:00:00
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="720p",NAME="720p",AUTOSELECT=YES,DEFAULT=YES
                #EXT-X-STREAM-INF:VIDEO="720p",NAME="720p",BANDWIDTH=2373000
                /playlist/desertbus/720p.m3u8?start=2019-11-13T02:00:00
                #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="480p",NAME="480p",AUTOSELECT=YES,DEFAULT=YES
                #EXT-X-STREAM-INF:VIDEO="480p",NAME="480p",BANDWIDTH=1427999
                /playlist/desertbus/480p.m3u8?start=2019-11-13T02:00:00
                """);
    }

    @Test
    void noQueryMeansPlainUrls() {
        assertThat(MasterPlaylistRenderer.render("desertbus", List.of("160p"), null))
                .contains("BANDWIDTH=230000\n/playlist/desertbus/160p.m3u8\n");
    }
}
