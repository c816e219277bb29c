package org.wubloader.common.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.time.HourNames;

/**
 * Streams one segment to disk: bytes go to {@code TIME-DURATION-temp-UUID.ts} in the hour
 * directory while being hashed, and the file is published under its content-addressed name only
 * when the caller says it is done. Used by the downloader (which names the file by what it got)
 * and the backfiller (which must get exactly the bytes the peer's name promises).
 *
 * <p>Closing without finishing deletes the temp file, so a failure path cannot leave one.
 */
public final class SegmentFileWriter implements Closeable {
    private final Path hourDir;
    private final long startMicros;
    private final double duration;
    private final Path temp;
    private final SegmentOutput output;
    private final MessageDigest digest = SegmentHash.newDigest();
    private long bytesWritten;
    private boolean done;

    private SegmentFileWriter(Path hourDir, long startMicros, double duration, String tempName, WriteMode mode)
            throws IOException {
        this.hourDir = hourDir;
        this.startMicros = startMicros;
        this.duration = duration;
        Directories.ensure(hourDir);
        this.temp = hourDir.resolve(tempName);
        this.output = DirectWrites.create(temp, mode);
    }

    /** Opens a temp file for the segment of {@code qualityDir} (base/CHANNEL/QUALITY) starting at {@code startMicros}. */
    public static SegmentFileWriter open(Path qualityDir, long startMicros, double duration) throws IOException {
        return new SegmentFileWriter(
                qualityDir.resolve(HourNames.format(startMicros)),
                startMicros,
                duration,
                SegmentPath.tempFileName(startMicros, duration),
                WriteMode.BUFFERED);
    }

    /** The same, with a temp name tagged by the writing service ({@link SegmentPath#tempFileName(long, double, String)}). */
    public static SegmentFileWriter open(Path qualityDir, long startMicros, double duration, String tempTag)
            throws IOException {
        return open(qualityDir, startMicros, duration, tempTag, WriteMode.BUFFERED);
    }

    /** The same, written the way {@code mode} says (the backfiller writes {@link WriteMode#DIRECT}). */
    public static SegmentFileWriter open(
            Path qualityDir, long startMicros, double duration, String tempTag, WriteMode mode) throws IOException {
        return new SegmentFileWriter(
                qualityDir.resolve(HourNames.format(startMicros)),
                startMicros,
                duration,
                SegmentPath.tempFileName(startMicros, duration, tempTag),
                mode);
    }

    /** Appends every remaining byte of {@code buffer} (and hashes them). */
    public void write(ByteBuffer buffer) throws IOException {
        write(new ByteBuffer[] {buffer});
    }

    /**
     * Appends every remaining byte of each buffer, in order (and hashes them): for a batch of
     * network chunks, written as they are instead of first being copied into one array.
     */
    public void write(ByteBuffer[] buffers) throws IOException {
        long count = 0;
        for (ByteBuffer buffer : buffers) {
            count += buffer.remaining();
            digest.update(buffer.duplicate());
        }
        try {
            output.write(buffers);
        } catch (IOException e) {
            DirectWrites.writeFailed(temp, e);
            throw e;
        }
        bytesWritten += count;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public Path tempPath() {
        return temp;
    }

    /** Publishes what was written as a {@code type} segment named by its hash; returns the final path. */
    public Path finish(SegmentType type) throws IOException {
        if (type == SegmentType.TEMP) {
            throw new IllegalArgumentException("a finished segment cannot be temp");
        }
        return publish(type, SegmentHash.encode(digest.digest()));
    }

    /**
     * Publishes under {@code expectedFileName} only if the bytes hash to what that name says;
     * otherwise deletes the temp file and throws {@link HashMismatchException}.
     */
    public Path finishExpecting(SegmentType type, String expectedHash) throws IOException {
        String actual = SegmentHash.encode(digest.digest());
        if (!actual.equals(expectedHash)) {
            abort();
            throw new HashMismatchException(expectedHash, actual);
        }
        return publish(type, actual);
    }

    /**
     * Publishes under exactly {@code fileName} (a name another node listed, which may format its
     * time or duration differently from ours) only if the bytes hash to {@code expectedHash};
     * otherwise deletes the temp file and throws {@link HashMismatchException}. The caller has
     * validated the name; a path separator in it is refused here too.
     */
    public Path finishAs(String fileName, String expectedHash) throws IOException {
        if (fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0 || fileName.startsWith(".")) {
            abort();
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        String actual = SegmentHash.encode(digest.digest());
        if (!actual.equals(expectedHash)) {
            abort();
            throw new HashMismatchException(expectedHash, actual);
        }
        return publishAs(fileName);
    }

    private Path publish(SegmentType type, String hash) throws IOException {
        return publishAs(SegmentPath.fileName(startMicros, duration, type, hash));
    }

    private Path publishAs(String fileName) throws IOException {
        try {
            output.complete();
            output.close();
            Path target = hourDir.resolve(fileName);
            AtomicFiles.publish(temp, target);
            done = true;
            return target;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Gives up: closes and deletes the temp file. Safe to call more than once. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            output.close();
        } catch (IOException ignored) {
            // The temp file is deleted next; a close error changes nothing about that.
        }
        AtomicFiles.deleteQuietly(temp, null);
    }

    @Override
    public void close() {
        abort();
    }

    /** The bytes did not hash to the name they were promised under. */
    public static final class HashMismatchException extends IOException {
        public HashMismatchException(String expected, String actual) {
            super("hash mismatch: name says " + expected + ", bytes hash to " + actual);
        }
    }
}
