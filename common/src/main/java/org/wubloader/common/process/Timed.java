package org.wubloader.common.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The original's per-operation timings ({@code timed(name, **labels)}): histograms
 * {@code NAME_latency} (wall seconds) and {@code NAME_cputime{type="user"|"system"}} (the calling
 * thread's CPU seconds), and with a normalisation (seconds of video, segments found)
 * {@code NAME_latency_normalized} and {@code NAME_cputime_normalized}; each labelled with the
 * call's labels plus {@code error} (empty, or the exception's type name); buckets 10^-9 … 10^4
 * s, one per power of ten. One helper for every timed operation; label values must be bounded
 * (never raw client input).
 */
public final class Timed {
    /** 10^-9 … 10^4 s, one bucket per power of ten, as the original's. */
    public static final double[] BUCKETS = {
        1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4
    };
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Histogram latency;
    private final Histogram cputime;
    private final Histogram latencyNormalized;
    private final Histogram cputimeNormalized;
    private final int labelCount;

    private Timed(MeterRegistry registry, String name, boolean normalized, String[] labels) {
        String[] withError = Arrays.copyOf(labels, labels.length + 1);
        withError[labels.length] = "error";
        String[] withType = Arrays.copyOf(withError, withError.length + 1);
        withType[withError.length] = "type";
        this.labelCount = labels.length;
        this.latency = Histograms.of(registry, name + "_latency", "Wall time of " + name + " in seconds", BUCKETS, withError);
        this.cputime = Histograms.of(registry, name + "_cputime", "CPU time of " + name + " in seconds, user or system",
                BUCKETS, withType);
        this.latencyNormalized = normalized ? Histograms.of(registry, name + "_latency_normalized",
                "Wall time of " + name + " per unit of work, in seconds", BUCKETS, withError) : null;
        this.cputimeNormalized = normalized ? Histograms.of(registry, name + "_cputime_normalized",
                "CPU time of " + name + " per unit of work, in seconds, user or system", BUCKETS, withType) : null;
    }

    /**
     * The timings of operation {@code name} with these label names.
     *
     * @param normalized also export the {@code _normalized} histograms (pass the units of work to
     *     {@link Scope#done})
     */
    public static Timed of(MeterRegistry registry, String name, boolean normalized, String... labels) {
        return new Timed(registry, name, normalized, labels);
    }

    /** Starts timing on the calling thread; finish on the same thread with {@link Scope#done}. */
    public Scope start() {
        return new Scope();
    }

    /** One timed call. */
    public final class Scope {
        private final long wallStart = System.nanoTime();
        private final long cpuStart = cpuNanos();
        private final long userStart = userNanos();

        private Scope() {}

        /**
         * Records the call.
         *
         * @param error what it threw, or null
         * @param units the units of work for the normalised histograms (ignored when not
         *     normalised, or when not positive)
         * @param labelValues one per label name given to {@link Timed#of}
         */
        public void done(Throwable error, double units, String... labelValues) {
            if (labelValues.length != labelCount) {
                throw new IllegalArgumentException("want " + labelCount + " label values, got " + labelValues.length);
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double user = Math.max(0, userNanos() - userStart) / 1e9;
            double system = Math.max(0, (cpuNanos() - cpuStart) - (userNanos() - userStart)) / 1e9;
            String[] withError = Arrays.copyOf(labelValues, labelCount + 1);
            withError[labelCount] = error == null ? "" : error.getClass().getSimpleName();
            String[] userLabels = Arrays.copyOf(withError, labelCount + 2);
            userLabels[labelCount + 1] = "user";
            String[] systemLabels = userLabels.clone();
            systemLabels[labelCount + 1] = "system";
            latency.labelValues(withError).observe(wall);
            cputime.labelValues(userLabels).observe(user);
            cputime.labelValues(systemLabels).observe(system);
            if (latencyNormalized != null && units > 0) {
                latencyNormalized.labelValues(withError).observe(wall / units);
                cputimeNormalized.labelValues(userLabels).observe(user / units);
                cputimeNormalized.labelValues(systemLabels).observe(system / units);
            }
        }
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static long userNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : 0;
    }
}
