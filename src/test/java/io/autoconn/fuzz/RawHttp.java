package io.autoconn.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 client over a plain socket, because the abuse it sends is what real clients refuse to send:
 * bytes that are not UTF-8 in the request line, header names and values no client library allows, bodies
 * that contradict their Content-Length, truncated chunked bodies. The request is written on its own thread
 * while the response is read, so a server that answers (413) before reading a huge body is still heard.
 */
final class RawHttp {
    static final int TIMEOUT_MILLIS = 10_000;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-writer");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What came back: an answer, or why none came (the server closed, or the timeout passed). */
    record Exchange(Optional<Response> response, String failure) {
        static Exchange of(Response r) {
            return new Exchange(Optional.of(r), null);
        }

        static Exchange none(String why) {
            return new Exchange(Optional.empty(), why);
        }
    }

    record Response(int status, List<String[]> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }

    /**
     * Sends {@code request} as is, then (if {@code halfClose}) ends the output, as a client that stops
     * mid-body does; reads one response within {@link #TIMEOUT_MILLIS}.
     */
    Exchange exchange(byte[] request, boolean halfClose) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    out.write(request);
                    out.flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException e) {
                    // The server may answer and close before it reads all of a body it refuses.
                }
            }, WRITERS);
            Exchange result = read(socket, deadline);
            written.cancel(true);
            return result;
        } catch (IOException e) {
            return Exchange.none("connection failed: " + e);
        }
    }

    private static Exchange read(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return Exchange.none("no complete response within " + TIMEOUT_MILLIS + " ms; got " + received.size()
                        + " bytes");
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                n = -1; // reset by the server: judge what arrived
            }
            if (n > 0) {
                received.write(buffer, 0, n);
            }
            Optional<Response> complete = parse(received.toByteArray(), n < 0);
            if (complete.isPresent()) {
                return Exchange.of(complete.get());
            }
            if (n < 0) {
                return Exchange.none(received.size() == 0 ? "closed without a response"
                        : "closed in the middle of a response: " + received.size() + " bytes");
            }
        }
    }

    /** The response in {@code bytes} if it is complete (by Content-Length, chunks, or the end of input). */
    static Optional<Response> parse(byte[] bytes, boolean ended) {
        int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (headEnd < 0) {
            return Optional.empty();
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalStateException("Not an HTTP response: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
        }
        int bodyStart = headEnd + 4;
        Optional<String> length = headers.stream().filter(h -> h[0].equalsIgnoreCase("content-length"))
                .map(h -> h[1]).findFirst();
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("transfer-encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        if (status == 204 || status == 304 || status / 100 == 1) {
            return Optional.of(new Response(status, headers, new byte[0]));
        }
        if (length.isPresent()) {
            int n = Integer.parseInt(length.get());
            if (bytes.length - bodyStart < n) {
                return Optional.empty();
            }
            return Optional.of(new Response(status, headers, java.util.Arrays.copyOfRange(bytes, bodyStart,
                    bodyStart + n)));
        }
        if (chunked) {
            return dechunk(bytes, bodyStart).map(body -> new Response(status, headers, body));
        }
        return ended ? Optional.of(new Response(status, headers, java.util.Arrays.copyOfRange(bytes, bodyStart,
                bytes.length))) : Optional.empty();
    }

    private static Optional<byte[]> dechunk(byte[] bytes, int at) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd = indexOf(bytes, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String sizeField = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeField, 16);
            int dataStart = lineEnd + 2;
            if (size == 0) {
                return indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), dataStart) < 0
                        ? Optional.empty() : Optional.of(body.toByteArray());
            }
            if (bytes.length < dataStart + size + 2) {
                return Optional.empty();
            }
            body.write(bytes, dataStart, size);
            at = dataStart + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
