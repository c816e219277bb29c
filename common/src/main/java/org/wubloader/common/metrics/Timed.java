package org.wubloader.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The original's {@code timed(name, **labels)} helper, the one way every service times an
 * operation: histograms {@code NAME_latency} (wall seconds) and
 * {@code NAME_cputime{type="user"|"system"}} (the calling thread's CPU seconds), plus
 * {@code NAME_latency_normalized} and {@code NAME_cputime_normalized} divided by a size (seconds
 * of video, messages, segments found) when one is given; every one labelled with the operation's
 * labels and {@code error} (empty, or the exception's simple class name). Buckets 10^-9 … 10^4 s,
 * one per power of ten, as the original's.
 *
 * <p>Recorded through {@link Histograms} (the Prometheus client), not Micrometer summaries: those
 * round every value up to a whole number, which put every sub-second operation in
 * {@code le="1.0"}. Label values must be bounded (never raw client input), and one name must
 * always be used with the same label names, in the same order.
 */
public final class Timed {
    /** 10^-9 … 10^4 s, one bucket per power of ten, as the original's. */
    public static final double[] BUCKETS = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final MeterRegistry registry;

    public Timed(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing {@code name} on the calling thread; {@code labels} are name, value pairs. */
    public Operation start(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + List.of(labels));
        }
        Operation op = new Operation(name);
        for (int i = 0; i < labels.length; i += 2) {
            op.label(labels[i], labels[i + 1]);
        }
        return op;
    }

    /** One timed operation; finish it once, on the thread that started it, with {@link #done} or {@link #failed}. */
    public final class Operation {
        private final String name;
        private final List<String> keys = new ArrayList<>(4);
        private final List<String> values = new ArrayList<>(4);
        private final long wallStart = System.nanoTime();
        private final long cpuStart = cpuNanos();
        private final long userStart = userNanos();
        private boolean finished;

        private Operation(String name) {
            this.name = name;
        }

        /** Adds a label known only once the work is done (e.g. whether holes were found). */
        public Operation label(String key, String value) {
            keys.add(key);
            values.add(value);
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
            String[] withError = with(keys, "error");
            String[] withType = with(List.of(withError), "type");
            String[] errorValues = with(values, error);
            String[] userValues = with(List.of(errorValues), "user");
            String[] systemValues = with(List.of(errorValues), "system");
            histogram(name + "_latency", "Wall time of " + name + " in seconds", withError)
                    .labelValues(errorValues)
                    .observe(wall);
            Histogram cputime =
                    histogram(name + "_cputime", "CPU time of " + name + " in seconds, user or system", withType);
            cputime.labelValues(userValues).observe(user);
            cputime.labelValues(systemValues).observe(cpu - user);
            if (size > 0) {
                histogram(
                                name + "_latency_normalized",
                                "Wall time of " + name + " per unit of work, in seconds",
                                withError)
                        .labelValues(errorValues)
                        .observe(wall / size);
                Histogram normalized = histogram(
                        name + "_cputime_normalized",
                        "CPU time of " + name + " per unit of work, in seconds, user or system",
                        withType);
                normalized.labelValues(userValues).observe(user / size);
                normalized.labelValues(systemValues).observe((cpu - user) / size);
            }
        }
    }

    private Histogram histogram(String name, String help, String[] labels) {
        return Histograms.of(registry, name, help, BUCKETS, labels);
    }

    private static String[] with(List<String> list, String last) {
        String[] out = list.toArray(new String[list.size() + 1]);
        out[list.size()] = last;
        return out;
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long userNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : 0;
    }
}
