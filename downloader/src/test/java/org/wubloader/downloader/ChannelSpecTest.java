package org.wubloader.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSpecTest {

    @Test
    void bareNameIsATwitchChannel() {
        assertThat(ChannelSpec.parse("desertbus"))
                .isEqualTo(new ChannelSpec("desertbus", false, ChannelSpec.ProviderType.TWITCH, null));
    }

    @Test
    void trailingBangsMarkImportantAndAreRemovedFromTheName() {
        ChannelSpec spec = ChannelSpec.parse("desertbus!!");
        assertThat(spec.name()).isEqualTo("desertbus");
        assertThat(spec.important()).isTrue();
    }

    @Test
    void urlKeepsItsOwnColons() {
        ChannelSpec spec = ChannelSpec.parse("db!:url:https://example.com:8443/live/master.m3u8?a=b:c");
        assertThat(spec.name()).isEqualTo("db");
        assertThat(spec.important()).isTrue();
        assertThat(spec.type()).isEqualTo(ChannelSpec.ProviderType.URL);
        assertThat(spec.url()).isEqualTo(URI.create("https://example.com:8443/live/master.m3u8?a=b:c"));
    }

    @Test
    void twitchTypeIgnoresTheUrl() {
        ChannelSpec spec = ChannelSpec.parse("db:twitch:whatever");
        assertThat(spec.type()).isEqualTo(ChannelSpec.ProviderType.TWITCH);
        assertThat(spec.url()).isNull();
    }

    @Test
    void youtubeTakesAnyUrl() {
        ChannelSpec spec = ChannelSpec.parse("yt:youtube:https://www.youtube.com/watch?v=abc");
        assertThat(spec.type()).isEqualTo(ChannelSpec.ProviderType.YOUTUBE);
    }

    @Test
    void badArgumentsGiveOneLineReasons() {
        assertThatThrownBy(() -> ChannelSpec.parse("db:url")).hasMessageContaining("single colon");
        assertThatThrownBy(() -> ChannelSpec.parse("db:ftp:x")).hasMessageContaining("unknown type 'ftp'");
        assertThatThrownBy(() -> ChannelSpec.parse("!!:url:http://x/")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ChannelSpec.parse("db:url:")).hasMessageContaining("needs a URL");
        assertThatThrownBy(() -> ChannelSpec.parse("db:url:file:///etc/passwd")).hasMessageContaining("http");
        assertThatThrownBy(() -> ChannelSpec.parse("a/b")).hasMessageContaining("'/'");
    }

    @Test
    void qualitiesSplitOnCommasTrimmedAsEveryServiceAndEmptyMeansNone() {
        assertThat(DownloaderCommand.parseQualities("source,720p60")).containsExactly("source", "720p60");
        assertThat(DownloaderCommand.parseQualities("source, 480p")).containsExactly("source", "480p");
        assertThat(DownloaderCommand.parseQualities("")).isEmpty();
        assertThat(DownloaderCommand.parseQualities("source")).isEqualTo(List.of("source"));
    }
}
