package org.wubloader.restreamer.editor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.wubloader.restreamer.http.HttpError;

/** The size of a PNG from its signature and IHDR chunk (pure); anything else is not a PNG. */
public record PngImage(int width, int height) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** @throws HttpError 400 if {@code data} does not start like a PNG */
    public static PngImage read(byte[] data, String what) {
        if (data.length < 24
                || !Arrays.equals(data, 0, 8, SIGNATURE, 0, 8)
                || !"IHDR".equals(new String(data, 12, 4, StandardCharsets.US_ASCII))) {
            throw HttpError.badRequest(what + " is not a PNG image");
        }
        int width = readInt(data, 16);
        int height = readInt(data, 20);
        if (width <= 0 || height <= 0) {
            throw HttpError.badRequest(what + " is not a valid PNG image (size " + width + "x" + height + ")");
        }
        return new PngImage(width, height);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
