package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.wubloader.restreamer.http.ResponseSink;

/** Cut output sent to the client as it is. */
public final class DirectOutput implements CutOutput {
    private final ResponseSink sink;

    public DirectOutput(ResponseSink sink) {
        this.sink = sink;
    }

    @Override
    public void beginPiece() {}

    @Override
    public void write(byte[] data, int length) throws IOException {
        sink.writeOwned(data, length);
    }

    @Override
    public void writeFile(Path file, long expectedSize) throws IOException {
        streamFile(file, expectedSize, sink);
    }

    /** Files are handed to the socket in windows of this size. */
    static final int MAP_WINDOW_BYTES = 4 * 1024 * 1024;

    /**
     * Sends {@code file} as memory-mapped windows: the socket copies straight out of the page
     * cache, with no read() copy into a buffer of ours first (the closest to sendfile a response
     * made of many files can get in Vert.x, whose sendFile ends the response). A window stays
     * mapped until the socket is done with it and the GC collects it.
     */
    static void streamFile(Path file, long expectedSize, ResponseSink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (expectedSize >= 0 && size != expectedSize) {
                throw new IOException(file + " changed size: " + expectedSize + " → " + size);
            }
            for (long position = 0; position < size; position += MAP_WINDOW_BYTES) {
                long length = Math.min(MAP_WINDOW_BYTES, size - position);
                sink.writeDirect(channel.map(FileChannel.MapMode.READ_ONLY, position, length), null);
            }
        }
    }

    @Override
    public void endPiece() {}

    @Override
    public void finish() {}
}
