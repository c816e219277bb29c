package org.wubloader.downloader.provider;

import java.net.URI;
import java.util.Objects;

/**
 * Where the twitch provider sends its two requests. Configurable so tests (and any future
 * endpoint move) can point elsewhere; Twitch itself is not reachable from the test machines.
 *
 * @param gql the GraphQL endpoint that issues playback access tokens
 * @param usher the master playlist base; {@code CHANNEL.m3u8} is appended
 */
public record TwitchEndpoints(URI gql, URI usher) {
    public static final TwitchEndpoints DEFAULT = new TwitchEndpoints(
            URI.create("https://gql.twitch.tv/gql"), URI.create("https://usher.ttvnw.net/api/channel/hls/"));

    public TwitchEndpoints {
        Objects.requireNonNull(gql, "gql");
        Objects.requireNonNull(usher, "usher");
    }
}
