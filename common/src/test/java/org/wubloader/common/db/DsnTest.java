package org.wubloader.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DsnTest {
    @Test
    void uriWithEverything() {
        Dsn.JdbcTarget t =
                Dsn.toJdbc("postgresql://vst:s3cr%40t@db.example:5433/wubloader?sslmode=require&application_name=bf");
        assertThat(t.url()).isEqualTo("jdbc:postgresql://db.example:5433/wubloader");
        assertThat(t.properties())
                .isEqualTo(Map.of("user", "vst", "password", "s3cr@t", "sslmode", "require", "ApplicationName", "bf"));
        assertThat(t.toString()).doesNotContain("s3cr");
    }

    @Test
    void uriDefaultsAndShortScheme() {
        assertThat(Dsn.toJdbc("postgres://postgres@localhost/test").url())
                .isEqualTo("jdbc:postgresql://localhost:5432/test");
        Dsn.JdbcTarget t = Dsn.toJdbc("postgresql://u@h");
        assertThat(t.url()).isEqualTo("jdbc:postgresql://h:5432/u");
        assertThat(Dsn.toJdbc("postgresql://").url()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
    }

    @Test
    void uriOptionsCarryTheSearchPath() {
        Dsn.JdbcTarget t = Dsn.toJdbc("postgresql://postgres@127.0.0.1:5432/test?options=-c%20search_path%3Dbf_x");
        assertThat(t.properties()).containsEntry("options", "-c search_path=bf_x");
    }

    @Test
    void uriWithIpv6AndSeveralHosts() {
        assertThat(Dsn.toJdbc("postgresql://[::1]:6000/db").url()).isEqualTo("jdbc:postgresql://[::1]:6000/db");
        assertThat(Dsn.toJdbc("postgresql://a:1,b/db").url()).isEqualTo("jdbc:postgresql://a:1,b:5432/db");
    }

    @Test
    void keyValuePairsWithQuotesAndEscapes() {
        Dsn.JdbcTarget t = Dsn.toJdbc("host=db.example port = 5433 dbname=wub user=vst password='it\\'s a secret' "
                + "options='-c search_path=s1' connect_timeout=7");
        assertThat(t.url()).isEqualTo("jdbc:postgresql://db.example:5433/wub");
        assertThat(t.properties())
                .isEqualTo(Map.of(
                        "user",
                        "vst",
                        "password",
                        "it's a secret",
                        "options",
                        "-c search_path=s1",
                        "connectTimeout",
                        "7"));
    }

    @Test
    void keyValueDefaults() {
        assertThat(Dsn.toJdbc("user=bob").url()).isEqualTo("jdbc:postgresql://localhost:5432/bob");
        assertThat(Dsn.toJdbc("dbname='my db'").url()).isEqualTo("jdbc:postgresql://localhost:5432/my%20db");
    }

    @Test
    void jdbcUrlsPassThrough() {
        assertThat(Dsn.toJdbc("jdbc:postgresql://x/y").url()).isEqualTo("jdbc:postgresql://x/y");
    }

    @Test
    void badDsnsAreClearErrors() {
        assertThatThrownBy(() -> Dsn.toJdbc("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Dsn.toJdbc("nonsense")).hasMessageContaining("neither");
        assertThatThrownBy(() -> Dsn.toJdbc("host=x password='open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Dsn.toJdbc("host=x = y")).hasMessageContaining("bad DSN");
        assertThatThrownBy(() -> Dsn.toJdbc("postgresql://h:port/db")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> Dsn.toJdbc("postgresql://h/db?x")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> Dsn.toJdbc("postgresql://h/db%zz")).hasMessageContaining("percent");
        assertThatThrownBy(() -> Dsn.toJdbc("host=/var/run/postgresql")).hasMessageContaining("Unix-socket");
    }

    @Test
    void redactHidesPasswords() {
        assertThat(Dsn.redact("postgresql://u:pw@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(Dsn.redact("host=h password=pw user=u")).isEqualTo("host=h password=*** user=u");
        assertThat(Dsn.redact("host=h password='p w' user=u")).isEqualTo("host=h password=*** user=u");
    }
}
