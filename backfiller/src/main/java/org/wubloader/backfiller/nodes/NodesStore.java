package org.wubloader.backfiller.nodes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.db.Dsn;

/** The operator's edits of the {@code nodes} table. One short-lived connection per command. */
final class NodesStore implements AutoCloseable {
    /** One row of the table. */
    record Node(String name, String url, boolean backfillFrom) {}

    private final Connection connection;

    NodesStore(String dsn) throws SQLException {
        Dsn.JdbcTarget target = Dsn.toJdbc(dsn);
        java.util.Properties props = target.toProperties();
        props.putIfAbsent("connectTimeout", "10");
        props.putIfAbsent("ApplicationName", "wubloader-nodes");
        this.connection = DriverManager.getConnection(target.url(), props);
    }

    /** Creates the table if missing; safe to run again. */
    void init() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(NodesSchema.sql());
        }
    }

    /** Adds the node, or updates its URL and flag if the name exists. */
    void upsert(Node node) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO nodes (name, url, backfill_from) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, backfill_from = EXCLUDED.backfill_from")) {
            st.setString(1, node.name());
            st.setString(2, node.url());
            st.setBoolean(3, node.backfillFrom());
            st.executeUpdate();
        }
    }

    /** True if a row was removed. */
    boolean remove(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM nodes WHERE name = ?")) {
            st.setString(1, name);
            return st.executeUpdate() > 0;
        }
    }

    List<Node> list() throws SQLException {
        List<Node> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rows = st.executeQuery("SELECT name, url, backfill_from FROM nodes ORDER BY name")) {
            while (rows.next()) {
                out.add(new Node(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
