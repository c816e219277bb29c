package org.wubloader.downloader.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wubloader.downloader.hls.MasterPlaylist;
import org.wubloader.downloader.hls.Variant;

/** Choosing media playlist URLs from a master playlist. Pure. */
public final class QualitySelection {
    public static final String SOURCE = "source";
    private static final String SOURCE_MARK = "(source)";

    /**
     * @param urls quality to media playlist URL, in the order asked
     * @param warnings what looked wrong but did not stop the selection
     */
    public record Selection(Map<String, URI> urls, List<String> warnings) {
        public Selection {
            urls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urls));
            warnings = List.copyOf(warnings);
        }
    }

    private QualitySelection() {}

    /** The url provider: the first variant is {@code source}. */
    public static URI firstVariant(MasterPlaylist master, String where) {
        if (master.variants().isEmpty()) {
            throw new ProviderException("master playlist " + where + " has no variants");
        }
        return master.variants().get(0).uri();
    }

    /**
     * Twitch: a quality equal to a variant's name maps to it; {@code source} maps to the one
     * variant whose name contains {@code (source)}. Unnamed variants are skipped (the original
     * crashed on them); of variants with the same name the first wins (the original let the
     * last overwrite it). Qualities not offered are absent.
     *
     * @throws ProviderException if there are no variants, or {@code source} is asked for and
     *     not exactly one variant is marked {@code (source)}
     */
    public static Selection twitch(MasterPlaylist master, List<String> qualities) {
        if (master.variants().isEmpty()) {
            throw new ProviderException("twitch master playlist has no variants");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, URI> byName = new LinkedHashMap<>();
        List<Variant> sources = new ArrayList<>();
        for (Variant variant : master.variants()) {
            String name = variant.name();
            if (name == null) {
                warnings.add("unnamed variant " + variant.uri() + " ignored");
                continue;
            }
            if (byName.putIfAbsent(name, variant.uri()) != null) {
                warnings.add("several variants named '" + name + "'; using the first");
            }
            if (name.contains(SOURCE_MARK)) {
                sources.add(variant);
            }
        }
        Map<String, URI> out = new LinkedHashMap<>();
        for (String quality : qualities) {
            if (quality.equals(SOURCE)) {
                if (sources.size() != 1) {
                    throw new ProviderException("want exactly one variant named '(source)', found " + sources.size()
                            + " among " + byName.keySet());
                }
                out.put(SOURCE, sources.get(0).uri());
            } else if (byName.containsKey(quality)) {
                out.put(quality, byName.get(quality));
            }
        }
        return new Selection(out, warnings);
    }
}
