package io.autoconn.connectors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Reads the connector files: those named in {@code connectors/index.txt} on the classpath (shipped),
 * then every {@code *.json} file of the operator's connectors directory ({@code AUTOCONN_CONNECTORS_DIR}),
 * and checks each one; a bad file stops the start with a message naming the file and the problem.
 */
final class ConnectorFileLoader {
    static final String DIRECTORY = "connectors/";
    static final String INDEX = DIRECTORY + "index.txt";
    /** Fields every file has; {@code check} too, except an OAuth2 connector's (checked through its tokens). */
    private static final List<String> REQUIRED_FIELDS = List.of("id", "name", "params");
    /**
     * The containers of a connector file by path ({@code []} for any item), checked before binding so that
     * a wrong one is reported by its path: the binder would only say which JSON token it did not expect.
     */
    private static final Map<String, Boolean> CONTAINERS = containers(); // path -> is it an array

    private final JsonMapper json;
    private final Set<String> probeKinds;

    ConnectorFileLoader(JsonMapper json, Set<String> probeKinds) {
        this.json = json;
        this.probeKinds = probeKinds;
    }

    /** The shipped connectors only. */
    List<ConnectorDefinition> loadAll() {
        return loadAll(null);
    }

    /** The shipped connectors, then those of {@code directory} when it is given. */
    List<ConnectorDefinition> loadAll(@Nullable Path directory) {
        List<ConnectorDefinition> connectors = new ArrayList<>();
        Map<String, String> sources = new HashMap<>(); // connector id -> the file it came from
        Set<String> shipped = new HashSet<>();
        for (String file : read(INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            ConnectorDefinition connector = parse(file, read(DIRECTORY + file));
            claim(sources, connector, file, "is used by another file: " + sources.get(connector.id()));
            shipped.add(connector.id());
            connectors.add(connector);
        }
        if (directory != null) {
            for (Path path : jsonFiles(directory)) {
                String file = path.toString();
                ConnectorDefinition connector = parse(file, readFile(path));
                claim(sources, connector, file, shipped.contains(connector.id())
                        ? "is the id of the shipped connector " + sources.get(connector.id()) + "; a file of the "
                                + "connectors directory cannot replace a shipped connector (connections made from it "
                                + "would change meaning): give yours its own ids"
                        : "is used by another file: " + sources.get(connector.id()));
                connectors.add(connector);
            }
        }
        return List.copyOf(connectors);
    }

    private static void claim(Map<String, String> sources, ConnectorDefinition connector, String file, String taken) {
        if (sources.putIfAbsent(connector.id(), file) != null) {
            throw new InvalidConnectorFile(file, "connector id " + connector.id() + " " + taken);
        }
    }

    /** The directory's {@code *.json} files, by name so that the load order (and its errors) are stable. */
    private static List<Path> jsonFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidConnectorFile(directory.toString(),
                    "the connectors directory (AUTOCONN_CONNECTORS_DIR) does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidConnectorFile(directory.toString(), "cannot list the connectors directory: " + e.getMessage());
        }
    }

    private ConnectorDefinition parse(String file, String text) {
        JsonNode tree;
        try {
            tree = json.readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConnectorFile(file, "not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidConnectorFile(file, "must hold one JSON object");
        }
        for (String field : REQUIRED_FIELDS) {
            if (tree.get(field) == null || tree.get(field).isNull()) {
                throw new InvalidConnectorFile(file, "the field '" + field + "' is missing"
                        + (field.equals("params") ? " (use [] for a connector without params)" : ""));
            }
        }
        checkContainers(file, "", tree);
        ConnectorDefinition connector;
        try {
            connector = json.readValueFromTree(tree, ConnectorDefinition.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConnectorFile(file, "not a valid connector definition: " + e.getMessage());
        }
        validate(file, connector);
        return connector;
    }

    private static Map<String, Boolean> containers() {
        Map<String, Boolean> containers = new HashMap<>();
        for (String array : List.of("params", "params[].options", "check.http.hostParams", "check.http.auth",
                "check.http.errorMessage", "oauth2.scopes")) {
            containers.put(array, true);
        }
        for (String object : List.of("params[]", "params[].options[]", "oauth2", "check", "check.http", "check.http.query",
                "check.http.headers", "check.http.auth[]", "check.http.body", "check.http.body.form")) {
            containers.put(object, false);
        }
        for (String expectation : List.of("check.http.expect", "check.http.authFailure")) {
            containers.put(expectation, false);
            containers.put(expectation + ".status", true);
            containers.put(expectation + ".json", true);
            containers.put(expectation + ".json[]", false);
            containers.put(expectation + ".json[].oneOf", true);
        }
        return Map.copyOf(containers);
    }

    private static void checkContainers(String file, String path, JsonNode node) {
        Boolean array = CONTAINERS.get(path);
        if (array != null && !node.isNull() && (array ? !node.isArray() : !node.isObject())) {
            throw new InvalidConnectorFile(file, path + " must be a JSON " + (array ? "array" : "object"));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.entries()) {
                checkContainers(file, path.isEmpty() ? member.getKey() : path + "." + member.getKey(), member.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node.values()) {
                checkContainers(file, path + "[]", item);
            }
        }
    }

    private void validate(String file, ConnectorDefinition c) {
        requireUuid(file, "id", c.id());
        if (c.name() == null || c.name().isBlank()) {
            throw new InvalidConnectorFile(file, "name is required");
        }
        validateParams(file, c);
        validateCheck(file, c);
    }

    private static void validateParams(String file, ConnectorDefinition c) {
        Set<String> paramIds = new HashSet<>();
        Set<String> paramNames = new HashSet<>();
        for (ParamDefinition p : c.params()) {
            if (p == null || p.name() == null || p.name().isBlank()) {
                throw new InvalidConnectorFile(file, "every param needs a name");
            }
            requireUuid(file, "param " + p.name() + ": id", p.id());
            if (!paramIds.add(p.id())) {
                throw new InvalidConnectorFile(file, "param id " + p.id() + " is declared twice");
            }
            if (!paramNames.add(p.name())) {
                throw new InvalidConnectorFile(file, "param name " + p.name() + " is declared twice");
            }
            if (FieldType.fromWireName(p.fieldType()).isEmpty()) {
                throw new InvalidConnectorFile(file, "param " + p.name() + " has fieldType '" + p.fieldType()
                        + "'; allowed: " + FieldType.wireNames());
            }
            if ((p.type() == FieldType.ENUM) == p.options().isEmpty()) {
                throw new InvalidConnectorFile(file, "param " + p.name() + ": options are required for enum params and only for them");
            }
            Set<String> optionIds = new HashSet<>();
            for (ParamOption option : p.options()) {
                requireUuid(file, "param " + p.name() + ": option id", option.id());
                if (!optionIds.add(option.id())) {
                    throw new InvalidConnectorFile(file, "param " + p.name() + " declares option id " + option.id() + " twice");
                }
            }
        }
    }

    private void validateCheck(String file, ConnectorDefinition c) {
        if (c.oauth2() != null) {
            validateOAuth2(file, c);
            return;
        }
        ConnectorDefinition.CheckSpec check = c.check();
        if (check == null) {
            throw new InvalidConnectorFile(file, "the field 'check' is missing (or 'oauth2', for an OAuth2 connector)");
        }
        if ((check.probe() == null) == (check.http() == null)) {
            throw new InvalidConnectorFile(file, "check needs exactly one of probe (a built-in probe: " + probeKinds
                    + ") and http (a request template)");
        }
        if (check.probe() != null && !probeKinds.contains(check.probe())) {
            throw new InvalidConnectorFile(file, "check.probe '" + check.probe() + "' is not a built-in probe; use one of "
                    + probeKinds + ", or describe the request in check.http");
        }
        if (check.http() != null) {
            try {
                HttpTemplateProbe.validate(c, json);
            } catch (InvalidTemplateException e) {
                throw new InvalidConnectorFile(file, e.getMessage());
            }
        }
    }

    /** An OAuth2 connector is checked by its token and userinfo request, so it declares no probe. */
    private static void validateOAuth2(String file, ConnectorDefinition c) {
        OAuth2Spec o = c.oauth2();
        if (c.check() != null) {
            throw new InvalidConnectorFile(file, "a connector with oauth2 is checked through its tokens: no check.probe");
        }
        if (!OAuth2Spec.AUTHORIZATION_CODE.equals(o.grant()) && !OAuth2Spec.CLIENT_CREDENTIALS.equals(o.grant())) {
            throw new InvalidConnectorFile(file, "oauth2.grant must be authorization_code or client_credentials");
        }
        if (o.tokenUrl() == null || (o.authorizationCode() && o.authorizeUrl() == null)) {
            throw new InvalidConnectorFile(file, "oauth2 needs tokenUrl" + (o.authorizationCode() ? " and authorizeUrl" : ""));
        }
        requireParam(file, c, "oauth2.clientIdParam", o.clientIdParam(), false);
        if (o.clientSecretParam() != null) {
            requireParam(file, c, "oauth2.clientSecretParam", o.clientSecretParam(), true);
        }
        List<String> templates = new ArrayList<>(o.scopes());
        templates.addAll(java.util.Arrays.asList(o.authorizeUrl(), o.tokenUrl(), o.userinfoUrl()));
        for (String url : templates) {
            for (String name : OAuth2Spec.placeholders(url)) {
                requireParam(file, c, "the placeholder in " + url, name, false);
            }
        }
    }

    private static void requireParam(String file, ConnectorDefinition c, String what, String name, boolean secret) {
        ParamDefinition p = name == null ? null : c.paramByName(name).orElse(null);
        if (p == null || p.secret() != secret) {
            throw new InvalidConnectorFile(file, what + " must name a declared " + (secret ? "password" : "non-secret")
                    + " param, not '" + name + "'");
        }
    }

    private static void requireUuid(String file, String what, String value) {
        try {
            if (value == null || !UUID.fromString(value).toString().equals(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectorFile(file, what + " '" + value + "' is not a lower-case UUID");
        }
    }

    private static String read(String resource) {
        try (InputStream in = ConnectorFileLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidConnectorFile(resource, "not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConnectorFile(path.toString(), "cannot be read: " + e.getMessage());
        }
    }

    static final class InvalidConnectorFile extends RuntimeException {
        InvalidConnectorFile(String file, String problem) {
            super("Connector file " + file + ": " + problem);
        }
    }
}
