package org.wubloader.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What of a file is in the kernel's page cache, by util-linux's {@code fincore} (on every Debian). */
public final class PageCache {
    private PageCache() {}

    /** Bytes of {@code file} resident in the page cache. */
    public static long residentBytes(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "fincore", "--bytes", "--noheadings", "--raw", "--output", "RES", file.toString())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("fincore " + file + " did not finish in 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("fincore " + file + " failed: " + out);
        }
        return Long.parseLong(out);
    }
}
