package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wubloader.restreamer.http.ResponseSink;

/** Cut output passed through the MPEG-TS timestamp rewriter on its way to the client (smart cut). */
public final class RewritingOutput implements CutOutput {
    private static final int READ_BYTES = 256 * 1024;

    private final TsTimestampRewriter rewriter;
    private final byte[] readBuffer = new byte[READ_BYTES];

    public RewritingOutput(ResponseSink sink) {
        // The rewriter reuses its array after each call: the sink copies.
        this.rewriter = new TsTimestampRewriter(sink::write);
    }

    @Override
    public void beginPiece() {
        rewriter.beginPiece();
    }

    @Override
    public void origin(double seconds) {
        rewriter.setOrigin(Math.round(seconds * TsPacket.TICKS_PER_SECOND));
    }

    @Override
    public void write(byte[] data, int length) throws IOException {
        rewriter.write(data, 0, length);
    }

    @Override
    public void writeFile(Path file, long expectedSize) throws IOException {
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(readBuffer)) > 0) {
                rewriter.write(readBuffer, 0, n);
                total += n;
            }
        }
        if (expectedSize >= 0 && total != expectedSize) {
            throw new IOException(file + " changed size: " + expectedSize + " → " + total);
        }
    }

    @Override
    public void endPiece() throws IOException {
        rewriter.endPiece();
    }

    @Override
    public void finish() throws IOException {
        rewriter.finish();
    }
}
