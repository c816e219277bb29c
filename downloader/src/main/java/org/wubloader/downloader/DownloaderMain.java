package org.wubloader.downloader;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** {@code bin/wubloader downloader}: see {@link DownloaderCommand}. */
public final class DownloaderMain {
    private DownloaderMain() {}

    public static void main(String[] args) {
        Startup.prepare();
        CommandMain.run(new DownloaderCommand(), args);
    }
}
