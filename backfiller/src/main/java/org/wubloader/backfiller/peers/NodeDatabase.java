package org.wubloader.backfiller.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --node-database}: {@code SELECT name, url FROM nodes WHERE backfill_from}. The pool is
 * created lazily and thrown away on any failure ({@link #reset}), so a database that went away
 * and came back is reached through fresh connections, never through a pool full of dead ones.
 */
public final class NodeDatabase implements PeerSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeDatabase.class);
    static final String QUERY = "SELECT name, url FROM nodes WHERE backfill_from ORDER BY name";

    private final String dsn;
    private final Dsn.JdbcTarget target;
    private final Duration timeout;
    private HikariDataSource pool;

    /** @throws IllegalArgumentException if the DSN does not parse (a usage error, at startup) */
    public NodeDatabase(String dsn, Duration timeout) {
        this.dsn = dsn;
        this.target = Dsn.toJdbc(dsn);
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return "node database " + Dsn.redact(dsn);
    }

    @Override
    public synchronized List<Peer> fetch() throws SQLException {
        if (pool == null) {
            pool = newPool();
        }
        List<Peer> peers = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(seconds(timeout));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String url = rows.getString(2);
                    try {
                        peers.add(new Peer(name, url));
                    } catch (IllegalArgumentException e) {
                        log.warn("nodes table: skipping {}: {}", name, e.getMessage());
                    }
                }
            }
        }
        return peers;
    }

    private HikariDataSource newPool() {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("nodes-db");
        hc.setJdbcUrl(target.url());
        hc.setDataSourceProperties(target.toProperties());
        hc.addDataSourceProperty("connectTimeout", Integer.toString(seconds(timeout)));
        hc.addDataSourceProperty("socketTimeout", Integer.toString(seconds(timeout) * 2));
        hc.addDataSourceProperty("loginTimeout", Integer.toString(seconds(timeout)));
        if (!target.properties().containsKey("ApplicationName")) {
            hc.addDataSourceProperty("ApplicationName", "wubloader-backfiller");
        }
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        // Fail now, in this round, rather than handing out a pool that cannot connect.
        hc.setInitializationFailTimeout(Math.max(1, timeout.toMillis()));
        hc.setReadOnly(true);
        return new HikariDataSource(hc);
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    @Override
    public synchronized void reset() {
        if (pool != null) {
            HikariDataSource old = pool;
            pool = null;
            old.close();
        }
    }

    @Override
    public void close() {
        reset();
    }
}
