package io.autoconn.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check target on a local address that counts every TCP connection it accepts: so a test can tell
 * that a check never connected. It answers each HTTP request with 200 (recording the request's head),
 * or, once {@link #goSilent() silent}, accepts and never reads or answers: a target that hangs.
 */
public final class TcpTarget implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    private TcpTarget(String bindAddress) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 200);
        Thread acceptor = new Thread(this::acceptAll, "tcp-target-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A target answering HTTP 200 on this local address (an IP literal). */
    public static TcpTarget on(String bindAddress) throws IOException {
        return new TcpTarget(bindAddress);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many TCP connections reached this target. */
    public int accepted() {
        return accepted.get();
    }

    /** Waits (at most 10 s, then fails) until this many connections have reached the target. */
    public void awaitAccepted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The target got " + accepted() + " connections, not " + count);
            }
            Thread.sleep(10);
        }
    }

    /** The request line and headers of each HTTP request answered, in order. */
    public List<String> requestHeads() {
        return List.copyOf(heads);
    }

    /** From now on connections are accepted and left hanging. */
    public void goSilent() {
        silent = true;
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                if (silent) {
                    open.add(socket); // kept open, never read: the client waits for an answer that never comes
                } else {
                    Thread answer = new Thread(() -> answer(socket), "tcp-target-answer");
                    answer.setDaemon(true);
                    answer.start();
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            heads.add(head.toString(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
