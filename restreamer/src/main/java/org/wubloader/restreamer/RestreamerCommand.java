package org.wubloader.restreamer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.db.Database;
import org.wubloader.common.process.ConfigurationException;
import org.wubloader.common.process.ServiceCommand;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.restreamer.editor.HeavyWork;
import org.wubloader.restreamer.editor.JdbcTemplateSource;
import org.wubloader.restreamer.editor.TemplateSource;
import org.wubloader.restreamer.playlist.PlaylistLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wubloader restreamer}: serves the archive over HTTP (docs/api.md §4). */
@Command(
        name = "restreamer",
        description = "HTTP API: segment listings, files, HLS playlists and cuts; /metrics on the same port.")
public final class RestreamerCommand extends ServiceCommand {
    /**
     * Not a static field: this class is initialised while logging may still be being set up on
     * another thread (Startup), and a logger obtained then is SLF4J's stand-in.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(RestreamerCommand.class);
    }

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
     * configuration keeps working. Only named thumbnail templates read it.
     */
    @Option(
            names = "--connection-string",
            defaultValue = "${env:WUBLOADER_CONNECTION_STRING}",
            description = "PostgreSQL connection string (key=value pairs or URI), as the original's compose passes it; "
                    + "used for named thumbnail templates (env WUBLOADER_CONNECTION_STRING).")
    String connectionString;

    @Option(
            names = "--playlist-renderings",
            defaultValue = "${env:WUBLOADER_PLAYLIST_RENDERINGS:-0}",
            description = "Playlists being rendered at once, each holding about 1.3 MiB; 0 = "
                    + PlaylistLimits.DEFAULT_RENDERINGS + " (default: ${DEFAULT-VALUE}).")
    int playlistRenderings;

    @Option(
            names = "--playlist-queue",
            defaultValue = "${env:WUBLOADER_PLAYLIST_QUEUE:-256}",
            description = "Playlist requests waiting for a rendering before more get 503 (default: ${DEFAULT-VALUE}).")
    int playlistQueue;

    @Option(
            names = "--playlist-retained-mib",
            defaultValue = "${env:WUBLOADER_PLAYLIST_RETAINED_MIB:-" + PlaylistLimits.DEFAULT_RETAINED_MIB + "}",
            description =
                    "MiB of playlists in progress kept whole, in all, so identical requests join them and "
                            + "the render cache gets them; beyond it a playlist holds only its window (default: ${DEFAULT-VALUE}).")
    int playlistRetainedMib;

    @Option(
            names = "--playlist-cache-mib",
            defaultValue = "${env:WUBLOADER_PLAYLIST_CACHE_MIB:-" + PlaylistLimits.DEFAULT_CACHE_MIB + "}",
            description = "MiB of native memory for rendered playlists re-sent while unchanged; 0 = no cache "
                    + "(default: ${DEFAULT-VALUE}).")
    int playlistCacheMib;

    @Option(
            names = "--idle-timeout",
            defaultValue = "${env:WUBLOADER_IDLE_TIMEOUT:-120}",
            description =
                    "Seconds a connection may stay silent before it is closed; 0 = never (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Option(
            names = "--max-heavy-jobs",
            defaultValue = "${env:WUBLOADER_MAX_HEAVY_JOBS:-0}",
            description = "CPU-heavy requests (full re-encode cuts, waveforms, frames, thumbnails) run at once; "
                    + "more get 503 with Retry-After; 0 = one per CPU, at least 2 (default: ${DEFAULT-VALUE}).")
    int maxHeavyJobs;

    @Override
    public Integer call() throws Exception {
        PlaylistLimits limits;
        try {
            limits = new PlaylistLimits(
                    playlistRenderings > 0
                            ? playlistRenderings
                            : PlaylistLimits.defaults().renderings(),
                    playlistQueue,
                    (long) playlistRetainedMib << 20,
                    (long) playlistCacheMib << 20);
        } catch (IllegalArgumentException e) {
            throw usage("--playlist-renderings/--playlist-queue/--playlist-retained-mib/--playlist-cache-mib: "
                    + e.getMessage());
        }
        // /metrics is on the API port; --metrics-port, if given, serves a second copy there.
        if (maxHeavyJobs < 0) {
            throw usage("--max-heavy-jobs must be 0 (one per CPU) or more, got " + maxHeavyJobs);
        }
        int heavyJobs = maxHeavyJobs > 0 ? maxHeavyJobs : HeavyWork.defaultLimit();
        // The database is needed only by named thumbnail templates; it is opened lazily by the pool,
        // so a database that is down does not stop the restreamer from serving everything else.
        Database database;
        try {
            database = connectionString == null || connectionString.isBlank()
                    ? null
                    : Database.open(connectionString, Duration.ofSeconds(30), "wubloader-restreamer");
        } catch (IllegalArgumentException e) {
            throw usage("--connection-string: " + e.getMessage());
        }
        TemplateSource templates = database == null ? null : new JdbcTemplateSource(database::connection);
        try (ServiceRuntime runtime = startRuntime(-1)) {
            Restreamer restreamer = new Restreamer(
                            runtime.vertx(),
                            runtime.registry(),
                            runtime.baseDir(),
                            new Restreamer.Settings(heavyJobs, templates, limits))
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
                throw new ConfigurationException(
                        "--host " + host + " --port " + port + ": cannot listen (" + e.getMessage() + ")", e);
            }
            runtime.setState(restreamer::state);
            restreamer.prewarm(prewarmHours);
            log().info("Restreamer serving {} on {}:{}", runtime.baseDir(), host, actual);
            runtime.awaitStopRequest();
            log().info("Stopping: closing the server, killing cuts in progress");
            restreamer.close();
        } finally {
            if (database != null) {
                database.close();
            }
        }
        return 0;
    }
}
