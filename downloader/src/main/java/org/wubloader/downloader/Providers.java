package org.wubloader.downloader;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.downloader.provider.Provider;

/** Makes the provider of each channel ({@link ProviderFactory} in production; tests wrap it). */
@FunctionalInterface
public interface Providers {
    /** @param client the channel's pool for master fetches */
    Provider create(ChannelSpec channel, Vertx vertx, HttpClient client, ClientMetrics metrics);
}
