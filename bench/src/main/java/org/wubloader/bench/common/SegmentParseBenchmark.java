package org.wubloader.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * Parsing a 24 h listing: 43,200 names of 2 s segments. One operation parses all of them, so
 * names/s = 43,200 / (seconds per op). The {@code javaTime} variant parses the same names with
 * java.time's general parser, the approach docs/storage.md §3.1 warns against, as a baseline in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SegmentParseBenchmark {
    public static final int NAMES = 43_200;
    List<String> paths;

    @Setup
    public void names() {
        long start = Micros.of(Timestamps.parse("2019-11-13T00:00:00Z")) + 608_000;
        paths = new ArrayList<>(NAMES);
        for (int i = 0; i < NAMES; i++) {
            byte[] content = ("segment " + i).getBytes();
            paths.add(SegmentPath.relativePath(
                    "desertbus", "source", start + i * 2_000_000L, 2.0, SegmentType.FULL, SegmentHash.of(content)));
        }
    }

    @Benchmark
    public void parse(Blackhole sink) {
        for (String path : paths) {
            sink.consume(SegmentPath.parse(path));
        }
    }

    private static final java.time.format.DateTimeFormatter GENERAL = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(java.time.ZoneOffset.UTC);

    /** Baseline: what a straightforward port with a general date parser costs. */
    @Benchmark
    public void javaTime(Blackhole sink) {
        for (String path : paths) {
            int file = path.lastIndexOf('/');
            int hour = path.lastIndexOf('/', file - 1);
            String name = path.substring(file + 1);
            String[] parts = name.substring(0, name.length() - 3).split("-", 4);
            String ts = path.substring(hour + 1, file) + ":" + parts[0];
            sink.consume(java.time.Instant.from(GENERAL.parse(ts)));
            sink.consume(Double.parseDouble(parts[1]));
            sink.consume(SegmentType.fromText(parts[2]));
            sink.consume(SegmentHash.decode(parts[3]));
        }
    }
}
