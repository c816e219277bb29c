package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogProviderTest {
    @Test
    void servicesLogThroughLogbackSetUpByLogConfigurator() {
        LogProvider provider = new LogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertThat(context.isStarted()).isTrue();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isNotNull();
        assertThat(root.getAppender("LOG_COUNT")).isInstanceOf(LogCountAppender.class);
        assertThat(context.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
        assertThat(provider.getRequestedApiVersion()).startsWith("2.0");
    }

    @Test
    void anOperatorsConfigurationFileIsReadByLogbackAsUsual(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("logback.xml"),
                "<configuration><appender name=\"OPERATOR\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                        + "<encoder><pattern>%msg%n</pattern></encoder></appender>"
                        + "<root level=\"DEBUG\"><appender-ref ref=\"OPERATOR\"/></root></configuration>");
        System.setProperty("logback.configurationFile", file.toString());
        try {
            LogProvider provider = new LogProvider();
            provider.initialize();
            Logger root = ((LoggerContext) provider.getLoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getAppender("OPERATOR")).isNotNull();
            assertThat(root.getAppender("STDERR")).isNull();
            assertThat(root.isDebugEnabled()).isTrue();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
