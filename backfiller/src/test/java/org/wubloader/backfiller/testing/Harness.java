package org.wubloader.backfiller.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.wubloader.backfiller.Backfiller;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.storage.InsideBase;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.testing.Scrape;

/** Runs backfillers in-process and inspects what they left on disk. */
public final class Harness {
    private Harness() {}

    /** The outcome of one {@code --run-once}: its verdict and the metrics it exposed. */
    public record Run(boolean ok, String metrics) {
        public double metric(String name, String... labelParts) {
            return Harness.metric(metrics, name, labelParts);
        }
    }

    public static Run runOnce(BackfillerConfig config) throws InterruptedException {
        ServiceRuntime runtime = ServiceRuntime.embedded("backfiller", config.baseDir());
        try {
            Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
            boolean ok = backfiller.runOnce();
            backfiller.stop();
            return new Run(ok, runtime.registry().scrape());
        } finally {
            runtime.close();
        }
    }

    /**
     * Sum of the samples of {@code name} that carry every label given as {@code key="value"} (read
     * through common's one metrics reader, {@link Scrape}).
     */
    public static double metric(String scrape, String name, String... labels) {
        String[] pairs = new String[labels.length * 2];
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            int eq = label.indexOf("=\"");
            if (eq < 0 || !label.endsWith("\"")) {
                throw new IllegalArgumentException("want key=\"value\", not " + label);
            }
            pairs[2 * i] = label.substring(0, eq);
            pairs[2 * i + 1] = label.substring(eq + 2, label.length() - 1);
        }
        return Scrape.parse(scrape).sum(name, pairs);
    }

    /**
     * What a node offers as finished: for every channel/quality/hour, the visible segments and
     * the tombstones, as relative paths (what a restreamer lists, minus temp files).
     */
    public static TreeSet<String> visibleTree(Path baseDir) {
        TreeSet<String> out = new TreeSet<>();
        try {
            for (String ch : SegmentListing.channels(baseDir)) {
                for (String q : SegmentListing.qualities(baseDir, ch)) {
                    for (String h : SegmentListing.hours(baseDir.resolve(ch).resolve(q), new InsideBase(baseDir))) {
                        for (String name : SegmentListing.hour(
                                baseDir.resolve(ch).resolve(q).resolve(h),
                                EnumSet.of(SegmentListing.Include.TOMBSTONES))) {
                            if (!name.contains("-temp-")) {
                                out.add(ch + "/" + q + "/" + h + "/" + name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Every regular file under {@code dir}, relative, with its size. A running backfiller may
     * remove a temp file between the walk finding it and its size being read: such a file is
     * left out (it is gone), as it would be from a walk a moment later.
     */
    public static TreeMap<String, Long> allFiles(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return walkFiles(dir);
            } catch (UncheckedIOException e) {
                // The walk itself reads each entry's attributes: a file removed in between fails
                // it. Walk again (bounded: the files being removed are a download's temps).
                if (!(e.getCause() instanceof NoSuchFileException) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static TreeMap<String, Long> walkFiles(Path dir) {
        TreeMap<String, Long> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    try {
                        out.put(dir.relativize(p).toString(), Files.size(p));
                    } catch (NoSuchFileException vanished) {
                        // removed while we looked
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Files that are temporary by name: segment temps and AtomicFiles temps. */
    public static List<String> tempFiles(Path dir) {
        return allFiles(dir).keySet().stream()
                .filter(p -> p.contains("-temp-") || p.endsWith(".temp"))
                .toList();
    }

    /** How many files under {@code base} have a name ending in {@code .ts}. */
    public static int tsFileCount(Path base) {
        return (int)
                allFiles(base).keySet().stream().filter(p -> p.endsWith(".ts")).count();
    }

    /** {@code node_list_errors_total} of a running backfiller, read through {@link Scrape}. */
    public static double nodeListErrors(ServiceRuntime runtime) {
        return Scrape.of(runtime.registry()).sum("node_list_errors_total");
    }

    /** The command line of a backfiller child process: this JVM's java and class path, then the arguments. */
    public static List<String> childCommand(List<String> jvmOptions, List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), org.wubloader.backfiller.BackfillerMain.class.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * The arguments of a child backfilling desertbus into {@code local} from the one peer at
     * {@code peerUrl} (as node "this-node", metrics on an ephemeral port), then {@code more}.
     */
    public static List<String> childArgs(Path local, String peerUrl, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "desertbus",
                "--base-dir",
                local.toString(),
                "--static-nodes",
                peerUrl,
                "--localhost",
                "this-node",
                "--metrics-port",
                "0"));
        args.addAll(List.of(more));
        return args;
    }

    public static Path nodeFile(Path dir, String... lines) {
        try {
            Path file = dir.resolve("nodes-" + System.nanoTime() + ".txt");
            Files.write(file, List.of(lines));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
