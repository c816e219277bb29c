package org.wubloader.common.exec;

import java.io.IOException;

/** A child process exited with a non-zero status; carries the end of its stderr. */
public final class ProcessFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int exitValue;
    private final String stderr;

    public ProcessFailedException(String what, int exitValue, String stderr) {
        super(what + " failed (exit " + exitValue + ")" + (stderr.isEmpty() ? "" : ": " + stderr));
        this.exitValue = exitValue;
        this.stderr = stderr;
    }

    public int exitValue() {
        return exitValue;
    }

    public String stderr() {
        return stderr;
    }
}
