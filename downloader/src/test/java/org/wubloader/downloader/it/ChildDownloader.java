package org.wubloader.downloader.it;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.downloader.DownloaderMain;

/** The command line of a downloader run as a child JVM, as the process tests start it. */
public final class ChildDownloader {
    private ChildDownloader() {}

    /**
     * This JVM's java and class path with 256 MiB of heap and {@code jvmOptions}, following the
     * important url channel "db" at {@code masterUri} into {@code base} (metrics on an ephemeral
     * port, warnings only), then {@code extra}.
     */
    public static List<String> command(Path base, URI masterUri, List<String> jvmOptions, String... extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                DownloaderMain.class.getName(),
                "db!:url:" + masterUri,
                "--base-dir",
                base.toString(),
                "--metrics-port",
                "0",
                "--log-level",
                "WARN"));
        command.addAll(List.of(extra));
        return command;
    }
}
