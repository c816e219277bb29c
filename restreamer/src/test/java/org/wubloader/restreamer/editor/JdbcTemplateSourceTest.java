package org.wubloader.restreamer.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the machine's real PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
class JdbcTemplateSourceTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private final String schema = "editor_templates_" + ProcessHandle.current().pid();

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(URL);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".templates (name TEXT PRIMARY KEY, image BYTEA NOT NULL, "
                    + "description TEXT NOT NULL DEFAULT '', attribution TEXT NOT NULL DEFAULT '', "
                    + "crop INTEGER[4] NOT NULL, location INTEGER[4] NOT NULL)");
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO " + schema + ".templates (name, image, crop, location) VALUES (?, ?, ?, ?)")) {
                p.setString(1, "banner");
                p.setBytes(2, new byte[] {1, 2, 3});
                p.setArray(3, c.createArrayOf("integer", new Integer[] {0, 0, 320, 180}));
                p.setArray(4, c.createArrayOf("integer", new Integer[] {20, 10, 180, 90}));
                p.executeUpdate();
            }
        }
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aTemplateRowIsReadWithItsBoxes() throws Exception {
        TemplateSource.Template t = new JdbcTemplateSource(this::connect).find("banner");
        assertThat(t.image()).containsExactly(1, 2, 3);
        assertThat(t.crop()).isEqualTo(new Box(0, 0, 320, 180));
        assertThat(t.location()).isEqualTo(new Box(20, 10, 180, 90));
        assertThat(new JdbcTemplateSource(this::connect).find("nope")).isNull();
    }

    @Test
    void anUnreachableDatabaseIsUnavailableNotACrash() {
        JdbcTemplateSource down = new JdbcTemplateSource(
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=2"));
        assertThatThrownBy(() -> down.find("banner"))
                .isInstanceOf(TemplateSource.UnavailableException.class)
                .hasMessageContaining("refused");
    }
}
