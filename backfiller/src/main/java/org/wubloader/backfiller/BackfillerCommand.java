package org.wubloader.backfiller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wubloader.backfiller.peers.PeerSources;
import org.wubloader.common.cli.ListOption;
import org.wubloader.common.db.Dsn;
import org.wubloader.common.process.ServiceCommand;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.segment.HashWarmUp;
import org.wubloader.common.storage.PathPart;
import org.wubloader.common.storage.WriteMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The backfiller's command line (docs/backfill.md §5.4). */
@Command(
        name = "backfiller",
        description = {
            "Copies every segment this node lacks from its peers' restreamers, verifying each against its hash.",
            "Exit status with --run-once: 0 if every pass succeeded, 1 if any peer's pass (or the node list) failed, "
                    + "2 for usage errors."
        })
public final class BackfillerCommand extends ServiceCommand {
    static final int DEFAULT_METRICS_PORT = 8002;

    @Parameters(
            paramLabel = "CHANNEL",
            arity = "0..*",
            description = "Channels to backfill (default: env WUBLOADER_CHANNELS, comma-separated).")
    List<String> channels = new ArrayList<>();

    @Option(
            names = "--qualities",
            split = ",",
            defaultValue = "${env:WUBLOADER_QUALITIES:-source}",
            description =
                    "Qualities to backfill, comma-separated (default: ${DEFAULT-VALUE}; env WUBLOADER_QUALITIES).")
    List<String> qualities;

    @Option(
            names = "--extras",
            split = ",",
            defaultValue = "${env:WUBLOADER_EXTRAS}",
            description = "Extra directories under the base dir to mirror too, comma-separated (env WUBLOADER_EXTRAS).")
    List<String> extras;

    @Option(
            names = "--static-nodes",
            defaultValue = "${env:WUBLOADER_STATIC_NODES}",
            description = "Peer URLs, comma-separated; each named by its host (env WUBLOADER_STATIC_NODES).")
    String staticNodes;

    @Option(
            names = "--node-file",
            defaultValue = "${env:WUBLOADER_NODE_FILE}",
            description = "File of peers, one per line: 'NAME URL' or 'URL'; '#' comments (env WUBLOADER_NODE_FILE).")
    Path nodeFile;

    @Option(
            names = "--node-database",
            defaultValue = "${env:WUBLOADER_NODE_DATABASE}",
            description = "PostgreSQL DSN (postgresql://user:pass@host:port/db?k=v or libpq key=value) of the nodes "
                    + "table (env WUBLOADER_NODE_DATABASE).")
    String nodeDatabase;

    @Option(
            names = "--localhost",
            defaultValue = "${env:WUBLOADER_LOCALHOST}",
            description =
                    "This node's name, never backfilled from (default: the machine's host name; env WUBLOADER_LOCALHOST).")
    String localhost;

    @Option(
            names = "--start",
            defaultValue = "${env:WUBLOADER_START}",
            description = "Only hours from here on: a number of hours ago (re-evaluated as time passes) or a timestamp "
                    + "(env WUBLOADER_START).")
    String start;

    @Option(
            names = "--delete-old",
            defaultValue = "${env:WUBLOADER_DELETE_OLD:-false}",
            description = "Periodically delete local segments in hours before --start, keeping tombstones "
                    + "(default: ${DEFAULT-VALUE}; env WUBLOADER_DELETE_OLD).")
    boolean deleteOld;

    @Option(names = "--run-once", description = "One pass over every peer, then exit (status 0 only if all succeeded).")
    boolean runOnce;

    @Option(
            names = "--download-concurrency",
            defaultValue = "${env:WUBLOADER_DOWNLOAD_CONCURRENCY:-5}",
            description =
                    "Downloads in flight per peer (default: ${DEFAULT-VALUE}; env WUBLOADER_DOWNLOAD_CONCURRENCY).")
    int downloadConcurrency;

    @Option(
            names = "--recent-cutoff",
            defaultValue = "${env:WUBLOADER_RECENT_CUTOFF:-120}",
            description =
                    "Seconds: leave segments younger than this to the local downloader (default: ${DEFAULT-VALUE}; "
                            + "env WUBLOADER_RECENT_CUTOFF).")
    double recentCutoff;

    @Option(
            names = "--stall-timeout",
            defaultValue = "${env:WUBLOADER_STALL_TIMEOUT:-30}",
            description = "Seconds without a byte after which a download is abandoned (default: ${DEFAULT-VALUE}; "
                    + "env WUBLOADER_STALL_TIMEOUT).")
    double stallTimeout;

    @Option(
            names = "--download-timeout",
            defaultValue = "${env:WUBLOADER_DOWNLOAD_TIMEOUT:-300}",
            description = "Seconds a segment download may take in all, however steadily bytes arrive; also the age "
                    + "after which a backfiller temp file is removed (default: ${DEFAULT-VALUE}; env "
                    + "WUBLOADER_DOWNLOAD_TIMEOUT).")
    double downloadTimeout;

    @Option(
            names = "--max-segment-bytes",
            defaultValue = "${env:WUBLOADER_MAX_SEGMENT_BYTES:-268435456}",
            description = "Largest segment body accepted, in bytes; a longer one is abandoned (default: "
                    + "${DEFAULT-VALUE}, 256 MiB; env WUBLOADER_MAX_SEGMENT_BYTES).")
    long maxSegmentBytes;

    @Option(
            names = "--write-mode",
            defaultValue = "${env:WUBLOADER_WRITE_MODE:-direct}",
            description = "How copied segments are written: direct (O_DIRECT, past the page cache; where the file "
                    + "system refuses it, through the cache, said once in the log) or buffered (through the page "
                    + "cache, as the downloader writes) (default: ${DEFAULT-VALUE}; env WUBLOADER_WRITE_MODE).")
    String writeMode;

    @Option(
            names = "--pass-interval",
            defaultValue = "${env:WUBLOADER_PASS_INTERVAL:-120}",
            description = "Seconds between a worker's passes, jittered ±10%% (default: ${DEFAULT-VALUE}; env "
                    + "WUBLOADER_PASS_INTERVAL).")
    double passInterval;

    @Override
    public Integer call() throws Exception {
        // Every byte copied is hashed: have SHA-256 compiled before the first body arrives.
        HashWarmUp.start();
        BackfillerConfig config = config();
        if (config.channels().isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(BackfillerCommand.class)
                    .info(
                            "no CHANNEL given: backfilling {}",
                            config.extras().isEmpty() ? "nothing" : "only --extras " + config.extras());
        }
        try (ServiceRuntime runtime = startRuntime(DEFAULT_METRICS_PORT)) {
            Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
            runtime.setState(backfiller::state);
            if (runOnce) {
                Thread watcher = new Thread(
                        () -> {
                            try {
                                runtime.awaitStopRequest();
                                backfiller.stop();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stop-watcher");
                watcher.setDaemon(true);
                watcher.start();
                boolean ok = backfiller.runOnce();
                backfiller.stop();
                return ok ? 0 : 1;
            }
            backfiller.start();
            runtime.awaitStopRequest();
            backfiller.stop();
            return 0;
        }
    }

    /** Validates the options; bad ones are usage errors (status 2), never a stack trace. */
    BackfillerConfig config() {
        try {
            List<String> chans = new ArrayList<>(channels);
            if (chans.isEmpty()) {
                chans.addAll(ListOption.split(System.getenv("WUBLOADER_CHANNELS")));
            }
            List<String> extraDirs = ListOption.split(extras);
            // No channel is accepted, as by the original (its CHANNEL arguments are '*'): the
            // service then runs with nothing to copy but --extras, and says so at start.
            List<String> quals = ListOption.split(qualities);
            for (String name : concat(chans, quals)) {
                if (!PathPart.isSafe(name)) {
                    throw new IllegalArgumentException("bad channel or quality name '" + name + "'");
                }
            }
            for (String dir : extraDirs) {
                if (!PathPart.isSafeRelative(dir)) {
                    throw new IllegalArgumentException("bad --extras directory '" + dir
                            + "': want a relative path without " + "hidden or '..' parts");
                }
            }
            if (nodeDatabase != null && !nodeDatabase.isBlank()) {
                Dsn.toJdbc(nodeDatabase);
            }
            BackfillerConfig.Timing timing = BackfillerConfig.Timing.DEFAULT
                    .withStallTimeout(seconds("--stall-timeout", stallTimeout))
                    .withDownloadTimeout(seconds("--download-timeout", downloadTimeout))
                    .withPassInterval(seconds("--pass-interval", passInterval));
            return BackfillerConfig.builder(base.baseDir.toAbsolutePath().normalize())
                    .channels(chans)
                    .qualities(quals)
                    .extras(extraDirs)
                    .staticNodes(PeerSources.parseStatic(staticNodes))
                    .nodeFile(nodeFile)
                    .nodeDatabase(nodeDatabase == null || nodeDatabase.isBlank() ? null : nodeDatabase)
                    .localhost(localhost == null || localhost.isBlank() ? LocalHostName.get() : localhost.trim())
                    .start(start == null || start.isBlank() ? Optional.empty() : Optional.of(StartSpec.parse(start)))
                    .deleteOld(deleteOld)
                    .downloadConcurrency(downloadConcurrency)
                    .recentCutoff(seconds("--recent-cutoff", recentCutoff))
                    .maxSegmentBytes(maxSegmentBytes)
                    .writeMode(writeMode(writeMode))
                    .timing(timing)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static WriteMode writeMode(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "direct" -> WriteMode.DIRECT;
            case "buffered" -> WriteMode.BUFFERED;
            default -> throw new IllegalArgumentException("--write-mode '" + value + "': want direct or buffered");
        };
    }

    private static Duration seconds(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a number of seconds >= 0");
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
