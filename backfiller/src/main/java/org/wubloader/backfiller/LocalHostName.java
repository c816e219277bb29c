package org.wubloader.backfiller;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's host name, the default {@code --localhost} (as Python's socket.gethostname()). */
final class LocalHostName {
    private LocalHostName() {}

    static String get() {
        // The kernel's name is what gethostname() returns; InetAddress may do a slow DNS lookup.
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
