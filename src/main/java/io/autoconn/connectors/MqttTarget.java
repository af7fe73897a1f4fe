package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The MQTT broker, client id and login a check connects with, validated from the probe's params. */
record MqttTarget(Endpoint endpoint, boolean tls, String clientId, Optional<String> username,
                  Optional<Secret> password) implements EndpointProbe.Target {
    /** The IANA ports of MQTT and of MQTT over TLS. */
    private static final int MQTT_PORT = 1883;
    private static final int MQTTS_PORT = 8883;
    /** MQTT 3.1.1 lets brokers refuse longer client ids (and some do), so the generated one fits. */
    private static final int PORTABLE_CLIENT_ID_LENGTH = 23;
    /** The length field of an MQTT string is two bytes. */
    private static final int MAX_STRING_BYTES = 65535;

    static MqttTarget from(ProbeInput input) throws InvalidParamException {
        boolean tls = ParamValues.flag(input, "tls", false);
        Endpoint endpoint = Endpoint.from(input, tls ? MQTTS_PORT : MQTT_PORT);
        String clientId = fitting("clientId", input.value("clientId").orElseGet(MqttTarget::checkClientId));
        Optional<String> username = input.value("username");
        if (username.isPresent()) {
            fitting("username", username.get());
        }
        Optional<Secret> password = input.secret("password");
        if (password.isPresent()) {
            fitting("password", password.get().reveal());
        }
        if (password.isPresent() && username.isEmpty()) {
            // MQTT 3.1.1 (section 3.1.2.9) sends a password only after a user name.
            throw new InvalidParamException("Param 'password' needs param 'username': MQTT sends no password alone.");
        }
        return new MqttTarget(endpoint, tls, clientId, username, password);
    }

    /** The value, if it fits in an MQTT string; the message never quotes it. */
    private static String fitting(String param, String value) throws InvalidParamException {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            throw new InvalidParamException("Param '" + param + "' must be at most 65535 bytes long.");
        }
        return value;
    }

    /**
     * A fresh id for each check: a broker disconnects the client already connected with the same id,
     * so a fixed id could throw the automation's own client off.
     */
    private static String checkClientId() {
        String prefix = "autoconn-check-";
        byte[] random = new byte[(PORTABLE_CLIENT_ID_LENGTH - prefix.length()) / 2];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
