package org.wubloader.backfiller.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server (PostgreSQL in the tests) that a test can break: in
 * REJECT mode it drops every open connection and closes new ones right after accepting them, as
 * a database host that went away would; in FROZEN mode it keeps every connection open and
 * accepts new ones but passes no byte either way, as a database that hangs (stopped with
 * SIGSTOP, a full disk, a lock) would. The machine's PostgreSQL itself is never touched.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean forwarding = true;
    private volatile boolean frozen;
    private volatile boolean closed;
    private final Object thaw = new Object();

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Breaks every connection and refuses (accept + close) new ones. */
    public void reject() {
        forwarding = false;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void forward() {
        forwarding = true;
        frozen = false;
        synchronized (thaw) {
            thaw.notifyAll();
        }
    }

    /** Holds every byte in both directions (open connections and new ones) until {@link #forward}. */
    public void freeze() {
        frozen = true;
    }

    private void awaitThaw() throws IOException {
        synchronized (thaw) {
            while (frozen && !closed) {
                try {
                    thaw.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while frozen");
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!forwarding) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            awaitThaw();
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // either side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (thaw) {
            thaw.notifyAll();
        }
        listener.close();
        reject();
    }
}
