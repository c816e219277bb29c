package org.wubloader.restreamer.http;

import java.io.IOException;

/** The client closed the connection: stop producing, clean up, log at most at debug level. */
public final class ClientGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    public ClientGoneException() {
        super("client disconnected", null);
    }
}
