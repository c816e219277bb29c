package org.wubloader.common.process;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of every service's command: the shared options ({@link BaseOptions}), {@code -h/--help}
 * and {@code -V/--version}, and how bad configuration is reported. A service's picocli command
 * extends this (its own {@code @Command} adds the name and description; picocli merges the
 * annotations of the class hierarchy) and is run by {@link org.wubloader.common.cli.CommandMain}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = Version.class)
public abstract class ServiceCommand implements Callable<Integer> {
    @Mixin
    protected BaseOptions base;

    @Spec
    protected CommandSpec spec;

    /** A usage error about one option or argument: one line, exit 2. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Starts this service's runtime with its default metrics port (a negative one: none). */
    protected ServiceRuntime startRuntime(int defaultMetricsPort) throws IOException {
        return ServiceRuntime.start(spec.name(), base, base.metricsPortOr(defaultMetricsPort));
    }
}
