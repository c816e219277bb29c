package org.wubloader.common.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debug console (SPEC §3.7): {@code telnet 127.0.0.1 PORT} from inside the container to
 * look at a weird state without restarting the process and waiting for it to happen again.
 * Listens on the loopback interface only, never another one: it has no authentication.
 */
public final class Backdoor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backdoor.class);
    static final String HELP = String.join("\n",
            "commands:",
            "  state                     the service's own state (workers, nodes, in-flight work)",
            "  threads                   a thread dump",
            "  metrics                   the Prometheus metrics as scraped",
            "  loglevel LOGGER LEVEL     change a logger's level at run time (LOGGER may be 'root')",
            "  help                      this text",
            "  quit                      close the connection");

    private final ServerSocket server;
    private final Supplier<String> state;
    private final PrometheusMeterRegistry registry;
    private final Thread acceptor;

    private Backdoor(ServerSocket server, Supplier<String> state, PrometheusMeterRegistry registry) {
        this.server = server;
        this.state = state;
        this.registry = registry;
        this.acceptor = new Thread(this::acceptLoop, "backdoor-accept");
        this.acceptor.setDaemon(true);
    }

    /** Opens the console on 127.0.0.1:{@code port} (0 picks a free port, for tests). */
    public static Backdoor open(int port, Supplier<String> state, PrometheusMeterRegistry registry) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Backdoor backdoor = new Backdoor(server, state, registry);
        backdoor.acceptor.start();
        log.info("Backdoor console listening on 127.0.0.1:{}", server.getLocalPort());
        return backdoor;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "backdoor-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Backdoor accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            out.println("wubloader backdoor. Type 'help'.");
            out.print("> ");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.trim();
                if (command.equals("quit") || command.equals("exit")) {
                    return;
                }
                out.println(execute(command));
                out.print("> ");
                out.flush();
            }
        } catch (IOException e) {
            log.debug("Backdoor session ended", e);
        }
    }

    /** Runs one console command and returns its output. */
    String execute(String command) {
        String[] words = command.split("\\s+");
        try {
            switch (words[0]) {
                case "":
                    return "";
                case "help":
                    return HELP;
                case "state":
                    return state.get();
                case "threads":
                    return threadDump();
                case "metrics":
                    return registry.scrape();
                case "loglevel":
                    if (words.length != 3) {
                        return "usage: loglevel LOGGER LEVEL";
                    }
                    LoggingSetup.setLevel(words[1], words[2]);
                    return "ok: " + words[1] + " = " + words[2].toUpperCase(java.util.Locale.ROOT);
                default:
                    return "unknown command '" + words[0] + "'\n" + HELP;
            }
        } catch (RuntimeException e) {
            return "error: " + e;
        }
    }

    static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement e : info.getStackTrace()) {
                out.append("    at ").append(e).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
