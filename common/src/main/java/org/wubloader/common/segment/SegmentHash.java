package org.wubloader.common.segment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 hashes in the form used in segment names: URL-safe base64 without padding.
 *
 * <p>Names keep the hash as text. Comparing two encodings sextet by sextet orders them exactly
 * like their decoded bytes (base64 is big-endian), which is how the original breaks ties, so
 * the hot path never has to decode.
 */
public final class SegmentHash {
    /**
     * The hash of the empty input, a value worth knowing when zero-byte segments show up. (The original's
     * description swaps '-' and '_' (docs/storage.md §2.1); Python's urlsafe_b64encode gives this.)
     */
    public static final String EMPTY = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] SEXTET = new byte[128];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
    }

    private SegmentHash() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }

    /** Encodes a digest as it appears in a file name. */
    public static String encode(byte[] digest) {
        return ENCODER.encodeToString(digest);
    }

    /** The name-form hash of {@code bytes}. */
    public static String of(byte[] bytes) {
        return encode(newDigest().digest(bytes));
    }

    /** Decodes a name-form hash; throws IllegalArgumentException if it is not valid base64. */
    public static byte[] decode(String text) {
        return DECODER.decode(text);
    }

    /**
     * Returns null if {@code s[from, to)} is valid unpadded URL-safe base64 (what Python's
     * {@code urlsafe_b64decode} accepts once padded), else the reason it is not.
     */
    static String invalidReason(String s, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "empty hash";
        }
        if (len % 4 == 1) {
            return "hash has an impossible base64 length " + len;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || SEXTET[c] < 0) {
                return "hash has a character outside URL-safe base64: '" + c + "'";
            }
        }
        return null;
    }

    /** Orders two name-form hashes as their decoded bytes would be ordered. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = SEXTET[a.charAt(i)] - SEXTET[b.charAt(i)];
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
