package org.wubloader.common.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one reading of a list option ({@code --qualities}, {@code --extras}, {@code --static-nodes},
 * {@code WUBLOADER_CHANNELS}): split on commas and whitespace, empty items dropped, duplicates
 * dropped, first order kept.
 *
 * <p>Why every service reads it the same: docker-compose hands one {@code WUBLOADER_QUALITIES} to
 * the downloader, the backfiller and segment-coverage. When the downloader alone kept
 * {@code "source, 480p"}'s space, it downloaded into a {@code " 480p"} directory that the other two
 * never looked at.
 */
public final class ListOption {
    private ListOption() {}

    /** One option value; null or blank is the empty list. */
    public static List<String> split(String value) {
        return value == null ? List.of() : split(List.of(value));
    }

    /** A repeated option's values (or picocli's comma-split pieces), each split again and merged. */
    public static List<String> split(Collection<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String item : value.split("[,\\s]+")) {
                    if (!item.isEmpty()) {
                        out.add(item);
                    }
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
