package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

/**
 * One resolution rule for every endpoint (issue 11 item 2, issue 14 item 5): links that lead out
 * of the base directory are neither served, nor cut, nor offered in a listing or playlist; links
 * that stay inside the tree work everywhere.
 */
class SymlinksOutsideTheTreeHttpTest {
    private static final String SECRET = "top secret outside the base dir";
    private static final long T2 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long T3 = SegmentTree.at("2019-11-13T03:00:00");
    private static final long T4 = SegmentTree.at("2019-11-13T04:00:00");

    @TempDir
    static Path root;

    static TestServer server;
    static String linkedSegmentName;
    static String insideLinkedSegmentName;

    @BeforeAll
    static void start() throws IOException {
        Path base = Files.createDirectories(root.resolve("base"));
        SegmentTree tree = new SegmentTree(base);
        tree.run("desertbus", "source", T2, 5, 2.0, 1000);
        Path secret = Files.writeString(root.resolve("secret.ts"), SECRET.repeat(100));

        // A segment-named link in a real hour directory, to a file outside.
        Path placeholder = tree.full("desertbus", "source", T2 + 10_000_000, 2.0);
        linkedSegmentName = placeholder.getFileName().toString();
        Files.delete(placeholder);
        Files.createSymbolicLink(placeholder, secret);

        // A whole hour directory, and a whole quality directory, linked outside the tree.
        SegmentTree outside = new SegmentTree(root.resolve("outside"));
        for (Path p : outside.run("desertbus", "source", T3, 5, 2.0, 1000)) {
            Files.writeString(p, SECRET.repeat(30));
        }
        Path outsideQuality = root.resolve("outside/desertbus/source");
        Files.createSymbolicLink(
                base.resolve("desertbus/source/2019-11-13T03"), outsideQuality.resolve("2019-11-13T03"));
        Files.createSymbolicLink(base.resolve("desertbus/etclink"), outsideQuality);

        // Links that stay inside the tree are an operator's business and keep working.
        Path mirror = tree.run("desertbus", "mirror", T4, 3, 2.0, 1000).get(0);
        insideLinkedSegmentName = mirror.getFileName().toString();
        Files.createSymbolicLink(base.resolve("desertbus/source/2019-11-13T04"), mirror.getParent());

        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String text(String pathAndQuery) {
        var r = server.get(pathAndQuery);
        return r.statusCode() + " " + new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void roughCutSkipsASegmentLinkedOutside() {
        var r = server.get("/cut/desertbus/source.ts?type=rough&allow_holes=true"
                + "&start=2019-11-13T02:00:00&end=2019-11-13T02:00:14");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(r.body()).hasSize(5 * 1000);
    }

    @Test
    void roughCutOfAnHourLinkedOutsideFindsNothing() {
        String response = text("/cut/desertbus/source.ts?type=rough&allow_holes=true"
                + "&start=2019-11-13T03:00:00&end=2019-11-13T03:00:10");
        assertThat(response).doesNotContain(SECRET).startsWith("406 ");
    }

    @Test
    void qualityLinkedOutsideCannotBeCutOrPlayed() {
        assertThat(text("/cut/desertbus/etclink.ts?type=rough&allow_holes=true"
                        + "&start=2019-11-13T03:00:00&end=2019-11-13T03:00:10"))
                .doesNotContain(SECRET)
                .matches("(403|404|406) (?s).*");
        assertThat(text("/playlist/desertbus/etclink.m3u8")).matches("(403|404) (?s).*");
    }

    @Test
    void mediaPlaylistOffersNothingLinkedOutside() {
        String playlist = text("/playlist/desertbus/source.m3u8?start=2019-11-13T02:00:00&end=2019-11-13T05:00:00");
        assertThat(playlist).startsWith("200 ");
        assertThat(playlist)
                .doesNotContain(linkedSegmentName.replace(":", "%3A"))
                .doesNotContain("2019-11-13T03");
        assertThat(playlist).contains("2019-11-13T04/" + insideLinkedSegmentName.replace(":", "%3A"));
    }

    @Test
    void implicitRangeIgnoresAnHourLinkedOutside() {
        // Hours 02 and 04 count; the outside 03 neither lists nor plays.
        String playlist = text("/playlist/desertbus/source.m3u8?start=2019-11-13T02:00:00");
        assertThat(playlist).startsWith("200 ").doesNotContain("2019-11-13T03");
    }

    @Test
    void listingsNeverOfferWhatIsRefused() {
        assertThat(text("/files/desertbus")).isEqualTo("200 [\"mirror\",\"source\"]");
        assertThat(text("/files/desertbus/source")).isEqualTo("200 [\"2019-11-13T02\",\"2019-11-13T04\"]");
        assertThat(text("/files/desertbus/source/2019-11-13T02"))
                .startsWith("200 ")
                .doesNotContain(linkedSegmentName);
        assertThat(text("/files/desertbus/source/2019-11-13T03")).startsWith("403 ");
        assertThat(text("/segments/desertbus/source/2019-11-13T02/" + linkedSegmentName.replace(":", "%3A")))
                .startsWith("403 ");
    }

    @Test
    void masterPlaylistDoesNotOfferAQualityLinkedOutside() {
        String master = text("/playlist/desertbus.m3u8");
        assertThat(master)
                .startsWith("200 ")
                .contains("/playlist/desertbus/source.m3u8")
                .doesNotContain("etclink");
        assertThat(List.of(text("/playlist/desertbus.m3u8?start=2019-11-13T03:00:00")
                        .split("\n")))
                .noneMatch(line -> line.contains("etclink"));
    }
}
