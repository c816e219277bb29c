package org.wubloader.restreamer.web;

import java.util.List;

/**
 * The node's page ({@code GET /}), rendered from what is on disk (pure): every channel and
 * quality with a live player (hls.js on the quality's media playlist) and its coverage map,
 * which segment-coverage writes under {@code coverage-maps/} in the base dir.
 */
public final class HomePage {
    /** Where segment-coverage writes its maps by default (its --output-dir), relative to the base dir. */
    public static final String COVERAGE_DIR = "coverage-maps";

    private HomePage() {}

    /** One quality of one channel, and whether its coverage map exists yet. */
    public record Stream(String channel, String quality, boolean hasCoverageMap) {
        String playlist() {
            return "/playlist/" + channel + "/" + quality + ".m3u8";
        }

        String coverageMap() {
            return "/segments/" + COVERAGE_DIR + "/" + channel + "_" + quality + "_coverage.png";
        }
    }

    public static String render(String title, List<Stream> streams) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html lang=en><head><meta charset=utf-8>\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{background:#222;color:#eee;font-family:sans-serif;margin:1em 2em}\n")
                .append(
                        "a{color:#8cf} h2{margin-top:1.5em} .stream{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}\n")
                .append(
                        "video{width:480px;max-width:100%;background:#000} img.map{image-rendering:pixelated;height:600px;background:#fff} figure{margin:0} figcaption{color:#999;font-size:smaller}\n")
                .append(".none{color:#999}\n</style>\n")
                .append("<script src=\"")
                .append(WebAssets.HLS_JS_PATH)
                .append("\"></script>\n</head><body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        if (streams.isEmpty()) {
            html.append("<p class=none>No segments yet: this node has no channel.</p>\n");
        }
        String channel = null;
        for (Stream s : streams) {
            if (!s.channel().equals(channel)) {
                channel = s.channel();
                html.append("<h2>").append(escape(channel)).append("</h2>\n");
            }
            String id = escape(s.channel() + "/" + s.quality());
            html.append("<h3>")
                    .append(escape(s.quality()))
                    .append(" · <a href=\"")
                    .append(escape(s.playlist()))
                    .append("\">playlist</a></h3>\n<div class=stream>\n")
                    .append("<video class=player controls muted autoplay playsinline data-stream=\"")
                    .append(id)
                    .append("\" data-src=\"")
                    .append(escape(s.playlist()))
                    .append("\"></video>\n");
            if (s.hasCoverageMap()) {
                html.append("<figure><img class=map alt=\"coverage map of ")
                        .append(id)
                        .append("\" src=\"")
                        .append(escape(s.coverageMap()))
                        .append("\"><figcaption>coverage: 6 columns an hour,")
                        .append(" time runs down each column; white = missing</figcaption></figure>\n");
            } else {
                html.append("<p class=none>No coverage map yet (segment-coverage writes ")
                        .append(escape(s.coverageMap().substring("/segments/".length())))
                        .append(").</p>\n");
            }
            html.append("</div>\n");
        }
        // Players: hls.js where Media Source Extensions exist, else the browser's own HLS
        // (Safari). Maps reload every 30 s like the coverage page's (only the image, no scroll jump).
        html.append("<script>\n")
                .append("for (const v of document.querySelectorAll('video.player')) {\n")
                .append("  if (window.Hls && Hls.isSupported()) { const h = new Hls({liveSyncDurationCount: 3});")
                .append(" h.loadSource(v.dataset.src); h.attachMedia(v); v.hls = h; }\n")
                .append("  else { v.src = v.dataset.src; }\n")
                .append("}\n")
                .append("setInterval(() => { for (const i of document.querySelectorAll('img.map')) {")
                .append(" i.src = i.src.split('?')[0] + '?t=' + Date.now(); } }, 30000);\n")
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
