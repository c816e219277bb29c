package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

class ListingsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");

    @TempDir
    static Path base;

    static TestServer server;
    static Path tombstoned;
    static Path kept;

    @BeforeAll
    static void start() throws IOException {
        SegmentTree tree = new SegmentTree(base);
        List<Path> run = tree.run("desertbus", "source", T0, 4, 2.0, 100);
        kept = run.get(0);
        tombstoned = run.get(1);
        tree.tombstone(tombstoned);
        tree.segment("desertbus", "source", T0 + 3_600_000_000L, 2.0, SegmentType.PARTIAL, 10);
        tree.full("desertbus", "720p", T0, 2.0);
        tree.full("gamesdonequick", "source", T0, 2.0);
        Files.createDirectories(base.resolve(".hidden-channel"));
        Files.writeString(base.resolve("desertbus/source/2019-11-13T02/.hidden.ts"), "x");
        Files.writeString(base.resolve("desertbus/source/2019-11-13T02/chat-batch.json"), "{}");
        Files.writeString(base.resolve("desertbus/source/2019-11-13T02/notes.txt"), "not listed");
        Path maps = Files.createDirectories(base.resolve("coverage-maps/sub"));
        Files.writeString(maps.resolve("b.png"), "png");
        Files.writeString(base.resolve("coverage-maps/a.png"), "png");
        Files.writeString(base.resolve("coverage-maps/.secret"), "hidden");
        Files.createDirectories(base.resolve("coverage-maps/.git"));
        Files.writeString(base.resolve("coverage-maps/.git/config"), "hidden");
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> list(String path) throws IOException {
        var r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readValue(r.body(), new TypeReference<List<String>>() {});
    }

    @Test
    void channelsAreListedSortedWithoutHiddenOnes() throws IOException {
        assertThat(list("/files")).containsExactly("coverage-maps", "desertbus", "gamesdonequick");
    }

    @Test
    void qualitiesAndHoursAreListed() throws IOException {
        assertThat(list("/files/desertbus")).containsExactly("720p", "source");
        assertThat(list("/files/desertbus/source")).containsExactly("2019-11-13T02", "2019-11-13T03");
    }

    @Test
    void unknownChannelOrQualityListsAsEmpty() throws IOException {
        assertThat(list("/files/nobody")).isEmpty();
        assertThat(list("/files/desertbus/1080p")).isEmpty();
        assertThat(list("/files/desertbus/source/2001-01-01T00")).isEmpty();
    }

    @Test
    void tombstonedSegmentIsNotListed() throws IOException {
        List<String> names = list("/files/desertbus/source/2019-11-13T02");
        assertThat(names).doesNotContain(tombstoned.getFileName().toString());
        assertThat(names).contains(kept.getFileName().toString(), "chat-batch.json");
        assertThat(names).hasSize(4).isSorted();
        assertThat(names).noneMatch(n -> n.startsWith(".") || n.endsWith(".tombstone") || n.endsWith(".txt"));
    }

    @Test
    void tombstonesAreListedOnlyWhenAsked() throws IOException {
        String tombstone = tombstoned.getFileName().toString().replace(".ts", ".tombstone");
        assertThat(list("/files/desertbus/source/2019-11-13T02?tombstones=false"))
                .doesNotContain(tombstone);
        assertThat(list("/files/desertbus/source/2019-11-13T02?tombstones=TRUE"))
                .contains(tombstone)
                .doesNotContain(tombstoned.getFileName().toString())
                .isSorted();
    }

    @Test
    void badTombstonesValueIsRejected() {
        var r = server.getText("/files/desertbus/source/2019-11-13T02?tombstones=yes");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("tombstones");
    }

    @Test
    void extrasListsEveryFileRecursivelyExceptHiddenOnes() throws IOException {
        assertThat(list("/extras/coverage-maps")).containsExactly("a.png", "sub/b.png");
        assertThat(list("/extras/nothing-here")).isEmpty();
    }
}
