package org.wubloader.common.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny service run as a child process by {@link SigtermTest}: it cleans up when told to stop. */
public final class SigtermProbe {
    private SigtermProbe() {}

    public static void main(String[] args) throws Exception {
        BaseOptions options = new BaseOptions();
        options.baseDir = Path.of(args[0]);
        options.logLevel = "INFO";
        ServiceRuntime runtime = ServiceRuntime.start("sigterm-probe", options, 0);
        Path temp = Files.writeString(options.baseDir.resolve("work-in-progress.temp"), "half done");
        System.out.println("READY " + runtime.metricsPort());
        System.out.flush();
        runtime.awaitStopRequest();
        Files.delete(temp);
        Files.writeString(options.baseDir.resolve("cleaned-up"), "yes");
        runtime.close();
    }
}
