package org.wubloader.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * Where everything of a demo lives (pure): one directory holding each node's base dir, the
 * origin's files and the logs, and a block of ports counted from {@code portsFrom}.
 */
public record DemoLayout(Path dir, int portsFrom) {
    public static final String CHANNEL = "demo";
    public static final String QUALITY = "source";

    public Path nodeA() {
        return dir.resolve("node-a");
    }

    public Path nodeB() {
        return dir.resolve("node-b");
    }

    public Path origin() {
        return dir.resolve("origin");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public int originPort() {
        return portsFrom + 90;
    }

    public String originUrl() {
        return "http://127.0.0.1:" + originPort() + "/stream.m3u8";
    }

    public int restreamerA() {
        return portsFrom;
    }

    public int restreamerB() {
        return portsFrom + 10;
    }

    /** Every service of both nodes, in start order (node A, then B, which backfills from A). */
    public List<ServiceSpec> services() {
        String a = nodeA().toString();
        String b = nodeB().toString();
        return List.of(
                new ServiceSpec(
                        "A",
                        "downloader",
                        portsFrom + 1,
                        a,
                        List.of(CHANNEL + ":url:" + originUrl(), "--qualities", QUALITY)),
                new ServiceSpec(
                        "A",
                        "restreamer",
                        restreamerA(),
                        a,
                        List.of("--port", Integer.toString(restreamerA()), "--prewarm-hours", "0")),
                new ServiceSpec(
                        "A",
                        "segment-coverage",
                        portsFrom + 6,
                        a,
                        List.of(CHANNEL, "--qualities", QUALITY, "--check-interval", "10")),
                new ServiceSpec(
                        "B",
                        "restreamer",
                        restreamerB(),
                        b,
                        List.of("--port", Integer.toString(restreamerB()), "--prewarm-hours", "0")),
                // Short intervals so B visibly catches up within a minute: a pass every 5 s,
                // and segments older than 6 s are fair game (no local downloader on B).
                new ServiceSpec(
                        "B",
                        "backfiller",
                        portsFrom + 12,
                        b,
                        List.of(
                                CHANNEL,
                                "--qualities",
                                QUALITY,
                                "--static-nodes",
                                "http://127.0.0.1:" + restreamerA(),
                                "--localhost",
                                "node-b",
                                "--pass-interval",
                                "5",
                                "--recent-cutoff",
                                "6")),
                new ServiceSpec(
                        "B",
                        "segment-coverage",
                        portsFrom + 16,
                        b,
                        List.of(CHANNEL, "--qualities", QUALITY, "--check-interval", "10")));
    }

    /** One service process: bin/wubloader SERVICE --base-dir DIR [--metrics-port P] ARGS. */
    public record ServiceSpec(String node, String service, int port, String baseDir, List<String> args) {
        public String name() {
            return "node-" + node.toLowerCase(java.util.Locale.ROOT) + "-" + service;
        }

        public List<String> command(Path launcher) {
            List<String> command =
                    new java.util.ArrayList<>(List.of(launcher.toString(), service, "--base-dir", baseDir));
            if (!service.equals("restreamer")) {
                command.add("--metrics-port");
                command.add(Integer.toString(port));
            }
            command.addAll(args);
            return command;
        }
    }
}
