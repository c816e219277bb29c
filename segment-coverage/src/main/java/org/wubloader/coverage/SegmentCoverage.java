package org.wubloader.coverage;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.retry.Jitter;

/**
 * The service: one checker thread per channel. A pass is CPU and filesystem work, so it never
 * runs on the Vert.x event loop that serves {@code /metrics} (the original's scans starved its
 * metrics server until it yielded between hours).
 *
 * <p>With {@code --run-once} each checker makes one pass and the service ends when all have;
 * otherwise they loop every jittered check interval until {@link #stop()}, and the first checker
 * to fail stops them all. A checker's failure is re-raised by {@link #await()}.
 */
public final class SegmentCoverage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentCoverage.class);

    private final CoverageConfig config;
    private final NodeList nodes;
    private final List<ChannelChecker> checkers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();

    public SegmentCoverage(CoverageConfig config, MeterRegistry registry) {
        this.config = config;
        this.nodes = new NodeList(config, registry);
        for (String channel : config.channels()) {
            checkers.add(new ChannelChecker(config, channel, registry, nodes));
        }
    }

    public void start() {
        for (int i = 0; i < checkers.size(); i++) {
            ChannelChecker checker = checkers.get(i);
            String channel = config.channels().get(i);
            Thread t = new Thread(() -> run(checker, channel), "coverage-" + channel);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run(ChannelChecker checker, String channel) {
        try {
            while (!stopped()) {
                long started = System.nanoTime();
                long analysedBefore = checker.analysed();
                if (!checker.pass(this::stopped)) {
                    log.info("{}: stopped mid-pass, nothing written", channel);
                    return;
                }
                passes.incrementAndGet();
                log.info(
                        "{}: pass done in {} ms ({} hours analysed)",
                        channel,
                        (System.nanoTime() - started) / 1_000_000,
                        checker.analysed() - analysedBefore);
                if (config.runOnce()) {
                    return;
                }
                if (stop.await(Jitter.jitter(config.checkInterval()).toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("{}: checker failed", channel, e);
            failure.compareAndSet(null, e);
            stop.countDown();
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    /** Asks every checker to stop at its next hour. */
    public void stop() {
        stop.countDown();
    }

    /** Completed passes over all channels (tests, state). */
    public long passes() {
        return passes.get();
    }

    long analysedHours() {
        return checkers.stream().mapToLong(ChannelChecker::analysed).sum();
    }

    /** Waits for every checker thread; rethrows the first failure. */
    public void await() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /** Waits until any checker fails or stop is requested. */
    void awaitStop() throws InterruptedException {
        stop.await();
    }

    public String state() {
        return "segment-coverage: " + config.channels().size() + " channels, " + passes() + " passes, "
                + analysedHours() + " hours analysed" + (failure.get() == null ? "" : ", failed: " + failure.get());
    }

    @Override
    public void close() {
        stop();
        nodes.close();
    }
}
