package org.wubloader.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The project's one way to reach PostgreSQL: a DSN as operators write it for the original
 * ({@link Dsn}) and a HikariCP pool, read-only, autocommit, serializable, as the original's
 * connections were.
 *
 * <p>One pool lives as long as the process. The backfiller used to throw its pool away after
 * every failure and build a new one; that is not what HikariCP is for: it already checks a
 * connection that sat idle before handing it out, evicts any connection that failed with a
 * connection-class SQLState (a database restart, a dropped TCP connection), and opens fresh
 * ones on demand. Rebuilding the pool only added start-up threads and a full connect on every
 * round. After a failure of unknown kind callers may {@link #evictConnections()}, which marks the
 * pooled connections for closing without tearing the pool down. A pool of one connection is
 * enough: each service runs one short query every few minutes, one at a time.
 *
 * <p>The pool never connects at creation ({@code initializationFailTimeout = -1}): a database
 * that is down at start-up is a failure of the first query, logged and counted by the caller,
 * not a failure to start.
 */
public final class Database implements AutoCloseable {
    private final String dsn;
    private final HikariDataSource pool;

    private Database(String dsn, HikariDataSource pool) {
        this.dsn = dsn;
        this.pool = pool;
    }

    /**
     * A pool for {@code dsn}; connects lazily.
     *
     * @param timeout connect, login and query timeout (the original's page used 30 s)
     * @param applicationName shown in {@code pg_stat_activity} unless the DSN sets one
     * @throws IllegalArgumentException if the DSN does not parse (a usage error)
     */
    public static Database open(String dsn, Duration timeout, String applicationName) {
        Dsn.JdbcTarget target = Dsn.toJdbc(dsn);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(applicationName + "-db");
        hc.setJdbcUrl(target.url());
        hc.setDataSourceProperties(target.toProperties());
        int seconds = seconds(timeout);
        hc.addDataSourceProperty("connectTimeout", Integer.toString(seconds));
        hc.addDataSourceProperty("loginTimeout", Integer.toString(seconds));
        hc.addDataSourceProperty("socketTimeout", Integer.toString(seconds * 2));
        if (!target.properties().containsKey("ApplicationName")) {
            hc.addDataSourceProperty("ApplicationName", applicationName);
        }
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        hc.setInitializationFailTimeout(-1);
        hc.setAutoCommit(true);
        hc.setReadOnly(true);
        hc.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        return new Database(dsn, new HikariDataSource(hc));
    }

    /** A pooled connection; closing it returns it to the pool. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes idle connections now and busy ones when returned; the pool stays. */
    public void evictConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    /** The DSN with any password blanked. */
    public String describe() {
        return Dsn.redact(dsn);
    }

    /** Where it connects (JDBC URL, no password), for logs. */
    public String target() {
        return pool.getJdbcUrl();
    }

    /** Open connections (tests check that nothing leaks). */
    public int openConnections() {
        return pool.getHikariPoolMXBean() == null
                ? 0
                : pool.getHikariPoolMXBean().getTotalConnections();
    }

    static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    @Override
    public void close() {
        pool.close();
    }
}
