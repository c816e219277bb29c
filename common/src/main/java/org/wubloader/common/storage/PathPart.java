package org.wubloader.common.storage;

/**
 * The one rule for a name that becomes a path part under the base directory: a channel or quality
 * named on a command line, a file name in a peer's listing, a part of a request path, a video name.
 *
 * <p>A safe part is non-empty, does not start with {@code .} (so neither {@code .}, {@code ..} nor a
 * hidden file), and holds no {@code /}, no {@code \} (a separator on Windows peers and in the
 * original's own checks) and no NUL (which the JDK refuses in a path, so it would surface as an
 * exception instead of a refusal). Whatever passes is safe to hand to {@code Path.resolve} one level
 * at a time; symlinks are the business of {@link InsideBase}.
 */
public final class PathPart {
    private PathPart() {}

    /** Why a part is refused; callers map each to their own error (a 404 for an empty URL part). */
    public enum Problem {
        EMPTY("is empty"),
        HIDDEN("is hidden (starts with '.')"),
        SEPARATOR("contains '/', '\\' or NUL");

        private final String reason;

        Problem(String reason) {
            this.reason = reason;
        }

        /** One line, for an error message: {@code "is empty"}. */
        public String reason() {
            return reason;
        }
    }

    /** The rule's verdict on one part: null when it is safe. */
    public static Problem problem(String part) {
        if (part == null || part.isEmpty()) {
            return Problem.EMPTY;
        }
        if (part.charAt(0) == '.') {
            return Problem.HIDDEN;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                return Problem.SEPARATOR;
            }
        }
        return null;
    }

    /** A bare name that cannot escape its directory or hide itself. */
    public static boolean isSafe(String part) {
        return problem(part) == null;
    }

    /** {@code a/b/c}: relative, every {@code /}-separated part {@linkplain #isSafe safe}. */
    public static boolean isSafeRelative(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (!isSafe(part)) {
                return false;
            }
        }
        return true;
    }
}
