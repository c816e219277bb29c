package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
    /** The thread that ran InitialisedAhead's static initialiser (read without initialising it). */
    static final CompletableFuture<String> INITIALISED_BY = new CompletableFuture<>();

    static final class InitialisedAhead {
        static {
            INITIALISED_BY.complete(Thread.currentThread().getName());
        }
    }

    @Test
    void aRuntimeStartedAfterPrepareServesEverythingAndTheNamedClassesWereInitialisedAhead(@TempDir Path base)
            throws Exception {
        Startup.prepare(
                Startup.initialising("org.wubloader.NoSuchClass"),
                () -> {
                    throw new IllegalStateException("a failed warm-up is skipped");
                },
                Startup.initialising(InitialisedAhead.class.getName()));
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", ServiceRuntimeTest.options(base), 0)) {
            String metrics = ServiceRuntimeTest.get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics");
            // The JVM and process meters are bound after start: the first scrape has them all the same.
            assertThat(metrics).contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total");
        }
        // The thread goes on to the warm-ups once the parts are made; failed ones are skipped.
        assertThat(INITIALISED_BY.get(10, TimeUnit.SECONDS)).isEqualTo("startup");
        // Netty's JFR events are off (an operator's -Dio.netty.jfr.enabled=true would be kept).
        assertThat(System.getProperty(Startup.NETTY_JFR)).isEqualTo("false");
        // picocli does not look for Groovy's closures (a class-path miss that opens every jar).
        assertThat(System.getProperty(Startup.PICOCLI_CLOSURES)).isEqualTo("true");
        // SLF4J is pointed at the services' provider (an operator's -Dslf4j.provider would be kept).
        assertThat(System.getProperty("slf4j.provider")).isEqualTo(LogProvider.class.getName());
    }

    @Test
    void aRuntimeStartsWithoutPrepare(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", ServiceRuntimeTest.options(base), 0)) {
            assertThat(ServiceRuntimeTest.get("http://127.0.0.1:" + runtime.metricsPort() + "/healthz"))
                    .isEqualTo("ok\n");
        }
    }
}
