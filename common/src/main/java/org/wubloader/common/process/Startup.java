package org.wubloader.common.process;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.Reporter;

/**
 * Start-up work done on a thread of its own while the main thread parses the command line
 * (issue 15): picocli takes about 100 ms of reflection on a cold JVM, and setting up Logback,
 * the registry and Vert.x, which depend on no option, about as long again. A service's main calls
 * {@link #prepare} first; {@link CommandMain} waits for logging before it runs the command, and
 * {@link ServiceRuntime#start} takes the registry and Vert.x made here.
 *
 * <p>This class has no logger of its own, nor may anything the main thread initialises before
 * logging is ready: a logger obtained while another thread sets Logback up is SLF4J's stand-in,
 * which logs, but names itself as the caller of every event (the log_count "function" label).
 *
 * <p>A command line that turns out bad exits as before: the thread is a daemon and what it made
 * holds nothing outside the process.
 */
public final class Startup {
    /** Bounds the waits below; set-up takes well under a second. */
    private static final long WAIT_SECONDS = 60;
    /** Netty's switch for its JFR events. */
    static final String NETTY_JFR = "io.netty.jfr.enabled";
    /** picocli's switch that skips its look-up of Groovy closures. */
    static final String PICOCLI_CLOSURES = "picocli.disable.closures";

    private static final AtomicReference<CompletableFuture<Void>> logging = new AtomicReference<>();
    private static final AtomicReference<CompletableFuture<Parts>> parts = new AtomicReference<>();

    private Startup() {}

    /**
     * Sets up logging, then the registry and Vert.x, on a daemon thread; then runs the service's
     * warm-ups there, in order: work the main thread would otherwise do first on its way to the
     * first request, such as {@link #initialising} a class whose static initialiser makes a JSON
     * mapper. A warm-up that fails is skipped (the main thread then does that work itself).
     */
    public static void prepare(Runnable... warmUps) {
        // Netty 4.2 checks for and registers JFR events for its allocator unless told not to:
        // ~100 JFR classes at start and event handlers generated with ASM at the first pooled
        // allocation, for events nobody records here. Off unless set: restreamer exec -> /healthz
        // 0.571 -> 0.521 s median, 0.90 -> 0.80 CPU s; backfiller -> first request 0.566 -> 0.542 s
        // (bench/startup/run.sh, 7 alternating rounds). Set before anything touches Netty.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        // picocli's first CommandLine looks for Groovy's Closure class (for closures in annotations,
        // which no command here has): a class-path miss that opens and indexes all ~40 jars on the
        // main thread, 49-73 ms of a cold JVM, while the startup thread opens them too. Off unless
        // set: backfiller exec -> first request 0.717 -> 0.694 s median, 1.19 -> 1.14 CPU s (12
        // alternating rounds).
        if (System.getProperty(PICOCLI_CLOSURES) == null) {
            System.setProperty(PICOCLI_CLOSURES, "true");
        }
        // Logback configured by LogConfigurator without Logback's ContextInitializer (LogProvider
        // says why); an operator's -Dslf4j.provider is kept. SLF4J announces a provider chosen
        // this way at INFO on stderr, on every start: only its warnings and errors are shown.
        if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) == null) {
            System.setProperty(LoggerFactory.PROVIDER_PROPERTY_KEY, LogProvider.class.getName());
            if (System.getProperty(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY) == null) {
                System.setProperty(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY, "WARN");
            }
        }
        CompletableFuture<Void> loggingReady = new CompletableFuture<>();
        CompletableFuture<Parts> made = new CompletableFuture<>();
        logging.set(loggingReady);
        parts.set(made);
        Thread thread = new Thread(
                () -> {
                    try {
                        LoggerFactory.getILoggerFactory();
                    } finally {
                        loggingReady.complete(null);
                    }
                    try {
                        made.complete(Parts.create());
                    } catch (Throwable e) {
                        made.completeExceptionally(e);
                        return;
                    }
                    for (Runnable warmUp : warmUps) {
                        try {
                            warmUp.run();
                        } catch (RuntimeException | LinkageError e) {
                            // Only a head start: the work is done where it is needed, as without this.
                            LoggerFactory.getLogger(Startup.class).debug("start-up warm-up failed", e);
                        }
                    }
                },
                "startup");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A warm-up that initialises the class named (by name: it may be package-private). A class
     * the main thread reaches while this runs is still initialised once: the JVM makes the main
     * thread wait for this one.
     */
    public static Runnable initialising(String className) {
        return () -> {
            try {
                Class.forName(className, true, Startup.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Waits until logging is set up, if {@link #prepare} is doing it. */
    public static void awaitLogging() {
        CompletableFuture<Void> ready = logging.get();
        if (ready == null) {
            return;
        }
        try {
            ready.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Logging is then set up (or not) by the first logger, as without prepare().
        }
    }

    /** What {@link #prepare} made, once; otherwise made now. */
    static Parts parts() throws IOException {
        CompletableFuture<Parts> made = parts.getAndSet(null);
        if (made == null) {
            return Parts.create();
        }
        try {
            return made.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        } catch (ExecutionException e) {
            throw new IOException("could not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not start: the registry and Vert.x took over " + WAIT_SECONDS + " s", e);
        }
    }

    /** What a service runtime is made of that depends on no option: the registry and Vert.x. */
    record Parts(ServiceRegistry registry, Vertx vertx) {
        static Parts create() {
            ServiceRegistry registry = new ServiceRegistry();
            LogCountAppender.bind(registry);
            Vertx vertx = Vertx.builder()
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
            return new Parts(registry, vertx);
        }
    }
}
