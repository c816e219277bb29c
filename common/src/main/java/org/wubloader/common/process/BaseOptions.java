package org.wubloader.common.process;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every service takes (docs/conventions.md §3.7). Mixed into each service's command; values can also
 * come from environment variables, the container convention.
 */
public final class BaseOptions {
    @Option(
            names = "--base-dir",
            defaultValue = "${env:WUBLOADER_BASE_DIR:-.}",
            description = "Segment root shared by all services (default: ${DEFAULT-VALUE}; env WUBLOADER_BASE_DIR).")
    public Path baseDir;

    @Option(
            names = "--metrics-port",
            defaultValue = "${env:WUBLOADER_METRICS_PORT}",
            description =
                    "Port of the Prometheus /metrics endpoint (default: the service's own; env WUBLOADER_METRICS_PORT).")
    public Integer metricsPort;

    @Option(
            names = "--backdoor-port",
            defaultValue = "${env:WUBLOADER_BACKDOOR_PORT:-0}",
            description = "Debug console on 127.0.0.1 only; 0 = off (default: ${DEFAULT-VALUE}).")
    public int backdoorPort;

    @Option(
            names = "--log-level",
            defaultValue = "${env:WUBLOADER_LOG_LEVEL:-INFO}",
            description = "Root log level: TRACE, DEBUG, INFO, WARN, ERROR (default: ${DEFAULT-VALUE}).")
    public String logLevel;

    @Option(
            names = "--log-json",
            defaultValue = "${env:WUBLOADER_LOG_JSON:-false}",
            description = "Log one JSON object per line, for log shippers (default: ${DEFAULT-VALUE}).")
    public boolean logJson;

    public int metricsPortOr(int serviceDefault) {
        return metricsPort == null ? serviceDefault : metricsPort;
    }
}
