package org.wubloader.common.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How every ffmpeg command line starts, so that each prints and reads the same. */
public final class Ffmpeg {
    /**
     * ffmpeg printing errors only (no banner, no progress lines: its stderr goes to logs and
     * error messages) and never reading key presses from stdin, which is a pipe of media or
     * nothing.
     */
    public static final List<String> QUIET = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin");

    private Ffmpeg() {}

    /** {@link #QUIET} followed by {@code args}. */
    public static List<String> quiet(String... args) {
        List<String> command = new ArrayList<>(QUIET.size() + args.length);
        command.addAll(QUIET);
        command.addAll(Arrays.asList(args));
        return List.copyOf(command);
    }
}
