package org.wubloader.backfiller.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.Postgres;
import picocli.CommandLine;

/** {@code wubloader nodes} against the machine's real PostgreSQL. */
class NodesCommandTest {
    private Postgres pg;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        pg = new Postgres();
    }

    @AfterEach
    void tearDown() throws Exception {
        pg.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = new CommandLine(new NodesCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void initCreatesTheTableAndIsIdempotent() throws Exception {
        assertThat(run("init", "--node-database", pg.uriDsn())).isZero();
        assertThat(run("init", "--node-database", pg.keyValueDsn())).isZero();
        try (var c = pg.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT column_name, data_type, is_nullable, column_default "
                        + "FROM information_schema.columns WHERE table_schema = '" + pg.schema()
                        + "' AND table_name = 'nodes' ORDER BY ordinal_position")) {
            StringBuilder cols = new StringBuilder();
            while (rs.next()) {
                cols.append(rs.getString(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append('\n');
            }
            assertThat(cols.toString())
                    .isEqualTo("name text NO null\nurl text NO null\nbackfill_from boolean NO true\n");
        }
    }

    @Test
    void addUpdateListAndRemoveNodes() {
        assertThat(run("init", "--node-database", pg.uriDsn())).isZero();
        assertThat(run("add", "node-b", "http://b.example:8000/", "--node-database", pg.uriDsn()))
                .isZero();
        assertThat(run("add", "node-a", "http://a.example:8000", "--no-backfill-from", "--node-database", pg.uriDsn()))
                .isZero();
        assertThat(run("list", "--node-database", pg.uriDsn())).isZero();
        assertThat(out.toString())
                .isEqualTo("node-a\thttp://a.example:8000\tfalse\nnode-b\thttp://b.example:8000\ttrue\n");

        assertThat(run("add", "node-a", "https://a2.example", "--node-database", pg.uriDsn()))
                .isZero();
        assertThat(run("list", "--node-database", pg.keyValueDsn())).isZero();
        assertThat(out.toString()).startsWith("node-a\thttps://a2.example\ttrue\n");

        assertThat(run("remove", "node-b", "--node-database", pg.uriDsn())).isZero();
        assertThat(run("remove", "node-b", "--node-database", pg.uriDsn())).isEqualTo(1);
        assertThat(err.toString()).contains("no node named node-b");
        assertThat(run("list", "--node-database", pg.uriDsn())).isZero();
        assertThat(out.toString()).isEqualTo("node-a\thttps://a2.example\ttrue\n");
    }

    @Test
    void badInputIsAUsageErrorAndDatabaseErrorsAreOneLine() {
        assertThat(run("add", "x", "not a url", "--node-database", pg.uriDsn())).isEqualTo(2);
        assertThat(run("list", "--node-database", "nonsense")).isEqualTo(2);
        assertThat(run("list")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        // No table in this schema yet.
        assertThat(run("list", "--node-database", pg.uriDsn())).isEqualTo(1);
        assertThat(err.toString()).startsWith("nodes list: database error:").doesNotContain("\tat ");
    }
}
