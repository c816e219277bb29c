package org.wubloader.downloader.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.http.HttpGet;
import org.wubloader.downloader.hls.HlsParser;
import org.wubloader.downloader.hls.MasterPlaylist;
import org.wubloader.downloader.hls.PlaylistParseException;
import org.wubloader.downloader.http.Fetch;

/**
 * Twitch: a playback access token from GQL, then the usher master playlist (docs/downloader.md §6,
 * "Twitch"). The request shapes are Twitch's web player's; change them only together with
 * the player.
 */
public final class TwitchProvider implements Provider {
    private static final Logger log = LoggerFactory.getLogger(TwitchProvider.class);
    static final String CLIENT_ID = "kimne78kx3ncx6brgo4mv6wki5h1ko";
    static final String QUERY_HASH = "ed230aa1e33e07eebb8928504583da78a5173989fadfb1ac94be06a04f3cdbe9";
    private static final String PLAYER_ORIGIN = "https://player.twitch.tv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpClient client;
    private final ClientMetrics metrics;
    private final TwitchEndpoints endpoints;
    private final String channel;
    private final String authToken;

    /** @param authToken OAuth token (an account that avoids ads), or null */
    public TwitchProvider(
            Vertx vertx,
            HttpClient client,
            ClientMetrics metrics,
            TwitchEndpoints endpoints,
            String channel,
            String authToken) {
        this.vertx = vertx;
        this.client = client;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.channel = channel;
        this.authToken = authToken;
    }

    @Override
    public ProviderLimits limits() {
        return ProviderLimits.TWITCH;
    }

    @Override
    public Future<Map<String, URI>> fetch(List<String> qualities, Future<Void> cancel) {
        return accessToken(cancel)
                .compose(token -> Fetch.get("twitch_get_master_playlist", usherUri(token))
                        .withHeaders(playerHeaders())
                        .run(vertx, client, metrics, cancel))
                .map(text -> select(text, qualities));
    }

    private Future<Token> accessToken(Future<Void> cancel) {
        MultiMap headers =
                MultiMap.caseInsensitiveMultiMap().add("Client-ID", CLIENT_ID).add("Content-Type", "application/json");
        if (authToken != null) {
            headers.add("Authorization", "OAuth " + authToken);
        }
        return Fetch.post("twitch_get_access_token", endpoints.gql(), Buffer.buffer(accessTokenQuery(channel)))
                .withHeaders(headers)
                .run(vertx, client, metrics, cancel)
                .map(text -> parseToken(text.body()));
    }

    /** The persisted GQL query body. */
    static String accessTokenQuery(String channel) {
        ObjectNode body = JSON.createObjectNode();
        body.put("operationName", "PlaybackAccessToken");
        ObjectNode persisted = body.putObject("extensions").putObject("persistedQuery");
        persisted.put("version", 1);
        persisted.put("sha256Hash", QUERY_HASH);
        ObjectNode variables = body.putObject("variables");
        variables.put("isLive", true);
        variables.put("login", channel);
        variables.put("isVod", false);
        variables.put("vodID", "");
        variables.put("playerType", "embed");
        variables.put("platform", "site");
        return body.toString();
    }

    record Token(String signature, String value) {}

    static Token parseToken(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ProviderException("twitch access token response is not JSON: " + abbreviate(body));
        }
        JsonNode token = root.path("data").path("streamPlaybackAccessToken");
        JsonNode signature = token.path("signature");
        JsonNode value = token.path("value");
        if (!signature.isTextual() || !value.isTextual()) {
            throw new ProviderException(
                    "no playback access token in twitch response (unknown channel?): " + abbreviate(body));
        }
        return new Token(signature.asText(), value.asText());
    }

    URI usherUri(Token token) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("player", "twitchweb");
        query.put("p", Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000)));
        query.put("type", "any");
        query.put("allow_source", "true");
        query.put("allow_audio_only", "true");
        query.put("allow_spectre", "false");
        query.put("fast_bread", "true");
        // h265 is needed for 2K/4K sources.
        query.put("supported_codecs", "av1,h265,h264");
        query.put("sig", token.signature());
        query.put("token", token.value());
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = endpoints.usher().toString();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                + ".m3u8?" + encoded);
    }

    private static MultiMap playerHeaders() {
        return MultiMap.caseInsensitiveMultiMap().add("referer", PLAYER_ORIGIN).add("origin", PLAYER_ORIGIN);
    }

    private Map<String, URI> select(HttpGet.Fetched text, List<String> qualities) {
        MasterPlaylist master;
        try {
            master = HlsParser.parseMaster(text.body(), text.finalUri());
        } catch (PlaylistParseException e) {
            throw new ProviderException("bad twitch master playlist for " + channel + ": " + e.getMessage(), e);
        }
        QualitySelection.Selection selection = QualitySelection.twitch(master, qualities);
        for (String warning : selection.warnings()) {
            log.warn("{}: master playlist: {}", channel, warning);
        }
        return selection.urls();
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
