package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackdoorTest {
    /** Sends one command and reads until the next prompt. */
    static String send(Socket socket, BufferedReader in, String command) throws Exception {
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        out.println(command);
        StringBuilder answer = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            answer.append((char) c);
            if (answer.length() >= 2 && answer.substring(answer.length() - 2).equals("> ")) {
                break;
            }
        }
        return answer.toString();
    }

    @Test
    void consoleChangesLogLevelsAndPrintsStateThreadsAndMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("backdoor_probe").increment();
        try (Backdoor backdoor = Backdoor.open(0, () -> "workers: 3 running", registry);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), backdoor.port());
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).contains("wubloader backdoor");
            assertThat((char) in.read()).isEqualTo('>');
            assertThat((char) in.read()).isEqualTo(' ');
            assertThat(send(socket, in, "state")).contains("workers: 3 running");
            assertThat(send(socket, in, "threads")).contains("backdoor-session").contains("RUNNABLE");
            assertThat(send(socket, in, "metrics")).contains("backdoor_probe_total 1.0");

            Logger logger = (Logger) LoggerFactory.getLogger("org.wubloader.backdoor.probe");
            assertThat(send(socket, in, "loglevel org.wubloader.backdoor.probe DEBUG"))
                    .contains("ok");
            assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(send(socket, in, "loglevel org.wubloader.backdoor.probe LOUD"))
                    .contains("unknown log level 'LOUD'");
            assertThat(send(socket, in, "frobnicate"))
                    .contains("unknown command")
                    .contains("loglevel LOGGER LEVEL");
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (Backdoor backdoor = Backdoor.open(0, () -> "", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            java.lang.reflect.Field field = Backdoor.class.getDeclaredField("server");
            field.setAccessible(true);
            java.net.ServerSocket server = (java.net.ServerSocket) field.get(backdoor);
            assertThat(server.getInetAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void lineOfTenMebibytesWithoutNewlineIsRefusedAfterTheCap() throws Exception {
        // Read through the console's own line reader: it stops after the cap, so it never holds more.
        long[] read = {0};
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return read[0]++ < 10L * 1024 * 1024 ? 'x' : -1;
            }
        };
        assertThat(Backdoor.readLine(endless)).isNotNull().doesNotContain("x");
        assertThat(read[0]).isEqualTo(Backdoor.MAX_LINE_BYTES + 1);

        try (Backdoor backdoor =
                        Backdoor.open(0, () -> "state ok", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), backdoor.port())) {
            socket.setSoTimeout(10_000);
            java.util.concurrent.CompletableFuture<Long> sent =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        long n = 0;
                        byte[] chunk = new byte[64 * 1024];
                        java.util.Arrays.fill(chunk, (byte) 'x');
                        try {
                            java.io.OutputStream out = socket.getOutputStream();
                            while (n < 10L * 1024 * 1024) {
                                out.write(chunk);
                                n += chunk.length;
                            }
                        } catch (java.io.IOException e) {
                            return -n; // the console closed the connection
                        }
                        return n;
                    });
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).contains("error: line longer than " + Backdoor.MAX_LINE_BYTES + " bytes");
            sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
            // The console still answers the next operator.
            try (Socket next = new Socket(InetAddress.getLoopbackAddress(), backdoor.port());
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).contains("wubloader backdoor");
                assertThat(in.read()).isEqualTo('>');
                assertThat(in.read()).isEqualTo(' ');
                assertThat(send(next, in, "state")).contains("state ok");
            }
        }
    }

    @Test
    void connectionBeyondTheCapIsRefusedAndASlotFreesWhenOneCloses() throws Exception {
        try (Backdoor backdoor =
                Backdoor.open(0, () -> "state ok", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            java.util.List<Socket> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < Backdoor.MAX_SESSIONS; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), backdoor.port());
                    s.setSoTimeout(10_000);
                    open.add(s);
                    assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                                    .readLine())
                            .contains("wubloader backdoor");
                }
                try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), backdoor.port())) {
                    extra.setSoTimeout(10_000);
                    assertThat(new String(extra.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .contains("too many backdoor sessions");
                }
                open.remove(0).close();
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(10))
                        .untilAsserted(() -> {
                            try (Socket again = new Socket(InetAddress.getLoopbackAddress(), backdoor.port())) {
                                again.setSoTimeout(10_000);
                                assertThat(new BufferedReader(new InputStreamReader(
                                                        again.getInputStream(), StandardCharsets.UTF_8))
                                                .readLine())
                                        .contains("wubloader backdoor");
                            }
                        });
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
