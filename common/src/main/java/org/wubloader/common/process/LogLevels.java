package org.wubloader.common.process;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Map;

/**
 * Log level names as operators of the original write them. The original upper-cases
 * {@code WUBLOADER_LOG_LEVEL} and hands it to Python's logging, so its deployments say
 * {@code WARNING}, {@code CRITICAL} or {@code warning}; Logback alone knows only {@code WARN} and
 * would fall back or fail. Python's names map to the nearest Logback level.
 */
public final class LogLevels {
    /** Every accepted name (upper case) and its level. */
    private static final Map<String, Level> NAMES = Map.ofEntries(
            // Logback deprecates ALL; TRACE is its lowest level, so it logs the same.
            Map.entry("ALL", Level.TRACE),
            Map.entry("NOTSET", Level.TRACE),
            Map.entry("TRACE", Level.TRACE),
            Map.entry("DEBUG", Level.DEBUG),
            Map.entry("INFO", Level.INFO),
            Map.entry("WARN", Level.WARN),
            Map.entry("WARNING", Level.WARN),
            Map.entry("ERROR", Level.ERROR),
            Map.entry("CRITICAL", Level.ERROR),
            Map.entry("FATAL", Level.ERROR),
            Map.entry("OFF", Level.OFF));

    public static final String ACCEPTED = "TRACE, DEBUG, INFO, WARN/WARNING, ERROR, CRITICAL/FATAL, OFF";

    private LogLevels() {}

    /**
     * @throws ConfigurationException naming the value, for anything else
     */
    public static Level parse(String name) {
        Level level = name == null ? null : NAMES.get(name.trim().toUpperCase(Locale.ROOT));
        if (level == null) {
            throw new ConfigurationException(
                    "unknown log level '" + name + "' (want one of " + ACCEPTED + ", any case)");
        }
        return level;
    }
}
