package org.wubloader.restreamer.editor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Templates from the node database's {@code templates(name, image, crop, location, …)} table,
 * through any source of JDBC connections (the shared pool: {@code Database::connection}). Any
 * SQL failure is {@link TemplateSource.UnavailableException}: the request gets 503, the
 * restreamer keeps serving.
 */
public final class JdbcTemplateSource implements TemplateSource {
    /** Where connections come from; closing one gives it back. */
    @FunctionalInterface
    public interface Connections {
        Connection connection() throws SQLException;
    }

    private final Connections connections;

    public JdbcTemplateSource(Connections connections) {
        this.connections = connections;
    }

    @Override
    public Template find(String name) throws UnavailableException {
        try (Connection c = connections.connection();
                PreparedStatement q =
                        c.prepareStatement("SELECT image, crop, location FROM templates WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new Template(
                        r.getBytes("image"),
                        box(name, "crop", r.getArray("crop")),
                        box(name, "location", r.getArray("location")));
            }
        } catch (SQLException e) {
            throw new UnavailableException(
                    e.getMessage() == null
                            ? e.toString()
                            : e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    private static Box box(String template, String column, Array array) throws SQLException, UnavailableException {
        Object[] values = array == null ? null : (Object[]) array.getArray();
        if (values == null || values.length != 4) {
            throw new UnavailableException(
                    "template '" + template + "' has a malformed " + column + " (want 4 integers)", null);
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!(values[i] instanceof Number n)) {
                throw new UnavailableException("template '" + template + "' has a malformed " + column, null);
            }
            v[i] = n.intValue();
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }
}
