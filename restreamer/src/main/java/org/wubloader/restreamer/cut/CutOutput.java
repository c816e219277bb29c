package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a cut's bytes go, piece by piece (a piece is one segment file or one ffmpeg trim). Either
 * straight to the client ({@link DirectOutput}) or through the MPEG-TS timestamp rewriter
 * ({@link RewritingOutput}, the smart cut). One producer thread.
 */
public interface CutOutput {
    void beginPiece() throws IOException;

    /**
     * Where the output's time 0 is, in the current piece's own timestamps (seconds): the cut
     * point of the first piece. Only the smart cut, which rewrites timestamps, uses it.
     */
    default void origin(double seconds) {}

    /** Bytes of the current piece; ownership of {@code data} passes to the output. */
    void write(byte[] data, int length) throws IOException;

    /** A whole file as (part of) the current piece; {@code expectedSize} -1 if unknown. */
    void writeFile(Path file, long expectedSize) throws IOException;

    void endPiece() throws IOException;

    void finish() throws IOException;
}
