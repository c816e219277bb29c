package org.wubloader.coverage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.db.NodesTable;

/**
 * The nodes the page shows, read from the node database on each page. Any failure (no DSN, the
 * database down) is logged and counted, and the page is then not rewritten: an old page with
 * every node beats a new one with none.
 */
final class NodeList implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeList.class);

    private final NodesTable table;
    private final Counter errors;

    NodeList(CoverageConfig config, MeterRegistry registry) {
        this.table = config.connectionString() == null
                ? null
                : new NodesTable(config.connectionString(), config.databaseTimeout(), "wubloader-segment-coverage");
        this.errors = Counter.builder("segment_coverage_node_list_errors")
                .description("Failed reads of the node list for the page (the page was then not rewritten)")
                .register(registry);
    }

    /** The nodes with http(s) URLs, or empty after a failure (logged and counted). */
    synchronized Optional<List<NodesTable.Node>> current() {
        if (table == null) {
            errors.increment();
            log.warn("--make-page without --connection-string: no node list, page not written");
            return Optional.empty();
        }
        try {
            List<NodesTable.Node> nodes = new ArrayList<>();
            for (NodesTable.Node node : table.backfillFrom()) {
                String url = node.url().toLowerCase(Locale.ROOT);
                if (url.startsWith("http://") || url.startsWith("https://")) {
                    nodes.add(node);
                } else {
                    log.warn("nodes table: skipping {}: URL {} is not http(s)", node.name(), node.url());
                }
            }
            log.info(
                    "Nodes from {}: {}",
                    table.database().target(),
                    nodes.stream().map(NodesTable.Node::name).toList());
            return Optional.of(nodes);
        } catch (Exception e) {
            errors.increment();
            table.database().evictConnections();
            log.warn(
                    "Could not read the node list from {}, page not rewritten: {}",
                    table.database().describe(),
                    e.toString());
            return Optional.empty();
        }
    }

    double errors() {
        return errors.count();
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
    }
}
