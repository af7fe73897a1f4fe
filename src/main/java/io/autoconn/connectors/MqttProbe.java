package io.autoconn.connectors;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Checks an MQTT connection: sends a real MQTT 3.1.1 CONNECT with the stored client id and credentials,
 * reads the broker's CONNACK and disconnects. The session is clean and nothing is published or
 * subscribed, so the broker keeps no state from the check.
 */
@Singleton
public class MqttProbe implements Probe {
    @Override
    public String kind() {
        return "mqtt";
    }

    @Override
    public ProbeResult check(ProbeInput input, Duration timeout) {
        SecretScrubber scrubber = SecretScrubber.of(input, MqttTarget.SECRET_PARAMS);
        return ConnectFailures.guard(scrubber, () -> {
            MqttTarget target = MqttTarget.from(input);
            Deadline deadline = Deadline.after(timeout);
            return connect(target, deadline, new ConnectFailures(target.address(), timeout, scrubber), scrubber);
        });
    }

    private static ProbeResult connect(MqttTarget target, Deadline deadline, ConnectFailures failures,
            SecretScrubber scrubber) throws InvalidParamException {
        MqttAsyncClient client = client(target);
        try {
            // The async client, because its wait takes milliseconds where the blocking one takes whole seconds.
            IMqttToken connecting = client.connect(options(target, deadline));
            connecting.waitForCompletion(deadline.remainingMillis());
            // A DISCONNECT packet, so the broker logs a normal end instead of a lost client.
            client.disconnect(0).waitForCompletion(deadline.remainingMillis());
            return ProbeResult.ok();
        } catch (MqttException e) {
            return deadline.passed() ? failures.timedOut() : classify(e, target, failures, scrubber);
        } finally {
            release(client);
        }
    }

    private static MqttAsyncClient client(MqttTarget target) throws InvalidParamException {
        try {
            // In memory: the default persistence writes files into the working directory.
            return new MqttAsyncClient(target.serverUri(), target.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            // The URI is built from a validated host and port, so only the client id can be refused here.
            throw new InvalidParamException("Param 'clientId' is not a valid MQTT client id: " + e.getMessage());
        }
    }

    private static MqttConnectOptions options(MqttTarget target, Deadline deadline) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // no silent retry with MQTT 3.1
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(0); // no ping thread for a connection that lives milliseconds
        // Whole seconds, rounded up; it bounds the TCP connect and the TLS handshake, the wait above the rest.
        options.setConnectionTimeout((int) Math.max(1, (deadline.remaining().toMillis() + 999) / 1000));
        target.username().ifPresent(options::setUserName);
        target.password().ifPresent(password -> options.setPassword(password.reveal().toCharArray()));
        if (target.tls()) {
            options.setSocketFactory(TlsContexts.jvmDefault().getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    private static ProbeResult classify(MqttException failure, MqttTarget target, ConnectFailures failures,
            SecretScrubber scrubber) {
        String broker = "The MQTT broker at " + target.address();
        return switch (failure.getReasonCode()) {
            // CONNACK return codes 4 and 5; Mosquitto answers a wrong password with 5.
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> CheckFailure.AUTH_FAILED.result(
                    broker + " refused the connection: bad user name or password (CONNACK return code 4)" + as(target));
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> CheckFailure.AUTH_FAILED.result(
                    broker + " refused the connection: not authorized (CONNACK return code 5)" + as(target));
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> CheckFailure.INVALID_PARAMS.result(
                    broker + " refused the client id \"" + target.clientId() + "\" (CONNACK return code 2).");
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> CheckFailure.FAILED.result(
                    broker + " does not accept MQTT 3.1.1 (CONNACK return code 1).");
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> CheckFailure.FAILED.result(
                    broker + " is unavailable (CONNACK return code 3).");
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> failures.timedOut();
            default -> failures.transportFailure(failure)
                    .or(() -> tlsHandshakeCut(failure, target))
                    .orElseGet(() -> failures.failed(failure));
        };
    }

    private static String as(MqttTarget target) {
        return target.username().map(user -> " for user \"" + user + "\".").orElse(" for an anonymous client.");
    }

    /**
     * A broker that does not speak TLS on the port closes the connection on the client's hello: the
     * client then reports a reset socket, not a TLS error, from the step that opens the connection.
     */
    private static Optional<ProbeResult> tlsHandshakeCut(MqttException failure, MqttTarget target) {
        if (target.tls() && failure.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                && failure.getCause() instanceof IOException) {
            return Optional.of(CheckFailure.TLS.result(target.address()
                    + " closed the connection during the TLS handshake (" + failure.getCause().getMessage()
                    + "): does this port serve MQTT over TLS?"));
        }
        return Optional.empty();
    }

    /** Stops the client's threads and closes its socket, whatever state the attempt ended in. */
    private static void release(MqttAsyncClient client) {
        try {
            client.disconnectForcibly(0, 0, false); // also ends a connect still in progress
        } catch (MqttException e) {
            // closed below regardless
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing is left to close
        }
    }
}
