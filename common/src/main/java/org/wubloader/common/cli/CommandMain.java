package org.wubloader.common.cli;

import java.io.PrintWriter;
import org.wubloader.common.process.ConfigurationException;
import org.wubloader.common.process.ProjectVersion;
import org.wubloader.common.process.Startup;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a picocli command as a process's main and exits with its status. Every command gets
 * {@code -h/--help} and {@code -V/--version}; a usage error or bad configuration is one line on
 * stderr (the command's name, what is wrong, with which value) and exit status 2. The full usage
 * is what {@code --help} is for: printed after every mistake, it buried the one line that said
 * what was wrong under 40 lines of options.
 */
public final class CommandMain {
    public static final int USAGE = 2;

    private CommandMain() {}

    public static void run(Object command, String[] args) {
        System.exit(execute(command, args));
    }

    /** Parses and runs; usage and configuration errors print one line and return 2. */
    public static int execute(Object command, String[] args) {
        CommandLine line = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        standardOptions(line);
        line.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(oneLine(failed, e.getMessage()));
            failed.getErr().flush();
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, failed, parseResult) -> {
            ConfigurationException config = configurationCause(e);
            if (config == null) {
                throw e;
            }
            PrintWriter err = failed.getErr();
            err.println(oneLine(failed, config.getMessage()));
            err.flush();
            return USAGE;
        });
        // A service's main may be setting logging up on another thread while this one parses
        // (Startup.prepare); the command runs, and logs, once that is done.
        line.setExecutionStrategy(parseResult -> {
            Startup.awaitLogging();
            return new CommandLine.RunLast().execute(parseResult);
        });
        return line.execute(args);
    }

    private static void standardOptions(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        if (spec.versionProvider() == null && spec.version().length == 0) {
            spec.versionProvider(() -> new String[] {ProjectVersion.line(spec.qualifiedName())});
        }
        for (CommandLine sub : line.getSubcommands().values()) {
            standardOptions(sub);
        }
    }

    private static String oneLine(CommandLine command, String message) {
        String text = message == null ? "" : message.replace('\n', ' ').strip();
        return command.getCommandSpec().qualifiedName() + ": " + text + " (see --help)";
    }

    /** The configuration error behind {@code e}, if any (runtimes wrap start-up failures). */
    static ConfigurationException configurationCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException config) {
                return config;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
