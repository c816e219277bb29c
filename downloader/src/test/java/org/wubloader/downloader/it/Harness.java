package org.wubloader.downloader.it;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.Scrape;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.Downloader;
import org.wubloader.downloader.Providers;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.stream.ChannelStatus;
import org.wubloader.downloader.stream.DownloaderMetrics;

/** A downloader running in-process on its own Vert.x, for integration tests. */
final class Harness implements AutoCloseable {
    final Path base;
    final Vertx vertx;
    final PrometheusMeterRegistry registry;
    final Downloader downloader;
    private boolean shutDown;

    private Harness(
            Path base,
            List<ChannelSpec> channels,
            List<String> qualities,
            Timings timings,
            Providers providers,
            int playlistDebug)
            throws Exception {
        this.base = base;
        this.vertx = Vertx.vertx();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.downloader = new Downloader(
                vertx, new DownloaderMetrics(registry), base, channels, qualities, timings, playlistDebug, providers);
        downloader.start();
    }

    static Harness start(
            Path base,
            List<ChannelSpec> channels,
            List<String> qualities,
            Timings timings,
            Providers providers,
            int playlistDebug)
            throws Exception {
        return new Harness(base, channels, qualities, timings, providers, playlistDebug);
    }

    /** Every .ts file under {@code base/channel/quality}, parsed. */
    List<Segment> segments(String channel, String quality) {
        return files(channel, quality).stream()
                .map(p -> SegmentPath.parse(base.relativize(p).toString()))
                .toList();
    }

    List<Segment> segments(String channel, String quality, SegmentType type) {
        return segments(channel, quality).stream().filter(s -> s.type() == type).toList();
    }

    List<Path> files(String channel, String quality) {
        return tsFiles(base.resolve(channel).resolve(quality));
    }

    static List<Path> tsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // A temp file renamed between the walk's readdir and its stat fails the walk: the
        // downloader is running meanwhile. Walk again (bounded) rather than fail the test.
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(p -> p.getFileName().toString().endsWith(".ts"))
                        .sorted()
                        .toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt >= 10) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether every non-temp file's bytes hash to its name. */
    static void assertNamesAreHashes(List<Path> files) {
        for (Path file : files) {
            Segment segment = SegmentPath.parse(file.getFileName().toString());
            if (segment.type() == SegmentType.TEMP) {
                continue;
            }
            try {
                String actual = SegmentHash.of(Files.readAllBytes(file));
                if (!actual.equals(segment.hash())) {
                    throw new AssertionError(file + " hashes to " + actual);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A counter's Prometheus sample ({@code NAME_total}), read through common's {@link Scrape}. */
    double counter(String name, String... tags) {
        return Scrape.of(registry).sum(name + "_total", tags);
    }

    boolean hasMeter(String name, String tagKey, String tagValue) {
        return Scrape.of(registry).has(name, tagKey, tagValue);
    }

    /** Every channel's status (the downloader's public state, not the backdoor's text). */
    List<ChannelStatus> status() {
        return downloader.status();
    }

    /** The workers of every channel. */
    List<ChannelStatus.Worker> workers() {
        return status().stream().flatMap(c -> c.workers().stream()).toList();
    }

    /** The last master fetch error of the one channel, or "" if it has none. */
    String lastFetchError() {
        List<ChannelStatus> all = status();
        if (all.size() != 1) {
            throw new AssertionError("want one channel, have " + all);
        }
        return all.get(0).lastError() == null ? "" : all.get(0).lastError();
    }

    void shutdown() {
        if (!shutDown) {
            shutDown = true;
            downloader.shutdown();
        }
    }

    @Override
    public void close() throws java.io.IOException {
        shutdown();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }
}
