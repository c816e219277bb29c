package org.wubloader.restreamer.cut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An ffmpeg/ffprobe child process that cannot outlive its use: {@link #close} kills it and waits,
 * and every live one is in a registry so a shutdown or a vanished client can kill it at once.
 * Its stderr is drained by a small thread into a bounded tail, both so a chatty ffmpeg never
 * blocks on a full pipe and so a failure can say why.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final int STDERR_TAIL_CHARS = 2000;
    private static final long EXIT_WAIT_SECONDS = 30;

    private final String what;
    private final Process process;
    private final Set<ExternalProcess> registry;
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stderrReader;

    private ExternalProcess(String what, Process process, Set<ExternalProcess> registry) {
        this.what = what;
        this.process = process;
        this.registry = registry;
        this.stderrReader = new Thread(this::drainStderr, what + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /** A registry of live processes (one per service). */
    public static Set<ExternalProcess> newRegistry() {
        return ConcurrentHashMap.newKeySet();
    }

    public static ExternalProcess start(List<String> command, Set<ExternalProcess> registry) throws IOException {
        Process process = new ProcessBuilder(command).start();
        ExternalProcess p = new ExternalProcess(command.get(0), process, registry);
        registry.add(p);
        return p;
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a normal exit; anything else is an IOException carrying the end of stderr. */
    public void awaitSuccess() throws IOException {
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(what + " did not exit");
            }
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + process.exitValue() + "): " + stderr().strip());
        }
    }

    public String stderr() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    /** Kills at once (SIGKILL): used when the client is gone, nothing of the output matters. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed or the process is gone
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            process.getInputStream().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // nothing left to read
        }
        registry.remove(this);
    }

    private void drainStderr() {
        byte[] buf = new byte[4096];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL_CHARS) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
