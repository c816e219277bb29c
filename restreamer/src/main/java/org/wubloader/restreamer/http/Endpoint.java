package org.wubloader.restreamer.http;

/**
 * The API's endpoints. {@link #label} is the {@code endpoint} label of the HTTP metrics: the
 * original's Flask view names, so existing dashboards keep working.
 */
public enum Endpoint {
    METRICS("metrics"),
    LIST_CHANNELS("list_channels"),
    LIST_QUALITIES("list_qualities"),
    LIST_HOURS("list_hours"),
    LIST_SEGMENTS("list_segments"),
    LIST_EXTRAS("list_extras"),
    GET_FILE("get_file"),
    MASTER_PLAYLIST("generate_master_playlist"),
    MEDIA_PLAYLIST("generate_media_playlist"),
    CUT("cut"),
    // editor endpoints (docs/api.md §4.7): names as the original's views
    WAVEFORM("generate_waveform"),
    FRAME("get_frame"),
    THUMBNAIL("get_thumbnail"),
    CHAT("get_chat_messages"),
    GENERATE_VIDEOS("generate_videos"),
    HEALTHZ("healthz"),
    READYZ("readyz"),
    HOME_PAGE("home_page"),
    WEB_ASSET("web_asset"),
    NOT_FOUND("not_found");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
