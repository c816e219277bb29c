package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a segment's temp file the way its {@link WriteMode} asks, falling back to the page cache
 * for the rest of the process once the file system has refused a direct open or write (so a
 * node whose segments live on tmpfs pays for one refused open, not one per segment, and says so
 * once in its log).
 */
final class DirectWrites {
    private static final Logger log = LoggerFactory.getLogger(DirectWrites.class);
    private static final AtomicBoolean refused = new AtomicBoolean();

    private DirectWrites() {}

    static SegmentOutput create(Path temp, WriteMode mode) throws IOException {
        if (mode == WriteMode.BUFFERED || refused.get()) {
            return BufferedFileOutput.create(temp);
        }
        try {
            return DirectFileOutput.create(temp);
        } catch (UnsupportedOperationException e) {
            refuse(temp, e);
            return BufferedFileOutput.replace(temp);
        } catch (IOException e) {
            // Only the file system's refusal turns direct writes off; a full disk, a missing
            // directory or too many open files is this file's error, and would be again buffered.
            if (!isRefusal(e)) {
                throw e;
            }
            refuse(temp, e);
            return BufferedFileOutput.replace(temp);
        }
    }

    /**
     * A direct write failed: if it was the file system refusing it, later files are written
     * through the page cache. Other errors (a full or failing disk) are the write's own and
     * change nothing here.
     */
    static void writeFailed(Path temp, IOException e) {
        if (isRefusal(e)) {
            refuse(temp, e);
        }
    }

    /**
     * {@code EINVAL} from the kernel (no {@code O_DIRECT} support, or an alignment it does not
     * accept), or the JDK finding a length or position that is not a multiple of the file
     * system's block size.
     */
    private static boolean isRefusal(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Invalid argument") || message.contains("block size");
    }

    private static void refuse(Path temp, Exception e) {
        if (refused.compareAndSet(false, true)) {
            log.warn(
                    "direct writes refused in {} ({}); writing segments through the page cache from now on",
                    temp.getParent(),
                    e.toString());
        }
    }

    /** Whether direct writes were refused in this process (tests). */
    static boolean wereRefused() {
        return refused.get();
    }
}
