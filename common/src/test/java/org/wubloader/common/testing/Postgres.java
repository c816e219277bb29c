package org.wubloader.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A uniquely named schema in the machine's PostgreSQL (127.0.0.1:5432, user postgres, db test)
 * for one test, reached through DSNs whose {@code options} set the search_path to it.
 */
public final class Postgres implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;

    /**
     * The {@code nodes} table as the backfiller's {@code db/nodes.sql} creates it (that file
     * lives with the backfiller, which ships it to PostgreSQL's init directory).
     */
    public static final String NODES_TABLE =
            "CREATE TABLE IF NOT EXISTS nodes (name TEXT PRIMARY KEY, url TEXT NOT NULL, "
                    + "backfill_from BOOLEAN NOT NULL DEFAULT TRUE)";

    private final String schema;

    public Postgres() throws SQLException {
        this.schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
    }

    public String schema() {
        return schema;
    }

    /** A URI DSN for {@code host:port} (e.g. a proxy) with the search path set to the schema. */
    public String uriDsn(String host, int port) {
        return "postgresql://postgres@" + host + ":" + port + "/test?options=-c%20search_path%3D" + schema;
    }

    public String uriDsn() {
        return uriDsn(HOST, PORT);
    }

    /** The same in libpq key=value form. */
    public String keyValueDsn() {
        return "host=" + HOST + " port=" + PORT + " dbname=test user=postgres options='-c search_path=" + schema + "'";
    }

    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/test", "postgres", "");
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + schema);
        }
        return c;
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + HOST + ":" + PORT + "/test", "postgres", "");
                Statement st = c.createStatement()) {
            if (!sql.startsWith("CREATE SCHEMA") && !sql.startsWith("DROP SCHEMA")) {
                st.execute("SET search_path TO " + schema);
            }
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
