package org.wubloader.downloader;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.downloader.provider.Provider;
import org.wubloader.downloader.provider.TwitchEndpoints;
import org.wubloader.downloader.provider.TwitchProvider;
import org.wubloader.downloader.provider.UrlProvider;
import org.wubloader.downloader.provider.YoutubeProvider;

/**
 * Makes the provider of a channel.
 *
 * @param twitch where the twitch provider's requests go
 * @param twitchAuthToken OAuth token for twitch, or null
 * @param ytDlp the yt-dlp executable
 */
public record ProviderFactory(TwitchEndpoints twitch, String twitchAuthToken, String ytDlp) implements Providers {

    public static ProviderFactory defaults() {
        return new ProviderFactory(TwitchEndpoints.DEFAULT, null, "yt-dlp");
    }

    @Override
    public Provider create(ChannelSpec channel, Vertx vertx, HttpClient client, ClientMetrics metrics) {
        return switch (channel.type()) {
            case TWITCH -> new TwitchProvider(vertx, client, metrics, twitch, channel.name(), twitchAuthToken);
            case URL -> new UrlProvider(vertx, client, metrics, channel.url());
            case YOUTUBE -> new YoutubeProvider(vertx, ytDlp, channel.url());
        };
    }
}
