package io.autoconn.connectors;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the connector files named in {@code connectors/index.txt} on the classpath and checks each
 * one; a bad file stops the start with a message naming the file and the problem.
 */
final class ConnectorFileLoader {
    static final String DIRECTORY = "connectors/";
    static final String INDEX = DIRECTORY + "index.txt";

    private final JsonMapper json;
    private final Set<String> probeKinds;

    ConnectorFileLoader(JsonMapper json, Set<String> probeKinds) {
        this.json = json;
        this.probeKinds = probeKinds;
    }

    List<ConnectorDefinition> loadAll() {
        List<ConnectorDefinition> connectors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String file : read(INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            ConnectorDefinition connector = parse(file);
            if (!ids.add(connector.id())) {
                throw new InvalidConnectorFile(file, "connector id " + connector.id() + " is used by another file");
            }
            connectors.add(connector);
        }
        return List.copyOf(connectors);
    }

    private ConnectorDefinition parse(String file) {
        ConnectorDefinition connector;
        try {
            connector = json.readValue(read(DIRECTORY + file), ConnectorDefinition.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConnectorFile(file, "not a valid connector definition: " + e.getMessage());
        }
        validate(file, connector);
        return connector;
    }

    private void validate(String file, ConnectorDefinition c) {
        requireUuid(file, "id", c.id());
        if (c.name() == null || c.name().isBlank()) {
            throw new InvalidConnectorFile(file, "name is required");
        }
        if (c.oauth2() != null) {
            validateOAuth2(file, c);
        } else if (c.check() == null || !probeKinds.contains(c.check().probe())) {
            throw new InvalidConnectorFile(file, "check.probe must be one of " + probeKinds);
        }
        Set<String> paramIds = new HashSet<>();
        Set<String> paramNames = new HashSet<>();
        for (ParamDefinition p : c.params()) {
            requireUuid(file, "param id", p.id());
            if (!paramIds.add(p.id()) || !paramNames.add(p.name())) {
                throw new InvalidConnectorFile(file, "param " + p.name() + " (" + p.id() + ") is declared twice");
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
                requireUuid(file, "option id", option.id());
                if (!optionIds.add(option.id())) {
                    throw new InvalidConnectorFile(file, "param " + p.name() + " declares option id " + option.id() + " twice");
                }
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

    static final class InvalidConnectorFile extends RuntimeException {
        InvalidConnectorFile(String file, String problem) {
            super("Connector file " + file + ": " + problem);
        }
    }
}
