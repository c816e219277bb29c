package org.wubloader.restreamer.editor;

/**
 * Where {@code GET /thumbnail} finds its templates: the {@code templates} table of the node
 * database ({@code name, image, crop, location}). An interface so the endpoint does not depend on
 * how the database is reached.
 */
public interface TemplateSource {
    /** One template row. */
    record Template(byte[] image, Box crop, Box location) {}

    /** Thrown when the database cannot answer (down, frozen): a 503 with its reason. */
    final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The template named {@code name}, or null if there is none. */
    Template find(String name) throws UnavailableException;
}
