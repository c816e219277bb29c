package org.wubloader.common.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
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

    /** How long after start the JVM and process meters are bound, unless a scrape binds them first. */
    static final long JVM_METERS_DELAY_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

    private final String service;
    private final Path baseDir;
    private final ServiceRegistry registry;
    private final Vertx vertx;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Supplier<String> state = () -> "(this service reports no state)";
    private volatile HttpServer metricsServer;
    private volatile Backdoor backdoor;
    private volatile Thread shutdownHook;

    private ServiceRuntime(String service, Path baseDir, Startup.Parts parts) {
        this.service = service;
        this.baseDir = baseDir;
        this.registry = parts.registry();
        this.vertx = parts.vertx();
        // The JVM and process meters are bound a second after start (or by the first scrape if
        // that comes sooner; ServiceRegistry): binding them reads a dozen MXBeans, which took
        // 25-50 ms of every start on the main thread, before the first useful work.
        vertx.setTimer(
                JVM_METERS_DELAY_MILLIS,
                id -> vertx.executeBlocking(
                        () -> {
                            registry.bindJvmMeters();
                            return null;
                        },
                        false));
    }

    /**
     * Starts the runtime of one service process.
     *
     * @param metricsPort serve /metrics there; a negative value serves nothing (the restreamer
     *     serves metrics on its own API port)
     */
    public static ServiceRuntime start(String service, BaseOptions options, int metricsPort) throws IOException {
        Startup.awaitLogging();
        LoggingSetup.apply(options.logLevel, options.logJson);
        Path baseDir = checkBaseDir(options.baseDir);
        ServiceRuntime runtime = new ServiceRuntime(service, baseDir, Startup.parts());
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
        return new ServiceRuntime(service, baseDir.toAbsolutePath().normalize(), Startup.Parts.create());
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
