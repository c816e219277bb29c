package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.db.NodesTable;
import org.wubloader.common.testing.HeadlessChromium;
import org.wubloader.common.testing.Postgres;
import org.wubloader.common.testing.Scrape;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;

/** §7 "HTML page": nodes from the real PostgreSQL table, a real browser, real restreamers. */
class CoveragePageTest {
    private static final long H0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long S = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

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

    private Path page(Path base) {
        return base.resolve("coverage-maps/desertbus_source_coverage.html");
    }

    /** Two hours of 2 s segments, without the segments starting in [from, to) seconds into the first. */
    private static Path node(Path base, int from, int to) {
        SegmentTree t = new SegmentTree(base);
        t.run("desertbus", "source", H0, from / 2, 2.0, 50);
        t.run("desertbus", "source", H0 + to * S, (3600 - to) / 2 + 1800, 2.0, 50);
        return base;
    }

    @Test
    void thePageShowsEveryNodeEscapedAndComputesClusterHolesInTheBrowser() throws Exception {
        Path a = node(tmp.resolve("a"), 100, 200);
        Path b = node(tmp.resolve("b"), 150, 300);
        try (RestreamerProcess ra = RestreamerProcess.start(a, tmp.resolve("a.log"));
                RestreamerProcess rb = RestreamerProcess.start(b, tmp.resolve("b.log"))) {
            pg.execute("INSERT INTO nodes VALUES ('alpha', '" + ra.url() + "/', true), "
                    + "('beta <b>&\"', '" + rb.url() + "', true), ('evil', 'javascript:alert(1)', true), "
                    + "('retired', 'http://127.0.0.1:1', false)");
            Runs.once(Runs.withPage(Runs.config(a, List.of("desertbus")), pg.uriDsn()));
            Runs.once(Runs.config(b, List.of("desertbus")));

            String html = Files.readString(page(a));
            assertThat(html)
                    .contains("<title>desertbus source Segment Coverage Maps</title>")
                    .contains("<h3>beta &lt;b&gt;&amp;&quot;</h3>")
                    .doesNotContain("<b>&")
                    .doesNotContain("javascript:")
                    .doesNotContain("retired");

            // What the browser must find: Java's computation over the same two JSON files.
            List<Map<Long, ClusterHoles.NodeHour>> nodes = new ArrayList<>();
            for (Path base : List.of(a, b)) {
                nodes.add(
                        ClusterHoles.fromJson(JSON.readTree(base.resolve("coverage-maps/desertbus_source_coverage.json")
                                .toFile())));
            }
            SortedMap<Long, List<Interval>> expected = ClusterHoles.compute(nodes);
            assertThat(expected.get(H0)).containsExactly(new Interval(H0 + 150 * S, H0 + 200 * S));

            try (HeadlessChromium browser =
                    HeadlessChromium.open(ra.url() + "/segments/coverage-maps/desertbus_source_coverage.html")) {
                browser.waitFor("document.body.dataset.clusterReady === 'true'", Duration.ofSeconds(20));
                browser.waitFor(
                        "[...document.querySelectorAll('img.map')].every(i => i.complete && i.naturalWidth === 12)",
                        Duration.ofSeconds(20));
                assertThat(browser.evaluate("[...document.querySelectorAll('h3')].map(h => h.textContent)"))
                        .isEqualTo(List.of("alpha", "beta <b>&\"", "Cluster-wide holes (time no node has)"));
                assertThat(browser.evaluate("document.getElementById('cluster-note').textContent"))
                        .isEqualTo("2 of 2 nodes answered");
                List<Object> want = new ArrayList<>();
                for (Map.Entry<Long, List<Interval>> e : expected.entrySet()) {
                    List<Object> holes = new ArrayList<>();
                    for (Interval i : e.getValue()) {
                        holes.add(List.of(i.startMicros(), i.endMicros()));
                    }
                    want.add(List.of(HourNames.format(e.getKey()), e.getKey(), holes));
                }
                assertThat(browser.evaluate("window.clusterHoles")).isEqualTo(want);
                assertThat(browser.evaluate(
                                "document.querySelector('#cluster-rows tr.lost td:nth-child(2)').textContent"))
                        .isEqualTo("50.000");

                // The 30 s refresh reloads the images past the cache and keeps the scroll position.
                browser.evaluate("window.scrollTo(0, 120) || true");
                long scrolled = ((Number) browser.evaluate("window.scrollY")).longValue();
                browser.evaluate("refreshImages() || true");
                browser.waitFor(
                        "[...document.querySelectorAll('img.map')].every(i => /[?]t=\\d+$/.test(i.src) && i.complete)",
                        Duration.ofSeconds(10));
                assertThat(((Number) browser.evaluate("window.scrollY")).longValue())
                        .isEqualTo(scrolled);
                browser.evaluate("window.scrollTo(0, 0) || true");
                browser.screenshot(Path.of("target/coverage-page.png"));
                browser.evaluate("document.getElementById('cluster-note').scrollIntoView() || true");
                browser.screenshot(Path.of("target/coverage-page-cluster.png"));
            }
        }
    }

    @Test
    void anUnreachableDatabaseLeavesThePageAsItWasAndIsCounted() throws Exception {
        Path base = node(tmp.resolve("n"), 100, 200);
        Path page = page(base);
        Files.createDirectories(page.getParent());
        Files.writeString(page, "the previous page");
        Files.setLastModifiedTime(page, FileTime.fromMillis(0));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PrometheusMeterRegistry registry =
                Runs.once(Runs.withPage(Runs.config(base, List.of("desertbus")), pg.uriDsn("127.0.0.1", closed)));
        assertThat(Files.readString(page)).isEqualTo("the previous page");
        assertThat(Scrape.of(registry).sum("segment_coverage_node_list_errors_total"))
                .isEqualTo(1.0);
        assertThat(base.resolve("coverage-maps/desertbus_source_coverage.png")).exists();
    }

    @Test
    void aNodeListFromTheDatabaseIsReadThroughOnePooledConnection() throws Exception {
        Path base = node(tmp.resolve("n"), 100, 200);
        pg.execute("INSERT INTO nodes VALUES ('only', 'http://127.0.0.1:9', true)");
        CoverageConfig config = Runs.withPage(Runs.config(base, List.of("desertbus")), pg.keyValueDsn());
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        try (NodeList nodes = new NodeList(config, registry)) {
            assertThat(nodes.current()).contains(List.of(new NodesTable.Node("only", "http://127.0.0.1:9")));
            assertThat(nodes.current()).isPresent();
            assertThat(nodes.errors()).isZero();
        }
    }
}
