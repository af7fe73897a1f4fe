package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Targets that fail in a known way, and probe params, for the probe tests. */
final class TestTargets {
    private TestTargets() {
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int refusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Plain params with {@code overrides} applied (name, value pairs; a null value removes the param),
     * plus the given secrets.
     */
    static ProbeInput params(Map<String, String> defaults, Map<String, Secret> secrets, String... overrides) {
        Map<String, String> plain = new HashMap<>(defaults);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                plain.remove(overrides[i]);
            } else {
                plain.put(overrides[i], overrides[i + 1]);
            }
        }
        return new ProbeInput(plain, secrets);
    }

    /**
     * A loopback server that accepts connections, sends {@code greeting} (nothing when empty) and then
     * never answers: every read after the greeting times out.
     */
    static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final byte[] greeting;
        private final ExecutorService acceptor = Executors.newCachedThreadPool();

        /** Never sends a byte. */
        StallingServer() throws IOException {
            this("");
        }

        StallingServer(String greeting) throws IOException {
            this.greeting = greeting.getBytes(StandardCharsets.US_ASCII);
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor.submit(this::acceptAndHold);
        }

        int port() {
            return socket.getLocalPort();
        }

        private Void acceptAndHold() throws IOException, InterruptedException {
            while (!socket.isClosed()) {
                Socket accepted = socket.accept();
                acceptor.submit(() -> {
                    try (accepted) {
                        accepted.getOutputStream().write(greeting);
                        accepted.getOutputStream().flush();
                        Thread.sleep(60_000);
                    }
                    return null;
                });
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.shutdownNow();
        }
    }
}
