package org.wubloader.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/wubloader demo}: the whole system on one machine with no configuration. Java
 * rather than a shell script so that stopping is one tested code path: the shutdown hook that
 * Ctrl-C and SIGTERM run stops every child by its PID and waits for it.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "A local live test stream and two nodes: A (downloader, restreamer, segment-coverage)",
            "and B (restreamer, backfiller from A, segment-coverage). Needs ffmpeg and a built tree",
            "(mvn -B -DskipTests package). Ctrl-C stops everything."
        })
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Demo directory (default: a new temporary directory).")
    Path dir;

    @Option(
            names = "--keep",
            description = "Leave the demo directory in place at exit (a --dir that already existed is always left).")
    boolean keep;

    @Option(
            names = "--ports-from",
            paramLabel = "PORT",
            defaultValue = "8000",
            description =
                    "First port of the block the demo listens on (PORT..PORT+16, origin at PORT+90; default ${DEFAULT-VALUE}).")
    int portsFrom;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (portsFrom < 1 || portsFrom + 90 > 65535) {
            System.err.println("demo: --ports-from " + portsFrom + " must leave room for PORT+90 below 65536");
            return 2;
        }
        Path launcher = home().resolve("bin/wubloader");
        boolean created = dir == null || !Files.exists(dir);
        Path where = dir == null ? Files.createTempDirectory("wubloader-demo-") : Files.createDirectories(dir);
        Demo demo = new Demo(new DemoLayout(where.toAbsolutePath(), portsFrom), launcher, created && !keep, System.out);
        Thread hook = new Thread(demo::stop, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = demo.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException signalled) {
            return status; // Ctrl-C / SIGTERM: the hook is stopping everything
        }
        // Not a signal (a service died): stop here, so the exit status is the demo's own.
        demo.stop();
        return status;
    }

    /** The source tree: this jar is HOME/demo/target/wubloader-demo.jar. */
    static Path home() throws IOException, URISyntaxException {
        Path jar = Path.of(DemoMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path home = jar.getParent().getParent().getParent();
        if (!Files.isExecutable(home.resolve("bin/wubloader"))) {
            throw new IOException("cannot find bin/wubloader beside " + jar);
        }
        return home;
    }
}
