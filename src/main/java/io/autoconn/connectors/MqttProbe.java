package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.GuardedSocketFactory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * Checks an MQTT connection: sends a real MQTT 3.1.1 CONNECT with a clean session, the client id and
 * the credentials, reads the broker's CONNACK, and disconnects. Nothing is published or subscribed, so
 * the broker keeps no state from the check.
 *
 * <p>It speaks the two packets itself rather than through Eclipse Paho: Paho 1.2.5, the last release of
 * its MQTT 3 client, leaves a non-daemon thread spinning forever for every connection to a server that
 * speaks first (an SSH or NATS server on the port, say), and it counts its timeouts in whole seconds.
 */
@Singleton
public class MqttProbe extends EndpointProbe<MqttTarget> {
    /** CONNACK return codes 1 to 5 (MQTT 3.1.1, table 3.1) and what they mean for the check. */
    private static final Map<Integer, CheckFailure> REFUSALS = Map.of(
            1, CheckFailure.FAILED,
            2, CheckFailure.INVALID_PARAMS,
            3, CheckFailure.FAILED,
            4, CheckFailure.AUTH_FAILED,
            5, CheckFailure.AUTH_FAILED);
    private static final Map<Integer, String> REFUSAL_REASONS = Map.of(
            1, "it does not accept MQTT 3.1.1",
            2, "it does not accept the client id",
            3, "the MQTT service is unavailable",
            4, "bad user name or password",
            5, "not authorized");

    /** Its sockets check the egress policy on the address they connect to, after the last DNS lookup. */
    private final GuardedSocketFactory sockets;

    /** With the built-in egress policy only. */
    public MqttProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public MqttProbe(EgressPolicy egress) {
        this.sockets = new GuardedSocketFactory(egress);
    }

    @Override
    public String kind() {
        return "mqtt";
    }

    @Override
    MqttTarget target(ProbeInput input) throws InvalidParamException {
        return MqttTarget.from(input);
    }

    @Override
    ProbeResult check(MqttTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        Deadline deadline = Deadline.after(timeout);
        Socket plain = sockets.createSocket();
        // Connect, handshake and reads each have a timeout; closing the socket bounds them all together.
        try (plain; Deadline.Alarm alarm = deadline.closeWhenPassed(plain)) {
            plain.connect(new InetSocketAddress(target.endpoint().host(), target.endpoint().port()),
                    Timeouts.millis(deadline.remaining()));
            plain.setSoTimeout(Timeouts.millis(deadline.remaining())); // a TLS socket on top reads through this one
            Socket socket = plain;
            if (target.tls()) {
                try {
                    socket = tls(plain, target);
                } catch (IOException e) {
                    return deadline.passed() ? failures.timedOut() : handshakeFailed(e, target, failures);
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(MqttPackets.connect(target));
            out.flush();
            int returnCode = MqttPackets.readConnackReturnCode(socket.getInputStream());
            if (returnCode != 0) {
                return refused(returnCode, target);
            }
            // So the broker logs a normal end rather than a lost client.
            out.write(MqttPackets.DISCONNECT);
            out.flush();
            return ProbeResult.ok();
        } catch (IOException e) {
            return deadline.passed() ? failures.timedOut() : classify(e, target, failures);
        }
    }

    private static Socket tls(Socket plain, MqttTarget target) throws IOException {
        // The host name is what SNI sends and what the certificate must name.
        SSLSocket socket = (SSLSocket) TlsContexts.verifyingHostNames().getSocketFactory()
                .createSocket(plain, target.endpoint().host(), target.endpoint().port(), true);
        socket.startHandshake();
        return socket;
    }

    /**
     * A server without TLS on the port usually just drops the connection on the client's hello, which
     * the TLS layer reports as a reset or closed socket rather than as a TLS error.
     */
    private static ProbeResult handshakeFailed(IOException failure, MqttTarget target, ConnectFailures failures) {
        return failures.transportFailure(failure).orElseGet(() -> CheckFailure.TLS.result(target.endpoint().address()
                + " closed the connection during the TLS handshake (" + failure.getMessage()
                + "): does it serve MQTT over TLS on this port?"));
    }

    private static ProbeResult refused(int returnCode, MqttTarget target) {
        CheckFailure failure = REFUSALS.getOrDefault(returnCode, CheckFailure.FAILED);
        String reason = REFUSAL_REASONS.getOrDefault(returnCode, "an unknown reason");
        String detail = "The MQTT broker at " + target.endpoint().address() + " refused the connection: " + reason
                + " (CONNACK return code " + returnCode + ")";
        return failure.result(switch (returnCode) {
            case 2 -> detail + " for client id \"" + target.clientId() + "\".";
            case 4, 5 -> detail + target.username().map(user -> " for user \"" + user + "\".")
                    .orElse(" for a client without a user name.");
            default -> detail + ".";
        });
    }

    private static ProbeResult classify(IOException failure, MqttTarget target, ConnectFailures failures) {
        if (failure instanceof MqttPackets.NotMqttException) {
            return CheckFailure.FAILED.result(target.endpoint().address() + " did not answer as an MQTT broker: "
                    + failure.getMessage() + " instead of a CONNACK.");
        }
        if (failure instanceof EOFException) {
            return CheckFailure.FAILED.result(target.endpoint().address()
                    + " closed the connection without answering the MQTT CONNECT: is this an MQTT broker"
                    + (target.tls() ? "?" : ", and does it serve MQTT without TLS on this port?"));
        }
        return failures.transportFailure(failure).orElseGet(() -> failures.failed(failure));
    }
}
