package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Builds probe inputs for tests: base params plus overrides, where a null override removes a param. */
final class TestParams {
    /** A secret every failing check is given, so that tests can assert no detail ever shows it. */
    static final String CANARY = "S3cr3t-Canary-123";

    /** The secret params of the connectors under test. */
    private static final Set<String> SECRET_PARAMS = Set.of("password", "token");

    private final Map<String, String> plain;
    private final Map<String, String> secrets;

    private TestParams(Map<String, String> plain, Map<String, String> secrets) {
        this.plain = plain;
        this.secrets = secrets;
    }

    static TestParams of(Map<String, String> plain, Map<String, String> secrets) {
        return new TestParams(Map.copyOf(plain), Map.copyOf(secrets));
    }

    /** These params with {@code overrides}: name, value pairs; a null value removes the param. */
    ProbeInput with(String... overrides) {
        Map<String, String> plainValues = new HashMap<>(plain);
        Map<String, Secret> secretValues = new HashMap<>();
        secrets.forEach((name, value) -> secretValues.put(name, Secret.of(value)));
        for (int i = 0; i < overrides.length; i += 2) {
            String name = overrides[i];
            String value = overrides[i + 1];
            if (SECRET_PARAMS.contains(name)) {
                put(secretValues, name, value == null ? null : Secret.of(value));
            } else {
                put(plainValues, name, value);
            }
        }
        return new ProbeInput(plainValues, secretValues);
    }

    private static <V> void put(Map<String, V> values, String name, V value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
