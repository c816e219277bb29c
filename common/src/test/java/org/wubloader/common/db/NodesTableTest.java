package org.wubloader.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.Postgres;

/** The nodes table through the shared pool, against the machine's real PostgreSQL. */
class NodesTableTest {
    private Postgres pg;

    @BeforeEach
    void setUp() throws Exception {
        pg = new Postgres();
        pg.execute(Postgres.NODES_TABLE);
    }

    @AfterEach
    void tearDown() throws Exception {
        pg.close();
    }

    @Test
    void readsTheNodesToBackfillFromByNameAndClosesItsConnections() throws Exception {
        pg.execute("INSERT INTO nodes VALUES ('b', 'http://b:8000', true), ('a', 'http://a:8000', true), "
                + "('off', 'http://off:8000', false)");
        String app = "nodes-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (NodesTable table = new NodesTable(pg.keyValueDsn(), Duration.ofSeconds(5), app)) {
            assertThat(table.backfillFrom())
                    .containsExactly(
                            new NodesTable.Node("a", "http://a:8000"), new NodesTable.Node("b", "http://b:8000"));
            assertThat(table.backfillFrom()).hasSize(2);
            assertThat(table.database().openConnections()).isLessThanOrEqualTo(1);
            assertThat(sessions(app)).isEqualTo(1);
        }
        // A closed connection's backend exits asynchronously: pg_stat_activity lags by a moment.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sessions(app)).isZero());
    }

    @Test
    void anUnreachableDatabaseFailsEachQueryWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (NodesTable table =
                new NodesTable(pg.uriDsn("127.0.0.1", closedPort), Duration.ofMillis(500), "nodes-test")) {
            assertThatThrownBy(table::backfillFrom).isInstanceOf(SQLException.class);
            assertThatThrownBy(table::backfillFrom).isInstanceOf(SQLException.class);
            table.database().evictConnections();
            assertThat(table.database().describe()).contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aBadDsnIsAUsageError() {
        assertThatThrownBy(() -> new NodesTable("nonsense", Duration.ofSeconds(1), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither");
    }

    private int sessions(String app) throws SQLException {
        try (Connection c = pg.connect();
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
