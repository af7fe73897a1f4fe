package io.autoconn.connectors;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.SocketConfigurators;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.GuardedSocketFactory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Checks a RabbitMQ connection: opens a real AMQP 0-9-1 connection (protocol handshake, login, opening
 * the virtual host) and closes it again. No channel is opened, so nothing on the broker changes.
 */
@Singleton
public class RabbitMqProbe extends EndpointProbe<RabbitMqTarget> {
    /** Names the client's connection threads, so a leaked one would be recognisable. */
    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "autoconn-probe-amqp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };

    private final EgressPolicy egress;

    /** With the built-in egress policy only. */
    public RabbitMqProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public RabbitMqProbe(EgressPolicy egress) {
        this.egress = egress;
    }

    @Override
    public String kind() {
        return "rabbitmq";
    }

    @Override
    RabbitMqTarget target(ProbeInput input) throws InvalidParamException {
        return RabbitMqTarget.from(input);
    }

    @Override
    ProbeResult check(RabbitMqTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        Deadline deadline = Deadline.after(timeout);
        AtomicReference<Socket> socket = new AtomicReference<>();
        ConnectionFactory factory = factory(target, deadline, socket::set);
        // The client bounds each step on its own; closing the socket ends whichever step runs at the deadline.
        try (Deadline.Alarm alarm = deadline.closeWhenPassed(() -> {
            Socket open = socket.get();
            if (open != null) {
                open.close();
            }
        })) {
            close(factory.newConnection("autoconn connection check"), deadline);
            return ProbeResult.ok();
        } catch (IOException | TimeoutException | RuntimeException e) {
            return deadline.passed() || e instanceof TimeoutException
                    ? failures.timedOut()
                    : classify(e, target, failures, scrubber);
        }
    }

    /** Success is the open connection; how its closing goes does not change the answer. */
    private static void close(Connection connection, Deadline deadline) {
        int millis = Timeouts.millis(deadline.remaining());
        try {
            connection.close(AMQP.REPLY_SUCCESS, "connection check done", millis);
        } catch (IOException | RuntimeException e) {
            connection.abort(millis); // closes the socket and ends the client's threads without waiting for the broker
        }
    }

    private ConnectionFactory factory(RabbitMqTarget target, Deadline deadline, Consumer<Socket> opened) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(target.endpoint().host());
        factory.setPort(target.endpoint().port());
        factory.setVirtualHost(target.vhost());
        factory.setUsername(target.user());
        factory.setPassword(target.password().reveal());
        int millis = Timeouts.millis(deadline.remaining());
        factory.setConnectionTimeout(millis);
        // The client waits half the handshake timeout for the broker's first frame: give it the whole budget.
        factory.setHandshakeTimeout(2 * millis);
        factory.setChannelRpcTimeout(millis);
        factory.setAutomaticRecoveryEnabled(false); // a check is one attempt; recovery would retry in the background
        factory.setTopologyRecoveryEnabled(false);
        factory.setThreadFactory(THREADS);
        factory.setExceptionHandler(new QuietExceptionHandler());
        SocketConfigurators.Builder sockets = SocketConfigurators.builder().defaultConfigurator()
                .add(opened::accept);
        if (target.tls()) {
            // The client connects TLS sockets itself, so only the checker's look-up before the probe vets
            // the address here; a plain socket is checked again on the address it connects to.
            factory.useSslProtocol(TlsContexts.jvmDefault());
            sockets.enableHostnameVerification();
        } else {
            factory.setSocketFactory(new GuardedSocketFactory(egress));
        }
        factory.setSocketConfigurator(sockets.build());
        return factory;
    }

    private static ProbeResult classify(Exception failure, RabbitMqTarget target, ConnectFailures failures,
            SecretScrubber scrubber) {
        String broker = "RabbitMQ at " + target.endpoint().address();
        if (failure instanceof PossibleAuthenticationFailureException) {
            return CheckFailure.AUTH_FAILED.result(broker + " refused the login of user \"" + target.user() + "\": "
                    + scrubber.scrub(String.valueOf(failure.getMessage())));
        }
        Optional<AMQP.Connection.Close> close = ConnectFailures.cause(failure, ShutdownSignalException.class)
                .map(ShutdownSignalException::getReason)
                .filter(AMQP.Connection.Close.class::isInstance)
                .map(AMQP.Connection.Close.class::cast);
        if (close.isPresent()) {
            return refusedOpen(close.get(), broker, target, scrubber);
        }
        if (ConnectFailures.cause(failure, MalformedFrameException.class).isPresent()) {
            // The client's own message is about its frame size limit, which would only mislead here.
            return CheckFailure.FAILED.result(target.endpoint().address()
                    + " did not answer as an AMQP 0-9-1 broker: its answer is not an AMQP frame.");
        }
        return failures.transportFailure(failure).orElseGet(() -> failures.failed(failure));
    }

    /** The broker closed the connection instead of opening the virtual host. */
    private static ProbeResult refusedOpen(AMQP.Connection.Close close, String broker, RabbitMqTarget target,
            SecretScrubber scrubber) {
        String reply = scrubber.scrub(close.getReplyText());
        if (close.getReplyCode() == AMQP.NOT_ALLOWED && reply.endsWith("not found")) {
            return CheckFailure.VHOST_NOT_FOUND.result(broker + " has no virtual host \"" + target.vhost() + "\".");
        }
        if (close.getReplyCode() == AMQP.NOT_ALLOWED) {
            // "access to vhost 'x' refused for user 'y'": the login worked, but the user has no permissions there.
            return CheckFailure.AUTH_FAILED.result(broker + " does not let user \"" + target.user()
                    + "\" use virtual host \"" + target.vhost() + "\": " + reply);
        }
        return CheckFailure.FAILED.result(broker + " closed the connection: " + reply
                + " (reply code " + close.getReplyCode() + ").");
    }

    /**
     * The client's default handler logs every broken connection at WARN or ERROR; a check reports its
     * failure in its result instead, so these log lines would only repeat it.
     */
    private static final class QuietExceptionHandler extends ForgivingExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
            // reported by the check's result
        }

        @Override
        protected void log(String message, Throwable e) {
            // reported by the check's result
        }
    }
}
