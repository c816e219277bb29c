package org.wubloader.common.process;

import picocli.CommandLine.Command;

/** The smallest service command: starts its runtime and stops at once (tests of the shared options). */
@Command(name = "probe", description = "Starts and stops.")
public final class ProbeCommand extends ServiceCommand {
    @Override
    public Integer call() throws Exception {
        try (ServiceRuntime runtime = startRuntime(0)) {
            System.out.println("started on " + runtime.metricsPort());
        }
        return 0;
    }
}
