package org.wubloader.restreamer.http;

import org.wubloader.common.http.UrlPaths;
import org.wubloader.common.storage.PathPart;

/**
 * Decodes request path parts and applies the path rules of docs/api.md §4.1, as HTTP errors.
 *
 * <p>{@link Routes} splits on the raw path, before percent-decoding, so {@code %2f} can never create
 * a new path level; a decoded part is then held to common's one part rule ({@link PathPart}): an
 * empty part is a 404, a part starting with {@code .} (hidden files, {@code .} and {@code ..},
 * however encoded) or holding {@code /}, {@code \} or NUL a 403. Symlinks are dealt with later, by
 * resolving the real path ({@code files.SafeResolver}).
 */
public final class PathParts {
    private PathParts() {}

    /** Applies the part rule to one decoded part; returns it. */
    public static String checkPart(String part) {
        PathPart.Problem problem = PathPart.problem(part);
        if (problem == null) {
            return part;
        }
        throw switch (problem) {
            case EMPTY -> HttpError.notFound("empty path part");
            case HIDDEN -> HttpError.forbidden("path parts may not start with '.'");
            case SEPARATOR -> HttpError.forbidden("forbidden character in path");
        };
    }

    /** Strict RFC 3986 percent-decoding as UTF-8 ({@link UrlPaths#decodePart}); a 400 when it fails. */
    public static String decode(String raw) {
        try {
            return UrlPaths.decodePart(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage() + " in path");
        }
    }

    /** Percent-encodes one path part for a URL (the one rule in common). */
    public static String encode(String part) {
        return UrlPaths.encodePart(part);
    }

    public static boolean unreserved(char c) {
        return UrlPaths.unreserved(c);
    }
}
