package org.wubloader.restreamer;

import org.wubloader.common.cli.CommandMain;

/** Entry point of {@code bin/wubloader restreamer}. */
public final class RestreamerMain {
    private RestreamerMain() {}

    public static void main(String[] args) {
        CommandMain.run(new RestreamerCommand(), args);
    }
}
