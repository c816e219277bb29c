package org.wubloader.restreamer.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.wubloader.common.http.UrlPaths;

/**
 * Decodes request path parts and applies the path rules of SPEC §4.1.
 *
 * <p>{@link Routes} splits on the raw path, before percent-decoding, so {@code %2f} can never create
 * a new path level; a decoded part that contains {@code /}, {@code \}, or NUL is refused outright, as
 * is any part starting with {@code .} (hidden files, {@code .} and {@code ..}, however encoded).
 * Whatever passes is safe to hand to {@code Path.resolve} one level at a time; symlinks are dealt
 * with later, by resolving the real path ({@code files.SafeResolver}).
 */
public final class PathParts {
    private PathParts() {}

    /** Applies the part rules to one decoded part; returns it. */
    public static String checkPart(String part) {
        if (part.isEmpty()) {
            throw HttpError.notFound("empty path part");
        }
        if (part.charAt(0) == '.') {
            throw HttpError.forbidden("path parts may not start with '.'");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                throw HttpError.forbidden("forbidden character in path");
            }
        }
        return part;
    }

    /** Strict RFC 3986 percent-decoding as UTF-8 ({@code +} stays a plus in paths). */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw HttpError.badRequest("bad percent-encoding in path");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw HttpError.badRequest("bad percent-encoding in path");
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("path is not valid UTF-8");
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
