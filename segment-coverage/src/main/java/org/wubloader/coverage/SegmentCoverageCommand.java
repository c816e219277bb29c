package org.wubloader.coverage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wubloader.common.cli.ListOption;
import org.wubloader.common.db.Dsn;
import org.wubloader.common.process.ServiceCommand;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.storage.PathPart;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wubloader segment-coverage} (docs/coverage.md §7). */
@Command(
        name = "segment-coverage",
        description = {
            "Measures how complete every hour of every channel and quality is: per-hour gauges, a coverage map PNG and "
                    + "JSON, and optionally an HTML page of every node's maps.",
            "Exit status: 0 after SIGTERM or a --run-once pass, 1 if a checker failed, 2 for usage errors."
        })
public final class SegmentCoverageCommand extends ServiceCommand {
    static final int DEFAULT_METRICS_PORT = 8006;

    @Parameters(
            paramLabel = "CHANNEL",
            arity = "0..*",
            description = "Channels to check (default: env WUBLOADER_CHANNELS, comma-separated).")
    List<String> channels = new ArrayList<>();

    @Option(
            names = "--qualities",
            split = ",",
            defaultValue = "${env:WUBLOADER_QUALITIES:-source}",
            description = "Qualities, comma-separated (default: ${DEFAULT-VALUE}; env WUBLOADER_QUALITIES).")
    List<String> qualities;

    @Option(
            names = "--first-hour",
            defaultValue = "${env:WUBLOADER_FIRST_HOUR}",
            description = "Start the map at this hour (any timestamp; the map only, metrics cover every hour; env "
                    + "WUBLOADER_FIRST_HOUR).")
    String firstHour;

    @Option(
            names = "--last-hour",
            defaultValue = "${env:WUBLOADER_LAST_HOUR}",
            description = "End the map at this hour (any timestamp; env WUBLOADER_LAST_HOUR).")
    String lastHour;

    @Option(
            names = "--make-page",
            defaultValue = "${env:WUBLOADER_MAKE_PAGE:-false}",
            description =
                    "Also write an HTML page of every node's maps (needs --connection-string; env WUBLOADER_MAKE_PAGE).")
    boolean makePage;

    @Option(
            names = "--connection-string",
            defaultValue = "${env:WUBLOADER_CONNECTION_STRING}",
            description = "PostgreSQL DSN of the nodes table (postgresql://user:pass@host:port/db or libpq key=value; "
                    + "env WUBLOADER_CONNECTION_STRING).")
    String connectionString;

    @Option(
            names = "--check-interval",
            defaultValue = "${env:WUBLOADER_CHECK_INTERVAL:-300}",
            description =
                    "Seconds between passes, jittered ±10%% (default: ${DEFAULT-VALUE}; env WUBLOADER_CHECK_INTERVAL).")
    int checkInterval;

    @Option(
            names = "--output-dir",
            defaultValue = "${env:WUBLOADER_OUTPUT_DIR:-coverage-maps}",
            description = "Where maps, JSON and pages go, relative to the base dir (default: ${DEFAULT-VALUE}; env "
                    + "WUBLOADER_OUTPUT_DIR).")
    String outputDir;

    @Option(names = "--run-once", description = "One pass, then exit.")
    boolean runOnce;

    @Override
    public Integer call() throws Exception {
        CoverageConfig config = config();
        try (ServiceRuntime runtime = startRuntime(DEFAULT_METRICS_PORT);
                SegmentCoverage coverage = new SegmentCoverage(config, runtime.registry())) {
            runtime.setState(coverage::state);
            Thread watcher = new Thread(
                    () -> {
                        try {
                            runtime.awaitStopRequest();
                            coverage.stop();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "stop-watcher");
            watcher.setDaemon(true);
            watcher.start();
            coverage.start();
            if (!runOnce) {
                // Until SIGTERM, or the first checker to fail; then all stop at their next hour.
                coverage.awaitStop();
                coverage.stop();
            }
            try {
                coverage.await();
            } catch (RuntimeException | Error e) {
                return 1; // logged by the checker
            }
            return 0;
        }
    }

    /** Validates the options; bad ones are usage errors (status 2), never a stack trace. */
    CoverageConfig config() {
        try {
            List<String> chans = ListOption.split(channels);
            if (chans.isEmpty()) {
                chans = ListOption.split(System.getenv("WUBLOADER_CHANNELS"));
            }
            List<String> quals = ListOption.split(qualities);
            if (quals.isEmpty()) {
                throw new IllegalArgumentException("--qualities is empty");
            }
            for (String name : concat(chans, quals)) {
                if (!PathPart.isSafe(name)) {
                    throw new IllegalArgumentException("bad channel or quality name '" + name + "'");
                }
            }
            if (checkInterval < 1) {
                throw new IllegalArgumentException(
                        "--check-interval must be a whole number of seconds >= 1, not " + checkInterval);
            }
            if (outputDir.isBlank() || outputDir.startsWith("/") || outputDir.contains("..")) {
                throw new IllegalArgumentException(
                        "bad --output-dir '" + outputDir + "': want a relative path without '..'");
            }
            String dsn = connectionString == null || connectionString.isBlank() ? null : connectionString.trim();
            if (dsn != null) {
                Dsn.toJdbc(dsn);
            }
            return new CoverageConfig(
                    base.baseDir.toAbsolutePath().normalize(),
                    chans,
                    quals,
                    hour("--first-hour", firstHour),
                    hour("--last-hour", lastHour),
                    makePage,
                    dsn,
                    Duration.ofSeconds(checkInterval),
                    outputDir,
                    runOnce,
                    Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static Optional<Long> hour(String option, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Micros.of(Timestamps.parse(value.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + value + "': " + e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
