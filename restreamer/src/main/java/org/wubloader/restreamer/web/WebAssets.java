package org.wubloader.restreamer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * hls.js for the page, from the org.webjars.npm:hls.js jar on the class path (Apache-2.0; its
 * LICENSE is in the jar beside it): read once at startup and served by this node, so the page
 * never loads anything from the internet.
 */
public final class WebAssets {
    public static final String HLS_JS_PATH = "/web/hls.min.js";
    private static final String WEBJAR = "META-INF/resources/webjars/hls.js/";
    private static final String POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

    private final String hlsJsVersion;
    private final byte[] hlsJs;

    private WebAssets(String hlsJsVersion, byte[] hlsJs) {
        this.hlsJsVersion = hlsJsVersion;
        this.hlsJs = hlsJs;
    }

    public static WebAssets load() {
        ClassLoader loader = WebAssets.class.getClassLoader();
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        POM + " is not on the class path (the org.webjars.npm:hls.js jar is missing)");
            }
            pom.load(in);
            String version = pom.getProperty("version");
            String path = WEBJAR + version + "/dist/hls.min.js";
            try (InputStream js = loader.getResourceAsStream(path)) {
                if (js == null) {
                    throw new IllegalStateException(path + " is not in the hls.js webjar");
                }
                return new WebAssets(version, js.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading hls.js from its webjar", e);
        }
    }

    public String hlsJsVersion() {
        return hlsJsVersion;
    }

    public byte[] hlsJs() {
        return hlsJs;
    }
}
