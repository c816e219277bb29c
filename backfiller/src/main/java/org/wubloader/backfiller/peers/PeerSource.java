package org.wubloader.backfiller.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One place peers come from (docs/backfill.md §5.1). {@link #fetch} may block; only {@link PeerDirectory} calls it. */
public interface PeerSource {
    String describe();

    /** The peers this source names right now. */
    List<Peer> fetch() throws Exception;

    /** Throws away connections after a failure, so the next fetch starts fresh. */
    default void reset() {}

    /** {@code --static-nodes}. */
    record Static(List<Peer> peers) implements PeerSource {
        public Static {
            peers = List.copyOf(peers);
        }

        @Override
        public String describe() {
            return "--static-nodes";
        }

        @Override
        public List<Peer> fetch() {
            return peers;
        }
    }

    /** {@code --node-file}, re-read every round so operators can edit it in place. */
    record NodeFile(Path path) implements PeerSource {
        private static final Logger log = LoggerFactory.getLogger(NodeFile.class);

        @Override
        public String describe() {
            return "node file " + path;
        }

        @Override
        public List<Peer> fetch() throws IOException {
            PeerSources.Parsed parsed = PeerSources.parseNodeFile(Files.readAllLines(path, StandardCharsets.UTF_8));
            for (String problem : parsed.problems()) {
                log.warn("{}: {}", path, problem);
            }
            return parsed.peers();
        }
    }
}
