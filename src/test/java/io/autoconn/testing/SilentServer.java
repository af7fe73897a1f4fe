package io.autoconn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that accepts connections and never sends a byte (the target a check must give up on
 * at its timeout), or sends only a greeting of another protocol and then nothing.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final byte[] greeting;

    public SilentServer() throws IOException {
        this("");
    }

    /** Sends {@code greeting} to every client first, as SSH or SMTP servers do. */
    public SilentServer(String greeting) throws IOException {
        this.greeting = greeting.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptForever, "silent-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptForever() {
        try {
            while (true) {
                Socket socket = server.accept();
                accepted.add(socket); // held open, never read from
                try {
                    socket.getOutputStream().write(greeting);
                } catch (IOException e) {
                    // that client is gone already; keep serving the others
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        acceptor.join(5000);
    }
}
