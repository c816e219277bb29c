package org.wubloader.common.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies the log options: level, and plain or JSON lines on stderr (docs/conventions.md §3.6). The plain
 * format and the log_count appender come from {@link LogConfigurator}; JSON swaps the console encoder.
 */
public final class LoggingSetup {
    private LoggingSetup() {}

    public static void apply(String level, boolean json) {
        // Checked before anything is logged, so a bad value is reported alone (ConfigurationException).
        setLevel(Logger.ROOT_LOGGER_NAME, level);
        if (json) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                    LogstashEncoder encoder = new LogstashEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    console.stop();
                    console.setEncoder(encoder);
                    console.start();
                }
            }
        }
    }

    /**
     * Sets a logger's level at run time ({@code root} or a logger name).
     *
     * @throws ConfigurationException (an IllegalArgumentException) for an unknown level name
     */
    public static void setLevel(String loggerName, String levelName) {
        Level level = LogLevels.parse(levelName);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        String name = "root".equalsIgnoreCase(loggerName) ? Logger.ROOT_LOGGER_NAME : loggerName;
        context.getLogger(name).setLevel(level);
    }

    /** Writes out anything buffered; called just before the process halts. */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
