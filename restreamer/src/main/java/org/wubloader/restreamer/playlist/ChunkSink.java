package org.wubloader.restreamer.playlist;

import java.io.IOException;

/** Receives rendered output in chunks; ownership of {@code data} passes to the sink. */
@FunctionalInterface
public interface ChunkSink {
    void chunk(byte[] data, int length) throws IOException;
}
