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
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).contains("wubloader backdoor");
            assertThat((char) in.read()).isEqualTo('>');
            assertThat((char) in.read()).isEqualTo(' ');
            assertThat(send(socket, in, "state")).contains("workers: 3 running");
            assertThat(send(socket, in, "threads")).contains("backdoor-session").contains("RUNNABLE");
            assertThat(send(socket, in, "metrics")).contains("backdoor_probe_total 1.0");

            Logger logger = (Logger) LoggerFactory.getLogger("org.wubloader.backdoor.probe");
            assertThat(send(socket, in, "loglevel org.wubloader.backdoor.probe DEBUG")).contains("ok");
            assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(send(socket, in, "loglevel org.wubloader.backdoor.probe LOUD")).contains("unknown log level 'LOUD'");
            assertThat(send(socket, in, "frobnicate")).contains("unknown command").contains("loglevel LOGGER LEVEL");
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
}
