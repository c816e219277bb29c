package org.wubloader.restreamer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

/** Nothing outside the base directory can be read, whatever the encoding trick (docs/api.md §4.1). */
class PathSafetyHttpTest {
    private static final String SECRET = "top secret outside the base dir";

    @TempDir
    static Path root;

    static Path base;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        base = Files.createDirectories(root.resolve("base"));
        Files.writeString(root.resolve("secret.txt"), SECRET);
        Path outsideDir = Files.createDirectories(root.resolve("outside-dir"));
        Files.writeString(outsideDir.resolve("inner.txt"), SECRET);
        new SegmentTree(base).full("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 2.0);
        Files.writeString(base.resolve(".hidden.txt"), SECRET);
        Files.createSymbolicLink(base.resolve("link-to-secret.txt"), root.resolve("secret.txt"));
        Files.createSymbolicLink(base.resolve("link-to-dir"), outsideDir);
        Files.createSymbolicLink(base.resolve("desertbus/evil"), outsideDir);
        Files.writeString(base.resolve("inside.txt"), "fine");
        Files.createSymbolicLink(base.resolve("link-inside.txt"), base.resolve("inside.txt"));
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/segments/../secret.txt",
                "/segments/%2e%2e/secret.txt",
                "/segments/%2E%2E/secret.txt",
                "/segments/desertbus/../../secret.txt",
                "/segments/..%2fsecret.txt",
                "/segments/..%2Fsecret.txt",
                "/segments/desertbus%2f..%2f..%2fsecret.txt",
                "/segments/%2fetc%2fpasswd",
                "/segments/.hidden.txt",
                "/segments/%2ehidden.txt",
                "/segments/link-to-secret.txt",
                "/segments/link-to-dir/inner.txt",
                "/segments/desertbus/evil/inner.txt",
                "/segments/inside.txt%00.ts",
                "/segments/..%5csecret.txt",
                "/segments/%c0%ae%c0%ae/secret.txt",
                "/files/..",
                "/files/%2e%2e",
                "/files/desertbus/evil",
                "/extras/..",
                "/extras/link-to-dir",
                "/extras/%2e%2e%2foutside-dir",
                "/playlist/..%2fdesertbus/source.m3u8",
                "/playlist/desertbus/..%2fsource.m3u8",
                "/cut/desertbus/..%2f..%2fsecret.ts",
            })
    void traversalNeverReadsOutsideTheBaseDir(String target) {
        String response = server.raw("GET", target);
        int status = TestServer.status(response);
        assertThat(response).as(target).doesNotContain(SECRET).doesNotContain("inner.txt");
        assertThat(status)
                .as(target + " → " + response.lines().findFirst().orElse(""))
                .isIn(400, 403, 404);
    }

    @Test
    void dotDotPartsAreForbidden() {
        assertThat(TestServer.status(server.raw("GET", "/segments/../secret.txt")))
                .isEqualTo(403);
        assertThat(TestServer.status(server.raw("GET", "/segments/%2e%2e/secret.txt")))
                .isEqualTo(403);
        assertThat(TestServer.status(server.raw("GET", "/files/.hidden-channel")))
                .isEqualTo(403);
    }

    @Test
    void symlinksLeavingTheBaseDirAreForbidden() {
        assertThat(TestServer.status(server.raw("GET", "/segments/link-to-secret.txt")))
                .isEqualTo(403);
        assertThat(TestServer.status(server.raw("GET", "/files/desertbus/evil")))
                .isEqualTo(403);
    }

    @Test
    void rawNulByteIsRefused() {
        assertThat(TestServer.status(server.raw("GET", "/segments/inside.txt\u0000.png")))
                .isIn(400, 403);
    }

    @Test
    void symlinkInsideTheBaseDirIsServed() {
        String response = server.raw("GET", "/segments/link-inside.txt");
        assertThat(TestServer.status(response)).isEqualTo(200);
        assertThat(response).endsWith("fine");
    }
}
