package io.autoconn.connectors;

import io.autoconn.secrets.Secret;

/**
 * The RabbitMQ broker, virtual host and login a check opens an AMQP 0-9-1 connection with, validated
 * from the probe's params.
 */
record RabbitMqTarget(Endpoint endpoint, String vhost, String user, Secret password, boolean tls)
        implements EndpointProbe.Target {

    /** The IANA ports of AMQP and of AMQP over TLS. */
    private static final int AMQP_PORT = 5672;
    private static final int AMQPS_PORT = 5671;

    static RabbitMqTarget from(ProbeInput input) throws InvalidParamException {
        boolean tls = ParamValues.flag(input, "tls", false);
        Endpoint endpoint = Endpoint.from(input, tls ? AMQPS_PORT : AMQP_PORT);
        // Not stripped: RabbitMQ takes a vhost name as is, and "/" is the default one.
        String vhost = input.value("vhost").orElse("/");
        String user = input.value("user").orElseThrow(() -> InvalidParamException.missing("user"));
        // AMQP's PLAIN login always sends a password; an empty one is refused like a wrong one.
        Secret password = input.secret("password").orElse(Secret.of(""));
        return new RabbitMqTarget(endpoint, vhost, user, password, tls);
    }
}
