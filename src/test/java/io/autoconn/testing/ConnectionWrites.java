package io.autoconn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Connections of the HTTP API connector written by the fault tests, and how to tell afterwards whether each
 * write happened whole. Every write carries a name of its own, so a stored name, or the name an audit event
 * recorded, points at the one write it came from. Checks aim at a port nothing listens on: they fail at once,
 * locally, and the connection is saved not connected.
 */
public final class ConnectionWrites {
    public static final String HTTP_API = "67031468-9f41-4068-9de8-95d3dd29dfb4";
    public static final String TOKEN_PARAM = "bfcf6b02-e587-4a45-bf5d-49373dd05741";
    private static final String CONNECTION_EVENTS = "/api/v1/audits?limit=100&source="
            + URLEncoder.encode("com.qlik/automation-connections", StandardCharsets.UTF_8);

    private final String refusedUrl;

    public ConnectionWrites() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A create request: a bearer token, a secret the server encrypts. */
    public Map<String, Object> create(String name, String token) {
        return Map.of("connectorId", HTTP_API, "name", name, "params", List.of(
                Map.of("name", "baseUrl", "value", refusedUrl),
                Map.of("name", "authType", "value", "bearer"),
                Map.of("name", "token", "value", token)));
    }

    /** An update (PUT): a new name, and a new token unless {@code token} is null. */
    public static Map<String, Object> update(String name, String token) {
        return token == null ? Map.of("name", name)
                : Map.of("name", name, "params", List.of(Map.of("id", TOKEN_PARAM, "value", token)));
    }

    /** Every connection the caller owns: id to name. */
    public static Map<String, String> names(ApiCaller owner) throws IOException, InterruptedException {
        return owner.all("/api/v1/automation-connections?limit=100").stream()
                .collect(Collectors.toMap(c -> (String) c.get("id"), c -> (String) c.get("name")));
    }

    /** The stored bearer token of a connection, decrypted by the server (the credentials action). */
    @SuppressWarnings("unchecked")
    public static String token(ApiCaller runtime, String id) throws IOException, InterruptedException {
        var response = runtime.send("POST", "/api/v1/automation-connections/" + id + "/actions/credentials", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("credentials of " + id + ": " + response.statusCode() + " " + response.body());
        }
        return ((List<Map<String, Object>>) ApiCaller.json(response).get("params")).stream()
                .filter(p -> "token".equals(p.get("name"))).map(p -> (String) p.get("value")).findFirst().orElse(null);
    }

    /** A new key of the caller's allowed to read credentials, as the automation runtime reads them. */
    public static String runtimeKey(ApiCaller admin) throws IOException, InterruptedException {
        var response = admin.send("POST", "/api/v1/api-keys",
                Map.of("description", "fault test", "scopes", List.of("automation-connections:credentials")));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("runtime key: " + response.statusCode() + " " + response.body());
        }
        return (String) ApiCaller.json(response).get("token");
    }

    /** A connection's created and updated events, as the audit trail recorded them. */
    public record Audited(List<String> createdNames, List<String> updatedNames) {
    }

    /** The audit trail of connections, read by a TenantAdmin, per connection id. */
    @SuppressWarnings("unchecked")
    public static Map<String, Audited> trail(ApiCaller admin) throws IOException, InterruptedException {
        Map<String, Audited> trail = new HashMap<>();
        for (Map<String, Object> event : admin.all(CONNECTION_EVENTS)) {
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            Audited audited = trail.computeIfAbsent((String) data.get("resourceId"),
                    id -> new Audited(new ArrayList<>(), new ArrayList<>()));
            String type = (String) event.get("eventType");
            if (type.endsWith(".created")) {
                audited.createdNames().add((String) data.get("name"));
            } else if (type.endsWith(".updated")) {
                audited.updatedNames().add((String) data.get("name"));
            }
        }
        return trail;
    }

    /**
     * Where the connections and their audit events do not pair up, since a change and its event commit
     * together: a connection without exactly one created event, a current name no event of its own recorded
     * (a change without its event), or a created event of a connection that is not there (an event without
     * its change; the fault tests delete nothing).
     */
    public static List<String> unpaired(Map<String, String> names, Map<String, Audited> trail) {
        List<String> problems = new ArrayList<>();
        names.forEach((id, name) -> {
            Audited audited = trail.getOrDefault(id, new Audited(List.of(), List.of()));
            if (audited.createdNames().size() != 1) {
                problems.add(id + " has " + audited.createdNames().size() + " created events");
            }
            if (!audited.createdNames().contains(name) && !audited.updatedNames().contains(name)) {
                problems.add(id + " is named '" + name + "' but no event of it recorded that name");
            }
        });
        trail.forEach((id, audited) -> {
            if (!names.containsKey(id) && !audited.createdNames().isEmpty()) {
                problems.add("created event of " + id + " (" + audited.createdNames() + ") but no such connection");
            }
        });
        return problems;
    }
}
