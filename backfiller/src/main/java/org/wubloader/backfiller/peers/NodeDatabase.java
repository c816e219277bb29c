package org.wubloader.backfiller.peers;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.db.NodesTable;

/**
 * {@code --node-database}: the peers of common's {@link NodesTable}. Its pool lives as long as
 * this source (see common's Database for why a failure does not rebuild it).
 */
public final class NodeDatabase implements PeerSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeDatabase.class);

    private final NodesTable table;

    /** @throws IllegalArgumentException if the DSN does not parse (a usage error, at startup) */
    public NodeDatabase(String dsn, Duration timeout) {
        this.table = new NodesTable(dsn, timeout, "wubloader-backfiller");
    }

    @Override
    public String describe() {
        return "node database " + table.database().describe();
    }

    @Override
    public List<Peer> fetch() throws SQLException {
        List<Peer> peers = new ArrayList<>();
        for (NodesTable.Node node : table.backfillFrom()) {
            try {
                peers.add(new Peer(node.name(), node.url()));
            } catch (IllegalArgumentException e) {
                log.warn("nodes table: skipping {}: {}", node.name(), e.getMessage());
            }
        }
        return peers;
    }

    @Override
    public void reset() {
        table.database().evictConnections();
    }

    @Override
    public void close() {
        table.close();
    }
}
