package io.autoconn.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated request, exactly as it goes on the wire. The request line and headers are ISO-8859-1, so a
 * char up to U+00FF is one byte: that is how invalid UTF-8 reaches the path and the headers.
 *
 * @param kind what abuse this is (for the report)
 * @param authorized whether the admin's {@code Authorization} is added (header abuse sends its own)
 * @param framed whether {@code Content-Length} is added (false when the generator frames the body itself)
 * @param halfClose whether the client ends its output after sending, as one that stops mid-body
 */
record HostileRequest(String kind, String method, String target, List<String[]> headers, byte[] body,
                      boolean authorized, boolean framed, boolean halfClose) {

    static HostileRequest of(String kind, String method, String target) {
        return new HostileRequest(kind, method, target, List.of(), null, true, true, false);
    }

    /** A request with a body, sent as JSON. */
    static HostileRequest json(String kind, String method, String target, byte[] body) {
        return of(kind, method, target).withHeader("Content-Type", "application/json").withBody(body);
    }

    HostileRequest withHeader(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new HostileRequest(kind, method, target, List.copyOf(more), body, authorized, framed, halfClose);
    }

    HostileRequest withBody(byte[] newBody) {
        return new HostileRequest(kind, method, target, headers, newBody, authorized, framed, halfClose);
    }

    HostileRequest unauthorized() {
        return new HostileRequest(kind, method, target, headers, body, false, framed, halfClose);
    }

    /** The body goes as is, framed by the generator's own headers, and the client then stops sending. */
    HostileRequest selfFramed() {
        return new HostileRequest(kind, method, target, headers, body, authorized, false, true);
    }

    byte[] bytes(String hostPort, String apiKey) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("host"))) {
            head.append("Host: ").append(hostPort).append("\r\n");
        }
        head.append("Connection: close\r\n");
        if (authorized) {
            head.append("Authorization: Bearer ").append(apiKey).append("\r\n");
        }
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (framed && body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Everything the client sent, for telling an echo of its own input from a leak. */
    String sentText() {
        StringBuilder all = new StringBuilder(target);
        headers.forEach(h -> all.append('\n').append(h[0]).append(": ").append(h[1]));
        if (body != null) {
            all.append('\n').append(new String(body, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @Override
    public String toString() {
        String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String h = headers.stream().map(x -> x[0] + ": " + abbreviate(x[1], 80)).toList().toString();
        return kind + ": " + method + " " + abbreviate(target, 200) + " " + abbreviate(h, 400)
                + (body == null ? "" : " body(" + body.length + " bytes)=" + abbreviate(b, 200));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }
}
