package org.wubloader.downloader;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.downloader.provider.QualitySelection;
import org.wubloader.downloader.stream.ChannelStatus;
import org.wubloader.downloader.stream.DownloadContext;
import org.wubloader.downloader.stream.DownloaderMetrics;
import org.wubloader.downloader.stream.StreamsManager;

/**
 * The downloader service: one streams manager per channel, each on its own Vert.x context
 * (so a channel's manager, workers and getters share one thread and need no locks).
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);
    /** Workers open up to this many connections each (docs/downloader.md §6 "Stream workers": up to 100). */
    static final int POOL_SIZE = 100;

    private final Vertx vertx;
    private final Path baseDir;
    private final List<ChannelSpec> channels;
    private final List<String> qualities;
    private final Timings timings;
    private final int playlistDebug;
    private final Providers providers;
    private final DownloaderMetrics metrics;
    private final List<Channel> running = new ArrayList<>();

    private record Channel(StreamsManager manager, Context context) {}

    /**
     * @param qualities what to fetch of twitch channels; url and youtube channels always
     *     fetch {@code source}
     */
    public Downloader(
            Vertx vertx,
            DownloaderMetrics metrics,
            Path baseDir,
            List<ChannelSpec> channels,
            List<String> qualities,
            Timings timings,
            int playlistDebug,
            Providers providers) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.channels = List.copyOf(channels);
        this.qualities = List.copyOf(qualities);
        this.timings = timings;
        this.playlistDebug = playlistDebug;
        this.providers = providers;
    }

    /** The qualities fetched for {@code channel}. */
    public List<String> qualitiesOf(ChannelSpec channel) {
        return channel.type() == ChannelSpec.ProviderType.TWITCH ? qualities : List.of(QualitySelection.SOURCE);
    }

    /** Removes stale temp files, then starts every channel. Blocking; call once. */
    public void start() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (ChannelSpec channel : channels) {
            for (String quality : qualitiesOf(channel)) {
                dirs.add(baseDir.resolve(channel.name()).resolve(quality));
            }
        }
        StaleTemps.remove(dirs, Instant.now(), timings.getter().giveUp());
        for (ChannelSpec channel : channels) {
            ChannelVerticle verticle = new ChannelVerticle(channel);
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
            running.add(new Channel(verticle.manager, verticle.context()));
        }
        log.info(
                "following {} channel(s): {}",
                channels.size(),
                channels.stream().map(ChannelSpec::name).toList());
    }

    HttpClient newClient() {
        return vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setForceSni(true)
                        .setDecompressionSupported(false))
                .with(new PoolOptions().setHttp1MaxSize(POOL_SIZE))
                .build();
    }

    /** A context per channel: deploying a verticle is the public way to get a fresh one. */
    private final class ChannelVerticle extends VerticleBase {
        private final ChannelSpec channel;
        private StreamsManager manager;

        ChannelVerticle(ChannelSpec channel) {
            this.channel = channel;
        }

        Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            HttpClient masterClient = newClient();
            DownloadContext downloads =
                    new DownloadContext(vertx, baseDir, timings, metrics, playlistDebug, Downloader.this::newClient);
            manager = new StreamsManager(
                    downloads,
                    channel,
                    providers.create(channel, vertx, masterClient, metrics.client()),
                    qualitiesOf(channel));
            manager.start();
            return Future.succeededFuture();
        }
    }

    /**
     * SIGTERM handling: stop polling at once, let running downloads go on for up to the
     * grace period, then break them off (what arrived is kept as partial, temp files go).
     * Blocking; returns when everything has stopped or {@code grace} plus a few seconds passed.
     */
    public boolean shutdown() {
        Duration grace = timings.shutdownGrace();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Channel channel : running) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            channel.context().runOnContext(v -> channel.manager().shutdown().onComplete(ar -> done.complete(null)));
            all.add(done);
        }
        CompletableFuture<Void> everything = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        if (await(everything, grace)) {
            log.info("all downloads finished");
            return true;
        }
        log.warn("downloads still running after {}; breaking them off", grace);
        for (Channel channel : running) {
            channel.context().runOnContext(v -> channel.manager().abortAll());
        }
        boolean finished = await(everything, Duration.ofSeconds(2));
        if (!finished) {
            log.warn("some downloads did not stop in time");
        }
        return finished;
    }

    private static boolean await(CompletableFuture<Void> future, Duration limit) {
        try {
            future.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Every channel and its workers, as values (asked on each channel's context, up to 2 s each);
     * a channel that does not answer in time is left out.
     */
    public List<ChannelStatus> status() {
        List<ChannelStatus> out = new ArrayList<>();
        for (Channel channel : running) {
            try {
                out.add(onContext(channel, () -> channel.manager().status()));
            } catch (Exception e) {
                log.debug("{}: no status", channel.manager().channelName(), e);
            }
        }
        return out;
    }

    /** The backdoor's {@code state}: channels, workers, getters in flight. */
    public String state() {
        StringBuilder out = new StringBuilder();
        for (Channel channel : running) {
            try {
                out.append(onContext(channel, () -> channel.manager().describe()));
            } catch (Exception e) {
                out.append(channel.manager().channelName())
                        .append(": (no answer: ")
                        .append(e)
                        .append(")\n");
            }
        }
        return out.length() == 0 ? "(no channels)\n" : out.toString();
    }

    /** A channel's manager is confined to its context: read it there. */
    private static <T> T onContext(Channel channel, Supplier<T> read) throws Exception {
        CompletableFuture<T> value = new CompletableFuture<>();
        channel.context().runOnContext(v -> {
            try {
                value.complete(read.get());
            } catch (RuntimeException e) {
                value.completeExceptionally(e);
            }
        });
        return value.get(2, TimeUnit.SECONDS);
    }
}
