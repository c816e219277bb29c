package org.wubloader.downloader.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeListTest {
    private static final Line LINE = new Line(7, "#EXT-X-TEST");

    @Test
    void quotedValuesMayContainCommasAndEquals() {
        assertThat(AttributeList.parse("CODECS=\"avc1.4D401F,mp4a.40.2\",URL=\"https://x/?a=1,b=2\",B=1", LINE))
                .containsExactly(
                        entry("CODECS", "avc1.4D401F,mp4a.40.2"), entry("URL", "https://x/?a=1,b=2"), entry("B", "1"));
    }

    @Test
    void bareValuesEndAtTheNextComma() {
        assertThat(AttributeList.parse("BANDWIDTH=6454846,RESOLUTION=1920x1080,IV=0x1F", LINE))
                .containsExactly(entry("BANDWIDTH", "6454846"), entry("RESOLUTION", "1920x1080"), entry("IV", "0x1F"));
    }

    @Test
    void spacesAroundItemsAreTolerated() {
        assertThat(AttributeList.parse(" A=1, B=\"two\" ,C = 3", LINE))
                .containsExactly(entry("A", "1"), entry("B", "two"), entry("C", "3"));
    }

    @Test
    void emptyListAndEmptyValues() {
        assertThat(AttributeList.parse("", LINE)).isEmpty();
        assertThat(AttributeList.parse("A=,B=\"\"", LINE)).containsExactly(entry("A", ""), entry("B", ""));
    }

    @Test
    void resultIsUnmodifiable() {
        Map<String, String> attributes = AttributeList.parse("A=1", LINE);
        assertThatThrownBy(() -> attributes.put("B", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unterminatedQuoteIsAParseError() {
        assertThatThrownBy(() -> AttributeList.parse("A=\"open,B=1", LINE))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessage("line 7: unterminated quoted value for A");
    }

    @Test
    void itemWithoutEqualsIsAParseError() {
        assertThatThrownBy(() -> AttributeList.parse("A=1,JUNK", LINE))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageStartingWith("line 7: attribute without '='");
    }

    @Test
    void textAfterAQuotedValueIsAParseError() {
        assertThatThrownBy(() -> AttributeList.parse("A=\"x\"y,B=1", LINE))
                .isInstanceOf(PlaylistParseException.class)
                .hasMessageContaining("after the quoted value of A");
    }
}
