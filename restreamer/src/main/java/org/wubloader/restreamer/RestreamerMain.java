package org.wubloader.restreamer;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;

/** Entry point of {@code bin/wubloader restreamer}. */
public final class RestreamerMain {
    private RestreamerMain() {}

    public static void main(String[] args) {
        // Jackson databind's first ObjectMapper (~400 classes and their static set-up) is made off
        // the path to the port answering: ChatService and Replies hold one each.
        Startup.prepare("org.wubloader.restreamer.chat.ChatService", "org.wubloader.restreamer.http.Replies");
        CommandMain.run(new RestreamerCommand(), args);
    }
}
