package org.wubloader.downloader.provider;

import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Makes a master fetch: turns a channel into a map from quality to media playlist URL.
 * Called on the channel's context; the manager applies the soft and hard timeouts.
 */
public interface Provider {

    ProviderLimits limits();

    /**
     * Fetches the URLs of {@code qualities}; qualities the stream does not offer are absent.
     *
     * @param cancel completes when the fetch is abandoned (hard timeout, shutdown): stop work
     *     and free resources (reset the request, kill the process)
     * @return fails with {@link org.wubloader.common.http.HttpClientException} of kind STATUS 404 when
     *     the stream is offline, {@link ProviderException} for a clear, expected error
     */
    Future<Map<String, URI>> fetch(List<String> qualities, Future<Void> cancel);
}
