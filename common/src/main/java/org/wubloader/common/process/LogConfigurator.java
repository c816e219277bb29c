package org.wubloader.common.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The services' Logback configuration, in code (docs/conventions.md §3.6): one line per event on
 * stderr, and the log_count appender. Logback finds it through the service loader
 * (META-INF/services) before its XML configurator, which is the reason it exists: reading the
 * same configuration from a logback.xml (an XML parser, Joran's model and its handlers) took
 * about 70 ms of every start, on the main thread, before the first useful work.
 *
 * <p>An operator's own configuration still wins: with {@code -Dlogback.configurationFile=FILE}
 * (in JAVA_OPTS), or a logback.xml or logback-test.xml on the class path, this steps aside and
 * Logback reads that file as usual.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The plain line format; {@code --log-json} swaps the encoder (LoggingSetup). */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || resource("logback-test.xml")
                || resource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        LogCountAppender counts = new LogCountAppender();
        counts.setContext(context);
        counts.setName("LOG_COUNT");
        counts.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(counts);
        // --log-level DEBUG is for our own loggers, not for Netty's and Hikari's per-connection chatter.
        context.getLogger("io.netty").setLevel(Level.INFO);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean resource(String name) {
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        return loader != null && loader.getResource(name) != null;
    }
}
