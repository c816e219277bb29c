package org.wubloader.common.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes files (or bytes) into a child's stdin on a thread of its own, then closes it, so the
 * caller can read the child's stdout at the same time. A child that stops reading early (it has
 * what it needs, or it was killed) breaks the pipe: that ends the feed quietly.
 */
public final class StdinFeed {
    private final Thread thread;
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    private StdinFeed(String name, OutputStream stdin, Source source) {
        this.thread = new Thread(
                () -> {
                    try (OutputStream in = stdin) {
                        source.writeTo(in);
                    } catch (IOException e) {
                        String m = String.valueOf(e.getMessage());
                        if (!m.contains("Broken pipe") && !m.contains("Stream closed")) {
                            failure.set(e);
                        }
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    private interface Source {
        void writeTo(OutputStream out) throws IOException;
    }

    public static StdinFeed files(List<Path> files, OutputStream stdin) {
        return new StdinFeed("stdin-feed", stdin, out -> {
            for (Path f : files) {
                Files.copy(f, out);
            }
        });
    }

    public static StdinFeed bytes(byte[] data, OutputStream stdin) {
        return new StdinFeed("stdin-feed", stdin, out -> out.write(data));
    }

    /** Waits for the feed to end (the child has exited by now, so it cannot block); rethrows a read failure. */
    public void finish() throws IOException {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
