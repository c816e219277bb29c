package org.wubloader.restreamer.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.restreamer.files.Listings;

/**
 * The page's I/O: lists the base dir for {@link HomePage} (on a worker thread: it reads
 * directories) and answers the page and its script.
 */
public final class WebPages {
    private final Listings listings;
    private final Path baseDir;
    private final WebAssets assets;
    private final Buffer hlsJs;

    public WebPages(Listings listings, Path baseDir, WebAssets assets) {
        this.listings = listings;
        this.baseDir = baseDir;
        this.assets = assets;
        this.hlsJs = Buffer.buffer(assets.hlsJs());
    }

    /** Blocking: every channel directory that has quality directories, in listing (sorted) order. */
    public String home(String title) throws IOException {
        List<HomePage.Stream> streams = new ArrayList<>();
        for (String channel : listings.directories(List.of())) {
            if (channel.equals(HomePage.COVERAGE_DIR)) {
                continue;
            }
            for (String quality : listings.directories(List.of(channel))) {
                Path map = baseDir.resolve(HomePage.COVERAGE_DIR).resolve(channel + "_" + quality + "_coverage.png");
                streams.add(new HomePage.Stream(channel, quality, Files.isRegularFile(map)));
            }
        }
        return HomePage.render(title, streams);
    }

    public static void html(HttpServerResponse response, String page) {
        response.putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(page);
    }

    public void hlsJs(HttpServerResponse response) {
        response.putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=86400")
                .putHeader("X-Hls-Js-Version", assets.hlsJsVersion())
                .end(hlsJs);
    }
}
