package org.wubloader.restreamer.playlist;

import java.io.IOException;

/**
 * Receives rendered output in chunks. {@code data} is the renderer's buffer, valid only during the
 * call: a sink that keeps the bytes copies them, so a rendering reuses one buffer however long
 * its output.
 */
@FunctionalInterface
public interface ChunkSink {
    void chunk(byte[] data, int length) throws IOException;
}
