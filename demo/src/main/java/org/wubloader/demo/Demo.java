package org.wubloader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a whole demo: the live origin, node A (downloader, restreamer, segment-coverage) and node
 * B (restreamer, backfiller from A, segment-coverage), each service a real process started
 * through bin/wubloader. {@link #stop} (the JVM's shutdown hook on Ctrl-C / SIGTERM) stops every
 * process it started, and waits for them.
 */
final class Demo {
    /** docs/conventions.md §3.7: a service exits within 20 s of SIGTERM; a little more, then SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(25);

    private final DemoLayout layout;
    private final Path launcher;
    private final boolean removeAtExit;
    private final PrintStream out;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LiveOrigin origin;
    private volatile boolean stopping;

    Demo(DemoLayout layout, Path launcher, boolean removeAtExit, PrintStream out) {
        this.layout = layout;
        this.launcher = launcher;
        this.removeAtExit = removeAtExit;
        this.out = out;
    }

    /** Starts everything, then reports progress until stopped; returns the exit status. */
    int run() throws IOException, InterruptedException {
        for (Path dir : List.of(layout.nodeA(), layout.nodeB(), layout.logs())) {
            Files.createDirectories(dir);
        }
        origin = LiveOrigin.start(
                layout.origin(), layout.originPort(), layout.logs().resolve("origin-ffmpeg.log"));
        synchronized (processes) {
            processes.add(origin.ffmpeg());
            for (DemoLayout.ServiceSpec spec : layout.services()) {
                if (stopping) {
                    return 0;
                }
                processes.add(ServiceProcess.start(
                        spec.name(), spec.command(launcher), layout.logs().resolve(spec.name() + ".log")));
            }
        }
        printPlan();
        while (!stopping) {
            if (stopped.await(5, TimeUnit.SECONDS)) {
                break;
            }
            ServiceProcess dead = firstDead();
            if (dead != null && !stopping) {
                out.printf(
                        "%n%s exited with status %d; its log (%s) ends with:%n",
                        dead.name(), dead.exitValue(), dead.log());
                tail(dead.log(), 15).forEach(line -> out.println("  " + line));
                return 1;
            }
            out.printf(
                    "node A: %3d segments   node B: %3d segments%n",
                    segments(layout.nodeA()), segments(layout.nodeB()));
        }
        return 0;
    }

    private void printPlan() {
        String a = "http://127.0.0.1:" + layout.restreamerA();
        String b = "http://127.0.0.1:" + layout.restreamerB();
        out.println("wubloader demo in " + layout.dir()
                + (removeAtExit ? " (removed at exit; --keep leaves it)" : " (left in place at exit)"));
        out.println();
        out.printf(
                "  live origin   %s  (ffmpeg testsrc + sine, 2 s segments, pid %d)%n",
                layout.originUrl(), origin.ffmpeg().pid());
        for (String node : List.of("A", "B")) {
            out.printf("  node %s        base dir %s%n", node, node.equals("A") ? layout.nodeA() : layout.nodeB());
            synchronized (processes) {
                for (DemoLayout.ServiceSpec spec : layout.services()) {
                    if (spec.node().equals(node)) {
                        ServiceProcess p = processes.stream()
                                .filter(x -> x.name().equals(spec.name()))
                                .findFirst()
                                .orElseThrow();
                        out.printf(
                                "    %-17s http://127.0.0.1:%d/%s  (pid %d, log %s)%n",
                                spec.service(),
                                spec.port(),
                                spec.service().equals("restreamer") ? "" : "metrics",
                                p.pid(),
                                p.log().getFileName());
                    }
                }
            }
        }
        out.println();
        out.println("Open:");
        out.println("  " + a + "/    node A: live players and coverage maps");
        out.println("  " + b + "/    node B: the same, filled by its backfiller from A");
        out.println("  " + b + "/playlist/" + DemoLayout.CHANNEL + "/" + DemoLayout.QUALITY
                + ".m3u8   (e.g. ffplay or mpv)");
        out.println("Logs: " + layout.logs() + "    Ctrl-C stops everything.");
        out.println();
    }

    private ServiceProcess firstDead() {
        synchronized (processes) {
            return processes.stream().filter(p -> !p.isAlive()).findFirst().orElse(null);
        }
    }

    /** Stops every process (SIGTERM, then SIGKILL after {@link #GRACE}) and the origin. */
    void stop() {
        stopping = true;
        List<ServiceProcess> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
        }
        if (!all.isEmpty()) {
            out.println("stopping " + all.size() + " processes…");
        }
        ServiceProcess.stopAll(all, GRACE);
        if (origin != null) {
            origin.close();
        }
        stopped.countDown();
        if (removeAtExit) {
            deleteTree(layout.dir());
            out.println("removed " + layout.dir());
        } else {
            out.println("left " + layout.dir());
        }
    }

    static long segments(Path base) {
        Path quality = base.resolve(DemoLayout.CHANNEL).resolve(DemoLayout.QUALITY);
        if (!Files.isDirectory(quality)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(quality)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ts")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // files come and go while a node writes; the next line counts again
        }
    }

    private static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read: " + e.getMessage() + ")");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("demo: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
