package io.autoconn.connectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server for the server behaviours GreenMail cannot show: one that offers neither AUTH
 * nor STARTTLS, or one that offers STARTTLS and then answers in plain text instead of a TLS handshake.
 * It speaks real SMTP (RFC 5321 replies) for the commands a check sends; nothing more.
 */
final class MiniSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> extensions;
    private final ExecutorService sessions = Executors.newCachedThreadPool();

    /** @param extensions the EHLO keywords the server offers, e.g. {@code STARTTLS} */
    MiniSmtpServer(String... extensions) throws IOException {
        this.extensions = List.of(extensions);
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.submit(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    private Void serve() throws IOException {
        while (!socket.isClosed()) {
            Socket client = socket.accept();
            sessions.submit(() -> session(client));
        }
        return null;
    }

    private Void session(Socket client) throws IOException {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 mini.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, ehlo());
                    case "STARTTLS" -> {
                        // Agrees, then goes on in plain text: no TLS handshake can succeed.
                        reply(out, "220 2.0.0 Ready to start TLS");
                        reply(out, "500 5.5.1 This is not TLS");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return null;
                    }
                    // The standard SMTP reply to a verb a server does not support (RFC 5321, 4.2.4).
                    default -> reply(out, "502 5.5.1 Command not implemented");
                }
            }
        }
        return null;
    }

    private String ehlo() {
        StringBuilder answer = new StringBuilder();
        answer.append(extensions.isEmpty() ? "250 " : "250-").append("mini.test");
        for (int i = 0; i < extensions.size(); i++) {
            answer.append("\r\n").append(i == extensions.size() - 1 ? "250 " : "250-").append(extensions.get(i));
        }
        return answer.toString();
    }

    private static void reply(Writer out, String reply) throws IOException {
        out.write(reply + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        sessions.shutdownNow();
    }
}
