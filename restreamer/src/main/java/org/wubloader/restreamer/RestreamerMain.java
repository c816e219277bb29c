package org.wubloader.restreamer;

import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.process.Startup;
import org.wubloader.restreamer.playlist.HeapReturn;
import org.wubloader.restreamer.playlist.LoopbackWarmup;

/** Entry point of {@code bin/wubloader restreamer}. */
public final class RestreamerMain {
    private RestreamerMain() {}

    public static void main(String[] args) {
        // In the order the Restreamer's construction needs them: the SecureRandom provider (the
        // prewarm token, ~17 ms), the platform MBeans (HeapReturn, ~10 ms), Jackson databind's
        // first ObjectMapper (~400 classes; ChatService and Replies hold one each).
        Startup.prepare(
                LoopbackWarmup::newToken,
                HeapReturn::enable,
                Startup.initialising("org.wubloader.restreamer.chat.ChatService"),
                Startup.initialising("org.wubloader.restreamer.http.Replies"));
        CommandMain.run(new RestreamerCommand(), args);
    }
}
