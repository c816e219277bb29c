package org.wubloader.common.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The debug console (docs/conventions.md §3.7): {@code telnet 127.0.0.1 PORT} from inside the container to
 * look at a weird state without restarting the process and waiting for it to happen again.
 * Listens on the loopback interface only, never another one: it has no authentication.
 */
public final class Backdoor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backdoor.class);
    static final String HELP = String.join(
            "\n",
            "commands:",
            "  state                     the service's own state (workers, nodes, in-flight work)",
            "  threads                   a thread dump",
            "  metrics                   the Prometheus metrics as scraped",
            "  loglevel LOGGER LEVEL     change a logger's level at run time (LOGGER may be 'root')",
            "  help                      this text",
            "  quit                      close the connection");

    /**
     * Longest command line read, in bytes. Commands are a few words; without a cap a line of
     * 200 MiB without a newline took the process from 110 to 745 MB (issue 11).
     */
    static final int MAX_LINE_BYTES = 4096;
    /** Sessions at once; one more is told so and closed. An operator needs one or two. */
    static final int MAX_SESSIONS = 4;
    /** A session idle this long is closed, so forgotten consoles do not hold the slots. */
    static final int IDLE_TIMEOUT_MILLIS = 30 * 60 * 1000;

    private final ServerSocket server;
    private final java.util.concurrent.Semaphore sessions = new java.util.concurrent.Semaphore(MAX_SESSIONS);
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
                if (!sessions.tryAcquire()) {
                    refuse(socket);
                    continue;
                }
                Thread session = new Thread(
                        () -> {
                            try {
                                serve(socket);
                            } finally {
                                sessions.release();
                            }
                        },
                        "backdoor-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Backdoor accept failed", e);
                }
            }
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            socket.getOutputStream()
                    .write(("too many backdoor sessions (at most " + MAX_SESSIONS + "); try again later\n")
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("Refusing a backdoor session", e);
        }
        log.warn("Backdoor session refused: {} already open", MAX_SESSIONS);
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            out.println("wubloader backdoor. Type 'help'.");
            out.print("> ");
            out.flush();
            String line;
            while ((line = readLine(in)) != null) {
                if (line == TOO_LONG) {
                    out.println("error: line longer than " + MAX_LINE_BYTES + " bytes; closing");
                    return;
                }
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

    private static final String TOO_LONG = new String("line too long");

    /**
     * One line (without its {@code \n} or {@code \r\n}), null at the end of the stream, or
     * {@link #TOO_LONG} once {@link #MAX_LINE_BYTES} are read without a newline.
     */
    static String readLine(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_LINE_BYTES];
        int n = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                if (n > 0 && buf[n - 1] == '\r') {
                    n--;
                }
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            if (n == MAX_LINE_BYTES) {
                return TOO_LONG;
            }
            buf[n++] = (byte) b;
        }
        return n == 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
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
            out.append('"')
                    .append(info.getThreadName())
                    .append("\" ")
                    .append(info.getThreadState())
                    .append('\n');
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
