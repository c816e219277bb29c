package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.testing.RawClient;
import org.wubloader.restreamer.testing.TestServer;

/** Issue 11 item 11: a stop (SIGTERM closes the restreamer) logs one INFO line per running cut, no WARN. */
class ShutdownDuringCutTest {
    @TempDir
    Path base;

    @Test
    void eachRunningCutLogsOneInfoLineOnShutdown() throws Exception {
        TestMedia.place(
                new SegmentTree(base),
                "desertbus",
                "source",
                SegmentTree.at("2019-11-13T02:00:00"),
                TestMedia.segments(30));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        TestServer server = TestServer.start(base);
        try (RawClient a = RawClient.get(
                        server.port(),
                        "/cut/desertbus/source.ts?type=mpegts&start=2019-11-13T02:00:00.5&end=2019-11-13T02:00:59");
                RawClient b = RawClient.get(
                        server.port(),
                        "/cut/desertbus/source.ts?type=mpegts&start=2019-11-13T02:00:01.5&end=2019-11-13T02:00:59")) {
            assertThat(a.readHead()).startsWith("HTTP/1.1 200");
            assertThat(b.readHead()).startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(server.restreamer().status().cutsRunning())
                            .isEqualTo(2));
            server.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> stopLines(events).size() == 2);
        } finally {
            root.detachAppender(events);
        }
        assertThat(stopLines(events)).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getThrowableProxy()).isNull();
        });
        // (Vert.x's own gauge warning at start-up is not ours)
        assertThat(events.list)
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                        && e.getLoggerName().startsWith("org.wubloader"))
                .isEmpty();
        assertThat(events.list).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
    }

    private static List<ILoggingEvent> stopLines(ListAppender<ILoggingEvent> events) {
        synchronized (events) {
            return List.copyOf(events.list).stream()
                    .filter(e -> e.getFormattedMessage().contains("stopped: the restreamer is shutting down"))
                    .toList();
        }
    }
}
