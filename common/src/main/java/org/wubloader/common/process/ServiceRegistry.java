package org.wubloader.common.process;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * A service's Prometheus registry, whose JVM and process meters are bound after start rather
 * than on the way to the first useful work (issue 15): by {@link ServiceRuntime}'s timer a
 * second after start, or by the first scrape if that comes sooner, so that every scrape has
 * them. Binding reads the memory, GC, thread and OS MXBeans (JMX), 25-50 ms of a start.
 */
final class ServiceRegistry extends PrometheusMeterRegistry {
    private final Object bindLock = new Object();
    private boolean jvmMetersBound;

    ServiceRegistry() {
        super(PrometheusConfig.DEFAULT);
        // Before any meter (Micrometer warns otherwise).
        // process_cpu_seconds_total (below) is the original's CPU counter; Micrometer's
        // process_cpu_time_ns_total and system_cpu_count fail `promtool check metrics` (an
        // abbreviated unit; a _count suffix on a gauge).
        config().meterFilter(MeterFilter.deny(
                id -> id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
    }

    /** Binds the JVM and process meters, once; later calls return at once. */
    void bindJvmMeters() {
        synchronized (bindLock) {
            if (jvmMetersBound) {
                return;
            }
            jvmMetersBound = true;
            new JvmMemoryMetrics().bindTo(this);
            new JvmGcMetrics().bindTo(this);
            new JvmThreadMetrics().bindTo(this);
            new ProcessorMetrics().bindTo(this);
            // process_cpu_seconds_total, process_resident_memory_bytes, process_start_time_seconds,
            // process_open_fds, process_max_fds, process_virtual_memory_bytes: the names (and /proc
            // readings) of the Python client the original uses, which the OS-metrics dashboard
            // builds its instance list from. Micrometer has no binder with these names.
            ProcessMetrics.builder().register(getPrometheusRegistry());
        }
    }

    @Override
    public String scrape() {
        bindJvmMeters();
        return super.scrape();
    }

    @Override
    public String scrape(String contentType) {
        bindJvmMeters();
        return super.scrape(contentType);
    }

    @Override
    public void scrape(OutputStream out) throws IOException {
        bindJvmMeters();
        super.scrape(out);
    }

    @Override
    public void scrape(OutputStream out, String contentType) throws IOException {
        bindJvmMeters();
        super.scrape(out, contentType);
    }

    @Override
    public String scrape(String contentType, Set<String> includedNames) {
        bindJvmMeters();
        return super.scrape(contentType, includedNames);
    }

    @Override
    public void scrape(OutputStream out, String contentType, Set<String> includedNames) throws IOException {
        bindJvmMeters();
        super.scrape(out, contentType, includedNames);
    }
}
