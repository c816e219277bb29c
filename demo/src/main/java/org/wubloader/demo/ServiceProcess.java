package org.wubloader.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process with its output in a log file, stopped with SIGTERM, then SIGKILL after a grace period. */
final class ServiceProcess {
    private final String name;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new ServiceProcess(name, log, process);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Sends SIGTERM (the services' clean stop) to the process and everything it started. */
    void terminate() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Waits until {@code deadline} for the exit, then kills what is left (and its children). */
    void awaitOrKill(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS)) {
                return;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void stopAll(List<ServiceProcess> processes, Duration grace) {
        processes.forEach(ServiceProcess::terminate);
        long deadline = System.nanoTime() + grace.toNanos();
        processes.forEach(p -> p.awaitOrKill(deadline));
    }
}
