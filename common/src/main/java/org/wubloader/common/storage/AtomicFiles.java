package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A file appears under its final name only when complete (docs/storage.md §2.2): write under a temporary
 * name in the same directory, then publish. Kill -9 at any moment can leave a temp file behind,
 * never a truncated file under a final name.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the bytes somewhere temporary by the caller's code. */
    @FunctionalInterface
    public interface ChannelWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** {@code NAME.UUID.temp} beside {@code target}: the temp name for anything but segments. */
    public static Path tempSibling(Path target) {
        return target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".temp");
    }

    /**
     * Moves a complete temp file to its final name. Hard-linking publishes atomically without
     * ever replacing an existing file; names are content-addressed, so an existing final file
     * already holds the same bytes and "already exists" counts as success. Either way the temp
     * name is gone afterwards.
     *
     * @return true if this call created the final name, false if it already existed
     */
    public static boolean publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.deleteIfExists(temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target)) {
                Files.deleteIfExists(temp);
                return false;
            }
            // A filesystem without hard links: an atomic rename is the next best thing.
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (AtomicMoveNotSupportedException unsupported) {
                Files.deleteIfExists(temp);
                throw unsupported;
            }
        }
    }

    /** Writes {@code target} whole or not at all, through the caller's writer. */
    public static boolean write(Path target, ChannelWriter writer) throws IOException {
        Directories.ensureParent(target);
        Path temp = tempSibling(target);
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(channel);
            }
            return publish(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    public static boolean write(Path target, byte[] bytes) throws IOException {
        return write(target, channel -> WriteAll.write(channel, ByteBuffer.wrap(bytes)));
    }

    /**
     * Writes {@code target} whole or not at all, replacing what is there: for files that are
     * rewritten in place under one name (coverage maps, pages), unlike content-addressed files,
     * which {@link #write} never replaces. The temp sibling is renamed over the target, so a
     * reader sees either the old or the new file, and kill -9 leaves at most a temp file.
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        Directories.ensureParent(target);
        Path temp = tempSibling(target);
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                WriteAll.write(channel, ByteBuffer.wrap(bytes));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /** Deletes a temp file after a failure, keeping the original failure as the one reported. */
    public static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            if (cause != null) {
                cause.addSuppressed(suppressed);
            }
        }
    }
}
