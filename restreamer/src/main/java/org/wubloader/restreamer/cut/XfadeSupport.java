package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.exec.ExternalProcess;
import org.wubloader.common.exec.ProcessGroup;

/**
 * Which xfade transitions the installed ffmpeg has, asked once ({@code ffmpeg -h filter=xfade}).
 * Debian 12's ffmpeg 5.1 lacks the twelve added later ({@link Transition#NEWER_THAN_FFMPEG_5_1});
 * if ffmpeg cannot be asked, only those are assumed missing.
 */
public final class XfadeSupport {
    private static final Logger log = LoggerFactory.getLogger(XfadeSupport.class);
    private static final Pattern NAME = Pattern.compile("^\\s+(\\w+)\\s+-?\\d+\\s", Pattern.MULTILINE);
    private static volatile Set<String> available;

    private XfadeSupport() {}

    public static boolean supported(String type) {
        Set<String> names = available;
        if (names == null) {
            names = ask();
            available = names;
        }
        return names.isEmpty() ? !Transition.NEWER_THAN_FFMPEG_5_1.contains(type) : names.contains(type);
    }

    /** The transition names in ffmpeg's help for xfade (an empty set if it cannot be run). */
    static Set<String> ask() {
        try {
            byte[] out = ExternalProcess.run(
                    List.of("ffmpeg", "-hide_banner", "-h", "filter=xfade"),
                    new ProcessGroup(),
                    Duration.ofSeconds(20),
                    1 << 20);
            return parseHelp(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("Could not ask ffmpeg which xfade transitions it has: {}", e.getMessage());
            return Set.of();
        }
    }

    /** The constants listed under xfade's {@code transition} option (pure). */
    static Set<String> parseHelp(String help) {
        int from = help.indexOf("transition");
        int to = help.indexOf("duration", from);
        if (from < 0 || to < 0) {
            return Set.of();
        }
        Matcher m = NAME.matcher(help.substring(from, to));
        java.util.HashSet<String> names = new java.util.HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return Set.copyOf(names);
    }
}
