package org.wubloader.restreamer;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** Entry point of {@code bin/wubloader restreamer}. */
public final class RestreamerMain {
    private RestreamerMain() {}

    public static void main(String[] args) {
        Startup.prepare();
        CommandMain.run(new RestreamerCommand(), args);
    }
}
