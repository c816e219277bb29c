package org.wubloader.downloader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.wubloader.common.storage.PathPart;

/**
 * One positional argument of the downloader: {@code CHANNEL[!][:TYPE:URL]}.
 *
 * <p>Without a colon the argument is a twitch channel. Otherwise it splits at the first two
 * colons into channel, type and URL, so the URL keeps its own colons ({@code https://…}).
 * Trailing {@code !} characters mark the channel as important (a 5 s instead of 20 s
 * minimum master-fetch interval) and are removed from the name, which becomes the first
 * directory level.
 *
 * @param name the channel name, the first directory level under the base directory
 * @param important whether the name had trailing {@code !}
 * @param type the provider
 * @param url the master playlist URL (url, youtube); null for twitch
 */
public record ChannelSpec(String name, boolean important, ProviderType type, URI url) {

    /** Where a channel's master playlist comes from. */
    public enum ProviderType {
        TWITCH,
        URL,
        YOUTUBE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChannelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type != ProviderType.TWITCH) {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Parses one argument.
     *
     * @throws IllegalArgumentException with a one-line reason naming the argument
     */
    public static ChannelSpec parse(String arg) {
        int first = arg.indexOf(':');
        String rawName = first < 0 ? arg : arg.substring(0, first);
        String name = stripBangs(rawName);
        boolean important = name.length() != rawName.length();
        PathPart.Problem problem = PathPart.problem(name);
        if (problem != null) {
            // The name becomes the first directory level: common's one part rule.
            throw bad(arg, "the channel name " + problem.reason());
        }
        if (first < 0) {
            return new ChannelSpec(name, important, ProviderType.TWITCH, null);
        }
        int second = arg.indexOf(':', first + 1);
        if (second < 0) {
            throw bad(arg, "a single colon; want CHANNEL, or CHANNEL:TYPE:URL with TYPE twitch, url or youtube");
        }
        String typeText = arg.substring(first + 1, second);
        ProviderType type = switch (typeText) {
            case "twitch" -> ProviderType.TWITCH;
            case "url" -> ProviderType.URL;
            case "youtube" -> ProviderType.YOUTUBE;
            default -> throw bad(arg, "unknown type '" + typeText + "'; want twitch, url or youtube");
        };
        if (type == ProviderType.TWITCH) {
            // As the original: a twitch channel's URL is ignored, the channel name says it all.
            return new ChannelSpec(name, important, type, null);
        }
        String urlText = arg.substring(second + 1);
        if (urlText.isEmpty()) {
            throw bad(arg, "type " + typeText + " needs a URL");
        }
        URI url;
        try {
            url = new URI(urlText);
        } catch (URISyntaxException e) {
            throw bad(arg, "bad URL: " + e.getMessage());
        }
        if (type == ProviderType.URL && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw bad(arg, "the URL must be http:// or https://");
        }
        return new ChannelSpec(name, important, type, url);
    }

    private static String stripBangs(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '!') {
            end--;
        }
        return s.substring(0, end);
    }

    private static IllegalArgumentException bad(String arg, String reason) {
        return new IllegalArgumentException("bad channel argument '" + arg + "': " + reason);
    }
}
