package org.wubloader.coverage;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** {@code wubloader segment-coverage}: measures how complete every hour is. */
public final class SegmentCoverageMain {
    private SegmentCoverageMain() {}

    public static void main(String[] args) {
        Startup.prepare();
        CommandMain.run(new SegmentCoverageCommand(), args);
    }
}
