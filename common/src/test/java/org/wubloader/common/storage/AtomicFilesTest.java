package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writeCreatesParentsAndTheWholeFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        assertThat(AtomicFiles.write(target, "hello".getBytes())).isTrue();
        assertThat(Files.readString(target)).isEqualTo("hello");
        assertThat(listAll(dir)).containsExactly("a/b/c.txt");
    }

    @Test
    void anExistingFinalNameCountsAsSuccessAndRemovesTheTemp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("same.ts");
        Files.writeString(target, "content");
        assertThat(AtomicFiles.write(target, "content".getBytes())).isFalse();
        assertThat(Files.readString(target)).isEqualTo("content");
        assertThat(listAll(dir)).containsExactly("same.ts");
    }

    @Test
    void replaceOverwritesTheFinalNameAndLeavesNoTemp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("maps/a_source_coverage.png");
        AtomicFiles.replace(target, new byte[] {1, 2, 3});
        AtomicFiles.replace(target, new byte[] {4, 5});
        assertThat(Files.readAllBytes(target)).containsExactly(4, 5);
        try (var names = Files.list(target.getParent())) {
            assertThat(names).containsExactly(target);
        }
    }

    @Test
    void aFailingWriterLeavesNothingBehind(@TempDir Path dir) {
        Path target = dir.resolve("x.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, channel -> {
                    WriteAll.write(channel, ByteBuffer.wrap(new byte[1000]));
                    throw new IOException("disk on fire");
                }))
                .hasMessage("disk on fire");
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void tempNamesSitBesideTheTarget(@TempDir Path dir) {
        Path temp = AtomicFiles.tempSibling(dir.resolve("map.png"));
        assertThat(temp.getParent()).isEqualTo(dir);
        assertThat(temp.getFileName().toString()).matches("map\\.png\\.[0-9a-f-]{36}\\.temp");
    }

    @Test
    void racingProcessesCreatingTheSameHourDirectoryAllSucceed(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                Path hour = dir.resolve("chan/source/2019-11-13T" + String.format("%02d", round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Path>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return Directories.ensure(hour);
                    }));
                }
                go.countDown();
                for (Future<Path> f : results) {
                    assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(hour);
                }
                assertThat(hour).isDirectory();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> listAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
