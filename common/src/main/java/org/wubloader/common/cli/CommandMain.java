package org.wubloader.common.cli;

import picocli.CommandLine;

/** Runs a picocli command as a process's main and exits with its status. */
public final class CommandMain {
    private CommandMain() {}

    public static void run(Object command, String[] args) {
        System.exit(execute(command, args));
    }

    /** Parses and runs; usage errors print the reason and the usage and return 2. */
    public static int execute(Object command, String[] args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
