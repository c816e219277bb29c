package org.wubloader.backfiller;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** {@code wubloader backfiller}: copies the segments this node lacks from its peers. */
public final class BackfillerMain {
    private BackfillerMain() {}

    public static void main(String[] args) {
        // PeerClient's JSON mapper (Jackson databind's ~400 classes) is ready before the first listing.
        Startup.prepare(Startup.initialising("org.wubloader.backfiller.worker.PeerClient"));
        CommandMain.run(new BackfillerCommand(), args);
    }
}
