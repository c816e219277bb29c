package org.wubloader.common.process;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Fields put in the logging MDC for a stretch of code on one thread: {@code channel},
 * {@code quality}, {@code peer}, {@code hour}, {@code request_id}. With {@code --log-json} each
 * becomes a field of the JSON line, so a log shipper can filter by it; the plain format keeps
 * them in the message text as before. Closing restores what was there before, so scopes nest.
 *
 * <pre>{@code try (LogContext ignored = LogContext.of("channel", ch, "quality", q)) { ... }}</pre>
 */
public final class LogContext implements AutoCloseable {
    private final List<String[]> previous = new ArrayList<>();

    private LogContext(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = keysAndValues[i];
            previous.add(new String[] {key, MDC.get(key)});
            String value = keysAndValues[i + 1];
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    /** Sets {@code key = value} pairs (a null value removes the key) until {@link #close}. */
    public static LogContext of(String... keysAndValues) {
        return new LogContext(keysAndValues);
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            String[] entry = previous.get(i);
            if (entry[1] == null) {
                MDC.remove(entry[0]);
            } else {
                MDC.put(entry[0], entry[1]);
            }
        }
    }
}
