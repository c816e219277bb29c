package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStampTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryHasNoStamp() throws IOException {
        assertThat(DirectoryStamp.beforeListing(dir.resolve("missing"))).isNull();
    }

    @Test
    void aRecentlyModifiedDirectoryIsNotTrusted() throws IOException {
        Files.createFile(dir.resolve("a"));
        DirectoryStamp stamp = DirectoryStamp.beforeListing(dir);
        assertThat(stamp.trusted()).isFalse();
        assertThat(stamp.stillValid(DirectoryStamp.beforeListing(dir))).isFalse();
    }

    @Test
    void anOldDirectoryStaysValidUntilAnEntryChanges() throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(60)));
        DirectoryStamp stamp = DirectoryStamp.beforeListing(dir);
        assertThat(stamp.trusted()).isTrue();
        assertThat(stamp.stillValid(DirectoryStamp.beforeListing(dir))).isTrue();
        Files.createFile(dir.resolve("b"));
        assertThat(stamp.stillValid(DirectoryStamp.beforeListing(dir))).isFalse();
        assertThat(stamp.stillValid(null)).isFalse();
    }
}
