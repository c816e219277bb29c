package org.wubloader.downloader.provider;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.wubloader.common.http.ClientMetrics;
import org.wubloader.common.http.HttpGet;
import org.wubloader.downloader.hls.HlsParser;
import org.wubloader.downloader.hls.MasterPlaylist;
import org.wubloader.downloader.hls.PlaylistParseException;
import org.wubloader.downloader.http.Fetch;
import org.wubloader.downloader.http.Redact;

/**
 * Any HLS URL: the first variant of its master playlist is {@code source}. A URL that is
 * itself a media playlist is used as it is (the original failed on those).
 */
public final class UrlProvider implements Provider {
    private final Vertx vertx;
    private final HttpClient client;
    private final ClientMetrics metrics;
    private final URI url;

    public UrlProvider(Vertx vertx, HttpClient client, ClientMetrics metrics, URI url) {
        this.vertx = vertx;
        this.client = client;
        this.metrics = metrics;
        this.url = url;
    }

    @Override
    public ProviderLimits limits() {
        return ProviderLimits.URL;
    }

    @Override
    public Future<Map<String, URI>> fetch(List<String> qualities, Future<Void> cancel) {
        if (!qualities.equals(List.of(QualitySelection.SOURCE))) {
            return Future.failedFuture(
                    new ProviderException("the url provider only has quality 'source', asked for " + qualities));
        }
        return Fetch.get("url_master_playlist", url)
                .run(vertx, client, metrics, cancel)
                .map(text -> Map.of(QualitySelection.SOURCE, source(text)));
    }

    private static URI source(HttpGet.Fetched text) {
        String where = Redact.uri(text.finalUri());
        MasterPlaylist master;
        try {
            master = HlsParser.parseMaster(text.body(), text.finalUri());
        } catch (PlaylistParseException e) {
            if (text.body().contains("#EXTINF")) {
                return text.finalUri();
            }
            throw new ProviderException("bad master playlist " + where + ": " + e.getMessage(), e);
        }
        return QualitySelection.firstVariant(master, where);
    }
}
