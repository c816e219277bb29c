package org.wubloader.common.process;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Feeds {@code log_count{level,module,function}} (exposed as {@code log_count_total}) from every
 * log event, so dashboards can alert on a rise in warnings without a log pipeline. {@code module}
 * is the logger's simple name and {@code function} the calling method, the nearest Java
 * equivalents of the original's Python module and function names.
 */
public final class LogCountAppender extends AppenderBase<ILoggingEvent> {
    private static final List<MeterRegistry> REGISTRIES = new CopyOnWriteArrayList<>();

    /** Starts counting log events into {@code registry} (one per service runtime). */
    public static void bind(MeterRegistry registry) {
        REGISTRIES.add(registry);
    }

    public static void unbind(MeterRegistry registry) {
        REGISTRIES.remove(registry);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (REGISTRIES.isEmpty()) {
            return;
        }
        String logger = event.getLoggerName();
        String module = logger.substring(logger.lastIndexOf('.') + 1);
        StackTraceElement[] caller = event.getCallerData();
        String function = caller != null && caller.length > 0 ? caller[0].getMethodName() : "";
        String level = event.getLevel().toString();
        for (MeterRegistry registry : REGISTRIES) {
            Counter.builder("log_count")
                    .description("Log records, by level and where they were logged")
                    .tag("level", level)
                    .tag("module", module)
                    .tag("function", function)
                    .register(registry)
                    .increment();
        }
    }
}
