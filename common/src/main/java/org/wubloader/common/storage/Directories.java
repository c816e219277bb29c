package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Creating parent directories safely while other processes create (or clean up) the same ones. */
public final class Directories {
    private static final int ATTEMPTS = 5;

    private Directories() {}

    /**
     * Creates {@code dir} and every missing parent; fine if they exist. Two downloaders, a
     * backfiller and an operator may race to create the same hour directory, and the
     * backfiller's delete-old may remove an emptied hour at the same moment, so a parent that
     * vanishes mid-way is retried instead of failing the write.
     */
    public static Path ensure(Path dir) throws IOException {
        // The common case, once per segment written: the hour is there. createDirectories would
        // find that out by a failing mkdir and an exception (with its stack trace) every time.
        if (Files.isDirectory(dir)) {
            return dir;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createDirectories(dir);
            } catch (NoSuchFileException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** {@link #ensure} for the directory that will hold {@code file}. */
    public static void ensureParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            ensure(parent);
        }
    }
}
