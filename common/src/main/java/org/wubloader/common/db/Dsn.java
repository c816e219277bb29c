package org.wubloader.common.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.wubloader.common.http.UrlPaths;

/**
 * PostgreSQL connection strings as operators write them for the original (libpq): a
 * {@code postgresql://user:pass@host:port/db?key=value} URI or {@code key=value} pairs, turned
 * into a JDBC URL plus properties. A {@code jdbc:postgresql:} URL is passed through.
 */
public final class Dsn {
    private Dsn() {}

    /** Where and how to connect. {@code properties} never contains the password in {@link #toString()}. */
    public record JdbcTarget(String url, Map<String, String> properties) {
        public JdbcTarget {
            properties = Map.copyOf(properties);
        }

        public Properties toProperties() {
            Properties p = new Properties();
            p.putAll(properties);
            return p;
        }

        @Override
        public String toString() {
            Map<String, String> shown = new LinkedHashMap<>(properties);
            shown.computeIfPresent("password", (k, v) -> "***");
            return url + " " + shown;
        }
    }

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> RENAMED = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");

    /**
     * Converts a DSN.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static JdbcTarget toJdbc(String dsn) {
        if (dsn == null || dsn.isBlank()) {
            throw new IllegalArgumentException("empty database DSN");
        }
        String s = dsn.trim();
        if (s.startsWith("jdbc:postgresql:")) {
            return new JdbcTarget(s, Map.of());
        }
        Map<String, String> params;
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            params = parseUri(s);
        } else if (s.contains("=")) {
            params = parseKeyValues(s);
        } else {
            throw new IllegalArgumentException("DSN is neither a postgresql:// URI nor key=value pairs: " + redact(s));
        }
        return build(params);
    }

    private static JdbcTarget build(Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>(params);
        List<String> hosts = splitList(p.remove("host"));
        String hostaddr = p.remove("hostaddr");
        if (hosts.isEmpty() && hostaddr != null) {
            hosts = splitList(hostaddr);
        }
        if (hosts.isEmpty()) {
            hosts = List.of("localhost");
        }
        List<String> ports = splitList(p.remove("port"));
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            if (host.startsWith("/")) {
                throw new IllegalArgumentException("Unix-socket hosts are not supported by JDBC: " + host);
            }
            String port = ports.isEmpty() ? "5432" : ports.get(Math.min(i, ports.size() - 1));
            if (!port.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("bad port '" + port + "' in DSN");
            }
            if (i > 0) {
                url.append(',');
            }
            url.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    .append(':')
                    .append(port);
        }
        String db = p.remove("dbname");
        if (db == null || db.isEmpty()) {
            db = p.getOrDefault("user", "postgres");
        }
        url.append('/').append(URLEncoder.encode(db, StandardCharsets.UTF_8).replace("+", "%20"));
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            props.put(RENAMED.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        return new JdbcTarget(url.toString(), props);
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** {@code postgresql://[user[:password]@][host[:port][,…]][/dbname][?key=value&…]}. */
    static Map<String, String> parseUri(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        String rest = s.substring(s.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        if (slash >= 0 && slash + 1 < rest.length()) {
            out.put("dbname", percentDecode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!user.isEmpty()) {
                out.put("user", percentDecode(user));
            }
            if (colon >= 0) {
                out.put("password", percentDecode(userInfo.substring(colon + 1)));
            }
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            if (hostPort.isEmpty()) {
                continue;
            }
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in DSN host " + hostPort);
                }
                host = hostPort.substring(1, close);
                if (hostPort.length() > close + 1) {
                    if (hostPort.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("bad DSN host " + hostPort);
                    }
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.indexOf(':');
                host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
                port = colon >= 0 ? hostPort.substring(colon + 1) : null;
            }
            hosts.add(percentDecode(host));
            ports.add(port == null || port.isEmpty() ? "5432" : port);
        }
        if (!hosts.isEmpty()) {
            out.put("host", String.join(",", hosts));
            out.put("port", String.join(",", ports));
        }
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("bad DSN parameter '" + pair + "', want key=value");
                }
                out.put(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    /** libpq's {@code key = value …}; values may be single-quoted with backslash escapes. */
    static Map<String, String> parseKeyValues(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (key.isEmpty() || i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("bad DSN near '" + key + "': want key=value pairs");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value for '" + key + "' in DSN");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            }
            out.put(key, value.toString());
        }
    }

    private static String percentDecode(String s) {
        try {
            return UrlPaths.decodePart(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in DSN");
        }
    }

    /** The DSN with any password blanked, for error messages and logs. */
    public static String redact(String dsn) {
        if (dsn == null) {
            return "";
        }
        return dsn.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(password\\s*=\\s*)('[^']*'|\\S+)", "$1***");
    }
}
