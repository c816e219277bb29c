package org.wubloader.restreamer.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A hand-driven HTTP/1.1 client: sends a request and reads nothing until told to, so a test can
 * hold a response in flight for as long as it likes (a player that stopped reading), or drop the
 * connection mid-body (a player that went away).
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;

    private RawClient(Socket socket) throws IOException {
        this(socket, socket.getInputStream());
    }

    private RawClient(Socket socket, InputStream in) {
        this.socket = socket;
        this.in = new DataInputStream(in);
    }

    /**
     * Like {@link #get}, but every read takes at most {@code bytesPerRead} bytes and is followed
     * by a pause of {@code pauseMillis}: a player on a slow link.
     */
    public static RawClient getSlowly(int port, String target, int bytesPerRead, long pauseMillis) throws IOException {
        RawClient fast = get(port, target);
        InputStream raw = fast.socket.getInputStream();
        return new RawClient(fast.socket, new java.io.FilterInputStream(raw) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, bytesPerRead));
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                return n;
            }
        });
    }

    /** Connects with a small receive buffer (so the server soon has to stop) and sends a GET. */
    public static RawClient get(int port, String target) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSoTimeout(120_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.getOutputStream()
                .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawClient(socket);
    }

    /** The status and the (de-chunked) body. */
    public record Response(int status, String headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Reads the status line and headers only. */
    public String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the headers: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads up to {@code n} bytes of what follows (raw, chunk framing included). */
    public int readSome(int n) throws IOException {
        byte[] buf = new byte[n];
        return in.read(buf);
    }

    public Response readAll() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (true) {
                String sizeLine = line(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                byte[] chunk = new byte[size];
                in.readFully(chunk);
                body.write(chunk);
                line(in);
            }
        } else {
            in.transferTo(body);
        }
        return new Response(status, head, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
