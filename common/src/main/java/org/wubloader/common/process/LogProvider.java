package org.wubloader.common.process;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Reporter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The services' SLF4J provider: Logback, as Logback's own provider makes it, but configured by
 * {@link LogConfigurator} directly. Why: Logback's provider starts with its ContextInitializer,
 * which before it configures anything checks that logback-core and logback-classic are the same
 * version (both jars' version properties read, messages made with String.format), scans the
 * class path for configurators and times itself: about 40 ms of CPU on every start, on the way
 * to the first request (issue 15; async-profiler, three cold backfiller starts). {@link
 * Startup#prepare} selects this provider through SLF4J's {@code slf4j.provider} property, which
 * also spares SLF4J's own scan of the 43 jars for providers.
 *
 * <p>An operator's configuration ({@code -Dlogback.configurationFile=FILE}, or a logback.xml on
 * the class path: {@link LogConfigurator} steps aside) goes through Logback's ContextInitializer
 * as with Logback's provider, errors in it printed the same way.
 */
public final class LogProvider implements SLF4JServiceProvider {
    /** The SLF4J API version Logback's provider of the same release asks for. */
    private static final String REQUESTED_API_VERSION = "2.0.99";

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        if (configurator.configure(context) == ExecutionStatus.INVOKE_NEXT_IF_ANY) {
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                Reporter.error("Failed to auto configure default logger context", e);
            }
            if (!StatusUtil.contextHasStatusListener(context)) {
                new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
            }
        }
        context.start();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }
}
