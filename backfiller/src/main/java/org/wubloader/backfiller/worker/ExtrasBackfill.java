package org.wubloader.backfiller.worker;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;

/** Mirrors one {@code --extras} directory from one peer via {@code /extras/DIR} and {@code /segments/DIR/PATH}. */
final class ExtrasBackfill {
    private static final Logger log = LoggerFactory.getLogger(ExtrasBackfill.class);

    private final PeerClient client;
    private final Path baseDir;
    private final DownloadSlots slots;
    private final BackfillMetrics metrics;
    private final Consumer<String> activity;

    ExtrasBackfill(
            PeerClient client, Path baseDir, DownloadSlots slots, BackfillMetrics metrics, Consumer<String> activity) {
        this.client = client;
        this.baseDir = baseDir;
        this.slots = slots;
        this.metrics = metrics;
        this.activity = activity;
    }

    void run(Unit.Extras unit) throws Exception {
        String dir = unit.dir();
        String where = client.peer().name() + " extras " + dir;
        activity.accept("listing extras " + dir);
        List<String> remote = PeerClient.parseNames(Await.result(client.listExtras(dir)), where);
        Path root = baseDir.resolve(dir).normalize();
        ExtrasPlan plan = ExtrasPlan.plan(remote, localFiles(root));
        // An original peer lists hidden files too (its /extras walks everything): skipped
        // quietly, as our own restreamer never lists them. Only paths that try to leave the
        // directory are worth a warning.
        List<String> unsafe = plan.rejected().stream()
                .filter(p -> !ExtrasPlan.isHiddenButContained(p))
                .toList();
        if (!unsafe.isEmpty()) {
            log.warn("{}: refusing unsafe paths from the peer: {}", where, unsafe);
        }
        if (unsafe.size() < plan.rejected().size()) {
            log.debug("{}: skipping {} hidden paths", where, plan.rejected().size() - unsafe.size());
        }
        List<CompletableFuture<DownloadResult>> futures = new ArrayList<>();
        for (String path : plan.downloads()) {
            Path target = root.resolve(path).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                log.warn("{}: refusing {}: outside {}", where, path, root);
                continue;
            }
            ExtraDownload download = new ExtraDownload(client, dir, path, target);
            CompletableFuture<DownloadResult> future = slots.submit(download, download::run);
            if (future == null) {
                throw new InterruptedException("stopping");
            }
            futures.add(future);
        }
        Await.all(futures);
        int copied = 0;
        int failed = 0;
        for (int i = 0; i < futures.size(); i++) {
            DownloadResult result = futures.get(i).join();
            if (result.kind() == DownloadResult.Kind.DOWNLOADED) {
                copied++;
                metrics.extraBackfilled(client.peer().metricLabel(), dir);
            } else if (result.kind() == DownloadResult.Kind.FAILED) {
                failed++;
                log.warn("{}: {} failed: {}", where, plan.downloads().get(i), SegmentBackfill.describe(result.error()));
            }
        }
        if (!plan.downloads().isEmpty()) {
            log.info(
                    "{}: {} missing, copied {}, {} failed",
                    where,
                    plan.downloads().size(),
                    copied,
                    failed);
        }
        if (failed > 0) {
            throw new PeerException(failed + " extra files from " + where + " failed");
        }
    }

    /** Relative paths of the non-hidden files under {@code root}; a missing root is empty. */
    static List<String> localFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                        out.add(root.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }
}
