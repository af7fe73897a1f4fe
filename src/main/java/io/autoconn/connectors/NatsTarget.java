package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The NATS server and credentials a check connects with, validated from the probe's params: a user and
 * password, a token, or neither (a server without authentication).
 */
record NatsTarget(Endpoint server, boolean tls, Optional<String> user, Optional<Secret> password,
                  Optional<Secret> token) {
    static final List<String> SECRET_PARAMS = List.of("password", "token");

    /** NATS uses one port for plain and TLS connections: the server upgrades after its INFO. */
    private static final int NATS_PORT = 4222;

    static NatsTarget from(ProbeInput input) throws InvalidParamException {
        boolean tls = Boolean.parseBoolean(input.value("tls").orElse("false"));
        Endpoint server = Endpoint.from(input, NATS_PORT);
        Optional<String> user = input.value("user");
        Optional<Secret> password = input.secret("password");
        Optional<Secret> token = input.secret("token");
        if (token.isPresent() && (user.isPresent() || password.isPresent())) {
            throw new InvalidParamException(
                    "Give either param 'token' or params 'user' and 'password', not both: a NATS server checks one.");
        }
        if (password.isPresent() && user.isEmpty()) {
            throw new InvalidParamException("Param 'password' needs param 'user'.");
        }
        return new NatsTarget(server, tls, user, password, token);
    }

    /** The server as details show it. */
    String address() {
        return server.address();
    }

    /** The server as the client library takes it; {@code tls://} makes the client insist on TLS. */
    String serverUrl() {
        return (tls ? "tls://" : "nats://") + server.address();
    }
}
