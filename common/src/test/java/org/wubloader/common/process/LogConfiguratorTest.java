package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {
    @Test
    void servicesLogOneLinePerEventToStderrAndCountEvents() {
        LoggerContext context = new LoggerContext();
        assertThat(new LogConfigurator().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("LOG_COUNT")).isInstanceOf(LogCountAppender.class);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(console.getTarget()).isEqualTo("System.err");
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(),
                context.getLogger("org.wubloader.backfiller.worker.PeerWorker"),
                Level.WARN,
                "peer {} failed",
                null,
                new Object[] {"a"});
        event.setTimeStamp(0);
        event.setThreadName("main");
        String line = new String(((PatternLayoutEncoder) console.getEncoder()).encode(event), StandardCharsets.UTF_8);
        assertThat(line)
                .isEqualTo("1970-01-01T00:00:00.000Z WARN  [main] o.w.backfiller.worker.PeerWorker - peer a failed\n");
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void anOperatorsConfigurationFileWins() {
        System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            assertThat(new LogConfigurator().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                            .iteratorForAppenders()
                            .hasNext())
                    .isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
