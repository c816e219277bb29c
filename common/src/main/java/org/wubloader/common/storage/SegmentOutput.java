package org.wubloader.common.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a {@link SegmentFileWriter}'s bytes go: through the page cache, or straight to the device. */
sealed interface SegmentOutput extends Closeable permits BufferedFileOutput, DirectFileOutput {
    /** Takes every remaining byte of each buffer, in order. */
    void write(ByteBuffer[] buffers) throws IOException;

    /** Makes the file exactly the bytes written; called once, before it is published. */
    void complete() throws IOException;

    /** Releases the file (and any buffer); the file itself stays for the caller to publish or delete. */
    @Override
    void close() throws IOException;
}
