package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.List;

/**
 * The RabbitMQ broker, virtual host and login a check opens an AMQP 0-9-1 connection with, validated
 * from the probe's params.
 */
record RabbitMqTarget(Endpoint server, String vhost, String user, Secret password, boolean tls) {
    static final List<String> SECRET_PARAMS = List.of("password");

    /** The IANA ports of AMQP and of AMQP over TLS. */
    private static final int AMQP_PORT = 5672;
    private static final int AMQPS_PORT = 5671;

    static RabbitMqTarget from(ProbeInput input) throws InvalidParamException {
        boolean tls = Boolean.parseBoolean(input.value("tls").orElse("false"));
        Endpoint server = Endpoint.from(input, tls ? AMQPS_PORT : AMQP_PORT);
        // Not stripped: RabbitMQ takes a vhost name as is, and "/" is the default one.
        String vhost = input.value("vhost").orElse("/");
        String user = input.value("user").orElseThrow(() -> InvalidParamException.missing("user"));
        // AMQP's PLAIN login always sends a password; an empty one is refused like a wrong one.
        Secret password = input.secret("password").orElse(Secret.of(""));
        return new RabbitMqTarget(server, vhost, user, password, tls);
    }

    /** The broker as details show it. */
    String address() {
        return server.address();
    }
}
