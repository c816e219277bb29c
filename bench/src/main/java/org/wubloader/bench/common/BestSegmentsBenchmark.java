package org.wubloader.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.testing.SegmentTree;

/**
 * Best segments over a 24 h synthetic tree of 2 s segments (43,200 files in 24 hour
 * directories), cold (a fresh cache: list, parse, group every hour) and warm (cached), beside the
 * I/O floor of merely listing those 24 directories, all in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BestSegmentsBenchmark {
    static final long DAY_START = SegmentTree.at("2019-11-13T00:00:00");
    static final long DAY_END = DAY_START + 24L * 3_600_000_000L;

    Path base;
    List<Path> hourDirs;
    SegmentStore warm;

    @Setup(Level.Trial)
    public void buildTree() throws Exception {
        base = Files.createTempDirectory("wubloader-bench-tree");
        new SegmentTree(base).hours("desertbus", "source", DAY_START, 24, 16);
        try (Stream<Path> hours = Files.list(base.resolve("desertbus/source"))) {
            hourDirs = hours.sorted().toList();
        }
        // An archive's past hours are old; a fresh mtime would (rightly) not be trusted by the cache.
        for (Path dir : hourDirs) {
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(7200)));
        }
        warm = new SegmentStore(base);
        warm.bestSegments("desertbus", "source", DAY_START, DAY_END, true);
    }

    @TearDown(Level.Trial)
    public void removeTree() throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The I/O floor: read the names of the 24 hour directories, nothing else, the fastest way
     * the JDK offers (File.list hands back strings straight from readdir).
     */
    @Benchmark
    public int listingFloor() {
        int names = 0;
        for (Path dir : hourDirs) {
            names += dir.toFile().list().length;
        }
        return names;
    }

    @Benchmark
    public void cold(Blackhole sink) throws Exception {
        List<Span> spans = new SegmentStore(base).bestSegments("desertbus", "source", DAY_START, DAY_END, true);
        sink.consume(spans);
    }

    @Benchmark
    public void warm(Blackhole sink) throws Exception {
        List<Span> spans = warm.bestSegments("desertbus", "source", DAY_START, DAY_END, true);
        sink.consume(spans);
    }
}
