package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.wubloader.common.segment.SegmentHash;

/**
 * Run by {@link DirectWritesTest} in a child JVM: writes one segment with {@link WriteMode#DIRECT}
 * into the directory given (a ramfs there) and prints what happened, for the test to check.
 */
public final class DirectWriteProbe {
    static final byte[] DATA = data();
    static final String EXPECTED = SegmentHash.of(DATA);

    private DirectWriteProbe() {}

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args[0]);
        System.out.println("file system: " + Files.getFileStore(base).type());
        Path published;
        try (SegmentFileWriter writer =
                SegmentFileWriter.open(base.resolve("c/q"), DirectWritesTest.START, 2.0, "probe", WriteMode.DIRECT)) {
            writer.write(ByteBuffer.wrap(DATA));
            published = writer.finishAs("45:51.608-2.0-full-" + EXPECTED + ".ts", EXPECTED);
        }
        System.out.println("direct writes refused: " + DirectWrites.wereRefused());
        System.out.println("published: " + SegmentHash.of(Files.readAllBytes(published)));
        try (Stream<Path> files = Files.list(published.getParent())) {
            System.out.println("files left: " + files.count());
        }
    }

    private static byte[] data() {
        byte[] data = new byte[300_001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 7);
        }
        return data;
    }
}
