package org.wubloader.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.wubloader.common.db.NodesTable;

/**
 * The HTML page of §7: every node's map, reloaded every 30 s without a page reload (so the scroll
 * position stays), plus the cluster-wide holes computed in the browser from every node's JSON.
 * Node names and URLs come from a database operators edit: all of it is escaped (weakness 19).
 */
public final class CoveragePage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = resource("coverage-page.js");

    private CoveragePage() {}

    /** Where a node serves a file of this output directory: {@code <url>/segments/<output-dir>/<file>}. */
    public static String fileUrl(String nodeUrl, String outputDir, String file) {
        String base = nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl;
        return base + "/segments/" + outputDir + "/" + file;
    }

    public static String render(String channel, String quality, String outputDir, List<NodesTable.Node> nodes) {
        String title = channel + " " + quality;
        String prefix = channel + "_" + quality + "_coverage";
        List<NodesTable.Node> sorted =
                nodes.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append(" Segment Coverage Maps</title>\n<style>\n")
                .append("body { background: #222; margin: 1em; }\n")
                .append("h1, h3, p { color: #eee; text-align: center; font-family: sans-serif; }\n")
                .append("img.map { display: block; margin: 0 auto; }\n")
                .append(
                        "table { margin: 1em auto; border-collapse: collapse; color: #eee; font-family: sans-serif; }\n")
                .append("td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #444; text-align: left; }\n")
                .append("tr.lost td { color: #ff7f0e; }\n")
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        ArrayNode forScript = JSON.createArrayNode();
        for (NodesTable.Node node : sorted) {
            String png = fileUrl(node.url(), outputDir, prefix + ".png");
            html.append("<h3>")
                    .append(escape(node.name()))
                    .append("</h3>\n")
                    .append("<img class=\"map\" src=\"")
                    .append(escape(png))
                    .append("\" data-src=\"")
                    .append(escape(png))
                    .append("\" alt=\"")
                    .append(escape(node.name()))
                    .append("\">\n");
            forScript
                    .addObject()
                    .put("name", node.name())
                    .put("json", fileUrl(node.url(), outputDir, prefix + ".json"));
        }
        html.append("<h3>Cluster-wide holes (time no node has)</h3>\n<p id=\"cluster-note\">loading…</p>\n")
                .append("<table><thead><tr><th>hour</th><th>seconds missing</th><th>intervals (UTC)</th></tr></thead>")
                .append("<tbody id=\"cluster-rows\"></tbody></table>\n")
                .append("<script type=\"application/json\" id=\"nodes\">")
                .append(scriptJson(forScript))
                .append("</script>\n")
                .append("<script>\n")
                .append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** HTML text and attribute escaping. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** JSON safe inside a script element: no {@code </script>} or HTML comment can be spelled. */
    private static String scriptJson(ArrayNode value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = CoveragePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes to write. */
    public static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
