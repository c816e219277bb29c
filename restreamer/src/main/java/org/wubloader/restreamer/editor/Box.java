package org.wubloader.restreamer.editor;

import org.wubloader.restreamer.http.HttpError;

/** A pixel box {@code left,top,right,bottom} (right and bottom exclusive) of a thumbnail (pure). */
public record Box(int left, int top, int right, int bottom) {
    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    /** Parses {@code L,T,R,B}; 400 unless four integers with right > left and bottom > top. */
    public static Box parse(String name, String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 4) {
            throw HttpError.badRequest("bad " + name + " '" + value + "': want left,top,right,bottom");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("bad " + name + " '" + value + "': '" + parts[i] + "' is not an integer");
            }
        }
        Box box = new Box(v[0], v[1], v[2], v[3]);
        if (box.right <= box.left || box.bottom <= box.top) {
            throw HttpError.badRequest("bad " + name + " '" + value + "': right must be > left and bottom > top");
        }
        return box;
    }

    /** 400 unless the box lies inside a {@code width}×{@code height} image. */
    public void requireInside(String name, int width, int height, String image) {
        if (left < 0 || top < 0 || right > width || bottom > height) {
            throw HttpError.badRequest(
                    name + " box " + this + " lies outside the " + image + " (" + width + "x" + height + ")");
        }
    }

    @Override
    public String toString() {
        return left + "," + top + "," + right + "," + bottom;
    }
}
