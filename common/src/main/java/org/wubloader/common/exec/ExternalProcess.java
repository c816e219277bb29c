package org.wubloader.common.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way the services run a child program (ffmpeg, ffprobe, yt-dlp): a process that cannot
 * outlive its use. {@link #close} kills it and releases its pipes; {@link #kill} (a vanished
 * client, a shutdown, an expired timeout) kills it <em>and every descendant</em>, because yt-dlp
 * runs ffmpeg and a shell wrapper runs its command: killing only the direct child left those
 * grandchildren running, re-parented to init, still holding the pipe open so the reader never saw
 * end-of-file. Its stderr is drained by a small thread into a bounded tail, so a chatty child never
 * blocks on a full pipe and a failure can say why.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final int STDERR_TAIL_CHARS = 2000;
    private static final Duration DEFAULT_EXIT_WAIT = Duration.ofSeconds(30);
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final Process process;
    private final ProcessGroup group;
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stderrReader;
    private final AtomicBoolean killed = new AtomicBoolean();
    private final ScheduledFuture<?> timeout;
    private volatile boolean timedOut;

    private ExternalProcess(String what, Process process, ProcessGroup group, Duration timeout) {
        this.what = what;
        this.process = process;
        this.group = group;
        this.stderrReader = new Thread(this::drainStderr, what + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
        this.timeout = timeout == null
                ? null
                : TIMEOUTS.schedule(
                        () -> {
                            timedOut = true;
                            kill();
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** Starts {@code command} with stdin a pipe ({@link #stdin}), no timeout. */
    public static ExternalProcess start(List<String> command, ProcessGroup group) throws IOException {
        return start(command, group, true, null);
    }

    /**
     * @param pipeStdin false: stdin is /dev/null (a child that reads stdin, as yt-dlp may, gets EOF)
     * @param timeout killed with its descendants once this has passed; null = never
     */
    public static ExternalProcess start(List<String> command, ProcessGroup group, boolean pipeStdin, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!pipeStdin) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run '" + command.get(0) + "' (is it installed and on PATH?): " + e.getMessage(), e);
        }
        ExternalProcess p = new ExternalProcess(name(command.get(0)), process, group, timeout);
        group.add(p);
        return p;
    }

    /**
     * Runs {@code command} to its end (stdin /dev/null) and returns its stdout, at most
     * {@code maxOutput} bytes (more is read and dropped, so the child never blocks).
     *
     * @throws IOException if it cannot start, exits non-zero (the message carries its stderr),
     *     or outlives {@code timeout}
     */
    public static byte[] run(List<String> command, ProcessGroup group, Duration timeout, int maxOutput)
            throws IOException {
        try (ExternalProcess p = start(command, group, false, timeout)) {
            byte[] out = p.readStdout(maxOutput);
            p.awaitSuccess();
            return out;
        }
    }

    private static String name(String executable) {
        int slash = executable.lastIndexOf('/');
        return slash < 0 ? executable : executable.substring(slash + 1);
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

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Reads stdout to its end, keeping at most {@code max} bytes. */
    public byte[] readStdout(int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() < max) {
                    out.write(buf, 0, Math.min(n, max - out.size()));
                }
            }
        } catch (IOException e) {
            // killed: what was read is all there is
        }
        return out.toByteArray();
    }

    /** Waits for a normal exit; anything else is an IOException carrying the end of stderr. */
    public void awaitSuccess() throws IOException {
        awaitSuccess(DEFAULT_EXIT_WAIT);
    }

    public void awaitSuccess(Duration wait) throws IOException {
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IOException(what + " did not exit within " + wait.toSeconds() + " s");
            }
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted waiting for " + what, e);
        }
        if (timedOut) {
            throw new IOException(what + " timed out and was killed");
        }
        if (process.exitValue() != 0) {
            throw new ProcessFailedException(what, process.exitValue(), stderr().strip());
        }
    }

    public String stderr() {
        synchronized (stderrTail) {
            return stderrTail.toString();
        }
    }

    /** Whether it was killed ({@link #kill}, its group, or its timeout). */
    public boolean wasKilled() {
        return killed.get();
    }

    /**
     * Kills at once (SIGKILL) with every descendant. Descendants are listed before the parent dies:
     * once it is gone they are re-parented and no longer findable through it. A second pass
     * catches a child forked while the first was being killed.
     */
    public void kill() {
        killed.set(true);
        for (int pass = 0; pass < 2; pass++) {
            List<ProcessHandle> tree = new ArrayList<>();
            process.descendants().forEach(tree::add);
            if (pass == 0 || process.isAlive()) {
                process.destroyForcibly();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            if (tree.isEmpty()) {
                break;
            }
        }
    }

    /** Kills it (and its descendants) if still running, waits for it and closes every pipe. */
    @Override
    public void close() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        closeQuietly(process.getOutputStream());
        if (process.isAlive()) {
            kill();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
        group.remove(this);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed, or the process is gone
        }
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
