package org.wubloader.backfiller;

import org.wubloader.common.cli.CommandMain;

/** {@code wubloader backfiller}: copies the segments this node lacks from its peers. */
public final class BackfillerMain {
    private BackfillerMain() {}

    public static void main(String[] args) {
        CommandMain.run(new BackfillerCommand(), args);
    }
}
