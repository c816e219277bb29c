package org.wubloader.restreamer;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.process.ConfigurationException;
import org.wubloader.common.process.ServiceCommand;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.restreamer.playlist.PlaylistLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wubloader restreamer}: serves the archive over HTTP (SPEC §4). */
@Command(
        name = "restreamer",
        description = "HTTP API: segment listings, files, HLS playlists and cuts; /metrics on the same port.")
public final class RestreamerCommand extends ServiceCommand {
    private static final Logger log = LoggerFactory.getLogger(RestreamerCommand.class);

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
            names = "--access-log",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "${env:WUBLOADER_ACCESS_LOG:-true}",
            description = "Log one line per request (client, method, path, status, bytes, duration), as the "
                    + "original does; --access-log false turns it off (default: ${DEFAULT-VALUE}; env "
                    + "WUBLOADER_ACCESS_LOG).")
    boolean accessLog;

    /**
     * The original's docker-compose passes the database to its restreamer; accepted so that
     * configuration keeps working. No endpoint here needs the database yet.
     */
    @Option(
            names = "--connection-string",
            defaultValue = "${env:WUBLOADER_CONNECTION_STRING}",
            description = "PostgreSQL connection string, as the original's compose passes it; accepted, not used by "
                    + "any endpoint yet (env WUBLOADER_CONNECTION_STRING).")
    String connectionString;

    @Option(
            names = "--playlist-renderings",
            defaultValue = "${env:WUBLOADER_PLAYLIST_RENDERINGS:-0}",
            description = "Media playlists rendered at once; 0 = two per CPU, at least 4 (default: ${DEFAULT-VALUE}).")
    int playlistRenderings;

    @Option(
            names = "--playlist-queue",
            defaultValue = "${env:WUBLOADER_PLAYLIST_QUEUE:-64}",
            description = "Playlist requests waiting for a rendering before more get 503 (default: ${DEFAULT-VALUE}).")
    int playlistQueue;

    @Option(
            names = "--idle-timeout",
            defaultValue = "${env:WUBLOADER_IDLE_TIMEOUT:-120}",
            description = "Seconds a connection may stay silent before it is closed; 0 = never (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Override
    public Integer call() throws Exception {
        PlaylistLimits limits;
        try {
            limits = new PlaylistLimits(
                    playlistRenderings > 0 ? playlistRenderings : PlaylistLimits.defaults().renderings(), playlistQueue);
        } catch (IllegalArgumentException e) {
            throw usage("--playlist-renderings/--playlist-queue: " + e.getMessage());
        }
        // /metrics is on the API port; --metrics-port, if given, serves a second copy there.
        try (ServiceRuntime runtime = startRuntime(-1)) {
            Restreamer restreamer = new Restreamer(runtime.vertx(), runtime.registry(), runtime.baseDir(), limits)
                    .idleTimeout(idleTimeout);
            restreamer.accessLog(accessLog);
            int instances = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
            int actual;
            try {
                actual = restreamer.listen(host, port, instances).await(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                restreamer.close();
                throw e;
            } catch (Exception e) {
                restreamer.close();
                throw new ConfigurationException("--host " + host + " --port " + port + ": cannot listen ("
                        + e.getMessage() + ")", e);
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
