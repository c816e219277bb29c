package org.wubloader.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's {@code nodes} table ({@code name TEXT PRIMARY KEY, url TEXT NOT NULL,
 * backfill_from BOOLEAN NOT NULL DEFAULT TRUE}): the nodes a backfiller copies from and a
 * coverage page shows.
 */
public final class NodesTable implements AutoCloseable {
    public static final String QUERY = "SELECT name, url FROM nodes WHERE backfill_from ORDER BY name";

    /** One row; the URL as written, unchecked. */
    public record Node(String name, String url) {}

    private final Database database;
    private final Duration timeout;

    /** @throws IllegalArgumentException if the DSN does not parse */
    public NodesTable(String dsn, Duration timeout, String applicationName) {
        this.database = Database.open(dsn, timeout, applicationName);
        this.timeout = timeout;
    }

    public Database database() {
        return database;
    }

    /** {@code SELECT name, url FROM nodes WHERE backfill_from}, by name. */
    public List<Node> backfillFrom() throws SQLException {
        List<Node> nodes = new ArrayList<>();
        try (Connection connection = database.connection();
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(Database.seconds(timeout));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    nodes.add(new Node(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return nodes;
    }

    @Override
    public void close() {
        database.close();
    }
}
