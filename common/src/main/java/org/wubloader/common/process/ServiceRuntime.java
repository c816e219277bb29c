package org.wubloader.common.process;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service process has (docs/conventions.md §3.6–3.7): a Prometheus registry shared with Vert.x, a
 * {@code /metrics} endpoint, the log_count appender, the backdoor console, and SIGTERM handling.
 *
 * <p>Usage: create it, start the service's work, {@link #awaitStopRequest()}, stop the work,
 * {@link #close()}. On SIGTERM the JVM's shutdown hook asks the service to stop, gives it
 * {@link #STOP_GRACE_SECONDS} to clean up (remove temp files, let in-flight work end) and then
 * exits with status 0, as container orchestrators expect, instead of Java's default 143.
 */
public final class ServiceRuntime implements AutoCloseable {
    /** docs/conventions.md §3.7: exit within 20 s of SIGTERM; a little is left for logging and the halt itself. */
    public static final long STOP_GRACE_SECONDS = 18;

    private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

    private final String service;
    private final Path baseDir;
    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Supplier<String> state = () -> "(this service reports no state)";
    private volatile HttpServer metricsServer;
    private volatile Backdoor backdoor;
    private volatile Thread shutdownHook;

    private ServiceRuntime(String service, Path baseDir) {
        this.service = service;
        this.baseDir = baseDir;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter (Micrometer warns otherwise).
        // process_cpu_seconds_total (below) is the original's CPU counter; Micrometer's
        // process_cpu_time_ns_total and system_cpu_count fail `promtool check metrics` (an
        // abbreviated unit; a _count suffix on a gauge).
        registry.config()
                .meterFilter(MeterFilter.deny(id ->
                        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // process_cpu_seconds_total, process_resident_memory_bytes, process_start_time_seconds,
        // process_open_fds, process_max_fds, process_virtual_memory_bytes: the names (and /proc
        // readings) of the Python client the original uses, which the OS-metrics dashboard
        // builds its instance list from. Micrometer has no binder with these names.
        ProcessMetrics.builder().register(registry.getPrometheusRegistry());
        LogCountAppender.bind(registry);
        this.vertx = Vertx.builder()
                .with(new VertxOptions()
                        // Nothing is served from the class path, and Vert.x's file cache left a
                        // vertx-cache-* directory in the temp dir for every start (87 after a
                        // morning of runs on one machine).
                        .setFileSystemOptions(new FileSystemOptions()
                                .setFileCachingEnabled(false)
                                .setClassPathResolvingEnabled(false))
                        .setMetricsOptions(new MicrometerMetricsOptions()
                                .setEnabled(true)
                                // Clients are measured by HttpMetrics under the original's names; Vert.x's
                                // own client meters add nothing and re-register per client, which
                                // Micrometer warns about in the log.
                                .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                                // Servers too: HttpMetrics measures requests under the original's names.
                                // Vert.x's server meters labelled requests with the raw method (any
                                // client-chosen word became a series), and with one server per event
                                // loop each registered the same connections gauge: a WARN on every
                                // start, and a gauge that counted one server's connections only.
                                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                                .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /**
     * Starts the runtime of one service process.
     *
     * @param metricsPort serve /metrics there; a negative value serves nothing (the restreamer
     *     serves metrics on its own API port)
     */
    public static ServiceRuntime start(String service, BaseOptions options, int metricsPort) throws IOException {
        LoggingSetup.apply(options.logLevel, options.logJson);
        Path baseDir = checkBaseDir(options.baseDir);
        ServiceRuntime runtime = new ServiceRuntime(service, baseDir);
        try {
            if (metricsPort >= 0) {
                runtime.metricsServer = listenMetrics(runtime, metricsPort);
                log.info("Serving metrics on port {}", runtime.metricsServer.actualPort());
            }
            if (options.backdoorPort > 0) {
                runtime.backdoor = Backdoor.open(options.backdoorPort, () -> runtime.state.get(), runtime.registry);
            }
        } catch (ConfigurationException e) {
            runtime.close();
            throw e;
        } catch (Exception e) {
            runtime.close();
            throw new IOException("could not start " + service + ": " + e.getMessage(), e);
        }
        runtime.installShutdownHook();
        return runtime;
    }

    /**
     * A base dir that exists must be a directory: given a regular file, the downloader used to
     * run on and fail every segment. One that does not exist yet is created by the services as
     * they write, as in the original.
     */
    static Path checkBaseDir(Path baseDir) {
        Path absolute = baseDir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new ConfigurationException("--base-dir " + baseDir + " is not a directory");
        }
        return absolute;
    }

    private static HttpServer listenMetrics(ServiceRuntime runtime, int port) throws Exception {
        try {
            return MetricsEndpoint.serve(runtime.vertx, runtime.registry, runtime.service, port)
                    .await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw e;
        } catch (Exception e) {
            // Netty's bind failure says "Address already in use" without the port.
            throw new ConfigurationException("--metrics-port " + port + ": cannot listen (" + e.getMessage() + ")", e);
        }
    }

    /** For tests and embedding: a runtime with no ports, no hook. */
    public static ServiceRuntime embedded(String service, Path baseDir) {
        return new ServiceRuntime(service, baseDir.toAbsolutePath().normalize());
    }

    private void installShutdownHook() {
        shutdownHook = new Thread(
                () -> {
                    if (closed.getCount() == 0) {
                        return; // an ordinary exit: the service already cleaned up
                    }
                    log.info("{}: SIGTERM, stopping (up to {} s)", service, STOP_GRACE_SECONDS);
                    stopRequested.countDown();
                    try {
                        if (!closed.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                            log.warn("{}: did not stop within {} s, exiting anyway", service, STOP_GRACE_SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    log.info("{}: gracefully stopped", service);
                    LoggingSetup.stop();
                    Runtime.getRuntime().halt(0);
                },
                service + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String service() {
        return service;
    }

    public Path baseDir() {
        return baseDir;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The metrics port actually bound (useful when 0 was asked for), or -1. */
    public int metricsPort() {
        HttpServer server = metricsServer;
        return server == null ? -1 : server.actualPort();
    }

    /** What the backdoor's {@code state} command prints. */
    public void setState(Supplier<String> state) {
        this.state = state;
    }

    public String state() {
        return state.get();
    }

    /** Asks the service to stop, as SIGTERM does. */
    public void requestStop() {
        stopRequested.countDown();
    }

    public boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Blocks until SIGTERM or {@link #requestStop()}. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** Like {@link #awaitStopRequest()} but gives up after {@code millis}; true if stop was requested. */
    public boolean awaitStopRequest(long millis) throws InterruptedException {
        return stopRequested.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            if (backdoor != null) {
                backdoor.close();
            }
        } catch (IOException e) {
            log.debug("closing backdoor", e);
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x did not close cleanly", e);
        }
        LogCountAppender.unbind(registry);
        closed.countDown();
    }
}
