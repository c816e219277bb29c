package org.wubloader.backfiller;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** {@code wubloader backfiller}: copies the segments this node lacks from its peers. */
public final class BackfillerMain {
    private BackfillerMain() {}

    public static void main(String[] args) {
        // PeerClient's classes (its HTTP options, its JSON parser factory) are ready before the first listing.
        Startup.prepare(Startup.initialising("org.wubloader.backfiller.worker.PeerClient"));
        CommandMain.run(new BackfillerCommand(), args);
    }
}
