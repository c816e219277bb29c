package org.wubloader.backfiller.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code nodes} table's schema, shipped as {@code db/nodes.sql} (also usable by docker-entrypoint-initdb.d). */
public final class NodesSchema {
    public static final String RESOURCE = "/db/nodes.sql";

    private NodesSchema() {}

    public static String sql() {
        try (InputStream in = NodesSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
