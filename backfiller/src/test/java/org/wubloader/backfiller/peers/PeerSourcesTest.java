package org.wubloader.backfiller.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerSourcesTest {
    @Test
    void staticNodesAreNamedByHost() {
        assertThat(PeerSources.parseStatic("http://a.example:8000/, https://b.example/restreamer/ ,"))
                .containsExactly(
                        new Peer("a.example", "http://a.example:8000"),
                        new Peer("b.example", "https://b.example/restreamer"));
        assertThat(PeerSources.parseStatic(null)).isEmpty();
        assertThat(PeerSources.parseStatic("http://[::1]:8000")).containsExactly(new Peer("::1", "http://[::1]:8000"));
    }

    @Test
    void staticNodesMustBeHttpUrls() {
        assertThatThrownBy(() -> PeerSources.parseStatic("ftp://x")).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> PeerSources.parseStatic("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerSources.parseStatic("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeFileLinesAreNameUrlOrUrl() {
        PeerSources.Parsed parsed = PeerSources.parseNodeFile(List.of(
                "# peers",
                "",
                "  node-a   http://a.example:8000/ ",
                "http://b.example",
                "too many fields here",
                "bad notaurl",
                "\t# indented comment"));
        assertThat(parsed.peers())
                .containsExactly(
                        new Peer("node-a", "http://a.example:8000"), new Peer("b.example", "http://b.example"));
        assertThat(parsed.problems())
                .hasSize(2)
                .anyMatch(p -> p.startsWith("line 5:"))
                .anyMatch(p -> p.startsWith("line 6:"));
    }

    @Test
    void laterSourcesOverrideEarlierOnesByNameAndLocalhostIsDropped() {
        Map<String, Peer> merged = PeerMerge.merge(
                List.of(
                        List.of(new Peer("a", "http://a1"), new Peer("me", "http://me"), new Peer("b", "http://b1")),
                        List.of(new Peer("b", "http://b2")),
                        List.of(new Peer("a", "http://a3"), new Peer("c", "http://c3"))),
                "me");
        assertThat(merged.values())
                .containsExactly(new Peer("a", "http://a3"), new Peer("b", "http://b2"), new Peer("c", "http://c3"));
        assertThat(PeerMerge.merge(List.of(), "me")).isEmpty();
    }
}
