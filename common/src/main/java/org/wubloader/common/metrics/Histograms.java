package org.wubloader.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Histograms with the original's exact names and second-valued buckets, on the Prometheus client
 * under Micrometer's registry (one scrape serves both). Not Micrometer meters: a
 * {@code DistributionSummary} rounds every value up to a whole number before bucketing it (its
 * fixed-boundary histogram counts longs: {@code TimeWindowFixedBoundaryHistogram.recordDouble}
 * is {@code recordLong((long) Math.ceil(value))}), so a 3 ms request landed in {@code le="1.0"}; and a
 * {@code Timer} would add a {@code _seconds} suffix the dashboards do not expect. The Prometheus
 * client records the double as given, as the original's Python client does.
 */
public final class Histograms {
    private record Family(Histogram histogram, String[] labels) {}

    private static final Map<PrometheusRegistry, Map<String, Family>> FAMILIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Histograms() {}

    /**
     * The histogram {@code name} of this registry, registered on first use.
     *
     * @throws IllegalArgumentException if the registry is not a Prometheus one, or the name was
     *     registered with other label names
     */
    public static Histogram of(MeterRegistry registry, String name, String help, double[] buckets, String... labels) {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalArgumentException("histograms need a PrometheusMeterRegistry, not " + registry.getClass());
        }
        PrometheusRegistry target = prometheus.getPrometheusRegistry();
        Map<String, Family> families;
        synchronized (FAMILIES) {
            families = FAMILIES.computeIfAbsent(target, r -> new HashMap<>());
        }
        synchronized (families) {
            Family family = families.get(name);
            if (family == null) {
                Histogram histogram = Histogram.builder()
                        .name(name)
                        .help(help)
                        .labelNames(labels)
                        .classicUpperBounds(buckets)
                        .classicOnly()
                        // Exemplars need the tracer initializer, which Micrometer leaves out.
                        .withoutExemplars()
                        .register(target);
                family = new Family(histogram, labels.clone());
                families.put(name, family);
            } else if (!Arrays.equals(family.labels(), labels)) {
                throw new IllegalArgumentException("histogram " + name + " has labels "
                        + Arrays.toString(family.labels()) + ", not " + Arrays.toString(labels));
            }
            return family.histogram();
        }
    }
}
