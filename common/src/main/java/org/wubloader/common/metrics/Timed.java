package org.wubloader.common.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The original's {@code timed(name, **labels)} helper: times one operation into histograms
 * {@code NAME_latency} (wall seconds) and {@code NAME_cputime{type="user"|"system"}} (the
 * calling thread's CPU seconds), plus {@code NAME_latency_normalized} and
 * {@code NAME_cputime_normalized} divided by a size (seconds of video, messages) when one is
 * given; every one labelled with the operation's labels and {@code error} (empty, or the
 * exception's simple class name). Buckets 10^-9 … 10^4 s, one per power of ten, as the original.
 * Recorded as distribution summaries: a Micrometer timer would add a {@code _seconds} suffix.
 */
public final class Timed {
    static final double[] BUCKETS = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final MeterRegistry registry;

    public Timed(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing {@code name} on the calling thread; {@code labels} are name, value pairs. */
    public Operation start(String name, String... labels) {
        return new Operation(name, Tags.of(labels));
    }

    /** One timed operation; finish it once, on the thread that started it, with {@link #done} or {@link #failed}. */
    public final class Operation {
        private final String name;
        private Tags tags;
        private final long wallStart = System.nanoTime();
        private final long cpuStart = cpuNanos();
        private final long userStart = userNanos();
        private boolean finished;

        private Operation(String name, Tags tags) {
            this.name = name;
            this.tags = tags;
        }

        /** Adds a label known only once the work is done (e.g. whether holes were found). */
        public Operation label(String key, String value) {
            tags = tags.and(key, value);
            return this;
        }

        /** Success, with no normalisation. */
        public void done() {
            record("", Double.NaN);
        }

        /** Success; {@code size} (seconds of video, messages) normalises the figures when > 0. */
        public void done(double size) {
            record("", size);
        }

        public void failed(Throwable error) {
            record(error.getClass().getSimpleName(), Double.NaN);
        }

        private void record(String error, double size) {
            if (finished) {
                return;
            }
            finished = true;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = Math.max(0, cpuNanos() - cpuStart) / 1e9;
            double user = Math.min(cpu, Math.max(0, userNanos() - userStart) / 1e9);
            Tags base = tags.and("error", error);
            summary(name + "_latency", "Wall time of " + name + " in seconds", base).record(wall);
            summary(name + "_cputime", "CPU time of " + name + " in seconds", base.and("type", "user")).record(user);
            summary(name + "_cputime", "CPU time of " + name + " in seconds", base.and("type", "system")).record(cpu - user);
            if (size > 0) {
                summary(name + "_latency_normalized", "Wall time of " + name + " per unit of work", base).record(wall / size);
                summary(name + "_cputime_normalized", "CPU time of " + name + " per unit of work", base.and("type", "user"))
                        .record(user / size);
                summary(name + "_cputime_normalized", "CPU time of " + name + " per unit of work", base.and("type", "system"))
                        .record((cpu - user) / size);
            }
        }
    }

    private DistributionSummary summary(String name, String description, Tags tags) {
        return DistributionSummary.builder(name)
                .description(description)
                .serviceLevelObjectives(BUCKETS)
                .tags(tags)
                .register(registry);
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long userNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : 0;
    }
}
