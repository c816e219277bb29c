package org.wubloader.downloader;

import org.wubloader.common.cli.CommandMain;

/** {@code bin/wubloader downloader}: see {@link DownloaderCommand}. */
public final class DownloaderMain {
    private DownloaderMain() {}

    public static void main(String[] args) {
        CommandMain.run(new DownloaderCommand(), args);
    }
}
