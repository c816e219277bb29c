package org.wubloader.restreamer;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.process.BaseOptions;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.restreamer.editor.HeavyWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wubloader restreamer}: serves the archive over HTTP (SPEC §4). */
@Command(
        name = "restreamer",
        mixinStandardHelpOptions = true,
        description = "HTTP API: segment listings, files, HLS playlists and cuts; /metrics on the same port.")
public final class RestreamerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RestreamerCommand.class);

    @Mixin
    BaseOptions base;

    @Option(
            names = "--port",
            defaultValue = "${env:WUBLOADER_PORT:-8000}",
            description = "HTTP port of the API and its /metrics (default: ${DEFAULT-VALUE}; env WUBLOADER_PORT).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "${env:WUBLOADER_HOST:-0.0.0.0}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env WUBLOADER_HOST).")
    String host;

    @Option(
            names = "--event-loops",
            defaultValue = "${env:WUBLOADER_EVENT_LOOPS:-0}",
            description = "HTTP server instances, one per event loop; 0 = one per CPU (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(
            names = "--prewarm-hours",
            defaultValue = "${env:WUBLOADER_PREWARM_HOURS:-24}",
            description = "At startup, index the last N hours of every quality in the background so the first "
                    + "playlist requests are fast; 0 = off (default: ${DEFAULT-VALUE}).")
    int prewarmHours;

    @Option(
            names = "--max-heavy-jobs",
            defaultValue = "${env:WUBLOADER_MAX_HEAVY_JOBS:-0}",
            description = "CPU-heavy requests (full re-encode cuts, waveforms, frames, thumbnails) run at once; "
                    + "more get 503 with Retry-After; 0 = one per CPU, at least 2 (default: ${DEFAULT-VALUE}).")
    int maxHeavyJobs;

    @Override
    public Integer call() throws Exception {
        // /metrics is on the API port; --metrics-port, if given, serves a second copy there.
        int metricsPort = base.metricsPort == null ? -1 : base.metricsPort;
        try (ServiceRuntime runtime = ServiceRuntime.start("restreamer", base, metricsPort)) {
            if (maxHeavyJobs < 0) {
                log.error("--max-heavy-jobs must be 0 (one per CPU) or more, got {}", maxHeavyJobs);
                return 2;
            }
            int heavyJobs = maxHeavyJobs > 0 ? maxHeavyJobs : HeavyWork.defaultLimit();
            Restreamer restreamer = new Restreamer(runtime.vertx(), runtime.registry(), runtime.baseDir(),
                    new Restreamer.Settings(heavyJobs, null));
            int instances = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
            int actual;
            try {
                actual = restreamer.listen(host, port, instances).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                restreamer.close();
                log.error("Could not listen on {}:{}: {}", host, port, e.toString());
                return 1;
            }
            runtime.setState(restreamer::state);
            restreamer.prewarm(prewarmHours);
            log.info("Restreamer serving {} on {}:{}", runtime.baseDir(), host, actual);
            runtime.awaitStopRequest();
            log.info("Stopping: closing the server, killing cuts in progress");
            restreamer.close();
        }
        return 0;
    }
}
