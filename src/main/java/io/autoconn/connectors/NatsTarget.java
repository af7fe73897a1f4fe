package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The NATS server and credentials a check connects with, validated from the probe's params: a user and
 * password, a token, or neither (a server without authentication).
 */
record NatsTarget(Endpoint endpoint, boolean tls, Optional<String> user, Optional<Secret> password,
                  Optional<Secret> token) implements EndpointProbe.Target {
    static final List<String> SECRET_PARAMS = List.of("password", "token");

    /** NATS uses one port for plain and TLS connections: the server upgrades after its INFO. */
    private static final int NATS_PORT = 4222;

    static NatsTarget from(ProbeInput input) throws InvalidParamException {
        boolean tls = ParamValues.flag(input, "tls", false);
        Endpoint endpoint = Endpoint.from(input, NATS_PORT);
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
        return new NatsTarget(endpoint, tls, user, password, token);
    }

    /** The server as the client library takes it; {@code tls://} makes the client insist on TLS. */
    String serverUrl() {
        return (tls ? "tls://" : "nats://") + endpoint.address();
    }
}
