package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A new file written through the page cache, with gathering writes (one {@code writev} per batch of chunks). */
final class BufferedFileOutput implements SegmentOutput {
    private final FileChannel channel;

    private BufferedFileOutput(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code path}, which must not exist. */
    static BufferedFileOutput create(Path path) throws IOException {
        return new BufferedFileOutput(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /**
     * Opens {@code path} whether or not it exists, emptied: after a direct open that the file
     * system refused, which may have created the file first (the name is unique to this writer).
     */
    static BufferedFileOutput replace(Path path) throws IOException {
        return new BufferedFileOutput(FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        WriteAll.write(channel, buffers);
    }

    @Override
    public void complete() {
        // Every byte was written as it came.
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
